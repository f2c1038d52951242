/**
 * The timetable: typed calls for the reference data, the lessons projection, attendance and
 * the schedule generator, plus the client side of the week document
 * `timetable:<branchId>:<YYYY-Www>` (shape and codec in domain/docs/timetable-week.ts, shared with
 * the server).
 *
 * Positions (room, start, end) come from the live document; clash outlines, red flags,
 * validity and member counts come from the projection (`GET /api/lessons`), which the server
 * refreshes within a second of an edit.
 */
import * as Y from 'yjs'
import {
  LESSON_FIELDS,
  type LessonStatus,
  TIMETABLE_DOC_TYPE,
  addDays,
  encodeTimetableDocName,
  isoWeekOf,
  isoWeekday,
  lessonsOf,
  mondayOf,
} from '../../../domain/docs/timetable-week'
import { CANCEL_REASON_FIELD, cancellationOf } from '../../../domain/timetable/cancellation'
import { api, withQuery } from './api'

export { TIMETABLE_DOC_TYPE, addDays, encodeTimetableDocName, isoWeekOf, isoWeekday, lessonsOf, mondayOf }
export type { LessonStatus }

// ── reference data ────────────────────────────────────────────────────────

export interface Activity {
  id: string
  name: string
  color: string
  durationMinutes: number
  maxGroupSize: number
  /** Retired activities stay for history but are not offered for new lessons. */
  active?: boolean
}

/**
 * A message as the server sends it: a catalogue id and its parameters (names as written), which
 * the screen words in the language it shows (an id it does not know shows nothing).
 */
export interface SentMessage {
  id: string
  params?: Record<string, string | number>
}

/** One string per message and parameters (two messages with one key say the same). */
export const messageKey = (m: SentMessage): string => (m.params ? `${m.id}${JSON.stringify(m.params)}` : m.id)

/** Why a member of a group owes: unpaid pass, expired pass, missing document… (as messages). */
export interface Owing {
  clientId: string
  /** The name, or an erased client's label in the language asked (shown through `clientNameText`). */
  name: string
  /** An erased client (their name is the label `clients.erased.name`). */
  erased?: boolean
  reasons: SentMessage[]
}

export interface Group {
  id: string
  name: string
  activityId: string
  teacherId: string
  roomId: string
  capacity: number | null
  memberCount: number
  /** Someone in the group owes money or papers. */
  red: boolean
  owing: Owing[]
}

export interface Teacher {
  id: string
  name: string
}

export const CLASH_KINDS = ['room_clash', 'teacher_clash', 'over_capacity'] as const
export type ClashKind = (typeof CLASH_KINDS)[number]

/** One lesson of the projection (server/modules/timetable/presenters.ts). */
export interface LessonRow {
  id: string
  roomId: string | null
  start: string | null
  end: string | null
  activityId: string | null
  groupId: string | null
  teacherId: string | null
  status: LessonStatus | string
  /** The lesson's own note. */
  note: string
  /**
   * A cancelled lesson's reason as typed, else null. (A server before it had one sends a lesson
   * cancelled by an earlier version with "Cancelled: <reason>" as its note: cancellationOf reads both.)
   */
  cancelReason?: string | null
  /** False when the document holds something the server cannot project; see `problems`. */
  valid: boolean
  /** Why it cannot be projected, as messages. */
  problems: SentMessage[]
  clashes: Array<ClashKind | string>
  memberCount: number | null
  capacity: number | null
  red: boolean
  owing: Owing[]
}

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused', 'walk_in'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]

/**
 * One person on a lesson's roster. Only the allergy flag (and, for the lesson's teacher, the
 * allergy text) is kept: the server may send emergency instructions too; the roster never shows them.
 */
export interface RosterEntry {
  clientId: string
  /** The name, or an erased client's label in the language asked (shown through `clientNameText`). */
  name: string
  /** An erased client (their name is the label `clients.erased.name`). */
  erased?: boolean
  /** A member of the group (else a walk-in). */
  member: boolean
  /** null until attendance is taken. */
  status: AttendanceStatus | null
  grade: number | null
  comment: string | null
  allergy: boolean
  /** The allergies themselves, when the server shows them to this user (the lesson's teacher). */
  allergies: string | null
}

/** Statuses that count as attending (a grade is only for them). */
export const ATTENDING: ReadonlySet<string> = new Set(['present', 'late', 'walk_in'])

export interface LessonDetail extends LessonRow {
  roster: RosterEntry[]
  doneAt?: string | null
}

export interface AttendanceEntry {
  clientId: string
  status: AttendanceStatus
  grade?: number
  comment?: string
}

