import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import HonorRoll from '../../main/frontend/views/HonorRoll.vue'
import Notices from '../../main/frontend/views/Notices.vue'

// Deeds as honor-service serves them: HTML it sanitised on write (fullwidth punctuation as references).
const DEEDS = '<h3>抗疫一线</h3><p>该同志冲锋在前&#xff0c;<b>带头捐款</b><br />组织志愿者</p>'
  + '<ul><li>值守四十余天</li></ul><p>&lt;b&gt;原样显示&lt;/b&gt;</p>'

const ENTRY = {
  awardId: 'award-1', programId: 'p', programName: '2026 七一表彰', year: 2026, category: 'outstanding-member',
  categoryName: '优秀共产党员', kind: 'INDIVIDUAL', name: '陈明', organizationName: '机关第一党支部', unitId: 'unit-a',
  unitName: '市财政局', deeds: DEEDS, deedsText: '抗疫一线', photos: [], awardedAt: '2026-07-01T02:00:00Z',
}
const NOTICE = {
  nominationId: 'n-1', programId: 'p', category: 'outstanding-member', categoryName: '优秀共产党员', kind: 'INDIVIDUAL',
  name: '陈明', organizationName: '机关第一党支部', unitName: '市财政局', deeds: DEEDS, deedsText: '抗疫一线',
  noticeStartsAt: '2026-06-20T00:00:00Z', noticeEndsAt: '2026-06-27T00:00:00Z',
}

function page(entry) {
  return Promise.resolve(new Response(JSON.stringify({ content: [entry], page: 0, size: 12, totalElements: 1, totalPages: 1 }),
    { status: 200, headers: { 'Content-Type': 'application/json' } }))
}

async function deedsOf(component, entry) {
  vi.stubGlobal('fetch', vi.fn(() => page(entry)))
  const wrapper = mount(component, { global: { plugins: [i18n, ElementPlus] } })
  await flushPromises()
  await flushPromises()
  return wrapper.find('[data-test=deeds]')
}

describe.each([['honor roll', HonorRoll, ENTRY], ['public notices', Notices, NOTICE]])('deeds on the %s', (_, component, entry) => {
  afterEach(() => vi.unstubAllGlobals())

  it('are rendered as the formatted text the service sanitised', async () => {
    const deeds = await deedsOf(component, entry)
    expect(deeds.find('h3').text()).toBe('抗疫一线')
    expect(deeds.find('p b').text()).toBe('带头捐款')
    expect(deeds.findAll('br')).toHaveLength(1)
    expect(deeds.find('li').text()).toBe('值守四十余天')
    expect(deeds.text()).toContain('冲锋在前，')
    // escaped markup typed as text stays text
    expect(deeds.text()).toContain('<b>原样显示</b>')
    expect(deeds.html()).not.toContain('&amp;')
  })
})
