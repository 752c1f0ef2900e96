import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import { session } from '../../main/frontend/session.js'
import MemberImport from '../../main/frontend/views/MemberImport.vue'

// Shapes member-service answers with (POST /api/members/import → 202 job; GET …/import/{id}).
const JOB = {
  id: 'job-1', organizationId: 'branch-a1', fileName: '党员.xlsx', format: 'XLSX', partial: false, status: 'VALIDATING',
  totalRows: 0, invalidRows: 0, processedRows: 0, created: 0, skippedExisting: 0, errors: [], requestedBy: 'secretary-a',
  requestedAt: '2026-11-26T08:00:00Z',
}
const REJECTED = {
  ...JOB, status: 'REJECTED', totalRows: 2, invalidRows: 1, finishedAt: '2026-11-26T08:00:02Z',
  errors: [{ row: 3, column: '公民身份号码', message: '公民身份号码无效：校验码错误' }],
}

function json(body, status = 200, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }))
}

async function mountImport() {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/organizations/import', component: MemberImport }, { path: '/organizations', component: { render: () => null } },
  ] })
  router.push('/organizations/import')
  await router.isReady()
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [router, i18n, ElementPlus] } })
  await flushPromises()
  return wrapper
}

async function chooseFile(wrapper, name) {
  const input = wrapper.find('[data-test=import-file]')
  const file = new File(['x'], name)
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  return file
}

describe('member import page', () => {
  beforeEach(() => {
    session.me = { username: 'secretary-a', roles: ['org-admin'], administeredPaths: ['/city/unit-a/branch-a1'], organizationPaths: [] }
    session.loaded = true
    vi.useFakeTimers({ shouldAdvanceTime: true })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('uploads the file as multipart into the caller\'s organisation and lists the bad rows once checked', async () => {
    let polls = 0
    const fetchMock = vi.fn((url, init) => {
      if (init.method === 'POST') return json(JOB, 202)
      if (String(url).startsWith('/api/members/import/job-1')) return json(++polls < 2 ? JOB : REJECTED)
      return json({ id: 'branch-a1', name: '机关第一党支部', type: 'BRANCH' })
    })
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await mountImport()
    const file = await chooseFile(wrapper, '党员.xlsx')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    const [url, init] = fetchMock.mock.calls.find(([, i]) => i.method === 'POST')
    expect(url).toBe('/api/members/import?organizationId=branch-a1&partial=false')
    expect(init.body).toBeInstanceOf(FormData)
    expect(init.body.get('file').name).toBe(file.name)
    expect(init.headers['Content-Type']).toBeUndefined() // the browser sets the multipart boundary
    expect(wrapper.find('[data-test=import-status]').text()).toBe('正在检查')

    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    expect(wrapper.find('[data-test=import-status]').text()).toBe('未导入（有错误行）')
    const errors = wrapper.find('[data-test=import-errors]').text()
    expect(errors).toContain('公民身份号码无效：校验码错误')
    expect(errors).toContain('3')
    expect(wrapper.text()).toContain('文件中有 1 行有误，未导入任何数据')
    const pollsBefore = polls
    await vi.advanceTimersByTimeAsync(3000)
    expect(polls).toBe(pollsBefore) // a finished job is not asked about again
  })

  it('shows why a file was refused before any job existed (wrong columns)', async () => {
    vi.stubGlobal('fetch', vi.fn((url, init) => (init.method === 'POST'
      ? json({ status: 400, title: '校验失败', detail: '文件的列与党员信息采集表不符。',
        errors: [{ field: 'file', message: '缺少必填列「公民身份号码」 (missing required column 公民身份号码)' }] }, 400, 'application/problem+json')
      : json({ id: 'branch-a1', name: '机关第一党支部', type: 'BRANCH' }))))
    const wrapper = await mountImport()
    await chooseFile(wrapper, 'bad.csv')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const alert = wrapper.find('[data-test=upload-error]').text()
    expect(alert).toContain('文件的列与党员信息采集表不符。')
    expect(alert).toContain('缺少必填列「公民身份号码」')
    expect(wrapper.find('[data-test=import-job]').exists()).toBe(false)
  })

  it('offers the export of the chosen organisation in both formats', async () => {
    vi.stubGlobal('fetch', vi.fn(() => json({ id: 'branch-a1', name: '机关第一党支部', type: 'BRANCH' })))
    const wrapper = await mountImport()
    expect(wrapper.find('[data-test=export-xlsx]').attributes('href')).toBe('/api/members/export?format=xlsx&organizationId=branch-a1')
    expect(wrapper.find('[data-test=export-csv]').attributes('href')).toBe('/api/members/export?format=csv&organizationId=branch-a1')
  })
})
