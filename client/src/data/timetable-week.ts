/**
 * The week on screen, live: the lessons of a week document kept as plain values lesson by lesson,
 * and the live events that say the week's projection is stale. Subscriptions return a disposer.
 */
import type * as Y from 'yjs'
import { Map as YMap } from 'yjs'
import type { LiveEvents } from './live-events'
import { TIMETABLE_MARKS } from './timetable-marks'
import { CLASH_KINDS, type DocLesson, isWholeLesson, lessonsOf, readLesson, subscribeTimetable } from './timetable'

/** The lessons of one week document as plain values, updated lesson by lesson (see `apply`). */
export class WeekLessons {
  /** Every lesson, by id. */
  readonly byId = new Map<string, DocLesson>()
  /** The same lessons as a list: a new array after each change (a memo key). */
  list: DocLesson[]
  /** Lessons whose fields have not all arrived yet (a large week arrives in slices; see isWholeLesson). */
  readonly partial = new Set<string>()

  constructor(doc: Y.Doc) {
    for (const [id, m] of lessonsOf(doc).entries()) {
      if (!(m instanceof YMap)) continue
      this.byId.set(id, readLesson(id, m))
      if (!isWholeLesson(m)) this.partial.add(id)
    }
    this.list = [...this.byId.values()]
  }

  /** Re-reads only the lessons an update touched (one edit in a busy week costs one lesson); returns their ids. */
  apply(doc: Y.Doc, events: Array<Y.YEvent<Y.AbstractType<unknown>>>): Set<string> {
    const lessons = lessonsOf(doc)
    const ids = new Set<string>()
    for (const ev of events) {
      // keysChanged, not changes.keys: the latter works out each key's old value (thousands on a week's first sync)
      if (ev.target === lessons) for (const k of (ev as Y.YMapEvent<unknown>).keysChanged) ids.add(k)
      else if (typeof ev.path[0] === 'string') ids.add(ev.path[0])
    }
    for (const id of ids) {
      const m = lessons.get(id)
      if (m instanceof YMap) {
        this.byId.set(id, readLesson(id, m))
        if (isWholeLesson(m)) this.partial.delete(id)
        else this.partial.add(id)
      } else {
        this.byId.delete(id)
        this.partial.delete(id)
      }
    }
    this.list = [...this.byId.values()]
    return ids
  }
}

/** A change of the week's lessons: which, and whether it was ours (`local`) or came from the server. */
export interface WeekChange {
  ids: Set<string>
  local: boolean
}

/**
 * Reads the week document's lessons now (`onChange(week, null)`, synchronously) and after each
 * change to them (`onChange(week, change)`; `week` is the same object, updated). Leaves the marks
 * `timetable-doc-update` and `timetable-doc-read` (see TIMETABLE_MARKS). Returns a disposer.
 * @example const stop = subscribeWeekLessons(live.doc, (week, change) => this.show(week.list)); … stop()
 */
export function subscribeWeekLessons(doc: Y.Doc, onChange: (week: WeekLessons, change: WeekChange | null) => void): () => void {
  const week = new WeekLessons(doc)
  const before = (tr: Y.Transaction) => {
    if (!tr.local) performance.mark(TIMETABLE_MARKS.docUpdate)
  }
  doc.on('beforeTransaction', before)
  const unsubscribe = subscribeTimetable(doc, (events, local) => {
    performance.mark(TIMETABLE_MARKS.docRead)
    const ids = week.apply(doc, events)
    onChange(week, { ids, local })
  })
  onChange(week, null)
  return () => {
    unsubscribe()
    doc.off('beforeTransaction', before)
  }
}

/** Something changed that the week's projection (or a roster) may not show yet. */
export interface TimetableChange {
  /** The server re-projected (`entity.changed`): a projection fetched now is current. Else an alert or a resync. */
  reprojected: boolean
  /** The lesson that changed (`entity.changed` of a lesson), else null. */
  lessonId: string | null
}

const CLASH_ALERTS: ReadonlySet<string> = new Set(CLASH_KINDS)

/**
 * Calls `onChange` when the server says a branch's timetable may have changed: a week of it was
 * re-projected, a lesson or a group changed, a clash alert was raised or cleared, or a reconnect
 * may have missed events. `branchId` is asked at each event (the branch on screen).
 * Returns a disposer.
 * @example const stop = subscribeTimetableChanges(ctx.live, () => this.branchId, (c) => this.refetch(c))
 */
export function subscribeTimetableChanges(
  live: LiveEvents | null | undefined,
  branchId: () => string,
  onChange: (change: TimetableChange) => void,
): () => void {
  if (!live) return () => {}
  const offs = [
    // a week re-projected (`timetable` <branchId>:<week>), a lesson or a group changed
    live.on('entity.changed', (e) => {
      if (e.type === 'timetable' && !e.id.startsWith(`${branchId()}:`)) return
      if (e.type === 'timetable' || e.type === 'lesson' || e.type === 'group')
        onChange({ reprojected: true, lessonId: e.type === 'lesson' ? e.id : null })
    }),
    live.onResync(() => onChange({ reprojected: false, lessonId: null })),
    live.on('alert.raised', (a) => CLASH_ALERTS.has(a.kind) && onChange({ reprojected: false, lessonId: null })),
    live.on('alert.cleared', (a) => CLASH_ALERTS.has(a.kind) && onChange({ reprojected: false, lessonId: null })),
  ]
  return () => {
    for (const off of offs) off()
  }
}
