import type { MessageId, MessageParams } from '../i18n/catalogue'
import { isMessageId } from '../i18n/catalogue'
import { formatDate, formatDateTime, formatMoney, formatTime, formatWeekday, type Currency } from '../i18n/format'
import type { Locale } from '../i18n/locales'

/**
 * A change of the audit trail in plain words, in the reader's language: "Lesson Tue 16:00 Room 2:
 * teacher" "Anna → Karen". Shared by the Audit screens, the CSV export and the PDF report, so the
 * three say the same thing.
 */

export type ChangeKind = 'added' | 'changed' | 'removed' | 'viewed'

/** What the feed (`GET /api/audit/changes`) gives for one change: the parts read here. */
export interface PlainInput {
  area: string
  source: 'command' | 'document' | 'view'
  action: string | null
  subject: { type: string; id: string | null; label: string | null }
  changes: ReadonlyArray<{ path: string; before: unknown; after: unknown; kind: ChangeKind }>
  hidden: boolean
  names: Readonly<Record<string, string>>
}

export interface PlainFormat {
  t: (id: MessageId, params?: MessageParams) => string
  locale: Locale
  /** The center's time zone: times in changes are shown there. */
  timeZone: string
  currency: Currency
}

/** One field's change: `field` names it ("Lesson Tue 16:00 Room 2: teacher"), before and after in words (null: none). */
export interface PlainLine {
  path: string
  field: string
  before: string | null
  after: string | null
  kind: ChangeKind
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
const MAX = 160

/** Keys that hold money (integer minor units) in the money area's rows. */
const MONEY_KEYS = new Set([
  'amount',
  'price',
  'unitPrice',
  'net',
  'tax',
  'gross',
  'credit',
  'discount',
  'total',
  'paid',
  'debt',
  'balance',
  'refund',
])

/** Where a field's stored codes are worded: the first catalogue that has `<prefix><code>`. */
const VALUE_WORDS: Record<string, readonly string[]> = {
  status: ['timetable.status.', 'clients.status.'],
  leaveReason: ['clients.leaveReason.'],
  reason: ['clients.leaveReason.'],
  source: ['clients.source.'],
  fitnessLevel: ['clients.fitness.'],
  method: ['passes.method.'],
  mode: ['passes.screens.tax.mode.'],
  taxMode: ['passes.screens.tax.mode.'],
  attendance: ['timetable.attendance.'],
  roles: ['users.role.'],
}

/** Top-level parts of a document that hold the fields (a client file's profile): not repeated in the field's name. */
const SECTIONS = new Set(['profile', 'traits', 'physical', 'medical'])
/** Collections keyed by id: their item is named, not its id. */
const COLLECTIONS: Record<string, MessageId> = {
  lessons: 'auditPlain.item.lesson',
  guardians: 'auditPlain.item.guardian',
  observations: 'auditPlain.item.observation',
}

const cut = (s: string) => (s.length > MAX ? s.slice(0, MAX - 1) + '…' : s)
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

function fieldWord(key: string, f: PlainFormat): string {
  const id = `auditPlain.field.${key}`
  return isMessageId(id) ? f.t(id) : key
}

function codeWord(key: string, code: string, f: PlainFormat): string | undefined {
  for (const prefix of VALUE_WORDS[key] ?? []) {
    const id = `${prefix}${code}`
    if (isMessageId(id)) return f.t(id)
  }
  return undefined
}

/** A lesson as people say it, from its stored fields: "Tue 23 Nov 16:00–17:30, Robotics lab, Juniors, Anna". */
function lessonWords(l: Record<string, unknown>, names: PlainInput['names'], f: PlainFormat): string {
  const start = typeof l.start === 'string' && ISO_DATE_TIME.test(l.start) ? new Date(l.start) : null
  const end = typeof l.end === 'string' && ISO_DATE_TIME.test(l.end) ? new Date(l.end) : null
  const when = start
    ? `${formatWeekday(start, f.locale, f.timeZone, 'short')} ${formatDate(start, f.locale, f.timeZone)} ${formatTime(start, f.locale, f.timeZone)}${end ? `–${formatTime(end, f.locale, f.timeZone)}` : ''}`
    : ''
  const named = (v: unknown) => (typeof v === 'string' ? (names[v] ?? '') : '')
  const status = typeof l.status === 'string' && l.status !== 'planned' ? codeWord('status', l.status, f) : undefined
  return cut(
    [when, named(l.roomId), named(l.groupId) || named(l.activityId), named(l.teacherId), status]
      .filter((x): x is string => !!x)
      .join(', '),
  )
}

/** A stored value in words: names for ids, dates and times in the center's zone, money, yes/no, the catalogue's words for codes. */
export function valueWords(
  value: unknown,
  key: string,
  input: Pick<PlainInput, 'area' | 'names'>,
  f: PlainFormat,
): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'boolean') return f.t(value ? 'auditPlain.yes' : 'auditPlain.no')
  if (typeof value === 'number') {
    if (input.area === 'money' && MONEY_KEYS.has(key) && Number.isSafeInteger(value))
      return formatMoney(value, f.currency, f.locale)
    if (key === 'rateBp' && Number.isInteger(value)) return `${value / 100} %`
    return String(value)
  }
  if (typeof value === 'string') {
    if (value === '[erased]') return f.t('auditPlain.erased')
    const name = input.names[value]
    if (name !== undefined) return name
    const code = codeWord(key, value, f)
    if (code !== undefined) return code
    if (ISO_DATE.test(value)) return formatDate(new Date(`${value}T12:00:00Z`), f.locale, 'UTC')
    if (ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))
      return formatDateTime(new Date(value), f.locale, f.timeZone)
    if (UUID.test(value)) return f.t('auditPlain.unknownRecord')
    return cut(value)
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueWords(v, key, input, f)).filter((x): x is string => x !== null)
    return parts.length ? cut(parts.join(', ')) : null
  }
  if (isObject(value)) {
    if ('start' in value && 'roomId' in value) return lessonWords(value, input.names, f)
    const own = value.name ?? value.title ?? value.description ?? value.text ?? value.label
    if (typeof own === 'string' && own) return cut(own)
    const parts = Object.entries(value)
      .filter(([k, v]) => v !== null && v !== '' && typeof v !== 'object' && k !== 'id' && !k.endsWith('At') && !k.endsWith('By'))
      .map(([k, v]) => `${fieldWord(k, f)}: ${valueWords(v, k, input, f) ?? ''}`)
    return parts.length ? cut(parts.join('; ')) : null
  }
  return String(value)
}

