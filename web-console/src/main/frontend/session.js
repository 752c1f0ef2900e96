import { reactive } from 'vue'
import { me } from './api/endpoints.js'

/** Who is logged in, from GET /api/me (null when the gateway has no session). */
export const session = reactive({ me: null, loaded: false, error: null })

let pending = null

export function loadSession(force = false) {
  if (session.loaded && !force) return Promise.resolve(session.me)
  if (!pending) {
    pending = me()
      .then((value) => {
        session.me = value
        session.error = null
        return value
      })
      .catch((error) => {
        session.me = null
        session.error = error.status === 401 ? null : error
        return null
      })
      .finally(() => {
        session.loaded = true
        pending = null
      })
  }
  return pending
}

export const LOGIN_URL = '/oauth2/authorization/keycloak'

/** The gateway logs out of its session and of Keycloak; a form POST carries the CSRF token. */
export function logout(token) {
  const form = document.createElement('form')
  form.method = 'POST'
  form.action = '/logout'
  const input = document.createElement('input')
  input.type = 'hidden'
  input.name = '_csrf'
  input.value = token || ''
  form.appendChild(input)
  document.body.appendChild(form)
  form.submit()
}

export function isCommittee(value = session.me) {
  return !!value && (value.seesWholeCity || (value.roles || []).includes('committee-admin'))
}

export function isAdmin(value = session.me) {
  return isCommittee(value) || (!!value && (value.administeredPaths || []).length > 0)
}

/** The organisation a caller acts for by default: the city for the committee, else their first administered one. */
export function homeOrganizationId(value = session.me) {
  if (!value) return null
  if (isCommittee(value)) return 'city'
  const path = (value.administeredPaths || [])[0] || (value.organizationPaths || [])[0]
  return path ? path.split('/').filter(Boolean).pop() : null
}

/**
 * Whether the caller administers {@code organizationId} or an organisation inside it (e.g. a branch
 * secretary acts for her unit's donation collection): one of their administered paths passes through it.
 */
export function actsWithin(organizationId, value = session.me) {
  if (!value || !organizationId) return false
  return isCommittee(value) || (value.administeredPaths || []).some((p) => p.split('/').includes(organizationId))
}
