import * as Y from 'yjs'
import { formatDocName, parseDocKey } from './doc-names'

/**
 * One week of one branch's timetable: `timetable:<branchId>:<YYYY-Www>` (ISO week).
 *
 * Root `lessons`: Y.Map lesson id → Y.Map { roomId, start, end (ISO date-times with offset),
 * activityId, groupId?, teacherId, status ('planned' | 'done' | 'cancelled'), note, and for a
 * cancelled lesson cancelReason? (the reason as typed: domain/timetable/cancellation.ts) }.
 * Root `generated`: Y.Map of lesson ids the automatic schedule has ever created in this week —
 * so that running it again never re-creates a lesson somebody moved away or deleted.
 *
 * Any y-websocket client that writes this shape is treated exactly like the app's own screens.
 */
export const TIMETABLE_DOC_TYPE = 'timetable'
export const TIMETABLE_DOC_VERSION = 1
export const LESSON_FIELDS = ['roomId', 'start', 'end', 'activityId', 'groupId', 'teacherId', 'status', 'note'] as const
export const LESSON_STATUSES = ['planned', 'done', 'cancelled'] as const
export type LessonStatus = (typeof LESSON_STATUSES)[number]

export interface LessonData {
  roomId: string
  start: string
  end: string
  activityId: string
  groupId?: string | null
  teacherId: string
  status: LessonStatus
  note?: string
}

/** `timetable:<branchId>:<YYYY-Www>` (domain/docs/doc-names.ts spells every document name). */
export function encodeTimetableDocName(branchId: string, week: string): string {
  return formatDocName({ type: 'timetable', branchId, week })
}

/** The key part `<branchId>:<YYYY-Www>` → parts, or null unless canonically spelled (lower-case id, a week that exists). */
export function parseTimetableKey(key: string): { branchId: string; week: string } | null {
  const parsed = parseDocKey('timetable', key)
  return parsed ? { branchId: parsed.branchId, week: parsed.week } : null
}

export const lessonsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('lessons')
export const generatedOf = (doc: Y.Doc) => doc.getMap<boolean>('generated')

export function initTimetableWeek(doc: Y.Doc) {
  lessonsOf(doc)
  generatedOf(doc)
}

export function lessonMap(l: LessonData): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  for (const f of LESSON_FIELDS) m.set(f, (l as unknown as Record<string, unknown>)[f] ?? (f === 'note' ? '' : null))
  return m
}

/** Plain lessons of a week document. */
export function readLessons(doc: Y.Doc): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  for (const [id, m] of lessonsOf(doc).entries()) if (m instanceof Y.Map) out.set(id, m.toJSON())
  return out
}

// ── ISO weeks (calendar dates as YYYY-MM-DD, computed in UTC) ─────────────

function utc(date: string): Date {
  return new Date(date + 'T00:00:00Z')
}
const iso = (d: Date) => d.toISOString().slice(0, 10)

export function isoWeeksInYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28))
  return Number(isoWeekOf(iso(dec28)).slice(6))
}

/** 'YYYY-MM-DD' → 'YYYY-Www'. */
export function isoWeekOf(date: string): string {
  const d = utc(date)
  const day = (d.getUTCDay() + 6) % 7 // Mon = 0
  d.setUTCDate(d.getUTCDate() - day + 3) // Thursday of this week
  const year = d.getUTCFullYear()
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const week = 1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7)
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** Monday of an ISO week, 'YYYY-MM-DD'. */
export function mondayOf(week: string): string {
  const year = Number(week.slice(0, 4))
  const w = Number(week.slice(6))
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const monday = new Date(jan4)
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (w - 1) * 7)
  return iso(monday)
}

export function addDays(date: string, days: number): string {
  const d = utc(date)
  d.setUTCDate(d.getUTCDate() + days)
  return iso(d)
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((utc(date).getUTCDay() + 6) % 7) + 1
}

/** The offset of a time zone at an instant, in minutes (e.g. +60 for Berlin in winter). */
const OFFSET_FORMATS = new Map<string, Intl.DateTimeFormat>()
/**
 * Offsets already looked up, per zone and quarter hour (UTC): offsets are whole quarter hours and
 * clocks change on the hour or half hour, so the offset is the same all through a quarter hour.
 */
const OFFSETS = new Map<string, Map<number, number>>()
const QUARTER_HOUR = 15 * 60_000
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  let known = OFFSETS.get(timeZone)
  if (!known) OFFSETS.set(timeZone, (known = new Map()))
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR)
  const hit = known.get(quarter)
  if (hit !== undefined) return hit
  // building a formatter costs ~170 µs, formatting ~8 µs; the generator and clash messages ask thousands of times
  let format = OFFSET_FORMATS.get(timeZone)
  if (!format) OFFSET_FORMATS.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })))
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0
  if (known.size >= 100_000) known.clear()
  known.set(quarter, offset)
  return offset
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** A local wall-clock time on a date in a time zone → ISO date-time with that zone's offset. */
export function zonedDateTime(date: string, time: string, timeZone: string): string {
  const [h, mi] = time.split(':').map(Number)
  const guess = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, mi))
  const offset = zoneOffsetMinutes(timeZone, new Date(guess.getTime() - zoneOffsetMinutes(timeZone, guess) * 60_000))
  return `${date}T${time.padStart(5, '0')}:00${formatOffset(offset)}`
}

/**
 * `zonedDateTime` for many times of one date: when the zone keeps one offset all day (every day
 * but the two a year when clocks change) the offset is looked up once, not twice per time.
 */
export function zonedTimesOn(date: string, timeZone: string): (time: string) => string {
  const midnight = Date.parse(date + 'T00:00:00Z')
  // every instant that is some time of this date somewhere (offsets span -12 … +14 hours)
  const first = zoneOffsetMinutes(timeZone, new Date(midnight - 14 * 3_600_000))
  const last = zoneOffsetMinutes(timeZone, new Date(midnight + 36 * 3_600_000))
  if (first !== last) return (time) => zonedDateTime(date, time, timeZone)
  const suffix = `:00${formatOffset(first)}`
  return (time) => `${date}T${time.padStart(5, '0')}${suffix}`
}

/** An instant as wall-clock time in a time zone: date 'YYYY-MM-DD', time 'HH:MM', ISO weekday (1 = Monday). */
export function localDateTime(timeZone: string, at: Date): { date: string; time: string; weekday: number } {
  const local = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000)
  const iso = local.toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: ((local.getUTCDay() + 6) % 7) + 1 }
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** A lesson's time as people at the branch read it: "Mon 12 Jan 16:00–17:00" (the end's date when it is another day). */
export function formatLocalSpan(timeZone: string, start: Date, end: Date): string {
  const s = localDateTime(timeZone, start)
  const e = localDateTime(timeZone, end)
  const day = (p: { date: string; weekday: number }) =>
    `${WEEKDAY_NAMES[p.weekday - 1]} ${Number(p.date.slice(8, 10))} ${MONTH_NAMES[Number(p.date.slice(5, 7)) - 1]}`
  return `${day(s)} ${s.time}–${e.date === s.date ? '' : day(e) + ' '}${e.time}`
}

/** One lesson of a week document as plain data, or undefined when the key holds no lesson. */
export function readLesson(doc: Y.Doc, id: string): Record<string, unknown> | undefined {
  const m = lessonsOf(doc).get(id)
  return m instanceof Y.Map ? m.toJSON() : undefined
}
