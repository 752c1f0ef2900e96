import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import { session } from '../../main/frontend/session.js'
import MemberDetail from '../../main/frontend/views/MemberDetail.vue'

// The shape member-service answers GET /api/members/{id} with (demo data, made up).
const MEMBER = {
  id: 'm-1', version: 1, name: '陈明', gender: 'MALE', ethnicity: '汉族', nativePlace: '本市', birthDate: '1991-09-12',
  idNumber: '110101********7872', education: '研究生', organizationId: 'branch-a1', stage: 'PROBATIONARY',
  category: '预备党员', status: 'ACTIVE', appliedOn: '2016-03-01', activistSince: null, candidateSince: null,
  joinedPartyOn: '2026-02-08', fullMemberOn: null, probationExtensionMonths: null, position: '副主任科员',
  phone: '139****8167', address: '******', username: 'member-a', statusSince: null, statusReason: null,
  pendingTransfer: null, sensitiveDataMasked: true,
  transitions: [{ from: 'CANDIDATE', to: 'PROBATIONARY', effectiveOn: '2026-02-08', recordedAt: '2026-02-08T02:00:00Z', recordedBy: 'secretary-a', reason: '支部大会通过', rulesVersion: 'x' }],
  registeredAt: '2026-11-26T11:26:11.278Z', registeredBy: 'demo-seed', updatedAt: '2026-11-26T13:20:33.165Z',
}

function json(body, status = 200, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }))
}

async function mountMember() {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/members/:id', component: MemberDetail }, { path: '/organizations', component: { render: () => null } },
  ] })
  router.push('/members/m-1')
  await router.isReady()
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [router, i18n, ElementPlus] } })
  await flushPromises()
  return wrapper
}

describe('member page', () => {
  beforeEach(() => {
    session.me = { username: 'secretary-a', roles: ['org-admin'], administeredPaths: ['/city/unit-a/branch-a1'], organizationPaths: [] }
    session.loaded = true
  })
  afterEach(() => vi.unstubAllGlobals())

  it('shows the lifecycle and the transitions', async () => {
    vi.stubGlobal('fetch', vi.fn(() => json(MEMBER)))
    const wrapper = await mountMember()
    expect(wrapper.find('h1').text()).toContain('陈明')
    expect(wrapper.find('[data-test=lifecycle]').exists()).toBe(true)
    expect(wrapper.text()).toContain('2026-02-08')
    expect(wrapper.text()).toContain('发展对象 → 预备党员')
    expect(wrapper.text()).toContain('转入下一阶段：正式党员')
  })

  it('explains a refused lifecycle step with the service\'s Chinese detail', async () => {
    const detail = '预备期未满一年（应满于 2027-02-08），不能转为正式党员。'
    const fetchMock = vi.fn((url, init) => (init.method === 'POST'
      ? json({ type: 'urn:party-platform:problem:rule-violation', title: '违反规则', status: 422, detail }, 422, 'application/problem+json')
      : json(MEMBER)))
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountMember()
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const [url, init] = fetchMock.mock.calls[1]
    expect(url).toBe('/api/members/m-1/stage-transitions')
    expect(JSON.parse(init.body).to).toBe('FULL')
    expect(init.headers['Accept-Language']).toBe('zh-CN')
    expect(wrapper.find('[data-test=action-error]').text()).toContain(detail)
  })
})
