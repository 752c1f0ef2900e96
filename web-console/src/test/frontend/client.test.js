import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, api, csrfToken, request, setApiLocale } from '../../main/frontend/api/client.js'

function respond(status, body, contentType = 'application/json') {
  return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), {
    status, headers: body === undefined ? {} : { 'Content-Type': contentType },
  }))
}

describe('api client', () => {
  let fetchMock
  beforeEach(() => {
    fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT'
    setApiLocale('zh-CN')
  })
  afterEach(() => vi.unstubAllGlobals())

  it('reads the CSRF token from the XSRF-TOKEN cookie', () => {
    expect(csrfToken('SESSION=x; XSRF-TOKEN=abc%3D123; other=1')).toBe('abc=123')
    expect(csrfToken('SESSION=x')).toBeNull()
  })

  it('echoes the CSRF token on writes, never on reads, and sends the session cookie only same-origin', async () => {
    document.cookie = 'XSRF-TOKEN=tok-1'
    fetchMock.mockImplementation(() => respond(200, { ok: true }))
    await api.get('/api/me')
    await api.post('/api/donations', { amount: '1.00' }, { 'Idempotency-Key': 'k1' })
    const [getUrl, get] = fetchMock.mock.calls[0]
    const [postUrl, post] = fetchMock.mock.calls[1]
    expect(getUrl).toBe('/api/me')
    expect(get.headers['X-XSRF-TOKEN']).toBeUndefined()
    expect(get.credentials).toBe('same-origin')
    expect(postUrl).toBe('/api/donations')
    expect(post.method).toBe('POST')
    expect(post.headers['X-XSRF-TOKEN']).toBe('tok-1')
    expect(post.headers['Idempotency-Key']).toBe('k1')
    expect(post.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(post.body)).toEqual({ amount: '1.00' })
  })

  it('asks for problem details in the chosen language', async () => {
    fetchMock.mockImplementation(() => respond(200, {}))
    await api.get('/api/members')
    expect(fetchMock.mock.calls[0][1].headers['Accept-Language']).toBe('zh-CN')
    setApiLocale('en')
    await api.get('/api/members')
    expect(fetchMock.mock.calls[1][1].headers['Accept-Language']).toBe('en')
  })

  it('leaves out empty query parameters', async () => {
    fetchMock.mockImplementation(() => respond(200, {}))
    await api.get('/api/members', { name: '张', stage: '', organizationId: undefined, page: 0 })
    expect(fetchMock.mock.calls[0][0]).toBe('/api/members?name=%E5%BC%A0&page=0')
  })

  it('turns a problem+json answer into an ApiError with its Chinese detail and field errors', async () => {
    fetchMock.mockImplementation(() => respond(422, {
      type: 'urn:party-platform:problem:rule-violation', title: '不符合业务规则', status: 422,
      detail: '预备期未满一年，不能转为正式党员。', errors: [{ field: 'effectiveOn', message: '太早' }],
    }, 'application/problem+json'))
    const error = await request('POST', '/api/members/m1/stage-transitions', { body: {} }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(422)
    expect(error.detail).toBe('预备期未满一年，不能转为正式党员。')
    expect(error.message).toBe(error.detail)
    expect(error.type).toBe('urn:party-platform:problem:rule-violation')
    expect(error.errors).toEqual([{ field: 'effectiveOn', message: '太早' }])
  })

  it('marks a 401 as unauthenticated and survives a body that is not JSON', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(new Response('<html>', { status: 401, headers: { 'Content-Type': 'text/html' } })))
    const error = await api.get('/api/me').catch((e) => e)
    expect(error.unauthenticated).toBe(true)
    expect(error.detail).toBeNull()
  })

  it('reports a network failure as status 0', async () => {
    fetchMock.mockImplementation(() => Promise.reject(new TypeError('Failed to fetch')))
    const error = await api.get('/api/me').catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(0)
  })

  it('answers 204 with null', async () => {
    fetchMock.mockImplementation(() => respond(204))
    expect(await api.post('/api/x')).toBeNull()
  })
})
