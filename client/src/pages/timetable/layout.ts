/**
 * Pure view model of the timetable grid: lessons from the week document merged with the
 * projection, the columns (day × room), where each block goes (column, lane for lessons that
 * overlap in one room) and keyboard neighbours. No DOM; unit tested.
 */
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { cancellationOf } from '../../../../domain/timetable/cancellation'
import type { DocLesson, LessonRow, Owing, SentMessage } from '../../data/timetable'
import { zoned } from './time'

/** A lesson as the grid shows it: position from the document, flags from the projection. */
export interface ViewLesson extends DocLesson {
  /** Day in the branch's zone, and minutes after its midnight (end clamped to the same day). */
  date: string
  startMin: number
  endMin: number
  /** The projection knows this lesson (else the flags below are defaults). */
  projected: boolean
  valid: boolean
  problems: SentMessage[]
  clashes: string[]
  memberCount: number | null
  capacity: number | null
  red: boolean
  owing: Owing[]
}

export interface Unplaced {
  lesson: DocLesson
  /** Why it has no place (a lesson problem's message). */
  reason: MessageId
}

/** What `mergeLessons` remembers between calls, to reuse unchanged results. */
export interface MergeCache {
  byId: Map<
    string,
    { doc: DocLesson; row: LessonRow | undefined; zone: string; view: ViewLesson | null; reason: MessageId | null }
  >
  /** The last result: returned as is (same arrays) when no lesson changed. */
  last: { lessons: ViewLesson[]; unplaced: Unplaced[] } | null
}

export const newMergeCache = (): MergeCache => ({ byId: new Map(), last: null })

/**
 * Does the document's lesson say what the projection's row says? (Times compared as instants: the
 * projection writes them in UTC, the document with the branch's offset.)
 */
export function sameLesson(l: DocLesson, r: LessonRow): boolean {
  return (
    l.roomId === (r.roomId ?? '') &&
    l.activityId === (r.activityId ?? '') &&
    l.groupId === r.groupId &&
    l.teacherId === (r.teacherId ?? '') &&
    l.status === r.status &&
    // (a row projected from an old cancelled lesson holds "Cancelled: …" as its note, read as its reason)
    l.note === cancellationOf(r).note &&
    r.start !== null &&
    r.end !== null &&
    Date.parse(l.start) === Date.parse(r.start) &&
    Date.parse(l.end) === Date.parse(r.end)
  )
}

/**
 * Document lessons + projection rows → lessons with a place on the grid, and those that
 * cannot be placed (no parsable start/end), which the page lists as problems. With a `cache`,
 * a lesson whose document values (same object) and projection row (same object) did not change
 * keeps its previous result, so one edit in a busy week costs one lesson, not all of them.
 */
export function mergeLessons(
  doc: readonly DocLesson[],
  projection: ReadonlyMap<string, LessonRow>,
  timeZone: string,
  cache?: MergeCache,
): { lessons: ViewLesson[]; unplaced: Unplaced[] } {
  const lessons: ViewLesson[] = []
  const unplaced: Unplaced[] = []
  const byId = cache?.byId
  const seen = byId && byId.size > doc.length ? new Set<string>() : null
  let changed = !cache?.last || !byId || byId.size !== doc.length
  for (const l of doc) {
    const p = projection.get(l.id)
    seen?.add(l.id)
    const hit = byId?.get(l.id)
    if (hit && hit.doc === l && hit.row === p && hit.zone === timeZone) {
      if (hit.view) lessons.push(hit.view)
      else if (hit.reason) unplaced.push({ lesson: l, reason: hit.reason })
      continue
    }
    changed = true
    // only the projection changed: keep the position, take the new flags
    const view = hit && hit.doc === l && hit.zone === timeZone && hit.view ? withRow(hit.view, l, p) : toView(l, p, timeZone)
    if (typeof view === 'string') unplaced.push({ lesson: l, reason: view })
    else lessons.push(view)
    byId?.set(l.id, {
      doc: l,
      row: p,
      zone: timeZone,
      view: typeof view === 'string' ? null : view,
      reason: typeof view === 'string' ? view : null,
    })
  }
  if (seen && byId) for (const id of byId.keys()) if (!seen.has(id)) byId.delete(id)
  if (!cache) return { lessons, unplaced }
  if (!changed && cache.last) return cache.last
  return (cache.last = { lessons, unplaced })
}

