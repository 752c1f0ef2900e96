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

const DUES = {
  memberId: 'm-1', version: 7, category: 'EMPLOYED', monthlyIncome: '4500.00', monthlyDues: '45.00', assessedSince: '2026-01',
  payments: [{ month: '2026-08', amount: '45.00', paidOn: '2026-08-05', recordedBy: 'secretary-a' }], arrears: ['2026-09', '2026-10'],
  scaleSource: '《关于中国共产党党费收缴、使用和管理的规定》',
}

// GET answers: the member, its dues statement, its transfers
function answer(url, member = MEMBER) {
  const u = String(url)
  if (u.endsWith('/dues')) return json(DUES)
  if (u.endsWith('/transfers')) return json([])
  return json(member)
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
    vi.stubGlobal('fetch', vi.fn((url) => answer(url)))
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
      : answer(url)))
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountMember()
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const [url, init] = fetchMock.mock.calls.find(([, i]) => i.method === 'POST')
    expect(url).toBe('/api/members/m-1/stage-transitions')
    expect(JSON.parse(init.body).to).toBe('FULL')
    expect(init.headers['Accept-Language']).toBe('zh-CN')
    // the version the clerk saw: a change someone made meanwhile is refused, not overwritten
    expect(init.headers['If-Match']).toBe('"1"')
    expect(wrapper.find('[data-test=action-error]').text()).toContain(detail)
  })

  it('asks for training and two introducers when a member is to become a candidate', async () => {
    const activist = { ...MEMBER, stage: 'ACTIVIST', category: '入党积极分子', activistSince: '2025-01-01', version: 4 }
    const fetchMock = vi.fn((url, init) => (init.method === 'POST' ? json({ ...activist, stage: 'CANDIDATE' }) : answer(url, activist)))
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountMember()
    expect(wrapper.text()).toContain('入党介绍人（两名正式党员）')
    expect(wrapper.find('#approved-on').exists()).toBe(false)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const [, init] = fetchMock.mock.calls.find(([, i]) => i.method === 'POST')
    expect(JSON.parse(init.body)).toMatchObject({ to: 'CANDIDATE', introducerIds: [] })
    expect(init.headers['If-Match']).toBe('"4"')
  })

  it('shows the dues with the months still open and records a payment with the statement\'s version', async () => {
    const fetchMock = vi.fn((url, init) => (init.method === 'POST'
      ? json({ status: 422, title: '违反规则', detail: '补交党费最多补交 6 个月。' }, 422, 'application/problem+json')
      : answer(url)))
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountMember()
    const dues = wrapper.find('[data-test=dues]')
    expect(dues.find('[data-test=monthly-dues]').text()).toBe('¥45.00')
    expect(dues.find('[data-test=arrears]').text()).toContain('欠缴 2 个月')
    expect(dues.find('[data-test=arrears]').text()).toContain('2026-09')
    await dues.find('[data-test=dues-pay]').element.closest('form').dispatchEvent(new Event('submit'))
    await flushPromises()
    const [url, init] = fetchMock.mock.calls.find(([, i]) => i.method === 'POST')
    expect(url).toBe('/api/members/m-1/dues/payments')
    expect(JSON.parse(init.body)).toMatchObject({ month: '2026-09', amount: '45.00' })
    expect(init.headers['If-Match']).toBe('"7"')
    expect(dues.find('[data-test=action-error]').text()).toContain('补交党费最多补交 6 个月。')
  })

  it('explains why a transfer could not be accepted', async () => {
    const transferring = { ...MEMBER, status: 'TRANSFERRING', pendingTransfer: {
      id: 't-1', fromOrganizationId: 'branch-b1', toOrganizationId: 'branch-a1', reason: '工作调动', letterNumber: 'ZZ-2026-0001',
      issuedOn: '2026-06-01', validUntil: '2026-09-01', status: 'ISSUED' } }
    const fetchMock = vi.fn((url, init) => (init.method === 'POST'
      ? json({ status: 422, title: '违反规则', detail: '介绍信已于 2026-09-01 过期，不能再接收。', rule: 'transfer.letter-validity' }, 422, 'application/problem+json')
      : answer(url, transferring)))
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountMember()
    const card = wrapper.find('[data-test=transfers]')
    expect(card.text()).toContain('ZZ-2026-0001')
    await card.find('[data-test=transfer-accept]').trigger('click')
    await flushPromises()
    expect(fetchMock.mock.calls.find(([, i]) => i.method === 'POST')[0]).toBe('/api/members/m-1/transfers/t-1/acceptance')
    expect(card.find('[data-test=action-error]').text()).toContain('介绍信已于 2026-09-01 过期')
  })
})