export interface GenerateResult {
  created: number
  skipped: number
  /** The week documents written. */
  weeks?: string[]
  /**
   * Each clash: its message as its alert stores it (`messageId` + `params`, worded by
   * domain/alerts/messages.ts in the language shown) and `message`, the server's wording in the
   * request's language.
   */
  clashes: Array<{ kind: string; lessonId?: string; others?: string[]; messageId?: string; params?: unknown; message: string }>
}

/** A 404 (area not deployed yet) reads as an empty list rather than an error screen. */
const itemsOrEmpty = async <T>(p: Promise<{ items: T[] }>): Promise<T[]> => {
  try {
    return (await p).items
  } catch (e) {
    if ((e as { status?: number }).status === 404) return []
    throw e
  }
}

export const fetchActivities = () => itemsOrEmpty(api<{ items: Activity[] }>('GET', '/api/activities'))
export const fetchGroups = (branchId: string) => itemsOrEmpty(api<{ items: Group[] }>('GET', withQuery('/api/groups', { branchId })))
export const fetchTeachers = () => itemsOrEmpty(api<{ items: Teacher[] }>('GET', '/api/teachers'))

/** The projection of lessons between two dates (inclusive, 'YYYY-MM-DD'). */
export const fetchLessons = (branchId: string, from: string, to: string, signal?: AbortSignal) =>
  api<{ items: LessonRow[] }>('GET', withQuery('/api/lessons', { branchId, from, to }), undefined, { signal }).then((r) => r.items)

/** A lesson with its roster. Accepts `{lesson, roster}` or a flat lesson with `roster`. */
export async function fetchLesson(id: string): Promise<LessonDetail> {
  const r = await api<Record<string, unknown>>('GET', `/api/lessons/${encodeURIComponent(id)}`)
  const lesson = (r.lesson && typeof r.lesson === 'object' ? r.lesson : r) as LessonDetail
  const roster = (Array.isArray(r.roster) ? r.roster : Array.isArray(lesson.roster) ? lesson.roster : []) as Array<Record<string, unknown>>
  return { ...lesson, roster: roster.map(normaliseRosterEntry) }
}

/** The server's roster row → what the roster shows (emergency instructions are dropped here). */
function normaliseRosterEntry(r: Record<string, unknown>): RosterEntry {
  const status = r.status as AttendanceStatus | null
  const allergies = typeof r.allergies === 'string' && r.allergies.trim() ? r.allergies.trim() : null
  return {
    clientId: String(r.clientId ?? ''),
    name: String(r.name ?? ''),
    ...(r.erased === true ? { erased: true } : {}),
    member: r.member !== false,
    status: status && (ATTENDANCE_STATUSES as readonly string[]).includes(status) ? status : null,
    grade: typeof r.grade === 'number' ? r.grade : null,
    comment: typeof r.comment === 'string' ? r.comment : null,
    allergy: r.allergy === true || allergies !== null,
    allergies,
  }
}

const lessonPath = (id: string, action: string) => `/api/lessons/${encodeURIComponent(id)}/${action}`
export const saveAttendance = (id: string, entries: AttendanceEntry[]) => api<unknown>('PUT', lessonPath(id, 'attendance'), { entries })
export const markDone = (id: string) => api<unknown>('POST', lessonPath(id, 'done'), {})
export const undoDone = (id: string) => api<unknown>('POST', lessonPath(id, 'undo'), {})
export const cancelLesson = (id: string, input: { reason?: string; offerMakeUp?: boolean }) => api<unknown>('POST', lessonPath(id, 'cancel'), input)

/** Runs the automatic schedule (group patterns) over a date range. */
export const generateTimetable = (input: { branchId: string; from: string; to: string }) => api<GenerateResult>('POST', '/api/timetable/generate', input)

/** A client to add as a walk-in (name search). */
export const searchClients = (q: string, signal?: AbortSignal) =>
  api<{ items: Array<{ id: string; name: string; flags?: string[] }> }>('GET', withQuery('/api/clients', { q, limit: 8 }), undefined, { signal }).then((r) => r.items)

// ── the week document ─────────────────────────────────────────────────────

/** A lesson as written in the week document (plain values, coerced). */
export interface DocLesson {
  id: string
  roomId: string
  start: string
  end: string
  activityId: string
  groupId: string | null
  teacherId: string
  status: LessonStatus | string
  note: string
  /** A cancelled lesson's reason as typed (worded "Cancelled: …" by the screen), else null. */
  cancelReason?: string | null
}

/** What screens write (a cancellation's reason is the server's to write). */
export type LessonFields = Omit<DocLesson, 'id' | 'cancelReason'>

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * Reads one lesson map (missing fields become ''/null: the projection flags them). A lesson
 * cancelled by an earlier version holds "Cancelled: <reason>" as its note: read as its reason.
 */
