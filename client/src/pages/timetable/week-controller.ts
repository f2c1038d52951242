import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type * as Y from 'yjs'
import { ApiError } from '../../data/api'
import { fetchWeekProjection, reuseUnchangedRows } from '../../data/lesson-projection'
import type { LiveDoc } from '../../data/live-doc'
import type { LiveEvents } from '../../data/live-events'
import { type DocLesson, type LessonRow, mondayOf } from '../../data/timetable'
import type { TimetableDataDetail } from '../../data/timetable-marks'
import { type WeekLessons, subscribeWeekLessons } from '../../data/timetable-week'
import { type MergeCache, mergeLessons, newMergeCache } from './layout'
import { memoizeOne } from './memo'
import { cancellationOf } from '../../../../domain/timetable/cancellation'

/** Fetch the projection this long after a document change when no `entity.changed` came first. */
const PROJECTION_FALLBACK_MS = 1200

/** What the page shows, asked for whenever the week needs it. */
export interface WeekSource {
  /** The week document (null while it is not open). */
  live: LiveDoc | null
  /** The app's Socket.IO connection. */
  events: LiveEvents | null
  branchId: string
  /** The day shown (YYYY-MM-DD), its ISO week, and the week document's name (null without a branch or day). */
  date: string
  week: string
  docName: string | null
  view: 'day' | 'week'
}

export interface WeekHooks {
  /** Data the grid draws was taken in (the host has already been asked to update). */
  took(detail: TimetableDataDetail): void
  /** A week document is being read from now on. */
  opened(live: LiveDoc): void
  failed(e: unknown): void
}

const NO_LESSONS: Pick<WeekLessons, 'byId' | 'list' | 'partial'> = { byId: new Map(), list: [], partial: new Set() }

/**
 * The week on screen: positions from the week document `timetable:<branchId>:<YYYY-Www>` (read
 * lesson by lesson as it changes), and clashes, red groups, validity and counts from the
 * projection. The projection is fetched when the branch or the week (in the day view: the day)
 * changes, soon after `refetchSoon` (live events), and after the document's edits settle unless
 * the server said first that it re-projected. Also keeps the week document's Socket.IO room
 * joined, so that its lesson changes reach whoever has the week open, whatever their branch.
 */
