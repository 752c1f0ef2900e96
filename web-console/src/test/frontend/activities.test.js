import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '../../main/frontend/i18n/index.js'
import { session } from '../../main/frontend/session.js'
import ActivityAttachments from '../../main/frontend/components/activity/ActivityAttachments.vue'
import ActivityAppraisal from '../../main/frontend/components/activity/ActivityAppraisal.vue'

// Shapes activity-service answers with (GET /api/activities/{id}/attachments, …/attendance, …/appraisals).
const ATTACHMENT = {
  id: 'f-1', filename: '会议记录.pdf', contentType: 'application/pdf', size: 35328, sha256: 'ab', uploadedBy: 'secretary-a',
  uploadedAt: '2026-11-26T06:00:00Z',
}
const ATTENDANCE = {
  activityId: 'a-1', status: 'HELD', summary: {}, quorum: null,
  attendees: [
    { memberId: 'm-1', name: '陈明', organizationId: 'branch-a1', attendance: 'PRESENT' },
    { memberId: 'm-2', name: '王芳', organizationId: 'branch-a1', attendance: 'PRESENT' },
    { memberId: 'm-3', name: '刘书记', organizationId: 'branch-a1', attendance: 'PRESENT' },
  ],
}
const APPRAISAL = { id: 'a-1', kind: 'democratic-appraisal', topic: '2026年度民主评议党员', startsAt: '2026-12-31T17:00:00Z', status: 'HELD' }

function json(body, status = 200, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }))
}

function problem(status, detail) {
  return json({ status, title: '不符合要求', detail }, status, 'application/problem+json')
}

async function chooseFile(wrapper, file) {
  const input = wrapper.find('[data-test=attachment-file]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

describe('minutes attachments', () => {
  beforeEach(() => {
    session.me = { username: 'secretary-a', roles: ['org-admin'], administeredPaths: ['/city/unit-a/branch-a1'], organizationPaths: [] }
    session.loaded = true
  })
  afterEach(() => vi.unstubAllGlobals())

  it('lists the files with download links and uploads one as multipart, then lists it', async () => {
    let stored = []
    const fetchMock = vi.fn((url, init) => {
      if (init.method === 'POST') {
        stored = [ATTACHMENT]
        return json(ATTACHMENT, 201)
      }
      return json(stored)
    })
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = mount(ActivityAttachments, { props: { activityId: 'a-1', editable: true }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(wrapper.text()).toContain('暂无附件')
    const file = new File(['%PDF-1.4'], '会议记录.pdf', { type: 'application/pdf' })
    await chooseFile(wrapper, file)
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    const [url, init] = fetchMock.mock.calls.find(([, i]) => i.method === 'POST')
    expect(url).toBe('/api/activities/a-1/attachments')
    expect(init.body).toBeInstanceOf(FormData)
    expect(init.body.get('file').name).toBe('会议记录.pdf')
    // the browser writes the multipart boundary itself
    expect(init.headers['Content-Type']).toBeUndefined()
    expect(init.headers['X-XSRF-TOKEN'] === undefined || typeof init.headers['X-XSRF-TOKEN'] === 'string').toBe(true)

    const link = wrapper.find('[data-test=attachment-link]')
    expect(link.text()).toBe('会议记录.pdf')
    expect(link.attributes('href')).toBe('/api/activities/a-1/attachments/f-1')
    expect(wrapper.find('[data-test=attachment-list]').text()).toContain('34.5 KB')
  })

  it('explains a refused file with the service\'s detail', async () => {
    const detail = '附件只能是 PDF、PNG、JPEG 格式，该文件不符合。'
    vi.stubGlobal('fetch', vi.fn((url, init) => (init.method === 'POST' ? problem(415, detail) : json([]))))
    const wrapper = mount(ActivityAttachments, { props: { activityId: 'a-1', editable: true }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    await chooseFile(wrapper, new File(['MZ'], 'setup.pdf', { type: 'application/pdf' }))
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-test=action-error]').text()).toBe(detail)
  })

  it('offers no upload to those who only read', async () => {
    vi.stubGlobal('fetch', vi.fn(() => json([ATTACHMENT])))
    const wrapper = mount(ActivityAttachments, { props: { activityId: 'a-1', editable: false }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(wrapper.find('[data-test=attachment-link]').exists()).toBe(true)
    expect(wrapper.find('[data-test=attachment-file]').exists()).toBe(false)
  })
})

describe('democratic appraisal', () => {
  beforeEach(() => {
    session.me = { username: 'secretary-a', roles: ['org-admin'], administeredPaths: ['/city/unit-a/branch-a1'], organizationPaths: [] }
    session.loaded = true
  })
  afterEach(() => vi.unstubAllGlobals())

  it('sends the grades given for the year of the meeting and explains a refusal', async () => {
    const detail = '参评 3 人，评为优秀的最多 1 人，本次为 2 人。'
    const recorded = [{ memberId: 'm-3', organizationId: 'branch-a1', year: 2027, grade: 'QUALIFIED', recordedBy: 'secretary-a', recordedAt: '2027-01-01T02:00:00Z' }]
    const fetchMock = vi.fn((url, init) => {
      if (init.method === 'PUT') return problem(422, detail)
      return json(String(url).endsWith('/attendance') ? ATTENDANCE : recorded)
    })
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = mount(ActivityAppraisal, { props: { activity: APPRAISAL }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    // 01:00 on 1 January 2027 in the city: the year of the meeting is 2027, whose grade for 刘书记 is shown
    expect(wrapper.find('#appraisal-year').element.value).toBe('2027')
    expect(wrapper.find('[data-test=appraisal-count]').text()).toBe('参评 1 人，其中优秀 0 人')
    const rows = wrapper.findAll('.el-table__body tr')
    expect(rows[2].find('.el-radio-button.is-active').text()).toBe('合格')
    for (const row of rows.slice(0, 2)) {
      await row.findAll('input[type=radio]').find((r) => r.element.value === 'EXCELLENT').setValue(true)
    }
    // the choice shows in the row itself
    expect(rows[0].find('.el-radio-button.is-active').text()).toBe('优秀')
    expect(wrapper.find('[data-test=appraisal-count]').text()).toBe('参评 3 人，其中优秀 2 人')
    await wrapper.find('[data-test=appraisal-save]').trigger('click')
    await flushPromises()
    const [url, init] = fetchMock.mock.calls.find(([, i]) => i.method === 'PUT')
    expect(url).toBe('/api/activities/a-1/appraisals')
    expect(JSON.parse(init.body)).toEqual({
      year: 2027,
      results: [{ memberId: 'm-1', grade: 'EXCELLENT' }, { memberId: 'm-2', grade: 'EXCELLENT' }, { memberId: 'm-3', grade: 'QUALIFIED' }],
    })
    expect(wrapper.find('[data-test=action-error]').text()).toBe(detail)
  })
})
