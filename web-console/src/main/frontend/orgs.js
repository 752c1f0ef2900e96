// Organisations as people know them: by name and by where they sit in the tree (市财政局 /
// 机关第一党支部), never by id. Labels come from member-service's directory
// (GET /api/organizations/directory), asked once per id and shared by every page of the session;
// ids asked for in the same moment go out as one request.
import { reactive } from 'vue'
import { orgDirectory } from './api/endpoints.js'
import { isAdmin } from './session.js'

/** id → { id, name, type, status, path, pathNames } (only ids the directory answered for) */
export const orgLabels = reactive({})
const asked = new Set()
let pending = null

/**
 * Administrators label city-wide (a transfer's other side lies outside their subtree: they see
 * its name, nothing else); everyone else within what they may see.
 */
function labelScope() {
  return isAdmin() ? 'city' : 'visible'
}

function remember(labels) {
  for (const label of labels || []) orgLabels[label.id] = label
}

/** The path as it is read, the work committee left out below it: 市财政局 / 机关第一党支部. */
export function pathText(label) {
  if (!label) return ''
  const names = label.pathNames && label.pathNames.length ? label.pathNames : [label.name]
  return (names.length > 1 ? names.slice(1) : names).join(' / ')
}

/** What to show for an organisation id: its path of names once known, else the id. */
export function orgLabel(id) {
  if (!id) return ''
  const label = orgLabels[id]
  if (!label) {
    ensureOrgLabels([id])
    return id
  }
  return pathText(label)
}

/** Asks the directory for the ids not known yet (one request per moment, at most 100 ids each). */
export function ensureOrgLabels(ids) {
  const missing = [...new Set(ids)].filter((id) => id && !(id in orgLabels) && !asked.has(id))
  missing.forEach((id) => asked.add(id))
  if (missing.length && !pending) {
    pending = { wanted: [] }
    pending.done = Promise.resolve().then(async () => {
      const { wanted } = pending
      pending = null
      for (let i = 0; i < wanted.length; i += 100) {
        const part = wanted.slice(i, i + 100)
        try {
          remember(await orgDirectory({ ids: part.join(','), scope: labelScope() }))
        } catch {
          // not labelled this time: the id stays on screen, and a later page may ask again
          part.forEach((id) => asked.delete(id))
        }
      }
    })
  }
  if (missing.length) pending.wanted.push(...missing)
  return pending ? pending.done : Promise.resolve()
}

/** Organisations whose name contains {@code name} (all of the scope's first ones when empty), tree order. */
export async function searchOrgs(name, scope = 'visible') {
  const found = await orgDirectory({ name: name || undefined, scope, size: 30 })
  remember(found)
  return found
}