function withRow(v: ViewLesson, l: DocLesson, p: LessonRow | undefined): ViewLesson {
  return {
    ...v,
    status: p?.status ?? l.status,
    projected: !!p,
    valid: p ? p.valid : true,
    problems: p?.problems ?? [],
    clashes: p?.clashes ?? [],
    memberCount: p?.memberCount ?? null,
    capacity: p?.capacity ?? null,
    red: p?.red ?? false,
    owing: p?.owing ?? [],
  }
}

function toView(l: DocLesson, p: LessonRow | undefined, timeZone: string): ViewLesson | MessageId {
  const s = l.start ? zoned(l.start, timeZone) : null
  const e = l.end ? zoned(l.end, timeZone) : null
  if (!s) return 'timetable.problem.badStart'
  if (!e) return 'timetable.problem.badEnd'
  // a lesson past midnight is drawn to the end of its first day
  let endMin = e.date === s.date ? e.minutes : e.date > s.date ? 1440 : s.minutes
  if (endMin <= s.minutes) endMin = Math.min(1440, s.minutes + 15)
  return {
    id: l.id,
    roomId: l.roomId,
    start: l.start,
    end: l.end,
    activityId: l.activityId,
    groupId: l.groupId,
    teacherId: l.teacherId,
    // done/cancelled are the server's word (POST done/undo/cancel); the projection has it first
    status: p?.status ?? l.status,
    note: l.note,
    cancelReason: l.cancelReason ?? null,
    date: s.date,
    startMin: s.minutes,
    endMin,
    projected: !!p,
    valid: p ? p.valid : true,
    problems: p?.problems ?? [],
    clashes: p?.clashes ?? [],
    memberCount: p?.memberCount ?? null,
    capacity: p?.capacity ?? null,
    red: p?.red ?? false,
    owing: p?.owing ?? [],
  }
}

export interface Filters {
  roomId: string
  teacherId: string
  activityId: string
  groupId: string
}

export const NO_FILTERS: Filters = { roomId: '', teacherId: '', activityId: '', groupId: '' }

export function filterLessons(lessons: readonly ViewLesson[], f: Filters): ViewLesson[] {
  if (!f.roomId && !f.teacherId && !f.activityId && !f.groupId) return lessons as ViewLesson[]
  return lessons.filter(
    (l) =>
      (!f.roomId || l.roomId === f.roomId) &&
      (!f.teacherId || l.teacherId === f.teacherId) &&
      (!f.activityId || l.activityId === f.activityId) &&
      (!f.groupId || l.groupId === f.groupId),
  )
}

export interface Column {
  index: number
  date: string
  /** Index of the day among the shown days (0 in the day view). */
  dayIndex: number
  roomId: string
}

/** Day view: one column per room; week view: days × rooms, day-major. */
export function columnsFor(days: readonly string[], roomIds: readonly string[]): Column[] {
  const out: Column[] = []
  days.forEach((date, dayIndex) => {
    for (const roomId of roomIds) out.push({ index: out.length, date, dayIndex, roomId })
  })
  return out
}

export interface Placed {
  lesson: ViewLesson
  col: number
  /** Lessons overlapping in one column sit side by side: lane i of `lanes`. */
  lane: number
  lanes: number
}

/**
 * Where every lesson goes. Lessons outside the shown columns are left out. Overlapping lessons
 * in one column (a room clash) are split into lanes so that both stay visible and clickable.
 */
