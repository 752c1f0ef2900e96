import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import { session } from '../../main/frontend/session.js'
import Honors from '../../main/frontend/views/Honors.vue'

// Shapes honor-service answers with (made-up people).
const PROGRAM = {
  id: 'demo-july-first', name: '七一表彰', year: 2026, noticeDays: 7, opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-01T00:00:00Z',
  categories: [{ code: 'outstanding-member', name: '优秀共产党员', kind: 'INDIVIDUAL' }], notices: [],
}
const nomination = (id, state, extra = {}) => ({
  id, programId: 'demo-july-first', category: 'outstanding-member', categoryName: '优秀共产党员', kind: 'INDIVIDUAL', state,
  nominee: { type: 'MEMBER', id: `m-${id}`, name: `党员${id}`, organizationName: '机关第一党支部' },
  deedsText: '长期扎根基层，服务群众。', reviews: [], objections: [], ...extra,
})
const IN_NOTICE = nomination('3', 'IN_NOTICE', {
  noticeStartsAt: '2026-11-20T00:00:00Z', noticeEndsAt: '2099-11-27T00:00:00Z',
  objections: [{ id: 'o1', text: '该同志事迹有夸大。', lodgedAt: '2026-11-21T00:00:00Z', lodgedBy: null, status: 'OPEN' }],
})

function json(body, status = 200, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }))
}
const page = (content) => ({ content, page: 0, size: 100, totalElements: content.length, totalPages: 1 })

async function mountHonors() {
  const wrapper = mount(Honors, { global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

async function confirmBox() {
  await flushPromises()
  document.querySelector('.el-message-box__btns .el-button--primary').click()
  await flushPromises()
}

describe('honors page', () => {
  let fetchMock
  let answers
  beforeEach(() => {
    answers = {}
    fetchMock = vi.fn((url, init) => {
      const u = String(url)
      for (const [key, answer] of Object.entries(answers)) if (u.includes(key) && init.method === 'POST') return answer()
      if (u.startsWith('/api/honor-programs')) return json(page([PROGRAM]))
      const state = new URL(u, 'http://x').searchParams.get('state')
      if (state === 'SUBMITTED') return json(page([nomination('1', 'SUBMITTED')]))
      if (state === 'UNIT_APPROVED') return json(page([nomination('2', 'UNIT_APPROVED')]))
      if (state === 'IN_NOTICE') return json(page([IN_NOTICE]))
      return json(page([]))
    })
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('gives a branch secretary the unit-level queue only, and explains a refused review', async () => {
    session.me = { username: 'secretary-a', roles: ['org-admin'], administeredPaths: ['/city/unit-a/branch-a1'] }
    answers['/reviews'] = () => json({ status: 422, title: '违反规则', detail: '推荐对象所在组织的管理员须回避，不能审核。', rule: 'review.recusal' }, 422, 'application/problem+json')
    const wrapper = await mountHonors()
    const states = fetchMock.mock.calls.map(([u]) => new URL(u, 'http://x').searchParams.get('state')).filter(Boolean)
    expect(states).toEqual(['SUBMITTED'])
    expect(wrapper.find('#tab-notice').exists()).toBe(false)
    expect(wrapper.find('[data-test=review-queue]').text()).toContain('已推荐（待单位审核）')

    await wrapper.find('[data-test=review-queue] .el-button--success').trigger('click')
    await flushPromises()
    const dialog = [...document.querySelectorAll('.el-dialog')].find((d) => d.textContent.includes('审核'))
    ;[...dialog.querySelectorAll('.el-dialog__footer button')].find((b) => b.textContent.includes('同意')).click()
    await flushPromises()
    expect(JSON.parse(fetchMock.mock.calls.find(([u]) => u.endsWith('/reviews'))[1].body)).toEqual({ decision: 'APPROVE' })
    expect(dialog.querySelector('[data-test=action-error]').textContent).toContain('推荐对象所在组织的管理员须回避')
  })

  it('lets the committee resolve an objection (a resolution is required) and holds the award back meanwhile', async () => {
    session.me = { username: 'committee', roles: ['committee-admin'], seesWholeCity: true, administeredPaths: ['/city'] }
    answers['/resolution'] = () => json({ ...IN_NOTICE, objections: [{ ...IN_NOTICE.objections[0], status: 'DISMISSED', resolution: '经核实，事迹属实。', resolvedBy: 'committee' }] })
    const wrapper = await mountHonors()
    await wrapper.find('#tab-notice').trigger('click')
    await flushPromises()
    const table = wrapper.find('[data-test=in-notice]')
    expect(table.text()).toContain('党员3')
    expect(table.text()).toContain('1 未处理 / 1')
    const approve = table.findAll('button').find((b) => b.text() === '批准表彰')
    expect(approve.attributes('disabled')).toBeDefined()

    await table.findAll('button').find((b) => b.text().includes('未处理')).trigger('click')
    await flushPromises()
    const dialog = [...document.querySelectorAll('.el-dialog')].find((d) => d.textContent.includes('该同志事迹有夸大。'))
    const dismiss = () => [...dialog.querySelectorAll('button')].find((b) => b.textContent.includes('异议不成立')).click()
    dismiss()
    await flushPromises()
    expect(dialog.querySelector('[data-test=action-error]').textContent).toContain('请填写处理意见。')
    expect(fetchMock.mock.calls.some(([u]) => u.endsWith('/resolution'))).toBe(false)

    const input = dialog.querySelector('#res-o1')
    input.value = '经核实，事迹属实。'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    dismiss()
    await flushPromises()
    const [url, init] = fetchMock.mock.calls.find(([u]) => u.endsWith('/resolution'))
    expect(url).toBe('/api/nominations/3/objections/o1/resolution')
    expect(JSON.parse(init.body)).toEqual({ outcome: 'DISMISSED', comment: '经核实，事迹属实。' })
    expect(dialog.textContent).toContain('异议不成立')
  })

  it('shows why a notice could not be started', async () => {
    session.me = { username: 'committee', roles: ['committee-admin'], seesWholeCity: true, administeredPaths: ['/city'] }
    answers['/notice'] = () => json({ status: 409, title: '冲突', detail: '没有工委已同意、可以公示的推荐。', reason: 'nothing-to-notice' }, 409, 'application/problem+json')
    const wrapper = await mountHonors()
    await wrapper.find('[data-test=programs]').findAll('button').find((b) => b.text() === '发起公示').trigger('click')
    await confirmBox()
    expect(fetchMock.mock.calls.some(([u, i]) => u === '/api/honor-programs/demo-july-first/notice' && i.method === 'POST')).toBe(true)
    expect(wrapper.find('[data-test=action-error]').text()).toContain('没有工委已同意、可以公示的推荐。')
  })
})