export function readLesson(id: string, m: Y.Map<unknown>): DocLesson {
  const g = m.get('groupId')
  const status = str(m.get('status')) || 'planned'
  const { reason, note } = cancellationOf({ status, note: str(m.get('note')), cancelReason: m.get(CANCEL_REASON_FIELD) })
  return {
    id,
    roomId: str(m.get('roomId')),
    start: str(m.get('start')),
    end: str(m.get('end')),
    activityId: str(m.get('activityId')),
    groupId: typeof g === 'string' && g ? g : null,
    teacherId: str(m.get('teacherId')),
    status,
    note,
    cancelReason: reason,
  }
}

/**
 * Has every field of a lesson arrived (groupId may be absent)? A large week reaches a browser in
 * slices, and a slice can end half-way through a lesson's map; such a lesson is not drawn before
 * the document has synced.
 */
export function isWholeLesson(m: Y.Map<unknown>): boolean {
  return LESSON_FIELDS.every((f) => f === 'groupId' || m.has(f))
}

/**
 * Creates a lesson or changes some of its fields, in one transaction; only fields whose value
 * differs are written (a move is two small updates, not a rewrite).
 * @example writeLesson(doc, crypto.randomUUID(), { roomId, start, end, activityId, teacherId, status: 'planned', note: '' })
 */
export function writeLesson(doc: Y.Doc, id: string, fields: Partial<LessonFields>): void {
  const lessons = lessonsOf(doc)
  doc.transact(() => {
    const existing = lessons.get(id)
    if (existing instanceof Y.Map) {
      for (const [k, v] of Object.entries(fields)) {
        if (!(LESSON_FIELDS as readonly string[]).includes(k) || v === undefined) continue
        if (existing.get(k) !== v) existing.set(k, v)
      }
      return
    }
    // a new lesson arrives whole (one `add`), never as a half-written map
    const m = new Y.Map<unknown>()
    const full: LessonFields = { roomId: '', start: '', end: '', activityId: '', groupId: null, teacherId: '', status: 'planned', note: '', ...fields }
    for (const f of LESSON_FIELDS) m.set(f, full[f] ?? (f === 'note' ? '' : null))
    lessons.set(id, m)
  })
}

export function deleteLesson(doc: Y.Doc, id: string): void {
  lessonsOf(doc).delete(id)
}

/**
 * Calls `onChange` after any change to the week's lessons (ours or someone else's).
 * Returns a disposer.
 */
export function subscribeTimetable(doc: Y.Doc, onChange: (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, local: boolean) => void): () => void {
  const lessons = lessonsOf(doc)
  const fn = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, txn: Y.Transaction) => onChange(events, txn.local)
  lessons.observeDeep(fn)
  return () => lessons.unobserveDeep(fn)
}

/** A new lesson id (crypto.randomUUID needs a secure context; fall back to random bytes in uuid form). */
export function newLessonId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

// ── presence on the week ──────────────────────────────────────────────────

export interface DraggingPresence {
  lessonId: string
  roomId: string
  start: string
  end: string
}

/** What we publish in the week document's awareness besides `user`. */
export interface TimetablePresenceState {
  selected: string | null
  dragging: DraggingPresence | null
}

/** Someone else's selection or drag, in their colour. */
export interface RemoteMark {
  clientId: number
  userId: string
  name: string
  colour: string
  selected: string | null
  dragging: DraggingPresence | null
}

/** Awareness states → the other people's selections and drags (our own connection excluded). */
export function remoteMarks(states: Map<number, Record<string, unknown>>, selfClientId: number): RemoteMark[] {
  const out: RemoteMark[] = []
  for (const [clientId, s] of states) {
    if (clientId === selfClientId || !s) continue
    const u = s.user as { id?: unknown; name?: unknown; colour?: unknown } | undefined
    if (!u || typeof u.id !== 'string') continue
    const d = s.dragging as Partial<DraggingPresence> | null | undefined
    const dragging =
      d && typeof d.lessonId === 'string' && typeof d.roomId === 'string' && typeof d.start === 'string' && typeof d.end === 'string'
        ? { lessonId: d.lessonId, roomId: d.roomId, start: d.start, end: d.end }
        : null
    out.push({
      clientId,
      userId: u.id,
      name: typeof u.name === 'string' ? u.name : 'Someone',
      colour: typeof u.colour === 'string' ? u.colour : '#888888',
      selected: typeof s.selected === 'string' ? s.selected : null,
      dragging,
    })
  }
  return out
}
