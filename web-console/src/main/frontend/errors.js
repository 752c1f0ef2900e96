import { ElMessage } from 'element-plus'
import { i18n } from './i18n/index.js'

/**
 * What to tell a person about a failed call: the service's own explanation (problem detail, in
 * the language asked for) when there is one, else a plain sentence for the status.
 */
export function describeError(error, t = i18n.global.t) {
  if (!error) return ''
  if (error.status === 401) return t('auth.expired')
  const fields = (error.errors || [])
    .map((e) => (e.field ? `${e.field}：${e.message}` : e.message))
    .filter(Boolean)
  const base = error.detail || t(`errors.${error.status in STATUS ? error.status : 'generic'}`)
  return fields.length && !fields.some((f) => base.includes(f)) ? `${base}（${fields.join('；')}）` : base
}

const STATUS = { 0: 1, 400: 1, 401: 1, 403: 1, 404: 1, 409: 1, 413: 1, 422: 1, 429: 1, 500: 1, 503: 1 }

export function showError(error) {
  ElMessage({ type: 'error', message: describeError(error), showClose: true, duration: 6000 })
}
