import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import { session } from '../../main/frontend/session.js'
import { ensureOrgLabels, orgLabel, pathText } from '../../main/frontend/orgs.js'
import OrgPicker from '../../main/frontend/components/OrgPicker.vue'
import MemberPicker from '../../main/frontend/components/MemberPicker.vue'

// GET /api/organizations/directory answers (member-service)
const LABELS = [
  { id: 'city', name: '市直机关工委', type: 'WORK_COMMITTEE', status: 'ACTIVE', path: '/city', pathNames: ['市直机关工委'] },
  { id: 'unit-b', name: '市卫生健康委员会', type: 'UNIT', status: 'ACTIVE', path: '/city/unit-b', pathNames: ['市直机关工委', '市卫生健康委员会'] },
  { id: 'branch-b1', name: '机关第一党支部', type: 'BRANCH', status: 'ACTIVE', path: '/city/unit-b/branch-b1', pathNames: ['市直机关工委', '市卫生健康委员会', '机关第一党支部'] },
]

function json(body, status = 200) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }))
}

function directory(url) {
  const params = new URL(String(url), 'http://x').searchParams
  const ids = params.get('ids')
  const name = params.get('name') || ''
  return json(LABELS.filter((l) => (ids ? ids.split(',').includes(l.id) : l.name.includes(name))))
}

// the labels are the session's: each test below builds on what the ones before learnt
describe('organisation names', () => {
  beforeEach(() => {
    session.me = { username: 'secretary-a', roles: ['org-admin'], administeredPaths: ['/city/unit-a/branch-a1'], organizationPaths: [] }
    session.loaded = true
  })
  afterEach(() => vi.unstubAllGlobals())

  it('reads a path below the work committee, the committee itself by its name', () => {
    expect(pathText(LABELS[2])).toBe('市卫生健康委员会 / 机关第一党支部')
    expect(pathText(LABELS[0])).toBe('市直机关工委')
  })

  it('asks for the ids of one moment in one request, city-wide for an administrator', async () => {
    const fetchMock = vi.fn(directory)
    vi.stubGlobal('fetch', fetchMock)
    expect(orgLabel('branch-b1')).toBe('branch-b1')
    await ensureOrgLabels(['unit-b', 'branch-b1'])
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const asked = new URL(fetchMock.mock.calls[0][0], 'http://x').searchParams
    expect(asked.get('ids')).toBe('branch-b1,unit-b')
    expect(asked.get('scope')).toBe('city')
    expect(orgLabel('branch-b1')).toBe('市卫生健康委员会 / 机关第一党支部')
    await ensureOrgLabels(['branch-b1'])
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('offers organisations by name with their place in the tree, and keeps the id as the value', async () => {
    const fetchMock = vi.fn(directory)
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = mount({
      components: { OrgPicker },
      data: () => ({ chosen: '' }),
      template: '<OrgPicker v-model="chosen" input-id="to" scope="city" />',
    }, { global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
    const picker = wrapper.findComponent({ name: 'ElSelect' })
    picker.vm.$props.remoteMethod('第一')
    await flushPromises()
    const asked = new URL(fetchMock.mock.calls.at(-1)[0], 'http://x').searchParams
    expect(asked.get('name')).toBe('第一')
    expect(asked.get('scope')).toBe('city')
    const options = wrapper.findAllComponents({ name: 'ElOption' })
    expect(options).toHaveLength(1)
    expect(options[0].props('label')).toBe('市卫生健康委员会 / 机关第一党支部')
    expect(options[0].props('value')).toBe('branch-b1')
    wrapper.unmount()
  })

  it('shows found members with the path of their organisation', async () => {
    vi.stubGlobal('fetch', vi.fn((url) => (String(url).startsWith('/api/organizations/directory') ? directory(url)
      : json({ content: [{ id: 'm-9', name: '赵强', organizationId: 'branch-b1' }], totalElements: 1 }))))
    const wrapper = mount({
      components: { MemberPicker },
      data: () => ({ chosen: '' }),
      template: '<MemberPicker v-model="chosen" input-id="who" />',
    }, { global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
    wrapper.findComponent({ name: 'ElSelect' }).vm.$props.remoteMethod('赵')
    await flushPromises()
    await flushPromises()
    const options = wrapper.findAllComponents({ name: 'ElOption' })
    expect(options[0].props('label')).toBe('赵强（市卫生健康委员会 / 机关第一党支部）')
    wrapper.unmount()
  })
})
