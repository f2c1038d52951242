import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { showDialog } from '../../components/dialogs'
import { LiveDocController } from '../../controllers/live-doc-controller'
import { ApiError } from '../../data/api'
import {
  SinceAuditController,
  highlightOn,
  lessonFieldsSinceAudit,
  lessonsSinceAudit,
  mayHighlight,
  rememberHighlight,
} from '../../data/audit-highlight'
import { formatDateTime } from '../../common/dates'
import { addDays, encodeTimetableDocName, isoWeekOf, mondayOf } from '../../data/timetable'
import { subscribeTimetableChanges } from '../../data/timetable-week'
import type { Branch } from '../../data/types'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { branchToOpen, rememberBranch } from '../../data/remembered-branch'
import { BranchDataController } from './branch-data-controller'
import { timetablePageStyles } from './crm-timetable-page.styles'
import type { CrmTimetableGrid } from './crm-timetable-grid'
import './crm-timetable-grid'
import './crm-timetable-toolbar'
import { STEPS, type Step, type WeekDocState } from './crm-timetable-filters'
import './crm-timetable-filters'
import './crm-lesson-panel'
import './crm-my-lessons'
import { type Filters, NO_FILTERS, type ViewLesson } from './layout'
import { memoizeOne } from './memo'
import { NO_REMOTE_MARKS, remoteMarksOn } from './remote-marks'
import { RenderMarks } from './render-marks'
import { SelectionController } from './selection-controller'
import { nowMinutesIn, todayIn } from './time'
import { WeekController } from './week-controller'
import { passAbilities } from '../passes/labels'
import { WeekView } from './week-view'

const EDITORS = ['owner', 'manager', 'receptionist']
const NO_LESSONS: ReadonlySet<string> = new Set()

/**
 * The timetable: one branch, one day (rooms across) or one week (days × rooms), edited live by
 * everyone who has the week open. The page holds what is shown (branch, day, view, filters, the
 * side panel) and turns the grid's and the panel's events into edits of the week document; the
 * week itself (document and projection) is the WeekController's. Presence: who has the week open,
 * and what each of them has selected or is dragging.
 *
 * URL: `/timetable?branch=<id>&date=YYYY-MM-DD&view=day|week&step=15|30|60`.
 */
