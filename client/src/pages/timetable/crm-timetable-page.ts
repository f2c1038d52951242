import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import type * as Y from 'yjs'
import { Map as YMap } from 'yjs'
import { customElement, property, query, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { LiveDocController } from '../../controllers/live-doc-controller'
import { ApiError } from '../../data/api'
import { fetchBranches, fetchRooms } from '../../data/branches'
import {
  type Activity,
  type DocLesson,
  type DraggingPresence,
  type Group,
  type LessonRow,
  type Teacher,
  addDays,
  deleteLesson,
  docLessons,
  encodeTimetableDocName,
  fetchActivities,
  fetchGroups,
  fetchLessons,
  fetchTeachers,
  isWholeLesson,
  isoWeekOf,
  lessonsOf,
  mondayOf,
  readLesson,
  remoteMarks,
  subscribeTimetable,
  writeLesson,
} from '../../data/timetable'
import type { Branch, Room, Weekday } from '../../data/types'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import type { CrmTimetableGrid, GridSpan, RemoteGhost } from './crm-timetable-grid'
import './crm-timetable-grid'
import './crm-lesson-panel'
import type { LessonDraft } from './crm-lesson-panel'
import './crm-generate-dialog'
import './crm-my-lessons'
import {
  type Filters,
  type MergeCache,
  NO_FILTERS,
  newMergeCache,
  columnsFor,
  filterLessons,
  hourRange,
  mergeLessons,
  placeLessons,
  sameLesson,
  type ViewLesson,
} from './layout'
import { memoizeOne } from './memo'
import { formatDayLong, formatRange, nowMinutesIn, todayIn, zoned, zonedIso } from './time'

const EDITORS = ['owner', 'manager', 'receptionist']
const STEPS = [15, 30, 60] as const
const WEEKDAY_KEYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const CLASH_ALERTS = new Set(['room_clash', 'teacher_clash', 'over_capacity'])
/** Fetch the projection this long after a document change when no `entity.changed` came first. */
const PROJECTION_FALLBACK_MS = 1200
/** While a week arrives in slices, slices with something new are drawn together at most this often. */
const SYNC_DRAW_MS = 50

type Panel = { kind: 'lesson'; id: string; tab: 'details' | 'attendance' } | { kind: 'draft'; draft: LessonDraft } | null

/** What of a projection row the grid shows (two rows with one signature look the same). */
function rowSignature(r: LessonRow): string {
  return `${r.roomId}|${r.start}|${r.end}|${r.activityId}|${r.groupId}|${r.teacherId}|${r.status}|${r.valid}|${r.problems.join(';')}|${r.clashes.join(';')}|${r.memberCount}|${r.capacity}|${r.red}|${r.owing.map((o) => `${o.clientId}:${o.reasons.join(',')}`).join(';')}`
}

/** The measure a benchmark reads: from data arriving to the grid painted (see finishMeasure). */
export const RENDER_MEASURE = 'timetable-render'

/** Data that arrived for the grid: when (the earliest), what, and how long parts of taking it in took (ms). */
interface Arrival {
  at: number
  what: Set<string>
  parts: Record<string, number>
}

/** A promise whose rejection is handled where it is used (not reported as unhandled if it never is). */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {})
  return p
}

/** Resolves after the next frame was painted: a task queued from requestAnimationFrame runs after that frame. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel()
      ch.port1.onmessage = () => resolve()
      ch.port2.postMessage(null)
    }),
  )
}

/** When the newest response (asked for after `since`) for a URL containing these parts finished arriving (resource timing), if known. */
function responseEnd(since: number, ...parts: string[]): number | undefined {
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
  for (let i = entries.length - 1; i >= 0 && i >= entries.length - 50; i--) {
    const e = entries[i]
    if (e.startTime >= since && e.responseEnd > 0 && parts.every((p) => e.name.includes(p))) return e.responseEnd
  }
  return undefined
}

/**
 * The timetable: one branch, one day (rooms across) or one week (days × rooms), edited live by
 * everyone who has the week open. Positions come from the week document
 * `timetable:<branchId>:<YYYY-Www>`; clashes, red groups, validity and counts from the
 * projection, refetched on `entity.changed`, on clash alerts, and shortly after any document
 * change. Presence: who has the week open, and what each of them has selected or is dragging.
 *
 * URL: `/timetable?branch=<id>&date=YYYY-MM-DD&view=day|week&step=15|30|60`.
 */
