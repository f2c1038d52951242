/**
 * The one parser and formatter of live-document names, shared by the document server, the
 * history route, the projectors, the migrations' checks and the browser (imports nothing).
 *
 * A name has exactly one spelling: `type:key` where ids are lower-case UUIDs and weeks are real
 * ISO weeks `YYYY-Www`. `client:<ID IN UPPER CASE>` is not another spelling of a client's file;
 * it is not a document name at all (parseDocName returns null), so it can never open a second
 * copy of the client's document.
 *
 * - `client:<clientId>` — the live client file
 * - `client-medical:<clientId>` — the medical file
 * - `timetable:<branchId>:<YYYY-Www>` — one week of one branch (the branch must exist: checked by the server)
 * - `workspace:<userId>` — a user's personal workspace
 * - `stock-doc:<docId>` — a stock document (receipt, write-off, transfer, count, return) while it is edited
 * - `checklist:<checklistId>` — a due production-control checklist while it is filled
 */

/** Longest document name accepted anywhere (URL path, Redis channel, database key). */
export const DOC_NAME_MAX = 200

const TYPE_AND_KEY = /^([a-z][a-z0-9-]{0,39}):([A-Za-z0-9:._-]+)$/

/**
 * Splits any `type:key` (also of types defined elsewhere, e.g. tests' scratch documents); null when
 * the name is not of that form. Says nothing about the key's spelling: that is parseDocName's.
 * @example splitDocName('workspace:6f1c…') // { type: 'workspace', key: '6f1c…' }
 */
export function splitDocName(name: string): { type: string; key: string } | null {
  if (typeof name !== 'string' || name.length === 0 || name.length > DOC_NAME_MAX) return null
  const m = TYPE_AND_KEY.exec(name)
  return m ? { type: m[1], key: m[2] } : null
}

export type DocName =
  | { type: 'client'; clientId: string }
  | { type: 'client-medical'; clientId: string }
  | { type: 'timetable'; branchId: string; week: string }
  | { type: 'workspace'; userId: string }
  | { type: 'stock-doc'; docId: string }
  | { type: 'checklist'; checklistId: string }

export type DocNameType = DocName['type']

export const DOC_NAME_TYPES: readonly DocNameType[] = [
  'client',
  'client-medical',
  'timetable',
  'workspace',
  'stock-doc',
  'checklist',
]

/** The document types keyed by a client: erasure removes every one of them. */
export const CLIENT_DOC_TYPES = ['client', 'client-medical'] as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const WEEK = /^(\d{4})-W(\d{2})$/

/** A lower-case UUID (the only spelling of an id in a document name). */
export function isCanonicalUuid(value: string): boolean {
  return typeof value === 'string' && UUID.test(value)
}

/** Does ISO year `year` have a week 53? (Its 1 January is a Thursday, or a Wednesday in a leap year.) */
function hasWeek53(year: number): boolean {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay() // 0 = Sunday
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return jan1 === 4 || (leap && jan1 === 3)
}

/** `YYYY-Www` naming a week that exists (W01…W52, W53 only in long years; years 1000–9999). */
export function isIsoWeek(value: string): boolean {
  const m = typeof value === 'string' ? WEEK.exec(value) : null
  if (!m) return false
  const year = Number(m[1])
  const week = Number(m[2])
  if (year < 1000 || week < 1 || week > 53) return false
  return week < 53 || hasWeek53(year)
}

/**
 * The type and key of a canonically spelled document name, or null for anything else
 * (unknown type, upper-case id, malformed or non-existent week, extra parts).
 * @example parseDocName('timetable:6f1c…:2026-W48') // { type: 'timetable', branchId: '6f1c…', week: '2026-W48' }
 * @example parseDocName('client:6F1C…') // null
 */
export function parseDocName(name: string): DocName | null {
  if (typeof name !== 'string' || name.length > DOC_NAME_MAX) return null
  const parts = name.split(':')
  switch (parts[0]) {
    case 'client':
    case 'client-medical':
      return parts.length === 2 && isCanonicalUuid(parts[1]) ? { type: parts[0], clientId: parts[1] } : null
    case 'timetable':
      return parts.length === 3 && isCanonicalUuid(parts[1]) && isIsoWeek(parts[2])
        ? { type: 'timetable', branchId: parts[1], week: parts[2] }
        : null
    case 'workspace':
      return parts.length === 2 && isCanonicalUuid(parts[1]) ? { type: 'workspace', userId: parts[1] } : null
    case 'stock-doc':
      return parts.length === 2 && isCanonicalUuid(parts[1]) ? { type: 'stock-doc', docId: parts[1] } : null
    case 'checklist':
      return parts.length === 2 && isCanonicalUuid(parts[1]) ? { type: 'checklist', checklistId: parts[1] } : null
    default:
      return null
  }
}

/** The one spelling of a document name. Throws on a key that has no canonical spelling (a programming error). */
export function formatDocName(doc: DocName): string {
  let name: string
  switch (doc.type) {
    case 'client':
    case 'client-medical':
      name = `${doc.type}:${doc.clientId}`
      break
    case 'timetable':
      name = `timetable:${doc.branchId}:${doc.week}`
      break
    case 'workspace':
      name = `workspace:${doc.userId}`
      break
    case 'stock-doc':
      name = `stock-doc:${doc.docId}`
      break
    case 'checklist':
      name = `checklist:${doc.checklistId}`
      break
  }
  if (parseDocName(name) === null) throw new Error(`not a canonical document name: ${JSON.stringify(name)}`)
  return name
}

/** Is this type one whose names this module defines (so only canonical spellings are accepted)? */
export function isKnownDocType(type: string): type is DocNameType {
  return (DOC_NAME_TYPES as readonly string[]).includes(type)
}

/** The key part of a canonical name (`<branchId>:<week>` of a timetable week), or null. */
export function parseDocKey<T extends DocNameType>(type: T, key: string): Extract<DocName, { type: T }> | null {
  const parsed = parseDocName(`${type}:${key}`)
  return parsed && parsed.type === type ? (parsed as Extract<DocName, { type: T }>) : null
}

/** Every document name of a client, by canonical spelling (what erasure removes). */
export function clientDocNames(clientId: string): string[] {
  return CLIENT_DOC_TYPES.map((type) => formatDocName({ type, clientId }))
}