@customElement('crm-timetable-page')
export class CrmTimetablePage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext

  @state() private branchId = ''
  @state() private view: 'day' | 'week' = 'day'
  @state() private date = ''
  @state() private step: Step = 30
  @state() private filters: Filters = NO_FILTERS
  /** What went wrong: the server's message (already in the reader's language), or one of ours. */
  @state() private error: string | { id: MessageId } | null = null
  @state() private refreshKey = 0
  /** Bumped when the open lesson changed on the server: the attendance panel reloads its roster. */
  @state() private rosterKey = 0
  private panelStatus = ''
  @state() private nowTick = 0
  /** "Highlight since audit" (audit readers only; remembered per user in this browser). */
  @state() private highlight = false
  @query('crm-timetable-grid') private grid?: CrmTimetableGrid

  private readonly locale = new LocaleController(this)
  private doc = new LiveDocController(this, () => ({ name: this.docName, user: this.ctx.user }))
  private marks = new RenderMarks()
  /** Branches, rooms, groups, activities, teachers. */
  private data = new BranchDataController(this, () => this.ctx, {
    took: (detail) => this.marks.took(detail),
    branches: (branches) => this.pickBranch(branches),
    failed: (e) => this.fail(e),
  })
  private lessons = new WeekController(
    this,
    () => ({
      live: this.doc.live,
      events: this.ctx.live,
      branchId: this.branchId,
      date: this.date,
      week: this.week,
      docName: this.docName,
      view: this.view,
    }),
    {
      took: (detail) => {
        this.marks.took(detail)
        this.requestUpdate()
      },
      opened: (live) => {
        live.awareness.setLocalStateField('selected', this.selection.selectedId)
        live.awareness.setLocalStateField('dragging', null)
      },
      failed: (e) => this.fail(e),
    },
  )
  private derive = new WeekView()
  /** The selected lesson, the side panel, and the edits they make. */
  private selection = new SelectionController(
    this,
    () => ({
      live: this.doc.live,
      canEdit: this.canEdit,
      isEditor: this.isEditor,
      timeZone: this.timeZone,
      columns: this.columns(),
      filters: this.filters,
      day: this.view === 'day' ? this.date : '',
    }),
    (date) => (this.date = date),
  )
  /** What changed in the week since the last audit, while "Highlight since audit" is on. */
  private sinceAudit = new SinceAuditController(this, () => ({
    on: this.highlight && this.canHighlight,
    name: this.docName,
    doc: this.doc.live?.synced ? this.doc.live.doc : null,
  }))
  private disposers: Array<() => void> = []
  private scrolledFor = ''
  private remoteMarks = NO_REMOTE_MARKS

  static styles = [baseStyles, timetablePageStyles]

  // ── lifecycle ───────────────────────────────────────────────────────────

  connectedCallback() {
    super.connectedCallback()
    this.readUrl()
    this.highlight = this.canHighlight && highlightOn(this.ctx.user.id, 'timetable')
    // the branch of the URL: its rooms and groups are asked for at once, beside the branch list
    this.data.load(this.branchId)
    this.disposers.push(
      subscribeTimetableChanges(
        this.ctx.live,
        () => this.branchId,
        ({ reprojected, lessonId }) => {
          this.onLessonEvent(reprojected)
          // the open lesson's roster (attendance, done) is reloaded only when that lesson changed
          const panel = this.selection.panel
          if (lessonId && panel?.kind === 'lesson' && lessonId === panel.id) this.rosterKey++
        },
      ),
    )
    const tick = setInterval(() => (this.nowTick = Date.now()), 60_000)
    this.disposers.push(() => clearInterval(tick))
    this.addEventListener('keydown', this.onKeydown)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    for (const d of this.disposers.splice(0)) d()
    this.removeEventListener('keydown', this.onKeydown)
  }

  private fail = (e: unknown) => {
    this.error = e instanceof ApiError ? e.userMessage : { id: 'timetable.loadFailed' }
  }

  private get branch(): Branch | undefined {
    return this.data.branches.find((b) => b.id === this.branchId)
  }

  private get timeZone(): string {
    return this.zoneOf(this.data.branches, this.branchId)
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

  private get canHighlight(): boolean {
    return mayHighlight(this.ctx.user.roles)
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
    if ((STEPS as readonly number[]).includes(step)) this.step = step as Step
    this.branchId = q.get('branch') ?? ''
  }

  private writeUrl() {
    if (!this.branchId || !this.date) return
    const q = new URLSearchParams({ branch: this.branchId, date: this.date, view: this.view })
    if (this.step !== 30) q.set('step', String(this.step))
    const url = `/timetable?${q}`
    if (location.pathname + location.search !== url) history.replaceState(null, '', url)
  }

  /** The branch to show: the URL's when the user works there, else the one they chose last, else one of theirs, else the first. */
  private pickBranch(branches: Branch[]) {
    const wanted = branchToOpen(branches, this.ctx.user, this.branchId || null)
    if (!wanted) {
      this.error = { id: 'timetable.noBranch' }
      return
    }
    // the branch of the URL: what was already loaded for it (the week, its projection) stays
    const same = wanted.id === this.branchId
    this.branchId = ''
    this.selectBranch(wanted.id, same)
  }

  private selectBranch(id: string, keep = false) {
    if (id === this.branchId) return
    this.branchId = id
    if (!this.date) this.date = todayIn(this.timeZone)
    if (!keep) {
      this.filters = NO_FILTERS
      this.selection.closePanel()
      this.lessons.projection = new Map()
    }
    this.data.show(id)
  }

  protected willUpdate(changed: PropertyValues) {
    this.lessons.follow(changed.has('branchId') || changed.has('date'))
    this.marks.updating()
    if (changed.has('branchId') || changed.has('date') || changed.has('view') || changed.has('step')) this.writeUrl()
    const panel = this.selection.panel
    const open = panel?.kind === 'lesson' ? panel.id : null
    this.watchPanelStatus(open ? (this.merged().lessons.find((l) => l.id === open) ?? null) : null)
  }

  protected updated() {
    this.marks.updated(this.grid)
    // first view of a day: scroll to the morning's first lesson, or to now
    const key = `${this.branchId}|${this.view}|${this.date}`
    if (this.grid && this.scrolledFor !== key && (this.doc.live?.synced || this.placed().length) && this.data.rooms.length) {
      this.scrolledFor = key
      const first = this.placed().reduce((m, p) => Math.min(m, p.lesson.startMin), Infinity)
      const today = todayIn(this.timeZone)
      // the week view starts at the selected lesson (its day), else at today's
      const selected = this.placed().find((p) => p.lesson.id === this.selection.selectedId)
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

  /** A change on the server: refetch the projection; "My lessons" reloads. */
  private onLessonEvent(reprojected = false) {
    this.lessons.refetchSoon(reprojected)
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

  // ── derived (memoised) ──────────────────────────────────────────────────

  private merged() {
    return this.lessons.merged(this.timeZone)
  }
  private days() {
    return this.derive.days(this.view, this.date, this.week)
  }
  private columns() {
    return this.derive.columns(this.days(), this.data.rooms, this.filters.roomId)
  }
  private placed() {
    return this.derive.placed(this.merged().lessons, this.filters, this.columns())
  }
  /** The week's lessons added or changed since the audit (outlined) and those removed since (counted). */
  private sinceLessons() {
    const data = this.sinceAudit.dataFor === this.docName ? this.sinceAudit.data : null
    return this.outlinedOf(data)
  }
  private outlinedOf = memoizeOne((data: SinceAuditController['data']) =>
    data ? lessonsSinceAudit(data.changes) : { outlined: new Set<string>(), removed: new Set<string>() },
  )

  /** The open lesson's fields changed since the audit (outlined in its panel). */
  private panelSince(lessonId: string | null): ReadonlySet<string> {
    const data = this.highlight && this.sinceAudit.dataFor === this.docName ? this.sinceAudit.data : null
    return this.panelSinceOf(data, lessonId)
  }
  private panelSinceOf = memoizeOne((data: SinceAuditController['data'], lessonId: string | null) =>
    data && lessonId ? lessonFieldsSinceAudit(data.changes, lessonId) : NO_LESSONS,
  )

  private names() {
    const { activities, groups, teachers, rooms } = this.data
    return this.derive.names(activities, groups, teachers, rooms)
  }

  /** Where the week document is, as the filter row tells it. */
  private docState(): WeekDocState {
    const live = this.doc.live
    if (!live || live.closed) return null
    if (!live.synced) return live.connected ? 'loading' : 'connecting'
    return live.savedState
  }

  // ── render ──────────────────────────────────────────────────────────────

  render() {
    if (this.error && !this.data.branches.length)
      return html`<p class="alert error" role="alert">${this.errorText(this.error)}</p>`
    if (!this.branchId || !this.date) return html`<p class="muted" aria-busy="true">${t('timetable.loading')}</p>`
    const columns = this.columns()
    const placed = this.placed()
    const { unplaced } = this.merged()
    const { branches, rooms, teachers, activities, groups } = this.data
    const [from, to] = this.derive.hours(rooms, this.days(), this.derive.filtered(this.merged().lessons, this.filters))
    this.remoteMarks = remoteMarksOn(this.doc.live, columns, this.timeZone, this.remoteMarks)
    const remote = this.remoteMarks
    const { panel, selectedId } = this.selection
    const ghosts = this.selection.draftGhost(columns, remote.ghosts)
    const today = todayIn(this.timeZone)
    void this.nowTick
    const panelLesson = panel?.kind === 'lesson' ? (this.merged().lessons.find((l) => l.id === panel.id) ?? null) : null
    const showPanel = !!panel && (panel.kind === 'draft' || !!panelLesson)
    // highlighting since the audit, a reader of the audit opens a lesson on what changed in it
    const auditing = this.highlight && this.canHighlight
    return html`
      <crm-timetable-toolbar
        .branches=${branches}
        .branchId=${this.branchId}
        .view=${this.view}
        .date=${this.date}
        .timeZone=${this.timeZone}
        .presence=${this.doc.live?.presence ?? null}
        ?canGenerate=${this.isEditor}
        ?canHighlight=${this.canHighlight}
        ?highlight=${this.highlight}
        @crm-highlight-toggle=${(e: CustomEvent<{ on: boolean }>) => {
          this.highlight = e.detail.on
          rememberHighlight(this.ctx.user.id, 'timetable', e.detail.on)
        }}
        @crm-branch-select=${(e: CustomEvent<{ id: string }>) => {
          rememberBranch(this.ctx.user.id, e.detail.id)
          this.selectBranch(e.detail.id)
        }}
        @crm-view-select=${(e: CustomEvent<{ view: 'day' | 'week' }>) => (this.view = e.detail.view)}
        @crm-date-select=${(e: CustomEvent<{ date: string }>) => this.go(e.detail.date)}
        @crm-generate-open=${this.openGenerate}
      ></crm-timetable-toolbar>
      <crm-timetable-filters
        .rooms=${rooms}
        .teachers=${teachers}
        .activities=${activities}
        .groups=${groups}
        .filters=${this.filters}
        .step=${this.step}
        .docState=${this.docState()}
        @crm-filters-change=${(e: CustomEvent<{ filters: Filters }>) => (this.filters = e.detail.filters)}
        @crm-step-change=${(e: CustomEvent<{ step: Step }>) => (this.step = e.detail.step)}
      ></crm-timetable-filters>
      ${this.renderBanners(unplaced.length)} ${this.renderSinceAudit()}
      ${
        this.isTeacher
          ? html`<crm-my-lessons
              .userId=${this.ctx.user.id}
              .branchId=${this.ctx.user.branchIds.includes(this.branchId) ? this.branchId : (this.ctx.user.branchIds[0] ?? this.branchId)}
              .timeZone=${this.timeZone}
              .refreshKey=${this.refreshKey}
              .names=${this.names()}
              @crm-open-lesson=${(e: CustomEvent<{ id: string; date: string; branchId: string }>) => this.openFromMyLessons(e.detail)}
            ></crm-my-lessons>`
          : nothing
      }
      <div class="work ${showPanel ? 'with-panel' : ''}">
        <crm-timetable-grid
          .columns=${columns}
          .placed=${placed}
          .names=${this.names()}
          .ghosts=${ghosts}
          .marks=${remote.map}
          .since=${this.highlight ? this.sinceLessons().outlined : NO_LESSONS}
          .view=${this.view}
          .from=${from}
          .to=${to}
          .step=${this.step}
          .selectedId=${selectedId}
          .today=${today}
          .nowMin=${nowMinutesIn(this.timeZone)}
          ?editable=${this.canEdit}
          @crm-lesson-select=${this.selection.onSelect}
          @crm-lesson-create=${this.selection.onCreate}
          @crm-lesson-change=${this.selection.onChange}
          @crm-lesson-drag=${this.selection.onDrag}
        ></crm-timetable-grid>
        ${
          showPanel
            ? html`<crm-lesson-panel
                .lesson=${panelLesson}
                .draft=${panel?.kind === 'draft' ? panel.draft : null}
                .rooms=${rooms}
                .activities=${activities}
                .groups=${groups}
                .teachers=${teachers}
                .days=${this.derive.weekDays(this.week)}
                .timeZone=${this.timeZone}
                .step=${this.step}
                .today=${today}
                .initialTab=${panel?.kind === 'lesson' ? (auditing ? 'details' : panel.tab) : 'details'}
                ?withDetails=${auditing}
                .refreshKey=${this.rosterKey}
                .live=${this.doc.live}
                .sinceAudit=${this.panelSince(panelLesson?.id ?? null)}
                .passesLive=${passAbilities(this.ctx.user.roles).read ? this.ctx.live : undefined}
                ?canEdit=${this.canEdit}
                ?canAttend=${this.isEditor || this.isTeacher}
                ?canCancel=${this.isEditor}
                @crm-lesson-save=${this.selection.onSave}
                @crm-lesson-delete=${this.selection.onDelete}
                @crm-panel-close=${() => this.selection.closePanel()}
                @crm-lesson-updated=${() => this.onLessonEvent(false)}
              ></crm-lesson-panel>`
            : nothing
        }
      </div>
    `
  }

  /** "Highlight since audit" on: what the outline means (since which audit), and the lessons removed since. */
  private renderSinceAudit() {
    if (!this.highlight || !this.canHighlight) return nothing
    const data = this.sinceAudit.dataFor === this.docName ? this.sinceAudit.data : null
    if (!data)
      return html`<p class="since-legend muted" role="status" data-testid="since-audit-legend" aria-busy="true">
        ${t('audit.highlight.loading')}
      </p>`
    const cp = data.checkpoint
    const legend = !cp
      ? t('audit.highlight.legend.start')
      : cp.closedBy
        ? t('audit.highlight.legend.since', { date: formatDateTime(cp.closedAt, this.timeZone), login: cp.closedBy.login })
        : t('audit.highlight.legend.sinceUnknown', { date: formatDateTime(cp.closedAt, this.timeZone) })
    const { outlined, removed } = this.sinceLessons()
    return html`<p class="since-legend" role="status" data-testid="since-audit-legend">
      <span class="swatch" aria-hidden="true"></span><span>${legend}</span>
      ${
        removed.size
          ? html`<span class="removed" data-testid="since-audit-removed"
              >${t('audit.highlight.removed', { count: removed.size })}</span
            >`
          : nothing
      }
      ${!outlined.size && !removed.size ? html`<span class="muted">${t('audit.highlight.nothing')}</span>` : nothing}
    </p>`
  }

  private errorText(e: string | { id: MessageId }): string {
    return typeof e === 'string' ? e : t(e.id)
  }

  private renderBanners(unplaced: number) {
    const live = this.doc.live
    const out = []
    if (this.error)
      out.push(
        html`<p class="alert error" role="alert">
          ${this.errorText(this.error)}
          <button class="link" @click=${() => (this.error = null)}>${t('common.dismiss')}</button>
        </p>`,
      )
    if (live?.closed) out.push(html`<p class="alert error" role="alert">${t(live.closed.messageId)}</p>`)
    else if (this.isEditor && live?.readOnly)
      out.push(html`<p class="alert warning" role="status" data-testid="read-only">${t('timetable.readOnly')}</p>`)
    // (not synced yet: said in the filter row, where "All changes saved" will be; a banner would push the grid down and back)
    else if (live?.notice?.messageId && live.notice.type === 'connection')
      out.push(html`<p class="alert info" role="status">${t(live.notice.messageId)}</p>`)
    if (unplaced) out.push(html`<p class="alert warning" role="status">${t('timetable.unplaced', { count: unplaced })}</p>`)
    // a branch without rooms has an empty grid: say why rather than show nothing
    if (this.data.roomsOf === this.branchId && !this.data.rooms.length)
      out.push(html`<p class="alert info" role="status" data-testid="no-rooms">${t('timetable.noRooms')}</p>`)
    return out
  }

  // ── interactions ────────────────────────────────────────────────────────

  private go(date: string) {
    if (isoWeekOf(date) !== this.week) this.selection.closePanel()
    this.date = date
  }

  /** "Generate…": the groups' patterns over the week on screen (the range can be changed there). */
  private openGenerate = () => {
    const monday = mondayOf(this.week)
    void showDialog(
      this,
      'crm-generate-dialog',
      {
        branchId: this.branchId,
        branchName: this.branch?.name ?? '',
        from: monday,
        to: addDays(monday, 6),
        onGenerated: () => this.onLessonEvent(false),
      },
      () => import('./crm-generate-dialog'),
    )
  }

  private openFromMyLessons(d: { id: string; date: string; branchId: string }) {
    if (d.branchId && d.branchId !== this.branchId) this.selectBranch(d.branchId)
    this.view = 'day'
    this.date = d.date
    this.selection.open(d.id, 'attendance')
    void this.updateComplete.then(() => this.grid?.focusLesson(d.id))
  }

  private onKeydown = (e: KeyboardEvent) => {
    const panel = this.selection.panel
    // (Escape in a dialog stays there: dialogs are mounted outside the page)
    if (e.key !== 'Escape' || !panel) return
    const id = panel.kind === 'lesson' ? panel.id : null
    this.selection.closePanel()
    if (id) void this.updateComplete.then(() => this.grid?.focusLesson(id))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-timetable-page': CrmTimetablePage
  }
}