/** The lesson a `lessons.<id>…` path is about, as people say it. */
function itemName(
  collection: string,
  id: string,
  change: PlainInput['changes'][number],
  input: PlainInput,
  f: PlainFormat,
): string {
  const word = f.t(COLLECTIONS[collection])
  const known = input.names[id]
  if (known) return `${word} ${known}`
  const whole = isObject(change.after) ? change.after : isObject(change.before) ? change.before : null
  if (collection === 'lessons' && whole) return `${word} ${lessonWords(whole, input.names, f)}`
  if (whole && typeof (whole.name ?? whole.text) === 'string') return `${word} ${cut(String(whole.name ?? whole.text))}`
  return word
}

/** A change's path in words: "first name", "Lesson Tue 16:00 Room 2: teacher", "Guardian Anna: phone". */
export function fieldWords(change: PlainInput['changes'][number], input: PlainInput, f: PlainFormat): string {
  if (change.path === '') return input.subject.label ?? f.t('auditPlain.field.value')
  const segs = change.path.split('.')
  const parts: string[] = []
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]
    if (i === 0 && segs.length > 1 && SECTIONS.has(seg)) continue
    if (i === 0 && COLLECTIONS[seg] && segs.length > 1) {
      parts.push(itemName(seg, segs[1], change, input, f))
      i++
      continue
    }
    parts.push(input.names[seg] ?? fieldWord(seg, f))
  }
  return parts.join(': ')
}

/** The key whose codes and money rules apply to a path's values (its last segment that is not an id). */
const valueKey = (path: string) => [...path.split('.')].reverse().find((s) => !UUID.test(s) && !/\d{8}/.test(s)) ?? ''

/**
 * Keys a command row repeats without news for a reader: its own id, who and when it was written, and
 * what the server derives for itself (the search index's keys, digits of a phone, flags it computes).
 */
const NOISE = new Set([
  'id',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'erasedAt',
  'erasedBy',
  'flags',
  'phoneDigits',
  'payerPhoneDigits',
  'searchText',
  'sortKey',
  'sortKeys',
  'idempotencyKey',
])