@customElement('crm-timetable-page')
export class CrmTimetablePage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext

  @state() private branches: Branch[] = []
  @state() private branchId = ''
  @state() private rooms: Room[] = []
  @state() private activities: Activity[] = []
  @state() private groups: Group[] = []
  @state() private teachers: Teacher[] = []
  @state() private view: 'day' | 'week' = 'day'
  @state() private date = ''
  @state() private step: (typeof STEPS)[number] = 30
  @state() private filters: Filters = NO_FILTERS
  @state() private projection: ReadonlyMap<string, LessonRow> = new Map()
  @state() private docVersion = 0
  @state() private selectedId: string | null = null
  @state() private panel: Panel = null
  @state() private generateOpen = false
  @state() private error: string | null = null
  @state() private refreshKey = 0
  /** Bumped when the open lesson changed on the server: the attendance panel reloads its roster. */
  @state() private rosterKey = 0
  private panelStatus = ''
  @state() private nowTick = 0
  @query('crm-timetable-grid') private grid?: CrmTimetableGrid

  private doc = new LiveDocController(this, () => ({ name: this.docName, user: this.ctx.user }))
  private observed: { doc: unknown; off: () => void } | null = null
  private disposers: Array<() => void> = []
  private branchRoom: { dispose: () => void } | null = null
  /** The week document's Socket.IO room: its lesson changes reach whoever has the week open, whatever their branch. */
  private weekRoom: { name: string; dispose: () => void } | null = null
  private projectionAbort?: AbortController
  private projectionTimer?: ReturnType<typeof setTimeout>
  private fallbackTimer?: ReturnType<typeof setTimeout>
  private lastDocChange = 0
  private lastEntityEvent = 0
  private pendingSince = 0
  /** Data not yet on screen: when it arrived (performance.now()) and what it was; the next update measures from then. */
  private arrival: Arrival | null = null
  /** The update under way that shows an arrival (finished after its paint). */
  private measuring: (Arrival & { updateAt: number }) | null = null
  /** Start of the latest remote transaction on the week document (its update arriving and being decoded). */
  private remoteTxAt = -1
  /** …and the latest one's start, kept (the sync that follows it is measured from there). */
  private lastRemoteTxAt = -1
  private firstRemoteTxAt = -1
  private wasSynced = false
  private scrolledFor = ''
  private prevMarks: { key: string; map: Map<string, { colour: string; name: string }>; ghosts: RemoteGhost[] } = {
    key: '',
    map: new Map(),
    ghosts: [],
  }

  static styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 14px 18px 14px;
        height: calc(100vh - var(--crm-header-height));
        min-height: 560px;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 8px 10px;
        flex-wrap: wrap;
      }
      h1 {
        font-size: 1.25rem;
        margin-right: 4px;
      }
      .when {
        font-weight: 600;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        min-width: 0;
        flex: 0 1 auto;
      }
      .nav {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      .spacer {
        flex: 1;
      }
      .seg {
        display: inline-flex;
        border: 1px solid var(--crm-border);
        border-radius: var(--crm-radius);
        overflow: hidden;
      }
      .seg button {
        border: none;
        border-radius: 0;
        min-height: 32px;
        padding: 4px 12px;
      }
      .seg button[aria-pressed='true'] {
        background: var(--crm-primary-soft);
        color: var(--crm-primary-hover);
        font-weight: 600;
      }
      .filters {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
      }
      .filters select,
      .top select,
      .top input[type='date'] {
        width: auto;
        min-height: 32px;
        padding: 3px 8px;
        font-size: 0.875rem;
        max-width: 160px;
      }
      .filters label {
        font-size: 0.8125rem;
        color: var(--crm-muted);
      }
      .syncing {
        font-size: 0.8125rem;
        color: var(--crm-muted);
      }
      button.small {
        min-height: 32px;
      }
      .status {
        display: inline-flex;
        align-items: center;
        gap: 10px;
      }
      .work {
        flex: 1;
        min-height: 320px;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 12px;
      }
      .work.with-panel {
        grid-template-columns: minmax(0, 1fr) 360px;
      }
      crm-timetable-grid {
        min-height: 0;
      }
      crm-lesson-panel {
        min-height: 0;
        max-height: 100%;
      }
      .alert {
        font-size: 0.875rem;
        padding: 7px 10px;
      }
      .legend {
        display: flex;
        gap: 8px;
        font-size: 0.75rem;
        color: var(--crm-muted);
        flex-wrap: wrap;
      }
      .legend i {
        display: inline-block;
        width: 12px;
        height: 10px;
        border-radius: 2px;
        margin-right: 4px;
        vertical-align: -1px;
        border: 1px solid #aab;
      }
      .legend .clash {
        border: 2px solid var(--crm-danger);
      }
      .legend .red {
        background: #fbe3e0;
        border-left: 3px solid var(--crm-danger);
      }
      .legend .invalid {
        background: repeating-linear-gradient(135deg, rgb(0 0 0 / 18%) 0 3px, transparent 3px 6px);
      }
      .legend .done {
        background: var(--crm-success);
      }
      /* one line at desktop widths: the date label gives way (ellipsis) to the people here */
      @media (min-width: 1200px) {
        .top {
          flex-wrap: nowrap;
        }
        .top > * {
          flex: none;
        }
        .top > .when {
          flex: 0 1 auto;
        }
      }
      @media (max-width: 1100px) {
        .work.with-panel {
          grid-template-columns: minmax(0, 1fr) 320px;
        }
      }
    `,
  ]

  // ── lifecycle ───────────────────────────────────────────────────────────

  connectedCallback() {
    super.connectedCallback()
    this.readUrl()
    // the branch of the URL: its rooms and groups are asked for at once, beside the branch list
    if (this.branchId)
      this.prefetched = { id: this.branchId, rooms: quiet(fetchRooms(this.branchId)), groups: quiet(fetchGroups(this.branchId)) }
    void this.loadBranches()
    // every arrival of data the grid draws (names, rooms, lessons) starts a render measure
    void fetchActivities().then((a) => {
      this.activities = a
      this.markDataArrived('activities')
    }, this.fail)
    void fetchTeachers().then((t) => {
      this.teachers = t
      this.markDataArrived('teachers')
    }, this.fail)
    this.disposers.push(
      // a week re-projected (`timetable` <branchId>:<week>), a lesson or a group changed: refetch
      this.ctx.live?.on('entity.changed', (e) => {
        if (e.type === 'timetable' && !e.id.startsWith(`${this.branchId}:`)) return
        if (e.type === 'timetable' || e.type === 'lesson' || e.type === 'group') this.onLessonEvent(true)
        // the open lesson's roster (attendance, done) is reloaded only when that lesson changed
        if (e.type === 'lesson' && this.panel?.kind === 'lesson' && e.id === this.panel.id) this.rosterKey++
      }) ?? (() => {}),
      this.ctx.live?.onResync(() => this.onLessonEvent(false)) ?? (() => {}),
      this.ctx.live?.on('alert.raised', (a) => CLASH_ALERTS.has(a.kind) && this.onLessonEvent(false)) ?? (() => {}),
      this.ctx.live?.on('alert.cleared', (a) => CLASH_ALERTS.has(a.kind) && this.onLessonEvent(false)) ?? (() => {}),
    )
    const tick = setInterval(() => (this.nowTick = Date.now()), 60_000)
    this.disposers.push(() => clearInterval(tick))
    this.addEventListener('keydown', this.onKeydown)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    for (const d of this.disposers.splice(0)) d()
    this.observed?.off()
    this.observed = null
    this.branchRoom?.dispose()
    this.weekRoom?.dispose()
    this.weekRoom = null
    this.projectionAbort?.abort()
    clearTimeout(this.projectionTimer)
    clearTimeout(this.fallbackTimer)
    this.removeEventListener('keydown', this.onKeydown)
  }

  private fail = (e: unknown) => {
    this.error = e instanceof ApiError ? e.userMessage : 'Something went wrong loading the timetable.'
  }

  private get branch(): Branch | undefined {
    return this.branches.find((b) => b.id === this.branchId)
  }

  private get timeZone(): string {
    return this.zoneOf(this.branches, this.branchId)
  }

  private zoneOf = memoizeOne(
    (branches: Branch[], id: string) =>
      branches.find((b) => b.id === id)?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  )

  /** The week document on screen (the week of the day shown). */
  private get week(): string {
    return this.date ? isoWeekOf(this.date) : ''
  }

  private get docName(): string | null {
    return this.branchId && this.week ? encodeTimetableDocName(this.branchId, this.week) : null
  }

  private get isEditor(): boolean {
    return this.ctx.user.roles.some((r) => EDITORS.includes(r))
  }

  private get isTeacher(): boolean {
    return this.ctx.user.roles.includes('teacher')
  }

  private get canEdit(): boolean {
    const live = this.doc.live
    return this.isEditor && !!live && live.synced && !live.readOnly && !live.closed
  }

  private readUrl() {
    const q = new URLSearchParams(this.ctx.search)
    const date = q.get('date') ?? ''
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) this.date = date
    const view = q.get('view')
    if (view === 'week' || view === 'day') this.view = view
    const step = Number(q.get('step'))
    if ((STEPS as readonly number[]).includes(step)) this.step = step as (typeof STEPS)[number]
    this.branchId = q.get('branch') ?? ''
  }

  private writeUrl() {
    if (!this.branchId || !this.date) return
    const q = new URLSearchParams({ branch: this.branchId, date: this.date, view: this.view })
    if (this.step !== 30) q.set('step', String(this.step))
    const url = `/timetable?${q}`
    if (location.pathname + location.search !== url) history.replaceState(null, '', url)
  }

  /** Rooms and groups of the URL's branch, asked for before the branch list arrived (see connectedCallback). */
  private prefetched: { id: string; rooms: Promise<Room[]>; groups: Promise<Group[]> } | null = null

  private async loadBranches() {
    try {
      // the branches the user works in (the server refuses the others' weeks); none listed: every branch
      const all = await fetchBranches()
      const { roles, branchIds } = this.ctx.user
      const mine = roles.includes('owner') || branchIds.length === 0 ? all : all.filter((b) => branchIds.includes(b.id))
      this.branches = mine.length ? mine : all
      const wanted =
        this.branches.find((b) => b.id === this.branchId) ??
        this.branches.find((b) => this.ctx.user.branchIds.includes(b.id)) ??
        this.branches[0]
      if (!wanted) {
        this.error = 'There is no branch yet. Add one under Branches & rooms.'
        return
      }
      // the branch of the URL: what was already loaded for it (the week, its projection) stays
      const same = wanted.id === this.branchId
      this.branchId = ''
      this.selectBranch(wanted.id, same)
    } catch (e) {
      this.fail(e)
    }
  }

  private selectBranch(id: string, keep = false) {
    if (id === this.branchId) return
    this.branchId = id
    if (!this.date) this.date = todayIn(this.timeZone)
    if (!keep) {
      this.filters = NO_FILTERS
      this.closePanel()
      this.projection = new Map()
    }
    this.rooms = []
    this.groups = []
    const pre = this.prefetched?.id === id ? this.prefetched : null
    this.prefetched = null
    void (pre?.rooms ?? fetchRooms(id)).then((r) => {
      if (id !== this.branchId) return
      this.rooms = r
      this.markDataArrived('rooms')
    }, this.fail)
    void (pre?.groups ?? fetchGroups(id)).then((g) => {
      if (id !== this.branchId) return
      this.groups = g
      this.markDataArrived('groups')
    }, this.fail)
    // owners and managers may follow another branch's changes; others are refused (harmless)
    this.branchRoom?.dispose()
    this.branchRoom = this.ctx.live?.subscribe(`branch:${id}`) ?? null
  }

  protected willUpdate(changed: PropertyValues) {
    // the week document's last message (sync step 2) arrived: it is drawn now, measured from then
    const synced = !!this.doc.live?.synced
    if (synced && !this.wasSynced) {
      clearTimeout(this.syncDrawTimer)
      this.syncDrawTimer = undefined
      this.syncDrawPending = null
      // (sinceFirstMs: from its first message, so the whole document's arrival can be told too)
      if (this.lastRemoteTxAt >= 0)
        this.markDataArrived('document', this.lastRemoteTxAt, { sinceFirstMs: this.lastRemoteTxAt - this.firstRemoteTxAt })
    }
    this.wasSynced = synced
    // the render measure runs from the moment the data arrived (see markDataArrived) to the grid painted
    if (this.arrival) {
      this.measuring = { ...this.arrival, updateAt: performance.now() }
      this.arrival = null
    }
    // watch the lessons of the open week document
    const live = this.doc.live
    if (live && this.observed?.doc !== live.doc) {
      this.observed?.off()
      this.firstRemoteTxAt = this.lastRemoteTxAt = -1
      this.readAll(live.doc)
      // an update from the server is decoded inside its transaction: that is when its data arrived
      const before = (tr: Y.Transaction) => {
        if (tr.local) return
        this.remoteTxAt = this.lastRemoteTxAt = performance.now()
        if (this.firstRemoteTxAt < 0) this.firstRemoteTxAt = this.remoteTxAt
      }
      live.doc.on('beforeTransaction', before)
      const unsubscribe = subscribeTimetable(live.doc, (events, local) => this.onDocChange(live.doc, events, local))
      const doc = live.doc
      this.observed = { doc, off: () => (unsubscribe(), doc.off('beforeTransaction', before)) }
      live.awareness.setLocalStateField('selected', this.selectedId)
      live.awareness.setLocalStateField('dragging', null)
      this.docVersion++
      this.markDataArrived('document')
    }
    if (changed.has('branchId') || changed.has('date')) {
      const key = `${this.branchId}|${this.week}|${this.view === 'day' ? this.date : ''}`
      if (this.branchId && this.date && key !== this.projectionKey) {
        this.projectionKey = key
        this.projection = new Map()
        this.scheduleProjection(0)
      }
    }
    if (changed.has('branchId') || changed.has('date') || changed.has('view') || changed.has('step')) this.writeUrl()
    const docName = this.docName
    if (docName !== (this.weekRoom?.name ?? null)) {
      this.weekRoom?.dispose()
      const sub = docName ? this.ctx.live?.subscribe(`doc:${docName}`) : null
      this.weekRoom = sub && docName ? { name: docName, dispose: sub.dispose } : null
    }
    const open = this.panel?.kind === 'lesson' ? this.panel.id : null
    this.watchPanelStatus(open ? (this.merged().lessons.find((l) => l.id === open) ?? null) : null)
  }

  private projectionKey = ''

  protected updated() {
    if (this.measuring) {
      void this.finishMeasure(this.measuring)
      this.measuring = null
    }
    // first view of a day: scroll to the morning's first lesson, or to now
    const key = `${this.branchId}|${this.view}|${this.date}`
    if (this.grid && this.scrolledFor !== key && (this.doc.live?.synced || this.placed().length) && this.rooms.length) {
      this.scrolledFor = key
      const first = this.placed().reduce((m, p) => Math.min(m, p.lesson.startMin), Infinity)
      const today = todayIn(this.timeZone)
      // the week view starts at the selected lesson (its day), else at today's
      const selected = this.placed().find((p) => p.lesson.id === this.selectedId)
      const target = selected
        ? selected.lesson.startMin - 60
        : Number.isFinite(first)
          ? first - 30
          : this.days().includes(today)
            ? nowMinutesIn(this.timeZone) - 60
            : 0
      const col = selected ? selected.col : this.view === 'week' ? (this.columns().find((c) => c.date === today)?.index ?? 0) : 0
      void this.grid.updateComplete.then(() => {
        this.grid?.scrollToMinutes(target)
        this.grid?.scrollToColumn(col)
      })
    }
  }

  /**
   * Data arrived (names, rooms, the week document, the projection) at `at`: the update that shows it
   * is measured from then. Arrivals that one update shows together are measured from the first.
   */
  private markDataArrived(what: string, at = performance.now(), parts: Record<string, number> = {}) {
    if (!this.arrival) this.arrival = { at, what: new Set(), parts: {} }
    this.arrival.at = Math.min(this.arrival.at, at)
    this.arrival.what.add(what)
    for (const [k, v] of Object.entries(parts)) this.arrival.parts[k] = (this.arrival.parts[k] ?? 0) + v
    this.requestUpdate()
  }

  /**
   * Ends the `timetable-render` measure started at `from` (when the data arrived): after the grid's
   * own update and the next frame is painted, when the page takes input again. The marks
   * `timetable-render-start`/`-end` bracket it for traces.
   */
  private async finishMeasure(m: Arrival & { updateAt: number }) {
    // a hidden tab paints nothing (no animation frames): nothing to measure
    if (document.visibilityState === 'hidden') return
    await this.grid?.updateComplete
    const renderedAt = performance.now()
    await afterNextPaint()
    const end = performance.now()
    performance.mark('timetable-render-start', { startTime: m.at })
    performance.mark('timetable-render-end', { startTime: end })
    // detail: what arrived; ms from its arrival to the page's update (decoding it, waiting for the
    // main thread), the update (deriving, placing, rendering the grid), and to the frame painted
    const r = (x: number) => Math.round(x * 10) / 10
    // (for the document, beforeMs includes decodeMs: Yjs applying the update, and readMs: reading the lessons it changed)
    const parts = Object.fromEntries(Object.entries(m.parts).map(([k, v]) => [k, r(v)]))
    const detail = {
      what: [...m.what].join(','),
      beforeMs: r(m.updateAt - m.at),
      ...parts,
      updateMs: r(renderedAt - m.updateAt),
      paintMs: r(end - renderedAt),
    }
    performance.measure(RENDER_MEASURE, { start: m.at, end, detail })
  }

  // ── data ────────────────────────────────────────────────────────────────

  /**
   * The projection follows the document within a second of an edit, and the server says so with
   * `entity.changed`. Not everyone viewing a branch is in that branch's room (a receptionist of
   * another branch), so after edits settle (or every few seconds of continuous editing) we
   * refetch anyway, unless such an event arrived after the last change.
   */
  private onDocChange(doc: Y.Doc, events: Array<Y.YEvent<Y.AbstractType<unknown>>>, local: boolean) {
    const t0 = performance.now()
    const at = !local && this.remoteTxAt >= 0 ? this.remoteTxAt : t0
    this.remoteTxAt = -1
    const ids = this.readChanged(doc, events)
    this.docVersion++
    const parts = { decodeMs: t0 - at, readMs: performance.now() - t0 }
    if (local || this.doc.live?.synced) this.markDataArrived(local ? 'edit' : 'document', at, parts)
    else this.drawWhileSyncing(ids, at, parts)
    const now = Date.now()
    this.lastDocChange = now
    this.pendingSince ||= now
    clearTimeout(this.fallbackTimer)
    const wait = Math.min(PROJECTION_FALLBACK_MS, Math.max(0, this.pendingSince + 3 * PROJECTION_FALLBACK_MS - now))
    this.fallbackTimer = setTimeout(() => {
      this.fallbackTimer = undefined
      this.pendingSince = 0
      if (this.lastEntityEvent < this.lastDocChange) this.scheduleProjection(0)
    }, wait)
  }

  /**
   * A large week arrives in several messages before the document counts as synced (the server
   * slices it). A slice that only confirms lessons the projection already shows draws nothing; one
   * that brings something new is drawn, at most every SYNC_DRAW_MS so that slices arriving back to
   * back are drawn together. The last message (sync) is drawn like any update: see willUpdate.
   */
  private drawWhileSyncing(ids: Set<string>, at: number, parts: Record<string, number>) {
    let news = false
    for (const id of ids) {
      if (this.partial.has(id)) continue // the rest of it is in a later slice
      const l = this.docById.get(id)
      const r = this.projection.get(id)
      if (!l || !r || !sameLesson(l, r)) {
        news = true
        break
      }
    }
    if (!news) return
    if (this.syncDrawTimer !== undefined) {
      this.syncDrawPending = { at: Math.min(this.syncDrawPending?.at ?? at, at), parts }
      return
    }
    this.markDataArrived('document', at, parts)
    this.syncDrawTimer = setTimeout(() => {
      this.syncDrawTimer = undefined
      const pending = this.syncDrawPending
      this.syncDrawPending = null
      if (pending) this.markDataArrived('document', pending.at, pending.parts)
    }, SYNC_DRAW_MS)
  }
  private syncDrawTimer?: ReturnType<typeof setTimeout>
  private syncDrawPending: { at: number; parts: Record<string, number> } | null = null

  /** `entity` is true for `entity.changed` (it follows every projection); alerts and resyncs only refetch. */
  private onLessonEvent(entity = false) {
    if (entity) this.lastEntityEvent = Date.now()
    this.scheduleProjection(80)
    this.refreshKey++
  }

  /** The open lesson's status changed (done elsewhere, undone, cancelled): its roster is stale. */
  private watchPanelStatus(lesson: ViewLesson | null) {
    const key = lesson ? `${lesson.id}|${lesson.status}` : ''
    if (key !== this.panelStatus) {
      if (lesson && this.panelStatus.startsWith(`${lesson.id}|`)) this.rosterKey++
      this.panelStatus = key
    }
  }

  private scheduleProjection(delay: number) {
    clearTimeout(this.projectionTimer)
    this.projectionTimer = setTimeout(() => void this.loadProjection(), delay)
  }

  private async loadProjection() {
    const branchId = this.branchId
    if (!branchId || !this.date) return
    const monday = mondayOf(this.week)
    this.projectionAbort?.abort()
    const ac = (this.projectionAbort = new AbortController())
    try {
      // a day of slack each side: lessons near midnight may sit in the neighbouring UTC day
      const asked = performance.now()
      const rows = await fetchLessons(branchId, addDays(monday, -1), addDays(monday, 7), ac.signal)
      if (ac.signal.aborted || branchId !== this.branchId) return
      // the rows arrived when the response's last byte did (parsing them is part of showing them)
      const parsed = performance.now()
      const arrived = responseEnd(asked, `/api/lessons?`, `branchId=${branchId}`) ?? parsed
      // keep the previous row object where nothing changed, so unchanged lessons are not redone
      const prev = this.projection
      let same = prev.size === rows.length
      const next = new Map<string, LessonRow>()
      for (const r of rows) {
        const old = prev.get(r.id)
        const keep = old && rowSignature(old) === rowSignature(r)
        if (!keep) same = false
        next.set(r.id, keep ? old : r)
      }
      if (same) return // nothing new: no render
      this.projection = next
      this.markDataArrived('projection', arrived, { parseMs: parsed - arrived, compareMs: performance.now() - parsed })
    } catch (e) {
      if ((e as Error).name === 'AbortError') return
      if (e instanceof ApiError && e.status === 404) return // the projection is not deployed yet: positions still show
      this.fail(e)
    }
  }

  // ── derived (memoised) ──────────────────────────────────────────────────

  /** The week's lessons as plain values, kept up to date lesson by lesson (see readChanged). */
  private docById = new Map<string, DocLesson>()
  private docList: DocLesson[] = []
  private mergeCache: MergeCache = newMergeCache()

  /** Lessons whose fields have not all arrived yet (see isWholeLesson). */
  private partial = new Set<string>()

  private readAll(doc: Y.Doc) {
    this.docById = new Map(docLessons(doc).map((l) => [l.id, l]))
    this.docList = [...this.docById.values()]
    this.partial = new Set()
    for (const [id, m] of lessonsOf(doc).entries()) if (m instanceof YMap && !isWholeLesson(m)) this.partial.add(id)
    this.mergeCache = newMergeCache()
  }

  /** Re-reads only the lessons an update touched: one edit in a busy week costs one lesson. */
  private readChanged(doc: Y.Doc, events: Array<Y.YEvent<Y.AbstractType<unknown>>>): Set<string> {
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
        this.docById.set(id, readLesson(id, m))
        if (isWholeLesson(m)) this.partial.delete(id)
        else this.partial.add(id)
      } else {
        this.docById.delete(id)
        this.partial.delete(id)
      }
    }
    this.docList = [...this.docById.values()]
    return ids
  }

  private merge = memoizeOne((lessons: DocLesson[], projection: ReadonlyMap<string, LessonRow>, tz: string) =>
    mergeLessons(lessons, projection, tz, this.mergeCache),
  )
  private filter = memoizeOne(filterLessons)
  private weekDays = memoizeOne((week: string) => {
    const monday = mondayOf(week)
    return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
  })
  private dayList = memoizeOne((view: 'day' | 'week', date: string, week: string) =>
    view === 'day' ? [date] : this.weekDays(week),
  )
  private roomIds = memoizeOne((rooms: Room[], roomId: string) =>
    (roomId ? rooms.filter((r) => r.id === roomId) : rooms).map((r) => r.id),
  )
  private cols = memoizeOne(columnsFor)
  private place = memoizeOne(placeLessons)
  private hours = memoizeOne((rooms: Room[], days: string[], lessons: ViewLesson[]) => {
    const opening = rooms.flatMap((r) =>
      days.map((d) => r.openingHours?.[WEEKDAY_KEYS[(new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7]]),
    )
    const shown = new Set(days)
    return hourRange(
      opening,
      lessons.filter((l) => shown.has(l.date)),
    )
  })
  private gridNames = memoizeOne((activities: Activity[], groups: Group[], teachers: Teacher[], rooms: Room[]) => ({
    activity: new Map(activities.map((a) => [a.id, a])),
    group: new Map(groups.map((g) => [g.id, g])),
    teacher: new Map(teachers.map((t) => [t.id, t])),
    room: new Map(rooms.map((r) => [r.id, r])),
  }))

  /**
   * The week's lessons: the document's once it has arrived; before that the projection's (it often
   * comes first), so the week is on screen as soon as either is here. Editing waits for the document.
   */
  private merged() {
    void this.docVersion
    const live = this.doc.live
    const lessons = !live ? [] : live.synced ? this.docList : this.syncingLessons(this.docList, this.projection)
    return this.merge(lessons, this.projection, this.timeZone)
  }
  /** While the document arrives: the projection's lessons, with the document's where it has them. */
  private syncingLessons = memoizeOne((docList: DocLesson[], projection: ReadonlyMap<string, LessonRow>): DocLesson[] => {
    if (!docList.length) return this.projectionLessons(projection)
    const out = this.partial.size ? docList.filter((l) => !this.partial.has(l.id)) : [...docList]
    for (const l of this.projectionLessons(projection)) if (!this.docById.has(l.id) || this.partial.has(l.id)) out.push(l)
    return out
  })
  private projectionLessons = memoizeOne((projection: ReadonlyMap<string, LessonRow>): DocLesson[] => {
    const out: DocLesson[] = []
    for (const r of projection.values()) {
      if (!r.start || !r.end) continue
      out.push({
        id: r.id,
        roomId: r.roomId ?? '',
        start: r.start,
        end: r.end,
        activityId: r.activityId ?? '',
        groupId: r.groupId,
        teacherId: r.teacherId ?? '',
        status: r.status,
        note: r.note,
      })
    }
    return out
  })
  private days() {
    return this.dayList(this.view, this.date, this.week)
  }
  private columns() {
    return this.cols(this.days(), this.roomIds(this.rooms, this.filters.roomId))
  }
  private placed() {
    return this.place(this.filter(this.merged().lessons, this.filters), this.columns())
  }

  /** Others' selections/drags → outline marks and ghosts; the same objects while nothing changed. */
  private remote(columns: ReturnType<typeof columnsFor>) {
    const live = this.doc.live
    if (!live) return this.prevMarks
    const marks = remoteMarks(live.awareness.getStates(), live.doc.clientID)
    const key = JSON.stringify(marks) + columns.length + this.timeZone
    if (key === this.prevMarks.key) return this.prevMarks
    const map = new Map<string, { colour: string; name: string }>()
    const ghosts: RemoteGhost[] = []
    const colOf = new Map(columns.map((c) => [`${c.date}|${c.roomId}`, c.index]))
    for (const m of marks) {
      const on = m.dragging?.lessonId ?? m.selected
      if (on) map.set(on, { colour: m.colour, name: m.name })
      if (m.dragging) {
        const s = zoned(m.dragging.start, this.timeZone)
        const e = zoned(m.dragging.end, this.timeZone)
        const col = s ? colOf.get(`${s.date}|${m.dragging.roomId}`) : undefined
        if (s && e && col !== undefined)
          ghosts.push({
            key: `${m.clientId}`,
            col,
            startMin: s.minutes,
            endMin: e.date === s.date ? e.minutes : 1440,
            colour: m.colour,
            name: m.name,
          })
      }
    }
    this.prevMarks = { key, map, ghosts }
    return this.prevMarks
  }

  // ── render ──────────────────────────────────────────────────────────────

  render() {
    if (this.error && !this.branches.length) return html`<p class="alert error" role="alert">${this.error}</p>`
    if (!this.branchId || !this.date) return html`<p class="muted" aria-busy="true">Loading the timetable…</p>`
    const columns = this.columns()
    const placed = this.placed()
    const { unplaced } = this.merged()
    const [from, to] = this.hours(this.rooms, this.days(), this.filter(this.merged().lessons, this.filters))
    const remote = this.remote(columns)
    const ghosts = this.draftGhost(columns, remote.ghosts)
    const today = todayIn(this.timeZone)
    void this.nowTick
    const panelLesson =
      this.panel?.kind === 'lesson'
        ? (this.merged().lessons.find((l) => l.id === (this.panel as { id: string }).id) ?? null)
        : null
    const showPanel = !!this.panel && (this.panel.kind === 'draft' || !!panelLesson)
    return html`
      ${this.renderTop()} ${this.renderFilters()} ${this.renderBanners(unplaced.length)}
      ${
        this.isTeacher
          ? html`<crm-my-lessons
              .userId=${this.ctx.user.id}
              .branchId=${this.ctx.user.branchIds.includes(this.branchId) ? this.branchId : (this.ctx.user.branchIds[0] ?? this.branchId)}
              .timeZone=${this.timeZone}
              .refreshKey=${this.refreshKey}
              .names=${this.gridNames(this.activities, this.groups, this.teachers, this.rooms)}
              @crm-open-lesson=${(e: CustomEvent<{ id: string; date: string; branchId: string }>) => this.openFromMyLessons(e.detail)}
            ></crm-my-lessons>`
          : nothing
      }
      <div class="work ${showPanel ? 'with-panel' : ''}">
        <crm-timetable-grid
          .columns=${columns}
          .placed=${placed}
          .names=${this.gridNames(this.activities, this.groups, this.teachers, this.rooms)}
          .ghosts=${ghosts}
          .marks=${remote.map}
          .view=${this.view}
          .from=${from}
          .to=${to}
          .step=${this.step}
          .selectedId=${this.selectedId}
          .today=${today}
          .nowMin=${nowMinutesIn(this.timeZone)}
          ?editable=${this.canEdit}
          @crm-lesson-select=${this.onSelect}
          @crm-lesson-create=${this.onCreate}
          @crm-lesson-change=${this.onChange}
          @crm-lesson-drag=${this.onDrag}
        ></crm-timetable-grid>
        ${
          showPanel
            ? html`<crm-lesson-panel
                .lesson=${panelLesson}
                .draft=${this.panel?.kind === 'draft' ? this.panel.draft : null}
                .rooms=${this.rooms}
                .activities=${this.activities}
                .groups=${this.groups}
                .teachers=${this.teachers}
                .days=${this.weekDays(this.week)}
                .timeZone=${this.timeZone}
                .step=${this.step}
                .today=${today}
                .initialTab=${this.panel?.kind === 'lesson' ? this.panel.tab : 'details'}
                .refreshKey=${this.rosterKey}
                ?canEdit=${this.canEdit}
                ?canAttend=${this.isEditor || this.isTeacher}
                ?canCancel=${this.isEditor}
                @crm-lesson-save=${this.onSave}
                @crm-lesson-delete=${this.onDelete}
                @crm-panel-close=${() => this.closePanel()}
                @crm-lesson-updated=${() => this.onLessonEvent(false)}
              ></crm-lesson-panel>`
            : nothing
        }
      </div>
      ${
        this.isEditor
          ? html`<crm-generate-dialog
              .open=${this.generateOpen}
              .branchId=${this.branchId}
              .branchName=${this.branch?.name ?? ''}
              .from=${mondayOf(this.week)}
              .to=${addDays(mondayOf(this.week), 6)}
              @crm-generate-closed=${() => (this.generateOpen = false)}
              @crm-lesson-updated=${() => this.onLessonEvent(false)}
            ></crm-generate-dialog>`
          : nothing
      }
    `
  }

  private renderTop() {
    const live = this.doc.live
    const monday = mondayOf(this.week)
    const label =
      this.view === 'day'
        ? formatDayLong(this.date)
        : `Week ${Number(this.week.slice(6))}: ${formatRange(monday, addDays(monday, 6))}`
    const shift = this.view === 'day' ? 1 : 7
    return html`<div class="top">
      <h1>Timetable</h1>
      <label class="visually-hidden" for="branch">Branch</label>
      <select id="branch" @change=${(e: Event) => this.selectBranch((e.target as HTMLSelectElement).value)}>
        ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
      </select>
      <div class="seg" role="group" aria-label="View">
        <button aria-pressed=${this.view === 'day' ? 'true' : 'false'} @click=${() => this.setView('day')}>Day</button>
        <button aria-pressed=${this.view === 'week' ? 'true' : 'false'} @click=${() => this.setView('week')}>Week</button>
      </div>
      <div class="nav">
        <button
          class="small"
          aria-label=${this.view === 'day' ? 'Previous day' : 'Previous week'}
          @click=${() => this.go(addDays(this.date, -shift))}
        >
          ‹
        </button>
        <button class="small" @click=${() => this.go(todayIn(this.timeZone))}>Today</button>
        <button
          class="small"
          aria-label=${this.view === 'day' ? 'Next day' : 'Next week'}
          @click=${() => this.go(addDays(this.date, shift))}
        >
          ›
        </button>
        <label class="visually-hidden" for="date">Date</label>
        <input
          id="date"
          type="date"
          .value=${this.date}
          @change=${(e: Event) => (e.target as HTMLInputElement).value && this.go((e.target as HTMLInputElement).value)}
        />
      </div>
      <span class="when" data-testid="timetable-when">${label}</span>
      <span class="spacer"></span>
      ${live ? html`<crm-presence-list .presence=${live.presence}></crm-presence-list>` : nothing}
      ${this.isEditor ? html`<button class="primary small" @click=${() => (this.generateOpen = true)}>Generate…</button>` : nothing}
    </div>`
  }

  private renderFilters() {
    const live = this.doc.live
    const f = this.filters
    const set = (k: keyof Filters) => (e: Event) =>
      (this.filters = { ...this.filters, [k]: (e.target as HTMLSelectElement).value })
    const any = f.roomId || f.teacherId || f.activityId || f.groupId
    return html`<div class="filters" role="group" aria-label="Filters">
      <label class="visually-hidden" for="f-room">Room</label>
      <select id="f-room" @change=${set('roomId')}>
        <option value="" ?selected=${!f.roomId}>All rooms</option>
        ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === f.roomId}>${r.name}</option>`)}
      </select>
      <label class="visually-hidden" for="f-teacher">Teacher</label>
      <select id="f-teacher" @change=${set('teacherId')}>
        <option value="" ?selected=${!f.teacherId}>All teachers</option>
        ${this.teachers.map((t) => html`<option value=${t.id} ?selected=${t.id === f.teacherId}>${t.name}</option>`)}
      </select>
      <label class="visually-hidden" for="f-activity">Activity</label>
      <select id="f-activity" @change=${set('activityId')}>
        <option value="" ?selected=${!f.activityId}>All activities</option>
        ${this.activities.map((a) => html`<option value=${a.id} ?selected=${a.id === f.activityId}>${a.name}</option>`)}
      </select>
      <label class="visually-hidden" for="f-group">Group</label>
      <select id="f-group" @change=${set('groupId')}>
        <option value="" ?selected=${!f.groupId}>All groups</option>
        ${this.groups.map((g) => html`<option value=${g.id} ?selected=${g.id === f.groupId}>${g.name}</option>`)}
      </select>
      ${any ? html`<button class="link" @click=${() => (this.filters = NO_FILTERS)}>Clear filters</button>` : nothing}
      <span class="spacer"></span>
      <label class="visually-hidden" for="step">Row height</label>
      <select
        id="step"
        @change=${(e: Event) => (this.step = Number((e.target as HTMLSelectElement).value) as (typeof STEPS)[number])}
      >
        ${STEPS.map((s) => html`<option value=${s} ?selected=${s === this.step}>Rows: ${s} min</option>`)}
      </select>
      <span class="legend" aria-hidden="true"
        ><span><i class="clash"></i>clash</span><span><i class="red"></i>owes</span
        ><span><i class="invalid"></i>problem</span></span
      >
      ${
        live && !live.closed
          ? live.synced
            ? html`<crm-save-state .state=${live.savedState}></crm-save-state>`
            : html`<span class="syncing" role="status" aria-busy="true"
                >${live.connected ? 'Loading the week…' : 'Connecting…'}</span
              >`
          : nothing
      }
    </div>`
  }

  private renderBanners(unplaced: number) {
    const live = this.doc.live
    const out = []
    if (this.error)
      out.push(
        html`<p class="alert error" role="alert">
          ${this.error} <button class="link" @click=${() => (this.error = null)}>Dismiss</button>
        </p>`,
      )
    if (live?.closed) out.push(html`<p class="alert error" role="alert">${live.closed.message}</p>`)
    else if (this.isEditor && live?.readOnly)
      out.push(
        html`<p class="alert warning" role="status" data-testid="read-only">Read-only: you can view but not change this week</p>`,
      )
    // (not synced yet: said in the filter row, where "All changes saved" will be; a banner would push the grid down and back)
    else if (live?.notice && live.notice.type === 'connection')
      out.push(html`<p class="alert info" role="status">${live.notice.message}</p>`)
    if (unplaced)
      out.push(
        html`<p class="alert warning" role="status">
          ${unplaced === 1 ? 'One lesson' : `${unplaced} lessons`} of this week cannot be placed on the grid (no valid start or
          end).
        </p>`,
      )
    return out
  }

  /** The lesson being planned in the side panel, drawn where it will go. */
  private draftGhost(columns: ReturnType<typeof columnsFor>, remote: RemoteGhost[]): RemoteGhost[] {
    if (this.panel?.kind !== 'draft') return remote
    const d = this.panel.draft
    const col = columns.find((c) => c.date === d.date && c.roomId === d.roomId)
    if (!col) return remote
    return [
      ...remote,
      { key: 'draft', col: col.index, startMin: d.startMin, endMin: d.endMin, colour: 'var(--crm-primary)', name: 'New' },
    ]
  }

  // ── interactions ────────────────────────────────────────────────────────

  private setView(v: 'day' | 'week') {
    this.view = v
  }

  private go(date: string) {
    if (isoWeekOf(date) !== this.week) this.closePanel()
    this.date = date
  }

  private spanToFields(span: GridSpan): { roomId: string; date: string; start: string; end: string } | null {
    const col = this.columns()[span.col]
    if (!col) return null
    return {
      roomId: col.roomId,
      date: col.date,
      start: zonedIso(col.date, span.startMin, this.timeZone),
      end: zonedIso(col.date, span.endMin, this.timeZone),
    }
  }

  private setPresence(field: 'selected' | 'dragging', value: string | DraggingPresence | null) {
    const a = this.doc.live?.awareness
    if (!a) return
    const cur = a.getLocalState()?.[field]
    if (JSON.stringify(cur ?? null) !== JSON.stringify(value)) a.setLocalStateField(field, value)
  }

  private select(id: string | null) {
    this.selectedId = id
    this.setPresence('selected', id)
  }

  private onSelect = (e: CustomEvent<{ id: string | null; open: boolean }>) => {
    const { id, open } = e.detail
    this.select(id)
    if (open && id) this.panel = { kind: 'lesson', id, tab: this.isEditor ? 'details' : 'attendance' }
    else if (this.panel?.kind === 'lesson' && id) this.panel = { ...this.panel, id }
  }

  private onCreate = (e: CustomEvent<GridSpan & { explicit: boolean; draftId: string }>) => {
    const f = this.spanToFields(e.detail)
    if (!f) return
    const draft: LessonDraft = {
      id: e.detail.draftId,
      date: f.date,
      roomId: f.roomId,
      startMin: e.detail.startMin,
      endMin: e.detail.explicit ? e.detail.endMin : e.detail.startMin + 60,
      explicit: e.detail.explicit,
      activityId: this.filters.activityId || undefined,
      teacherId: this.filters.teacherId || undefined,
      groupId: this.filters.groupId || undefined,
    }
    this.select(null)
    this.panel = { kind: 'draft', draft }
    // the others see where a lesson is being planned
    this.setPresence('dragging', {
      lessonId: draft.id,
      roomId: f.roomId,
      start: zonedIso(f.date, draft.startMin, this.timeZone),
      end: zonedIso(f.date, draft.endMin, this.timeZone),
    })
  }

  private onChange = (e: CustomEvent<GridSpan & { id: string }>) => {
    const live = this.doc.live
    const f = this.spanToFields(e.detail)
    if (!live || !f || !this.canEdit) return
    writeLesson(live.doc, e.detail.id, { roomId: f.roomId, start: f.start, end: f.end })
    this.select(e.detail.id)
  }

  private onDrag = (e: CustomEvent<(GridSpan & { id: string }) | null>) => {
    if (!e.detail) {
      if (this.panel?.kind !== 'draft') this.setPresence('dragging', null)
      return
    }
    const f = this.spanToFields(e.detail)
    if (f) this.setPresence('dragging', { lessonId: e.detail.id, roomId: f.roomId, start: f.start, end: f.end })
  }

  private onSave = (e: CustomEvent<{ id: string; fields: Record<string, unknown>; created: boolean }>) => {
    const live = this.doc.live
    if (!live || !this.canEdit) return
    const { id, fields, created } = e.detail
    writeLesson(live.doc, id, fields)
    this.setPresence('dragging', null)
    this.select(id)
    this.panel = { kind: 'lesson', id, tab: 'details' }
    fireEvent(this, 'crm-toast', { message: created ? 'Lesson created' : 'Lesson saved', kind: 'success' })
    // a lesson moved to a day not on screen: follow it
    const start = typeof fields.start === 'string' ? zoned(fields.start, this.timeZone) : null
    if (start && this.view === 'day' && start.date !== this.date) this.date = start.date
  }

  private onDelete = (e: CustomEvent<{ id: string }>) => {
    const live = this.doc.live
    if (!live || !this.canEdit) return
    deleteLesson(live.doc, e.detail.id)
    this.closePanel()
    fireEvent(this, 'crm-toast', { message: 'Lesson deleted' })
  }

  private closePanel() {
    const wasDraft = this.panel?.kind === 'draft'
    this.panel = null
    if (wasDraft) this.setPresence('dragging', null)
  }

  private openFromMyLessons(d: { id: string; date: string; branchId: string }) {
    if (d.branchId && d.branchId !== this.branchId) this.selectBranch(d.branchId)
    this.view = 'day'
    this.date = d.date
    this.select(d.id)
    this.panel = { kind: 'lesson', id: d.id, tab: 'attendance' }
    void this.updateComplete.then(() => this.grid?.focusLesson(d.id))
  }

  private onKeydown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !this.panel || this.generateOpen) return
    const id = this.panel.kind === 'lesson' ? this.panel.id : null
    this.closePanel()
    if (id) void this.updateComplete.then(() => this.grid?.focusLesson(id))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-timetable-page': CrmTimetablePage
  }
}
