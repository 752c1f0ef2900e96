import { ElMessage } from 'element-plus'
import { i18n } from './i18n/index.js'

const CJK = /[\u3400-\u9fff]/

/**
 * What to tell a person about a failed call: the service's own explanation (problem detail, in
 * the language asked for) when there is one, else a plain sentence for the status. Field errors
 * the detail does not already say are added, each under the label the form shows for it
 * (`labels`: field → label). On a Chinese page a field message without any Chinese is left out:
 * services repeat their (localised) detail there in English for the field's sake, and the
 * detail already says it.
 */
export function describeError(error, t = i18n.global.t, labels = {}) {
  if (!error) return ''
  if (error.status === 401) return t('auth.expired')
  const chinese = String(i18n.global.locale.value || '').startsWith('zh')
  const fields = (error.errors || [])
    .filter((e) => e.message && (!chinese || CJK.test(e.message)))
    .map((e) => (e.field ? `${labels[e.field] || e.field}：${e.message}` : e.message))
  const base = error.detail || t(`errors.${error.status in STATUS ? error.status : 'generic'}`)
  const unsaid = fields.filter((f) => !base.includes(f))
  return unsaid.length ? `${base}（${unsaid.join('；')}）` : base
}

const STATUS = { 0: 1, 400: 1, 401: 1, 403: 1, 404: 1, 409: 1, 413: 1, 415: 1, 422: 1, 429: 1, 500: 1, 503: 1 }

export function showError(error) {
  ElMessage({ type: 'error', message: describeError(error), showClose: true, duration: 6000 })
}
