import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import { actsWithin, session } from '../../main/frontend/session.js'
import Donations from '../../main/frontend/views/Donations.vue'

// Shapes donation-service answers with (made-up figures).
const CAMPAIGNS = { content: [{ id: 'demo-epidemic-relief', name: '抗击疫情自愿捐款', status: 'OPEN' }], page: 0, size: 50, totalElements: 1, totalPages: 1 }
const LEDGER = {
  campaignId: 'demo-epidemic-relief', name: '抗击疫情自愿捐款', status: 'OPEN', total: '300.00', count: 3,
  income: [
    { unitId: 'unit-a', unitName: '市财政局', total: '200.00', count: 2, donors: 2, handedOver: '50.00', held: '150.00' },
    { unitId: 'unit-b', unitName: '市教育局', total: '100.00', count: 1, donors: 1, handedOver: '0.00', held: '100.00' },
  ],
  donationsWithConsent: [],
  handOvers: [{ id: 'h1', unitId: 'unit-a', unitName: '市财政局', recipient: '市委组织部', amount: '50.00', documentReference: 'JK-001', handedOverAt: '2026-11-20T02:00:00Z' }],
  disbursements: [],
  balance: { received: '300.00', handedOver: '50.00', heldByUnits: '250.00', disbursed: '0.00', availableForDisbursement: '50.00' },
  asOf: '2026-11-26T12:00:00Z',
}

function json(body, status = 200, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }))
}

async function mountDonations() {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/donations', component: Donations }, { path: '/public/ledger/:campaignId?', name: 'ledger', component: { render: () => null } },
  ] })
  router.push('/donations')
  await router.isReady()
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [router, i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('donations page', () => {
  let fetchMock
  beforeEach(() => {
    session.me = { username: 'secretary-a', roles: ['org-admin'], administeredPaths: ['/city/unit-a/branch-a1'], organizationPaths: [] }
    session.loaded = true
    fetchMock = vi.fn((url, init) => {
      const u = String(url)
      if (init.method === 'POST' && u.endsWith('/hand-overs')) {
        return json({ type: 'urn:party-platform:problem:rule-violation', status: 422, title: '违反规则',
          detail: '移交金额超过本单位留存的 150.00 元。', rule: 'ledger.hand-over-exceeds-held', held: '150.00' }, 422, 'application/problem+json')
      }
      if (u.startsWith('/api/donation-campaigns?')) return json(CAMPAIGNS)
      if (u.endsWith('/ledger')) return json(LEDGER)
      return json({ content: [], page: 0, size: 10, totalElements: 0, totalPages: 0 })
    })
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('lets a secretary hand over only for her own unit and explains a refused hand-over with the service\'s detail', async () => {
    const wrapper = await mountDonations()
    await wrapper.find('#tab-hand-over').trigger('click')
    await flushPromises()
    expect(fetchMock.mock.calls.some(([u]) => u === '/api/donation-campaigns/demo-epidemic-relief/ledger')).toBe(true)
    expect(wrapper.find('[data-test=hand-overs]').text()).toContain('JK-001')

    const vm = wrapper.findComponent(Donations).vm
    // her unit only: unit-a holds her branch; unit-b is not hers
    expect(vm.myUnits.map((u) => u.unitId)).toEqual(['unit-a'])
    Object.assign(vm.hand, { unitId: 'unit-a', recipient: '市委组织部', amount: '999.00', documentReference: 'JK-002' })
    wrapper.find('[data-test=hand-over-submit]').element.closest('form').dispatchEvent(new Event('submit'))
    await flushPromises()
    const post = fetchMock.mock.calls.find(([, i]) => i.method === 'POST')
    expect(post[0]).toBe('/api/donation-campaigns/demo-epidemic-relief/hand-overs')
    expect(JSON.parse(post[1].body)).toEqual({ unitId: 'unit-a', recipient: '市委组织部', amount: '999.00', documentReference: 'JK-002' })
    // a refused hand-over keeps its key: resubmitting the same intent cannot move the money twice
    const key = new Headers(post[1].headers).get('Idempotency-Key')
    expect(key).toBeTruthy()
    wrapper.find('[data-test=hand-over-submit]').element.closest('form').dispatchEvent(new Event('submit'))
    await flushPromises()
    const posts = fetchMock.mock.calls.filter(([, i]) => i.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(new Headers(posts[1][1].headers).get('Idempotency-Key')).toBe(key)
    expect(wrapper.find('[data-test=action-error]').text()).toContain('移交金额超过本单位留存的 150.00 元。')
  })

  it('shows the balance and leaves disbursements to the work committee', async () => {
    const wrapper = await mountDonations()
    await wrapper.find('#tab-disbursement').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=available]').text()).toBe('¥50.00')
    expect(wrapper.find('[data-test=disburse-submit]').exists()).toBe(false)
    expect(wrapper.text()).toContain('支出由市直机关工委登记。')
  })

  it('names the beneficiary groups in Chinese for the committee', async () => {
    session.me = { username: 'committee', roles: ['committee-admin'], seesWholeCity: true, administeredPaths: ['/city'], organizationPaths: [] }
    const wrapper = await mountDonations()
    await wrapper.find('#tab-disbursement').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=disburse-submit]').exists()).toBe(true)
    expect(i18n.global.t('donation.groups.families-of-the-fallen')).toBe('牺牲同志家属')
  })
})

describe('actsWithin', () => {
  it('is true for the organisations on the caller\'s administered paths and for the committee everywhere', () => {
    const secretary = { roles: ['org-admin'], administeredPaths: ['/city/unit-a/branch-a1'] }
    expect(actsWithin('unit-a', secretary)).toBe(true)
    expect(actsWithin('branch-a1', secretary)).toBe(true)
    expect(actsWithin('unit-b', secretary)).toBe(false)
    expect(actsWithin('unit-b', { roles: ['committee-admin'], administeredPaths: [] })).toBe(true)
    expect(actsWithin('unit-a', null)).toBe(false)
  })
})
