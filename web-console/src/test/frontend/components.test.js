import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import PageState from '../../main/frontend/components/PageState.vue'
import Ledger from '../../main/frontend/views/Ledger.vue'
import { ApiError } from '../../main/frontend/api/client.js'

const LEDGER = {
  campaignId: 'demo-epidemic-relief', name: '抗击疫情自愿捐款', purpose: '慰问一线', organiser: '市直机关工委',
  opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-01T00:00:00Z', status: 'OPEN', total: '1250.50', count: 3,
  income: [{ unitId: 'unit-a', unitName: '市财政局', total: '1250.50', count: 3, donors: 2, handedOver: '0.00', held: '1250.50' }],
  donationsWithConsent: [], handOvers: [], disbursements: [],
  balance: { received: '1250.50', handedOver: '0.00', heldByUnits: '1250.50', disbursed: '0.00', availableForDisbursement: '0.00' },
  asOf: '2026-11-26T12:00:00Z',
}

function json(body, status = 200) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }))
}

async function mountWithRouter(component, path) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/public/ledger/:campaignId?', name: 'ledger', component }],
  })
  router.push(path)
  await router.isReady()
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [router, i18n, ElementPlus] } })
  await flushPromises()
  await flushPromises()
  return wrapper
}

describe('PageState', () => {
  it('shows the problem detail and offers a retry', async () => {
    const wrapper = mount(PageState, {
      props: { error: new ApiError(503, { detail: '捐款服务暂时不可用。' }) },
      global: { plugins: [i18n, ElementPlus] },
    })
    expect(wrapper.text()).toContain('捐款服务暂时不可用。')
    await wrapper.find('button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('renders its content when loaded', () => {
    const wrapper = mount(PageState, { slots: { default: '<p>内容</p>' }, global: { plugins: [i18n, ElementPlus] } })
    expect(wrapper.text()).toContain('内容')
  })
})

describe('public ledger page', () => {
  beforeEach(() => vi.stubGlobal('fetch', vi.fn((url) => (String(url).includes('/missing/')
    ? json({ status: 404, title: '未找到', detail: '捐款活动不存在。' }, 404)
    : json(LEDGER)))))
  afterEach(() => vi.unstubAllGlobals())

  it('shows the total and the income per unit from the API', async () => {
    const wrapper = await mountWithRouter(Ledger, '/public/ledger')
    expect(fetch).toHaveBeenCalledWith('/api/donation-campaigns/demo-epidemic-relief/ledger', expect.anything())
    expect(wrapper.find('[data-test="ledger-total"]').text()).toBe('¥1,250.50')
    expect(wrapper.text()).toContain('市财政局')
    expect(wrapper.text()).toContain('抗击疫情自愿捐款')
  })

  it('explains an unknown campaign in Chinese', async () => {
    const wrapper = await mountWithRouter(Ledger, '/public/ledger/missing')
    expect(wrapper.find('[data-test="error"]').text()).toContain('捐款活动不存在。')
  })
})