export function placeLessons(lessons: readonly ViewLesson[], columns: readonly Column[]): Placed[] {
  const colOf = new Map<string, Map<string, number>>()
  for (const c of columns) {
    let rooms = colOf.get(c.date)
    if (!rooms) colOf.set(c.date, (rooms = new Map()))
    rooms.set(c.roomId, c.index)
  }
  const byCol = new Map<number, ViewLesson[]>()
  for (const l of lessons) {
    const col = colOf.get(l.date)?.get(l.roomId)
    if (col === undefined) continue
    let list = byCol.get(col)
    if (!list) byCol.set(col, (list = []))
    list.push(l)
  }
  const out: Placed[] = []
  // column by column, each by time: the same lessons always come out in the same order, whichever
  // source listed them (the grid's keyed list then moves no block)
  for (const [col, list] of [...byCol].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.startMin - b.startMin || a.endMin - b.endMin || (a.id < b.id ? -1 : 1))
    let cluster: Placed[] = []
    let clusterEnd = -1
    let laneEnds: number[] = []
    const close = () => {
      for (const p of cluster) p.lanes = laneEnds.length
      cluster = []
      laneEnds = []
    }
    for (const l of list) {
      if (l.startMin >= clusterEnd) close()
      let lane = laneEnds.findIndex((end) => end <= l.startMin)
      if (lane === -1) lane = laneEnds.push(0) - 1
      laneEnds[lane] = l.endMin
      const p: Placed = { lesson: l, col, lane, lanes: 1 }
      cluster.push(p)
      out.push(p)
      clusterEnd = Math.max(clusterEnd, l.endMin)
    }
    close()
  }
  return out
}

/** The hours to show: the rooms' opening hours, widened to every shown lesson; whole hours. */
export function hourRange(
  opening: ReadonlyArray<[string, string] | undefined>,
  lessons: readonly ViewLesson[],
  fallback: [number, number] = [8 * 60, 21 * 60],
): [number, number] {
  let from = Infinity
  let to = -Infinity
  const toMin = (s: string) => {
    const [h, m] = s.split(':').map(Number)
    return h * 60 + (m || 0)
  }
  for (const o of opening) {
    if (!o) continue
    from = Math.min(from, toMin(o[0]))
    to = Math.max(to, toMin(o[1]))
  }
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) [from, to] = fallback
  for (const l of lessons) {
    from = Math.min(from, l.startMin)
    to = Math.max(to, l.endMin)
  }
  return [Math.floor(from / 60) * 60, Math.min(1440, Math.ceil(to / 60) * 60)]
}

export type Direction = 'up' | 'down' | 'left' | 'right'

/**
 * The lesson the arrow keys move the selection to: up/down within the column (by start),
 * left/right to the nearest column that has a lesson, picking the one closest in time.
 */
export function neighbour(placed: readonly Placed[], currentId: string | null, dir: Direction): string | null {
  if (!placed.length) return null
  const cur = placed.find((p) => p.lesson.id === currentId)
  if (!cur) return [...placed].sort((a, b) => a.col - b.col || a.lesson.startMin - b.lesson.startMin)[0].lesson.id
  if (dir === 'up' || dir === 'down') {
    const same = placed.filter((p) => p.col === cur.col).sort((a, b) => a.lesson.startMin - b.lesson.startMin || a.lane - b.lane)
    const i = same.indexOf(cur) + (dir === 'down' ? 1 : -1)
    return same[i]?.lesson.id ?? cur.lesson.id
  }
  const step = dir === 'right' ? 1 : -1
  const cols = placed.filter((p) => (step > 0 ? p.col > cur.col : p.col < cur.col))
  if (!cols.length) {
    // overlapping lanes in the same column count as left/right neighbours
    const lane = placed.find(
      (p) =>
        p.col === cur.col &&
        p.lane === cur.lane + step &&
        p.lesson.startMin < cur.lesson.endMin &&
        p.lesson.endMin > cur.lesson.startMin,
    )
    return lane?.lesson.id ?? cur.lesson.id
  }
  const nextCol = step > 0 ? Math.min(...cols.map((p) => p.col)) : Math.max(...cols.map((p) => p.col))
  const mid = (cur.lesson.startMin + cur.lesson.endMin) / 2
  let best = cols[0]
  let bestD = Infinity
  for (const p of cols) {
    if (p.col !== nextCol) continue
    const d = Math.abs((p.lesson.startMin + p.lesson.endMin) / 2 - mid)
    if (d < bestD) [best, bestD] = [p, d]
  }
  return best.lesson.id
}
