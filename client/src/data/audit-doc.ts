/**
 * A live document as it was (GET /api/docs/{name}/at), laid out for the audit's "Document as it
 * was" view: a timetable week as its lessons, a client file as sections of fields, anything else as
 * path → value; and which of those a change touched, to outline them.
 */

export type DocKind = 'timetable' | 'client' | 'other'

/** What kind of document a name is (`timetable:<branch>:<week>`, `client:<id>`). */
export function docKind(name: string): DocKind {
  if (name.startsWith('timetable:')) return 'timetable'
  if (name.startsWith('client:')) return 'client'
  return 'other'
}

/** The branch of a timetable week's name (null for any other document). */
export function docBranch(name: string): string | null {
  const m = /^timetable:([^:]+):/.exec(name)
  return m ? m[1] : null
}

/** One change's path and kind: what is outlined. */
export interface Touch {
  path: string
  kind: 'added' | 'changed' | 'removed' | 'viewed'
}

export type Side = 'before' | 'after'

/**
 * Did a change touch what sits at `path` on this side? A change of the path or of something
 * containing it does (a lesson added whole outlines each of its cells); added things show only
 * After, removed ones only Before. With `leaf`, a change inside the path does too (a value shown
 * whole, like a list). A lesson's row (`lessons.<id>`) is touched only when the lesson itself was
 * added, removed or replaced, not when one field of it changed (that cell is).
 * @example touched('lessons.a.teacherId', [{ path: 'lessons.a.teacherId', kind: 'changed' }], 'after') // true
 * @example touched('lessons.a', [{ path: 'lessons.a', kind: 'added' }], 'before') // false
 */
export function touched(path: string, changes: readonly Touch[], side: Side, leaf = false): boolean {
  return changes.some((c) => {
    if (c.kind === 'viewed') return false
    if (c.kind === 'added' && side === 'before') return false
    if (c.kind === 'removed' && side === 'after') return false
    if (c.path === '' || path === c.path || path.startsWith(`${c.path}.`)) return true
    return leaf && c.path.startsWith(`${path}.`)
  })
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** A lesson of a timetable week as the table shows it. */
export interface LessonRow {
  id: string
  /** `lessons.<id>`: its cells are `<path>.<field>`. */
  path: string
  start: string
  end: string
  roomId: string
  groupId: string | null
  activityId: string
  teacherId: string
  status: string
  note: string
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * The lessons of a timetable week (its JSON), by start time.
 * @example lessonRows({ lessons: { a: { start: '2026-03-03T12:00:00Z', roomId: 'r', … } } }) // [{ id: 'a', path: 'lessons.a', … }]
 */
export function lessonRows(state: unknown): LessonRow[] {
  const lessons = isObject(state) && isObject(state.lessons) ? state.lessons : {}
  return Object.entries(lessons)
    .filter((e): e is [string, Record<string, unknown>] => isObject(e[1]))
    .map(([id, l]) => ({
      id,
      path: `lessons.${id}`,
      start: str(l.start),
      end: str(l.end),
      roomId: str(l.roomId),
      groupId: typeof l.groupId === 'string' && l.groupId ? l.groupId : null,
      activityId: str(l.activityId),
      teacherId: str(l.teacherId),
      status: str(l.status) || 'planned',
      note: str(l.note),
    }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))
}

/** A field of a document: its dotted path, its last key (for words) and its value (a primitive or a list of them). */
export interface FieldRow {
  path: string
  key: string
  value: unknown
}

/**
 * Every value of a JSON tree by its dotted path (lists of plain values kept whole; empty maps and
 * lists skipped).
 * @example flatten({ profile: { firstName: 'Ani', tags: ['a'] } }) // [{ path: 'profile.firstName', key: 'firstName', value: 'Ani' }, { path: 'profile.tags', key: 'tags', value: ['a'] }]
 */
export function flatten(value: unknown, prefix = ''): FieldRow[] {
  const key = prefix.split('.').pop() ?? ''
  if (Array.isArray(value)) {
    if (value.every((v) => !isObject(v) && !Array.isArray(v))) return value.length ? [{ path: prefix, key, value }] : []
    return value.flatMap((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i)))
  }
  if (isObject(value))
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
  return prefix ? [{ path: prefix, key, value }] : [{ path: '', key: '', value }]
}

/** The sections of a client's file, in the file's order; others after them. */
const CLIENT_SECTIONS = ['profile', 'guardians', 'traits', 'physical', 'notes', 'observations']

/**
 * A client's file (its JSON) as sections of fields.
 * @example clientSections({ notes: 'x', profile: { firstName: 'Ani' } }) // [{ key: 'profile', rows: [...] }, { key: 'notes', rows: [...] }]
 */
export function clientSections(state: unknown): Array<{ key: string; rows: FieldRow[] }> {
  const s = isObject(state) ? state : {}
  const keys = [...CLIENT_SECTIONS.filter((k) => k in s), ...Object.keys(s).filter((k) => !CLIENT_SECTIONS.includes(k)).sort()]
  return keys.map((key) => ({ key, rows: flatten(s[key], key) })).filter((sec) => sec.rows.length > 0)
}

/** The key whose words name a field's values: the last segment that is not an index or an id. */
export function valueKeyOf(path: string): string {
  const segs = path.split('.')
  for (let i = segs.length - 1; i >= 0; i--) if (!/^\d+$/.test(segs[i]) && !/[0-9a-f]{8}-/.test(segs[i])) return segs[i]
  return ''
}
