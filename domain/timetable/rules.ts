/**
 * Timetable rules as pure functions: what makes a lesson valid, which lessons clash, and which
 * lessons a group's weekly pattern produces. Unit tested; the projection and the generator use them.
 */
import { addDays, formatLocalSpan, isoWeekOf, isoWeekday, zonedTimesOn, LESSON_STATUSES } from '../docs/timetable-week'
import { isRealDateTime } from '../calendar'
import { PROBLEMS, type LessonProblem } from './problems'

export interface RoomInfo {
  id: string
  branchId: string
  capacity: number
  name: string
}
export interface GroupInfo {
  id: string
  deleted: boolean
  memberCount: number
  capacity: number | null
  activityId: string
  name: string
}
export interface ActivityInfo {
  id: string
  maxGroupSize: number
  name: string
  durationMinutes: number
}

export interface LessonRow {
  id: string
  branchId: string
  roomId: string | null
  startsAt: Date | null
  endsAt: Date | null
  activityId: string | null
  groupId: string | null
  teacherId: string | null
  status: string
  note: string
  valid: boolean
  /** Why it is not valid, as messages (empty when valid). */
  problems: LessonProblem[]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/

const str = (v: unknown) => (typeof v === 'string' ? v : null)
/** Ids already seen well-formed (the same rooms, teachers and groups come back lesson after lesson). */
const WELL_FORMED = new Set<string>()
const idOrNull = (v: unknown) => {
  if (typeof v !== 'string') return null
  if (WELL_FORMED.has(v)) return v
  if (!UUID.test(v)) return null
  if (WELL_FORMED.size >= 50_000) WELL_FORMED.clear()
  WELL_FORMED.add(v)
  return v
}

/**
 * A lesson as written in a week document → its row, with the problems that keep it from being
 * projected as a real lesson (shown flagged, never crashing or corrupting the week).
 */
export function lessonRowFrom(
  id: string,
  raw: Record<string, unknown>,
  ctx: {
    branchId: string
    weekStart: string
    weekEnd: string
    rooms: Map<string, RoomInfo>
    groups: Map<string, GroupInfo>
    activities: Map<string, ActivityInfo>
  },
): LessonRow {
  const problems: LessonProblem[] = []
  const start = str(raw.start)
  const end = str(raw.end)
  // a real moment of a real day (`2026-02-31T10:00Z` would otherwise roll over into March)
  const startsAt = start && ISO_WITH_OFFSET.test(start) && isRealDateTime(start) ? new Date(start) : null
  const endsAt = end && ISO_WITH_OFFSET.test(end) && isRealDateTime(end) ? new Date(end) : null
  if (!startsAt) problems.push({ id: PROBLEMS.badStart })
  if (!endsAt) problems.push({ id: PROBLEMS.badEnd })
  if (startsAt && endsAt && endsAt <= startsAt) problems.push({ id: PROBLEMS.endsBeforeStart })
  if (startsAt && endsAt && endsAt.getTime() - startsAt.getTime() > 12 * 3_600_000) problems.push({ id: PROBLEMS.tooLong })
  if (startsAt) {
    const day = startsAt.toISOString().slice(0, 10)
    // a lesson belongs to the week document of its (UTC) day, with a day of slack for time zones
    if (day < addDays(ctx.weekStart, -1) || day > addDays(ctx.weekEnd, 1)) problems.push({ id: PROBLEMS.notThisWeek })
  }
  const roomId = idOrNull(raw.roomId)
  const room = roomId ? ctx.rooms.get(roomId) : undefined
  if (!room) problems.push({ id: PROBLEMS.unknownRoom })
  else if (room.branchId !== ctx.branchId) problems.push({ id: PROBLEMS.roomOfOtherBranch, params: { room: room.name } })
  const activityId = idOrNull(raw.activityId)
  if (!activityId || !ctx.activities.has(activityId)) problems.push({ id: PROBLEMS.unknownActivity })
  const teacherId = idOrNull(raw.teacherId)
  if (!teacherId) problems.push({ id: PROBLEMS.noTeacher })
  const groupId = raw.groupId === null || raw.groupId === undefined || raw.groupId === '' ? null : idOrNull(raw.groupId)
  if (raw.groupId && !groupId) problems.push({ id: PROBLEMS.unknownGroup })
  if (groupId) {
    const g = ctx.groups.get(groupId)
    if (!g) problems.push({ id: PROBLEMS.unknownGroup })
    else if (g.deleted) problems.push({ id: PROBLEMS.groupDeleted, params: { group: g.name } })
  }
  const status = (LESSON_STATUSES as readonly string[]).includes(String(raw.status)) ? String(raw.status) : 'planned'
  if (raw.status !== undefined && status !== raw.status) problems.push({ id: PROBLEMS.unknownStatus })
  return {
    id,
    branchId: ctx.branchId,
    roomId: room ? roomId : null,
    startsAt,
    endsAt,
    activityId,
    groupId,
    teacherId,
    status,
    // (NUL cannot be stored in PostgreSQL text)
    note: typeof raw.note === 'string' ? raw.note.slice(0, 2000).replaceAll('\u0000', '') : '',
    valid: problems.length === 0,
    problems,
  }
}

/** Attendance marks: those attending get a visit (and a pass write-off) when the lesson is done. */
export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused', 'walk_in'] as const
/** The marks that count as attending (a grade is only for them). */
export const ATTENDED: ReadonlySet<string> = new Set(['present', 'late', 'walk_in'])

export type ClashKind = 'room_clash' | 'teacher_clash' | 'over_capacity'
export interface Clash {
  kind: ClashKind
  lessonId: string
  others: string[]
  message: string
}

/** Capacity of a lesson: the group's override, else the activity norm, never more than the room holds. */
export function capacityOf(
  l: Pick<LessonRow, 'roomId' | 'groupId' | 'activityId'>,
  rooms: Map<string, RoomInfo>,
  groups: Map<string, GroupInfo>,
  activities: Map<string, ActivityInfo>,
): number | null {
  const room = l.roomId ? rooms.get(l.roomId) : undefined
  const group = l.groupId ? groups.get(l.groupId) : undefined
  const activity = l.activityId ? activities.get(l.activityId) : undefined
  const norm = group?.capacity ?? activity?.maxGroupSize ?? null
  const values = [norm, room?.capacity ?? null].filter((v): v is number => v !== null)
  return values.length ? Math.min(...values) : null
}

/** What the clash check reads of a lesson. */
export type ClashInput = Pick<
  LessonRow,
  'id' | 'branchId' | 'roomId' | 'startsAt' | 'endsAt' | 'activityId' | 'groupId' | 'teacherId' | 'status' | 'valid'
>

/** Names for clash messages: teachers by id, and each branch's time zone (times are shown as the branch reads them). */
export interface ClashNames {
  teachers?: Map<string, string>
  timeZones?: Map<string, string>
}

/** Can this lesson clash at all? Cancelled and invalid lessons never do. */
export const canClash = <L extends Pick<ClashInput, 'valid' | 'status' | 'startsAt' | 'endsAt'>>(
  l: L,
): l is L & { startsAt: Date; endsAt: Date } => l.valid && l.status !== 'cancelled' && l.startsAt !== null && l.endsAt !== null

const listed = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`

/**
 * Every clash among lessons: a room or a teacher booked twice at overlapping times, or more
 * members than the room or the norms allow. Cancelled and invalid lessons never clash. With
 * `only`, clashes are reported for those lessons and kinds alone (the others are still what they clash with).
 * Messages read like "Room 2 double-booked Mon 12 Jan 16:00–17:00: Robotics A and Chess B", in the
 * branch's time zone (`names.timeZones`; UTC when unknown).
 */
export function findClashes(
  list: ClashInput[],
  rooms: Map<string, RoomInfo>,
  groups: Map<string, GroupInfo>,
  activities: Map<string, ActivityInfo>,
  names: ClashNames = {},
  only?: (id: string, kind: ClashKind) => boolean,
): Clash[] {
  // times as numbers once (comparing Dates converts them on every comparison)
  const live = list
    .filter(canClash)
    .map((l) => ({ l, s: l.startsAt.getTime(), e: l.endsAt.getTime() }))
    .sort((a, b) => a.s - b.s)
  const clashes: Clash[] = []
  const labelOf = (l: ClashInput) =>
    (l.groupId ? groups.get(l.groupId)?.name : undefined) ??
    (l.activityId ? activities.get(l.activityId)?.name : undefined) ??
    'a lesson'
  const when = (l: ClashInput & { startsAt: Date; endsAt: Date }) =>
    formatLocalSpan(names.timeZones?.get(l.branchId) ?? 'UTC', l.startsAt, l.endsAt)
  type Timed = (typeof live)[number]
  const overlapsBy = (key: (l: ClashInput) => string | null, kind: ClashKind, what: (key: string) => string) => {
    const byKey = new Map<string, Timed[]>()
    for (const t of live) {
      const k = key(t.l)
      if (!k) continue
      const items = byKey.get(k)
      if (items) items.push(t)
      else byKey.set(k, [t])
    }
    for (const [k, items] of byKey) {
      if (items.length < 2) continue
      let others: Map<Timed['l'], Set<ClashInput>> | null = null
      const note = (a: Timed['l'], b: ClashInput) => {
        others ??= new Map()
        const set = others.get(a)
        if (set) set.add(b)
        else others.set(a, new Set([b]))
      }
      const wanted = only ? items.map((t) => only(t.l.id, kind)) : null
      if (wanted && !wanted.includes(true)) continue
      for (let i = 0; i < items.length; i++) {
        const a = items[i]
        for (let j = i + 1; j < items.length && items[j].s < a.e; j++) {
          if (a.s < items[j].e) {
            if (!wanted || wanted[i]) note(a.l, items[j].l)
            if (!wanted || wanted[j]) note(items[j].l, a.l)
          }
        }
      }
      if (!others) continue
      for (const [l, set] of others as Map<Timed['l'], Set<ClashInput>>) {
        const with_ = [...set].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        clashes.push({
          kind,
          lessonId: l.id,
          others: with_.map((o) => o.id),
          message: `${what(k)} double-booked ${when(l)}: ${listed([labelOf(l), ...with_.map(labelOf)])}`,
        })
      }
    }
  }
  overlapsBy(
    (l) => l.roomId,
    'room_clash',
    (roomId) => {
      const name = rooms.get(roomId)?.name ?? ''
      return /\broom\b/i.test(name) ? name : `Room ${name}`.trim()
    },
  )
  overlapsBy(
    (l) => l.teacherId,
    'teacher_clash',
    (teacherId) => names.teachers?.get(teacherId) ?? 'The teacher',
  )
  for (const { l } of live) {
    if (only && !only(l.id, 'over_capacity')) continue
    const g = l.groupId ? groups.get(l.groupId) : undefined
    if (!g) continue
    const cap = capacityOf(l, rooms, groups, activities)
    if (cap !== null && g.memberCount > cap) {
      clashes.push({
        kind: 'over_capacity',
        lessonId: l.id,
        others: [],
        message: `${g.name} ${when(l)}: ${g.memberCount} members, room or norm allows ${cap}`,
      })
    }
  }
  return clashes
}

export interface PatternSlot {
  weekday: number
  start: string
  end: string
}
export interface PlannedGroup {
  id: string
  branchId: string
  activityId: string
  teacherId: string
  roomId: string
  pattern: PatternSlot[]
  termStart: string
  termEnd: string
}
export interface Closure {
  branchId: string | null
  fromDate: string
  toDate: string
}

/** Stable id of a generated lesson: the same group, day and start always give the same id. */
export function generatedLessonId(groupId: string, date: string, start: string): string {
  return `g-${groupId}-${date.replace(/-/g, '')}-${start.replace(':', '')}`
}

export interface PlannedLesson {
  id: string
  week: string
  date: string
  data: {
    roomId: string
    start: string
    end: string
    activityId: string
    groupId: string
    teacherId: string
    status: 'planned'
    note: string
  }
}

/** What the groups' weekly patterns produce between two dates (inclusive), skipping closures. */
export function planLessons(
  groupsToPlan: PlannedGroup[],
  closures: Closure[],
  from: string,
  to: string,
  timeZone: string,
): PlannedLesson[] {
  const out: PlannedLesson[] = []
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const weekday = isoWeekday(date)
    const week = isoWeekOf(date)
    // many groups start at the same times, and a day mostly has one offset: look it up once
    const zoned = new Map<string, string>()
    const local = zonedTimesOn(date, timeZone)
    const at = (_date: string, time: string) => {
      let v = zoned.get(time)
      if (v === undefined) zoned.set(time, (v = local(time)))
      return v
    }
    for (const g of groupsToPlan) {
      if (date < g.termStart || date > g.termEnd) continue
      if (closures.some((c) => (c.branchId === null || c.branchId === g.branchId) && date >= c.fromDate && date <= c.toDate))
        continue
      for (const slot of g.pattern) {
        if (slot.weekday !== weekday) continue
        out.push({
          id: generatedLessonId(g.id, date, slot.start),
          week,
          date,
          data: {
            roomId: g.roomId,
            start: at(date, slot.start),
            end: at(date, slot.end),
            activityId: g.activityId,
            groupId: g.id,
            teacherId: g.teacherId,
            status: 'planned',
            note: '',
          },
        })
      }
    }
  }
  return out
}
