import { api, withQuery } from './client.js'

const enc = encodeURIComponent

// Public (no login)
export const honorRoll = (query) => api.get('/api/honor-roll', query)
export const notices = (query) => api.get('/api/honor-roll/notices', query)
export const lodgeObjection = (nominationId, text) =>
  api.post(`/api/honor-roll/notices/${enc(nominationId)}/objections`, { text })
export const ledger = (campaignId) => api.get(`/api/donation-campaigns/${enc(campaignId)}/ledger`)

// Session
export const me = () => api.get('/api/me')

// Organisations and members
export const organizations = (parentId) => api.get('/api/organizations', { parentId })
export const organization = (id) => api.get(`/api/organizations/${enc(id)}`)
export const structureWarnings = (id) => api.get(`/api/organizations/${enc(id)}/warnings`)
/** Names with the path for pickers and labels: `{ name }` or `{ ids: 'a,b' }`, `scope` visible | city. */
export const orgDirectory = (query) => api.get('/api/organizations/directory', query)
export const members = (query) => api.get('/api/members', query)
export const member = (id) => api.get(`/api/members/${enc(id)}`)
export const memberTransfers = (id) => api.get(`/api/members/${enc(id)}/transfers`)
// Changes to a member carry the version the clerk saw (the resource's ETag) in If-Match: someone
// else's change in between is refused with 409 instead of being overwritten.
const ifMatch = (version) => ({ 'If-Match': `"${version}"` })
const memberPath = (id) => `/api/members/${enc(id)}`
export const changeStage = (id, version, body) => api.post(`${memberPath(id)}/stage-transitions`, body, ifMatch(version))
export const extendProbation = (id, version, body) => api.post(`${memberPath(id)}/probation-extensions`, body, ifMatch(version))
export const endMembership = (id, version, body) => api.post(`${memberPath(id)}/status-changes`, body, ifMatch(version))
export const issueTransfer = (id, version, body) => api.post(`${memberPath(id)}/transfers`, body, ifMatch(version))
export const decideTransfer = (id, transferId, decision, note) =>
  api.post(`${memberPath(id)}/transfers/${enc(transferId)}/${decision}`, { note: note || undefined })
export const incomingTransfers = (query) => api.get('/api/members', { ...query, incomingTransfers: true })
export const lapseWarnings = (query) => api.get('/api/members/lapse-warnings', query)
export const dues = (id) => api.get(`${memberPath(id)}/dues`)
export const assessDues = (id, version, body) => api.put(`${memberPath(id)}/dues/assessment`, body, ifMatch(version))
export const payDues = (id, version, body) => api.post(`${memberPath(id)}/dues/payments`, body, ifMatch(version))
// 流动党员: away for a long time, membership kept here
export const startFloating = (id, version, body) => api.put(`${memberPath(id)}/floating`, body, ifMatch(version))
export const endFloating = (id, version, body) => api.post(`${memberPath(id)}/floating/return`, body, ifMatch(version))
// 关怀帮扶: additions only (a wrong record is corrected by a further one)
export const careRecords = (id) => api.get(`${memberPath(id)}/care-records`)
export const addCareRecord = (id, body) => api.post(`${memberPath(id)}/care-records`, body)

// Bulk import (multipart field `file`) and export of the member form
export function importMembers(file, organizationId, partial = false) {
  const form = new FormData()
  form.append('file', file)
  return api.upload('/api/members/import', form, { organizationId, partial })
}
export const importJob = (jobId) => api.get(`/api/members/import/${enc(jobId)}`)
/** A plain link: the browser downloads it with the session cookie (Content-Disposition: attachment). */
export const exportUrl = (format, organizationId) => withQuery('/api/members/export', { format, organizationId })

// Activities and compliance
export const compliance = (query) => api.get('/api/compliance', query)
export const activityKinds = () => api.get('/api/activities/kinds')
export const activities = (query) => api.get('/api/activities', query)
export const planActivity = (body) => api.post('/api/activities', body)
export const holdActivity = (id) => api.post(`/api/activities/${enc(id)}/hold`)
export const recordActivity = (id, body) => api.put(`/api/activities/${enc(id)}/record`, body)
export const attendance = (id) => api.get(`/api/activities/${enc(id)}/attendance`)
export const recordAttendance = (id, entries) => api.put(`/api/activities/${enc(id)}/attendance`, { entries })
export const issueSignInCode = (id, validMinutes) =>
  api.post(`/api/activities/${enc(id)}/sign-in-codes`, { validMinutes })
export const signIn = (id, code) => api.post(`/api/activities/${enc(id)}/sign-in`, { code })
// Files of the record (纪实): multipart field `file`; the gateway lets up to 12 MB through
export const attachments = (id) => api.get(`/api/activities/${enc(id)}/attachments`)
export function uploadAttachment(id, file) {
  const form = new FormData()
  form.append('file', file)
  return api.upload(`/api/activities/${enc(id)}/attachments`, form)
}
/** A plain link: the browser downloads it with the session cookie (Content-Disposition: attachment). */
export const attachmentUrl = (id, attachmentId) => `/api/activities/${enc(id)}/attachments/${enc(attachmentId)}`
// 民主评议党员: grades per member and year, at most a third excellent
export const appraisals = (id) => api.get(`/api/activities/${enc(id)}/appraisals`)
export const appraise = (id, body) => api.put(`/api/activities/${enc(id)}/appraisals`, body)

// Donations
export const campaigns = (query) => api.get('/api/donation-campaigns', query)
export const progress = (campaignId) => api.get(`/api/donation-campaigns/${enc(campaignId)}/progress`)
export const recordDonation = (body, idempotencyKey) =>
  api.post('/api/donations', body, { 'Idempotency-Key': idempotencyKey })
export const donations = (query) => api.get('/api/donations', query)
export const reverseDonation = (id, reason) => api.post(`/api/donations/${enc(id)}/reversal`, { reason })
export const completeUnit = (campaignId, unitId, note) =>
  api.post(`/api/donation-campaigns/${enc(campaignId)}/units/${enc(unitId)}/completion`, { note })
export const handOver = (campaignId, body, idempotencyKey) =>
  api.post(`/api/donation-campaigns/${enc(campaignId)}/hand-overs`, body, { 'Idempotency-Key': idempotencyKey })
export const disburse = (campaignId, body, idempotencyKey) =>
  api.post(`/api/donation-campaigns/${enc(campaignId)}/disbursements`, body, { 'Idempotency-Key': idempotencyKey })

// Honors
export const honorPrograms = (query) => api.get('/api/honor-programs', query)
export const nominations = (query) => api.get('/api/nominations', query)
export const nominate = (body) => api.post('/api/nominations', body)
export const review = (id, body) => api.post(`/api/nominations/${enc(id)}/reviews`, body)
export const startNotice = (programId) => api.post(`/api/honor-programs/${enc(programId)}/notice`)
export const resolveObjection = (nominationId, objectionId, body) =>
  api.post(`/api/nominations/${enc(nominationId)}/objections/${enc(objectionId)}/resolution`, body)
export const approveNomination = (id) => api.post(`/api/nominations/${enc(id)}/approval`)