export class WeekController implements ReactiveController {
  /** The projection's rows by id. */
  projection: ReadonlyMap<string, LessonRow> = new Map()
  private lessons = NO_LESSONS
  private observed: { doc: Y.Doc; off: () => void } | null = null
  private weekRoom: { name: string; dispose: () => void } | null = null
  private wasSynced = false
  private projectionKey = ''
  private projectionAbort?: AbortController
  private projectionTimer?: ReturnType<typeof setTimeout>
  private fallbackTimer?: ReturnType<typeof setTimeout>
  private lastDocChange = 0
  private lastEntityEvent = 0
  private pendingSince = 0
  private mergeCache: MergeCache = newMergeCache()

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => WeekSource,
    private readonly hooks: WeekHooks,
  ) {
    host.addController(this)
  }

  hostDisconnected() {
    this.observed?.off()
    this.observed = null
    this.weekRoom?.dispose()
    this.weekRoom = null
    this.projectionAbort?.abort()
    clearTimeout(this.projectionTimer)
    clearTimeout(this.fallbackTimer)
  }

  /**
   * Called from the host's willUpdate: notes the document's arrival, reads a newly opened week
   * document, fetches the projection afresh when the week (or day) on screen moved (only looked at
   * when `moved`: the branch or the day changed), and joins the week's room.
   */
  follow(moved: boolean) {
    const { live, events, branchId, date, week, docName, view } = this.source()
    // the week document's last message (sync step 2) arrived: it is drawn now
    const synced = !!live?.synced
    if (synced && !this.wasSynced) this.hooks.took({ what: 'document', synced: true })
    this.wasSynced = synced
    if (live && this.observed?.doc !== live.doc) this.observe(live)
    if (moved) {
      const key = `${branchId}|${week}|${view === 'day' ? date : ''}`
      if (branchId && date && key !== this.projectionKey) {
        this.projectionKey = key
        this.projection = new Map()
        this.schedule(0)
      }
    }
    if (docName !== (this.weekRoom?.name ?? null)) {
      this.weekRoom?.dispose()
      const sub = docName ? events?.subscribe(`doc:${docName}`) : null
      this.weekRoom = sub && docName ? { name: docName, dispose: sub.dispose } : null
    }
  }

  /** Something changed on the server (see subscribeTimetableChanges): fetch the projection shortly. */
  refetchSoon(reprojected: boolean) {
    if (reprojected) this.lastEntityEvent = Date.now()
    this.schedule(80)
  }

  /**
   * The week's lessons: the document's once it has arrived; before that the projection's (it often
   * comes first), so the week is on screen as soon as either is here. Editing waits for the document.
   */
  merged(timeZone: string) {
    const live = this.source().live
    const lessons = !live ? [] : live.synced ? this.lessons.list : this.syncingLessons(this.lessons.list, this.projection)
    return this.merge(lessons, this.projection, timeZone)
  }

  private observe(live: LiveDoc) {
    this.observed?.off()
    this.mergeCache = newMergeCache()
    const doc = live.doc
    const off = subscribeWeekLessons(doc, (week, change) => {
      this.lessons = week
      this.host.requestUpdate()
      if (change) this.onDocChange(change.local)
    })
    this.observed = { doc, off }
    this.hooks.opened(live)
    this.hooks.took({ what: 'document', opened: true })
  }

  /**
   * The projection follows the document within a second of an edit, and the server says so with
   * `entity.changed`. Not everyone viewing a branch is in that branch's room (a receptionist of
   * another branch), so after edits settle (or every few seconds of continuous editing) we
   * refetch anyway, unless such an event arrived after the last change.
   */
  private onDocChange(local: boolean) {
    this.hooks.took({ what: local ? 'edit' : 'document' })
    const now = Date.now()
    this.lastDocChange = now
    this.pendingSince ||= now
    clearTimeout(this.fallbackTimer)
    const wait = Math.min(PROJECTION_FALLBACK_MS, Math.max(0, this.pendingSince + 3 * PROJECTION_FALLBACK_MS - now))
    this.fallbackTimer = setTimeout(() => {
      this.fallbackTimer = undefined
      this.pendingSince = 0
      if (this.lastEntityEvent < this.lastDocChange) this.schedule(0)
    }, wait)
  }

  private schedule(delay: number) {
    clearTimeout(this.projectionTimer)
    this.projectionTimer = setTimeout(() => void this.loadProjection(), delay)
  }

  private async loadProjection() {
    const { branchId, date, week } = this.source()
    if (!branchId || !date) return
    this.projectionAbort?.abort()
    const ac = (this.projectionAbort = new AbortController())
    try {
      const rows = await fetchWeekProjection(branchId, mondayOf(week), ac.signal)
      if (ac.signal.aborted || branchId !== this.source().branchId) return
      // keep the previous row object where nothing changed, so unchanged lessons are not redone
      const next = reuseUnchangedRows(this.projection, rows)
      if (!next) return // nothing new: no render
      this.projection = next
      this.host.requestUpdate()
      this.hooks.took({ what: 'projection' })
    } catch (e) {
      if ((e as Error).name === 'AbortError') return
      if (e instanceof ApiError && e.status === 404) return // the projection is not deployed yet: positions still show
      this.hooks.failed(e)
    }
  }

  private merge = memoizeOne((lessons: DocLesson[], projection: ReadonlyMap<string, LessonRow>, tz: string) =>
    mergeLessons(lessons, projection, tz, this.mergeCache),
  )

  /** While the document arrives: the projection's lessons, with the document's where it has them. */
  private syncingLessons = memoizeOne((docList: DocLesson[], projection: ReadonlyMap<string, LessonRow>): DocLesson[] => {
    if (!docList.length) return this.projectionLessons(projection)
    const { partial, byId } = this.lessons
    const out = partial.size ? docList.filter((l) => !partial.has(l.id)) : [...docList]
    for (const l of this.projectionLessons(projection)) if (!byId.has(l.id) || partial.has(l.id)) out.push(l)
    return out
  })

  private projectionLessons = memoizeOne((projection: ReadonlyMap<string, LessonRow>): DocLesson[] => {
    const out: DocLesson[] = []
    for (const r of projection.values()) {
      if (!r.start || !r.end) continue
      // (a row of a lesson cancelled by an earlier version holds "Cancelled: <reason>" as its note)
      const { reason, note } = cancellationOf(r)
      out.push({
        id: r.id,
        roomId: r.roomId ?? '',
        start: r.start,
        end: r.end,
        activityId: r.activityId ?? '',
        groupId: r.groupId,
        teacherId: r.teacherId ?? '',
        status: r.status,
        note,
        cancelReason: reason,
      })
    }
    return out
  })
}
