// The one way the console talks to the gateway: same-origin fetch with the session cookie (BFF: no
// token ever reaches the browser), the CSRF token echoed on writes, problem+json turned into errors.

let locale = 'zh-CN'

/** The language the services should answer problem details in (Accept-Language). */
export function setApiLocale(value) {
  locale = value
}

export function apiLocale() {
  return locale
}

/** An RFC 9457 problem (or a network failure, status 0) as an Error. */
export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.type = problem.type || null
    this.title = problem.title || null
    this.detail = problem.detail || null
    this.errors = Array.isArray(problem.errors) ? problem.errors : []
    this.problem = problem
  }

  get unauthenticated() {
    return this.status === 401
  }
}

/** The CSRF token the gateway put in the (deliberately script-readable) XSRF-TOKEN cookie. */
export function csrfToken(cookies = globalThis.document ? document.cookie : '') {
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === 'XSRF-TOKEN') {
      return decodeURIComponent(rest.join('='))
    }
  }
  return null
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

export function withQuery(url, query) {
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, value)
  }
  const text = params.toString()
  return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url
}

async function problemOf(response) {
  const type = response.headers.get('content-type') || ''
  if (type.includes('json')) {
    try {
      return await response.json()
    } catch {
      return {}
    }
  }
  return {}
}

/**
 * @param {string} method
 * @param {string} url     a gateway path, e.g. /api/members
 * @param {{query?: object, body?: any, form?: FormData, headers?: object}} options  `form` is sent as
 *        multipart/form-data (the browser writes the boundary into the Content-Type itself)
 */
export async function request(method, url, { query, body, form, headers = {} } = {}) {
  const verb = method.toUpperCase()
  const sent = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': locale,
    ...headers,
  }
  if (!SAFE.has(verb)) {
    const token = csrfToken()
    if (token) sent['X-XSRF-TOKEN'] = token
  }
  let payload
  if (form !== undefined) {
    payload = form
  } else if (body !== undefined) {
    sent['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  let response
  try {
    response = await fetch(withQuery(url, query), {
      method: verb,
      headers: sent,
      body: payload,
      credentials: 'same-origin',
    })
  } catch (cause) {
    const error = new ApiError(0, { title: 'network' })
    error.cause = cause
    throw error
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response))
  }
  if (response.status === 204) return null
  const type = response.headers.get('content-type') || ''
  return type.includes('json') ? response.json() : response.text()
}

export const api = {
  get: (url, query) => request('GET', url, { query }),
  post: (url, body, headers) => request('POST', url, { body, headers }),
  put: (url, body, headers) => request('PUT', url, { body, headers }),
  upload: (url, form, query) => request('POST', url, { form, query }),
}