/**
 * The lines of a change as the audit shows them. A medical change to a reader without medical
 * access is one line saying the file changed, never its content; a view says what was viewed.
 */
export function plainLines(input: PlainInput, f: PlainFormat): PlainLine[] {
  if (input.hidden) return [{ path: '', field: f.t('auditPlain.hiddenChange'), before: null, after: null, kind: 'changed' }]
  if (input.source === 'view') {
    const what = input.action ?? 'document'
    const id = `auditPlain.viewed.${what}`
    return [{ path: 'viewed', field: isMessageId(id) ? f.t(id) : what, before: null, after: null, kind: 'viewed' }]
  }
  if (input.source === 'command' && input.action === 'audit.checkpoint') return checkpointLines(input, f)
  // a record created with empty fields says nothing about them: "email: —" is not a change
  const meaningful = input.changes.filter(
    (c) => c.path === '' || !((c.before === null || c.before === undefined) && (c.after === null || c.after === undefined)),
  )
  const shown = input.source === 'command' && meaningful.length > 1 ? meaningful.filter((c) => !NOISE.has(c.path)) : meaningful
  const lines = shown.map((c) => {
    const key = valueKey(c.path)
    return {
      path: c.path,
      field: fieldWords(c, input, f),
      before: valueWords(c.before, key, input, f),
      after: valueWords(c.after, key, input, f),
      kind: c.kind,
    }
  })
  // nothing to say either side (an empty list set on a new record): not a line
  return lines.filter((l) => l.path === '' || l.before !== null || l.after !== null)
}

/** An audit closed: its counts in one line ("1,073 changes, 2 queried"), and its note. */
function checkpointLines(input: PlainInput, f: PlainFormat): PlainLine[] {
  const after = (path: string) => input.changes.find((c) => c.path === path)?.after
  const total = after('total')
  const queried = after('queried')
  const lines: PlainLine[] = []
  if (typeof total === 'number' && typeof queried === 'number')
    lines.push({
      path: 'summary',
      field: fieldWord('summary', f),
      before: null,
      after: f.t('auditPlain.checkpointSummary', { total, queried }),
      kind: 'added',
    })
  const note = after('note')
  if (typeof note === 'string' && note)
    lines.push({ path: 'note', field: fieldWord('note', f), before: null, after: cut(note), kind: 'added' })
  return lines
}

/** One line as one sentence: "teacher: Anna → Karen", "note: set to …", "lesson …: removed". */
export function lineSentence(line: PlainLine, f: PlainFormat): string {
  if (line.kind === 'viewed' || (line.before === null && line.after === null && line.path === '')) return line.field
  if (line.kind === 'removed' && line.after === null)
    return f.t('auditPlain.sentence.removed', { field: line.field, before: line.before ?? '' })
  if (line.before === null && line.after !== null) return f.t('auditPlain.sentence.set', { field: line.field, after: line.after })
  if (line.before !== null && line.after === null)
    return f.t('auditPlain.sentence.cleared', { field: line.field, before: line.before })
  return f.t('auditPlain.sentence.changed', { field: line.field, before: line.before ?? '', after: line.after ?? '' })
}

/** The first catalogue's words for a code (`auditPlain.action.clients.create`), else the code (a newer server's). */
function firstWord(f: PlainFormat, code: string, ...prefixes: string[]): string {
  for (const prefix of prefixes) {
    const id = `${prefix}${code}`
    if (isMessageId(id)) return f.t(id)
  }
  return code
}

/** An area's name ("Passes and money"): `audit.area.<name>`, which each module's catalogue may add to. */
export const areaWords = (area: string, f: PlainFormat): string => firstWord(f, area, 'audit.area.')

/** What kind of thing a subject is ("Client", "Timetable week", "Medical file"). */
export const entityWords = (type: string, f: PlainFormat): string => firstWord(f, type, 'auditPlain.entity.')

/** What was done: a command's action ("Lesson cancelled"), what was viewed, or the kind of document edited. */
export function actionWords(input: Pick<PlainInput, 'source' | 'action' | 'subject'>, f: PlainFormat): string {
  if (input.source === 'command') return firstWord(f, input.action ?? '', 'auditPlain.action.')
  if (input.source === 'view') return firstWord(f, input.action ?? 'document', 'auditPlain.viewed.')
  const id = `auditPlain.edited.${input.subject.type}`
  return isMessageId(id) ? f.t(id) : f.t('auditPlain.edited')
}
