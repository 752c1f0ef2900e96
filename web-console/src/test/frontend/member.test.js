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

const CARE = [{ id: 'c-1', kind: 'ILLNESS', date: '2026-11-20', description: '住院慰问', amount: '500.00', recordedBy: 'secretary-a', recordedAt: '2026-11-20T03:00:00Z' }]
const LABELS = [
  { id: 'branch-a1', name: '机关第一党支部', type: 'BRANCH', status: 'ACTIVE', path: '/city/unit-a/branch-a1', pathNames: ['市直机关工委', '市财政局', '机关第一党支部'] },
  { id: 'branch-b1', name: '机关第一党支部', type: 'BRANCH', status: 'ACTIVE', path: '/city/unit-b/branch-b1', pathNames: ['市直机关工委', '市卫生健康委员会', '机关第一党支部'] },
]

// GET answers: the member, its dues statement, its transfers, care records, organisation names
function answer(url, member = MEMBER) {
  const u = String(url)
  if (u.endsWith('/dues')) return json(DUES)
  if (u.endsWith('/transfers')) return json([])
  if (u.endsWith('/care-records')) return json(CARE)
  if (u.startsWith('/api/organizations/directory')) {
    const ids = new URL(u, 'http://x').searchParams.get('ids')
    return json(ids ? LABELS.filter((l) => ids.split(',').includes(l.id)) : LABELS)
  }
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

  it('names the member\'s organisation by its path, not its id', async () => {
    vi.stubGlobal('fetch', vi.fn((url) => answer(url)))
    const wrapper = await mountMember()
    await flushPromises()
    expect(wrapper.find('[data-test=member-organization]').text()).toBe('市财政局 / 机关第一党支部')
  })

  it('lists the care given and records more, explaining a refusal in Chinese', async () => {
    const detail = '日期不能晚于今天。'
    let posts = 0
    const fetchMock = vi.fn((url, init) => {
      if (init.method !== 'POST') return answer(url)
      posts += 1
      return posts === 1
        ? json({ status: 400, title: '请求无效', detail, errors: [{ field: 'date', message: 'The date cannot lie in the future.' }] }, 400, 'application/problem+json')
        : json({ ...CARE[0], id: 'c-2' }, 201)
    })
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountMember()
    const care = wrapper.find('[data-test=care]')
    expect(care.find('[data-test=care-records]').text()).toContain('生病住院慰问')
    expect(care.find('[data-test=care-records]').text()).toContain('¥500.00')
    await care.find('#care-description').setValue('走访慰问')
    await care.find('#care-amount').setValue('200')
    await care.find('form').trigger('submit')
    await flushPromises()
    const [url, init] = fetchMock.mock.calls.find(([, i]) => i.method === 'POST')
    expect(url).toBe('/api/members/m-1/care-records')
    expect(JSON.parse(init.body)).toMatchObject({ kind: 'HARDSHIP', description: '走访慰问', amount: '200' })
    // the Chinese detail, without the service's English repetition of it for the field
    expect(care.find('[data-test=action-error]').text()).toBe(detail)

    await care.find('form').trigger('submit')
    await flushPromises()
    expect(care.find('[data-test=action-error]').exists()).toBe(false)
    expect(fetchMock.mock.calls.filter(([u, i]) => u === '/api/members/m-1/care-records' && i.method === 'GET')).toHaveLength(2)
  })

  it('checks the amount of a care record before sending it', async () => {
    const fetchMock = vi.fn((url) => answer(url))
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountMember()
    const care = wrapper.find('[data-test=care]')
    await care.find('#care-description').setValue('慰问')
    await care.find('#care-amount').setValue('5百')
    await care.find('form').trigger('submit')
    await flushPromises()
    expect(fetchMock.mock.calls.some(([, i]) => i.method === 'POST')).toBe(false)
    expect(care.find('[data-test=action-error]').text()).toContain('金额格式不正确')
  })

  it('registers a floating member with the version shown, then her return', async () => {
    const full = { ...MEMBER, stage: 'FULL', category: '正式党员', version: 3, sensitiveDataMasked: false }
    const away = { ...full, version: 4, floating: { since: '2026-10-01', destination: '广东省深圳市', reason: '外出务工', hostOrganization: null, recordedBy: 'secretary-a', returnedOn: null } }
    const fetchMock = vi.fn((url, init) => {
      if (init.method === 'PUT') return json(away)
      if (init.method === 'POST') return json({ ...away, version: 5, floating: null, floatingHistory: [{ ...away.floating, returnedOn: '2026-11-20' }] })
      return answer(url, full)
    })
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountMember()
    const card = () => wrapper.find('[data-test=floating]')
    expect(card().text()).toContain('未外出流动')
    await card().find('#floating-destination').setValue('广东省深圳市')
    await card().find('#floating-reason').setValue('外出务工')
    await card().find('form').trigger('submit')
    await flushPromises()
    const [url, init] = fetchMock.mock.calls.find(([, i]) => i.method === 'PUT')
    expect(url).toBe('/api/members/m-1/floating')
    expect(init.headers['If-Match']).toBe('"3"')
    expect(JSON.parse(init.body)).toMatchObject({ destination: '广东省深圳市', reason: '外出务工' })
    expect(card().find('[data-test=floating-destination]').text()).toBe('广东省深圳市')
    expect(wrapper.find('h1').text()).toContain('流动党员')

    await card().find('form').trigger('submit')
    await flushPromises()
    const [back, backInit] = fetchMock.mock.calls.find(([, i]) => i.method === 'POST')
    expect(back).toBe('/api/members/m-1/floating/return')
    expect(backInit.headers['If-Match']).toBe('"4"')
    expect(card().text()).toContain('以往流动')
    expect(card().text()).toContain('2026-11-20')
  })

  it('shows others only since when a member is away', async () => {
    session.me = { username: 'auditor', roles: ['auditor'], administeredPaths: [], organizationPaths: [], seesWholeCity: false }
    const away = { ...MEMBER, floating: { since: '2026-10-01', destination: null, reason: null, hostOrganization: null, recordedBy: null, returnedOn: null } }
    vi.stubGlobal('fetch', vi.fn((url) => answer(url, away)))
    const wrapper = await mountMember()
    const card = wrapper.find('[data-test=floating]')
    expect(card.text()).toContain('2026-10-01')
    expect(card.text()).toContain('外出地点等详情仅本组织管理员和本人可见')
    expect(card.find('form').exists()).toBe(false)
    expect(wrapper.find('[data-test=care] form').exists()).toBe(false)
  })
})
