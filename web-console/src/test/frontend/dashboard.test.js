import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import { session } from '../../main/frontend/session.js'
import Dashboard from '../../main/frontend/views/Dashboard.vue'

function json(body, status = 200, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }))
}
const page = (content, totalElements = content.length) => ({ content, page: 0, size: 1, totalElements, totalPages: 1 })

describe('dashboard to-do counts', () => {
  beforeEach(() => {
    session.me = { username: 'committee', roles: ['committee-admin'], seesWholeCity: true, administeredPaths: ['/city'] }
    session.loaded = true
    vi.stubGlobal('fetch', vi.fn((url) => {
      const u = new URL(String(url), 'http://x')
      const state = u.searchParams.get('state')
      if (u.pathname === '/api/nominations' && state === 'SUBMITTED') return json(page([], 2))
      if (u.pathname === '/api/nominations' && state === 'UNIT_APPROVED') return json(page([], 1))
      if (u.pathname === '/api/nominations' && state === 'IN_NOTICE') {
        return json(page([{ objections: [{ status: 'OPEN' }, { status: 'DISMISSED' }] }, { objections: [] }]))
      }
      if (u.pathname === '/api/members/lapse-warnings') return json(page([], 4))
      // everything else (compliance, transfers, campaigns …) is unavailable
      return json({ status: 503, detail: '服务暂时不可用。' }, 503, 'application/problem+json')
    }))
  })
  afterEach(() => vi.unstubAllGlobals())

  it('counts what waits for the committee, and shows a dash where a service did not answer', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    const wrapper = mount(Dashboard, { global: { plugins: [router, i18n, ElementPlus] } })
    await flushPromises()
    await flushPromises()
    expect(wrapper.find('[data-test=todo-reviews]').text()).toContain('待审核的推荐')
    expect(wrapper.find('[data-test=todo-reviews] .value').text()).toBe('3')
    expect(wrapper.find('[data-test=todo-objections] .value').text()).toBe('1')
    expect(wrapper.find('[data-test=todo-lapse] .value').text()).toBe('4')
    expect(wrapper.find('[data-test=todo-transfers] .value').text()).toBe('—')
    expect(wrapper.find('[data-test=todo-reviews]').attributes('href')).toBe('/honors')
  })
})
