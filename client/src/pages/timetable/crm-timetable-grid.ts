import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { guard } from 'lit/directives/guard.js'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { gridStyles } from './crm-timetable-grid.styles'
import { COL_CHUNK, GUTTER, HOUR_PX, MIN_COL, gridLines } from './grid-geometry'
import { type Column, type Direction, type Placed, neighbour } from './layout'
import { renderGhost, renderGutter, renderHead, renderNow } from './grid-frame'
import { type BlockWords, LessonBlocks, blockWords } from './lesson-blocks'
import { snap, snapDown } from './time'

/** Pointer travel before a press on a lesson becomes a drag (else it is a click). */
const DRAG_SLOP = 4
/** Height of a block's bottom edge that resizes it. */
const RESIZE_EDGE = 7

/** Where a lesson is (or would go): a column and minutes after midnight. */
export interface GridSpan {
  col: number
  startMin: number
  endMin: number
}

/** Someone else dragging a lesson, drawn as a ghost in their colour. */
export interface RemoteGhost extends GridSpan {
  key: string
  colour: string
  name: string
}

/** Display names for ids. */
export interface GridNames {
  activity: ReadonlyMap<string, { name: string; color: string }>
  group: ReadonlyMap<string, { name: string }>
  teacher: ReadonlyMap<string, { name: string }>
  room: ReadonlyMap<string, { name: string }>
}

export interface TimetableGridEvents {
  /** A lesson was clicked (open: true) or reached with the arrow keys (open: false), or Enter was pressed on it. */
  'crm-lesson-select': { id: string | null; open: boolean }
  /** Empty time was dragged over (or clicked): create a lesson there. */
  'crm-lesson-create': GridSpan & { explicit: boolean; draftId: string }
  /** A lesson was moved or resized. */
  'crm-lesson-change': GridSpan & { id: string }
  /** Live drag position for presence (null when the drag ends). */
  'crm-lesson-drag': (GridSpan & { id: string }) | null
}

declare global {
  interface HTMLElementEventMap {
    'crm-lesson-select': CustomEvent<TimetableGridEvents['crm-lesson-select']>
    'crm-lesson-create': CustomEvent<TimetableGridEvents['crm-lesson-create']>
    'crm-lesson-change': CustomEvent<TimetableGridEvents['crm-lesson-change']>
    'crm-lesson-drag': CustomEvent<TimetableGridEvents['crm-lesson-drag']>
  }
  interface HTMLElementTagNameMap {
    'crm-timetable-grid': CrmTimetableGrid
  }
}

interface Drag {
  kind: 'create' | 'move' | 'resize'
  pointerId: number
  id: string
  x0: number
  y0: number
  started: boolean
  /** create: the first slot; move: minutes between the grab point and the lesson's start. */
  anchor: number
  duration: number
  span: GridSpan
}

/** A new id for a lesson drawn on the grid (becomes the lesson's id if it is saved). */
const draftId = () =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `draft-${Math.random().toString(16).slice(2)}`

/**
 * The timetable grid: hours down, columns across (rooms for a day, or days × rooms for a
 * week). Empty time is CSS background lines, not elements; each lesson is one absolutely
 * positioned block, and the block list re-renders only when lessons, selection or
 * geometry change (a drag only moves its ghost).
 *
 * Pointer: drag empty time to create, drag a block to move it (another time, room or day), drag
 * its bottom edge to resize. Keyboard: one lesson is in the tab order (roving); arrows move the
 * selection, Enter opens, Alt+arrows move the lesson by one step or one column, Escape cancels a drag.
 */
@customElement('crm-timetable-grid')
export class CrmTimetableGrid extends LitElement {
  @property({ attribute: false }) columns: Column[] = []
  @property({ attribute: false }) placed: Placed[] = []
  @property({ attribute: false }) names: GridNames = {
    activity: new Map(),
    group: new Map(),
    teacher: new Map(),
    room: new Map(),
  }
  @property({ attribute: false }) ghosts: RemoteGhost[] = []
  /** lesson id → the colour and name of who else has it selected or is dragging it. */
  @property({ attribute: false }) marks: ReadonlyMap<string, { colour: string; name: string }> = new Map()
  /** Lessons added or changed since the last audit: outlined ("Highlight since audit"). */
  @property({ attribute: false }) since: ReadonlySet<string> = new Set()
  @property() view: 'day' | 'week' = 'day'
  @property({ type: Number }) from = 8 * 60
  @property({ type: Number }) to = 21 * 60
  @property({ type: Number }) step = 30
  @property({ attribute: false }) selectedId: string | null = null
  @property({ type: Boolean }) editable = false
  /** Today's date and minutes (branch zone) for the "now" line; empty for none. */
  @property() today = ''
  @property({ type: Number }) nowMin = -1

  @state() private width = 0
  @state() private drag: Drag | null = null
  /** Columns [from, to) that are rendered: the viewport plus a sixth of it each side, in chunks. */
  @state() private colRange: [number, number] = [0, COL_CHUNK * 4]
  @query('.body') private body!: HTMLElement
  @query('.scroller') private scroller!: HTMLElement
  private resize?: ResizeObserver
  /** The lessons' blocks, each kept while nothing it shows changed. */
  private blocks = new LessonBlocks(() => this.requestUpdate())
  private focusAfterUpdate = false
  private lastDragSent = ''
  private readonly locale = new LocaleController(this)

  static styles = [gridStyles]

  connectedCallback() {
    super.connectedCallback()
    this.resize = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width)
      if (w !== this.width) this.width = w
    })
    this.resize.observe(this)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.resize?.disconnect()
  }

  /** Pixels per minute. */
  get ppm(): number {
    return (HOUR_PX[this.step] ?? 64) / 60
  }

  /** Column width: fill the width, but never narrower than readable (then scroll sideways). */
  get colWidth(): number {
    const n = Math.max(1, this.columns.length)
    const avail = (this.width || 900) - GUTTER - 2
    return Math.max(MIN_COL[this.view], Math.floor(avail / n))
  }

  protected willUpdate(changed: PropertyValues) {
    if (changed.has('editable')) this.toggleAttribute('editable', this.editable)
    if (changed.has('view')) this.setAttribute('view', this.view)
    if (changed.has('columns') || changed.has('width') || changed.has('view')) this.updateRange()
  }

  /**
   * Only the columns near the viewport are rendered (a week of 30 rooms is 210 columns): the
   * range grows in chunks, so scrolling re-renders once per few columns, not per pixel.
   */
  private updateRange() {
    const colW = this.colWidth
    const left = this.scrollX
    const w = this.width || 1200
    const from = Math.max(0, Math.floor((left - w / 6) / colW / COL_CHUNK) * COL_CHUNK)
    const to = Math.min(this.columns.length, Math.ceil((left + w * (7 / 6)) / colW / COL_CHUNK) * COL_CHUNK)
    if (from !== this.colRange[0] || to !== this.colRange[1]) this.colRange = [from, to]
  }

  /** The columns in view now (no margin). */
  private inView(): [number, number] {
    const colW = this.colWidth
    const left = this.scrollX
    const w = this.width || 1200
    return [Math.max(0, Math.floor(left / colW)), Math.min(this.columns.length, Math.ceil((left + w - GUTTER) / colW))]
  }

  /**
   * The scroller's scrollLeft as of its last scroll event: rendering never reads layout (a read
   * while styles are dirty forces a layout in the middle of an update).
   */
  private scrollX = 0

  private onScroll = () => {
    this.scrollX = this.scroller.scrollLeft
    this.updateRange()
  }

  protected updated(changed: PropertyValues<this>) {
    // the hours shown grew or shrank at the top (someone booked an earlier lesson): keep the same
    // time under the eyes and the pointer instead of letting the grid jump
    const oldFrom: number | undefined = changed.get('from')
    if (oldFrom !== undefined && oldFrom !== this.from && this.scroller && changed.get('step') === undefined) {
      this.scroller.scrollTop += (oldFrom - this.from) * this.ppm
    }
    if (this.focusAfterUpdate && changed.has('selectedId')) {
      this.focusAfterUpdate = false
      void this.focusLesson(this.selectedId)
    }
  }

  /** Scrolls a lesson into view and focuses it. */
  async focusLesson(id: string | null) {
    if (!id) return
    let el = this.renderRoot.querySelector<HTMLElement>(`.lesson[data-id="${CSS.escape(id)}"]`)
    const p = this.placed.find((x) => x.lesson.id === id)
    if (!el && p) {
      // not rendered (outside the column window): scroll to its column first
      this.scrollToColumn(p.col)
      await this.updateComplete
      el = this.renderRoot.querySelector<HTMLElement>(`.lesson[data-id="${CSS.escape(id)}"]`)
    }
    if (el) {
      el.focus({ preventScroll: true })
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    }
  }

  /**
   * Scrolls so that a column is in view: its whole day when the day fits (week view), else the
   * column near the left edge.
   */
  scrollToColumn(index: number) {
    if (!this.scroller) return
    const colW = this.colWidth
    const view = this.scroller.clientWidth - GUTTER
    const col = this.columns[index]
    const dayCols = col ? this.columns.filter((c) => c.date === col.date) : []
    const dayLeft = dayCols.length ? dayCols[0].index * colW : index * colW
    const left = index * colW
    if (left < this.scroller.scrollLeft || left + colW > this.scroller.scrollLeft + view) {
      this.scroller.scrollLeft =
        dayCols.length * colW <= view && left + colW - dayLeft <= view ? dayLeft : Math.max(0, left - colW / 2)
    }
    this.scrollX = this.scroller.scrollLeft
    this.updateRange()
  }

  /** Scrolls so that a time of day is near the top. */
  scrollToMinutes(m: number) {
    if (this.scroller) this.scroller.scrollTop = Math.max(0, (m - this.from) * this.ppm - 8)
  }

  render() {
    const colW = this.colWidth
    const ppm = this.ppm
    const nCols = this.columns.length
    const bodyW = nCols * colW
    const bodyH = (this.to - this.from) * ppm
    const roomsPerDay =
      this.view === 'week' ? Math.max(1, nCols / Math.max(1, new Set(this.columns.map((c) => c.date)).size)) : nCols
    const hourPx = 60 * ppm
    const stepPx = this.step * ppm
    // the words of the language shown, once per render (a new object per language: the headings and blocks follow)
    const words = blockWords(currentLocale())
    const bg = `background-image: ${gridLines(roomsPerDay, colW, hourPx, stepPx)}; background-size: ${roomsPerDay * colW}px ${hourPx}px; width: ${bodyW}px; height: ${bodyH}px`
    // an empty day or week has no lesson to focus: the scrolling region itself takes the focus, so
    // a keyboard alone can still scroll it (axe: scrollable-region-focusable)
    const empty = this.placed.length === 0
    return html`<div
      class="scroller"
      tabindex=${empty ? 0 : nothing}
      role=${empty ? 'region' : nothing}
      aria-label=${empty ? t('timetable.grid.lessons') : nothing}
      @scroll=${this.onScroll}
    >
      <div class="canvas" style="width:${GUTTER + bodyW}px">
        <div class="corner"></div>
        <div class="head" style="width:${bodyW}px" aria-hidden="true">
          ${guard([this.columns, colW, this.view, this.names.room, this.today, this.colRange, words], () =>
            renderHead(this.columns, colW, this.view, this.names.room, this.today, this.colRange),
          )}
        </div>
        <div class="gutter" style="height:${bodyH}px" aria-hidden="true">
          ${guard([this.from, this.to, ppm], () => renderGutter(this.from, this.to, ppm))}
        </div>
        <div
          class="body"
          style=${bg}
          role="group"
          aria-label=${t('timetable.grid.lessons')}
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerCancel}
          @keydown=${this.onKeyDown}
          @click=${this.onClick}
          @pointerover=${this.onPointerOver}
        >
          ${renderNow(this.columns, this.today, this.nowMin, this.from, this.to, colW, ppm)}
          ${guard([this.placed, this.selectedId, this.marks, this.since, colW, ppm, this.from, this.names, this.editable, this.drag?.started ? this.drag.id : null, this.colRange, this.blocks.catchUp, words], () => this.renderBlocks(colW, ppm, words))}
          ${this.ghosts.map((g) => renderGhost(g, this.from, colW, ppm, true))}
          ${this.drag?.started ? renderGhost(this.drag.span, this.from, colW, ppm, false) : nothing}
          ${this.placed.length === 0 && nCols ? html`<p class="empty">${t(this.editable ? 'timetable.grid.emptyEditable' : 'timetable.grid.empty')}</p>` : nothing}
        </div>
      </div>
    </div>`
  }

  private renderBlocks(colW: number, ppm: number, words: BlockWords) {
    return this.blocks.render(
      { colW, ppm, from: this.from, names: this.names, words, marks: this.marks, since: this.since },
      {
        placed: this.placed,
        range: this.colRange,
        inView: () => this.inView(),
        selectedId: this.selectedId,
        originId: this.drag?.started && this.drag.kind !== 'create' ? this.drag.id : null,
      },
    )
  }

  // ── pointer ─────────────────────────────────────────────────────────────

  /** Pointer position → column and minutes (unsnapped). */
  private at(e: PointerEvent): { col: number; min: number } {
    const r = this.body.getBoundingClientRect()
    const col = Math.max(0, Math.min(this.columns.length - 1, Math.floor((e.clientX - r.left) / this.colWidth)))
    const min = Math.max(this.from, Math.min(this.to, this.from + (e.clientY - r.top) / this.ppm))
    return { col, min }
  }

  private onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || !this.columns.length) return
    const block = (e.target as Element).closest<HTMLElement>('.lesson')
    const { col, min } = this.at(e)
    if (block) {
      const p = this.placed.find((x) => x.lesson.id === block.dataset.id)
      if (!p || !this.editable || p.lesson.status !== 'planned') return // a click selects (see onClick)
      // the bottom edge resizes (drawn by .rs::before)
      const resize = e.clientY > block.getBoundingClientRect().bottom - RESIZE_EDGE
      const l = p.lesson
      this.drag = {
        kind: resize ? 'resize' : 'move',
        pointerId: e.pointerId,
        id: l.id,
        x0: e.clientX,
        y0: e.clientY,
        started: false,
        anchor: min - l.startMin,
        duration: l.endMin - l.startMin,
        span: { col: p.col, startMin: l.startMin, endMin: l.endMin },
      }
    } else {
      if (!this.editable) return
      const start = snapDown(min, this.step)
      this.drag = {
        kind: 'create',
        pointerId: e.pointerId,
        id: draftId(),
        x0: e.clientX,
        y0: e.clientY,
        started: false,
        anchor: start,
        duration: this.step,
        span: { col, startMin: start, endMin: Math.min(this.to, start + this.step) },
      }
    }
    this.body.setPointerCapture(e.pointerId)
  }

  private onPointerMove = (e: PointerEvent) => {
    const d = this.drag
    if (!d) this.showResizeCursor(e)
    if (!d || e.pointerId !== d.pointerId) return
    if (!d.started) {
      if (Math.hypot(e.clientX - d.x0, e.clientY - d.y0) < DRAG_SLOP) return
      d.started = true
    }
    const { col, min } = this.at(e)
    let span: GridSpan
    if (d.kind === 'create') {
      // from the first slot to the slot under the pointer, whichever way the pointer went
      const a = d.anchor
      span =
        min >= a
          ? {
              col: d.span.col,
              startMin: a,
              endMin: Math.min(this.to, Math.max(a + this.step, Math.ceil(min / this.step) * this.step)),
            }
          : { col: d.span.col, startMin: snapDown(min, this.step), endMin: a + this.step }
    } else if (d.kind === 'move') {
      const start = Math.max(this.from, Math.min(this.to - d.duration, snap(min - d.anchor, this.step)))
      span = { col, startMin: start, endMin: start + d.duration }
    } else {
      const end = Math.max(d.span.startMin + this.step, Math.min(this.to, snap(min, this.step)))
      span = { col: d.span.col, startMin: d.span.startMin, endMin: end }
    }
    this.drag = { ...d, span }
    this.emitDrag()
  }

  private onPointerUp = (e: PointerEvent) => {
    const d = this.drag
    if (!d || e.pointerId !== d.pointerId) return
    this.drag = null
    this.emitDrag()
    if (d.kind === 'create') {
      this.fire('crm-lesson-create', { ...d.span, explicit: d.started, draftId: d.id })
    } else if (d.started) {
      this.suppressClick = true
      this.fire('crm-lesson-change', { id: d.id, ...d.span })
    } else {
      // a press on a lesson that did not become a drag is a click; the click event itself goes to
      // the body (the pointer was captured there), so open the lesson here
      this.suppressClick = true
      this.fire('crm-lesson-select', { id: d.id, open: true })
    }
  }

  /** The bottom edge of a lesson that can be resized shows the resize cursor. */
  private showResizeCursor(e: PointerEvent) {
    const block = this.editable ? (e.target as Element).closest<HTMLElement>('.lesson.rs') : null
    const on = !!block && e.clientY > block.getBoundingClientRect().bottom - RESIZE_EDGE
    if (on !== this.body.classList.contains('resizing-edge')) this.body.classList.toggle('resizing-edge', on)
  }

  private onPointerCancel = () => {
    if (!this.drag) return
    this.drag = null
    this.emitDrag()
  }

  private suppressClick = false

  /** The tooltip is the block's description, set when the pointer first reaches it (not on every block). */
  private onPointerOver = (e: PointerEvent) => {
    const block = (e.target as Element).closest<HTMLElement>('.lesson')
    const label = block?.getAttribute('aria-label')
    if (block && label && block.dataset.tip !== label) {
      block.title = label.replace(/\. /g, '\n')
      block.dataset.tip = label
    }
  }

  private onClick = (e: MouseEvent) => {
    if (this.suppressClick) {
      this.suppressClick = false
      return
    }
    const block = (e.target as Element).closest<HTMLElement>('.lesson')
    if (block?.dataset.id) this.fire('crm-lesson-select', { id: block.dataset.id, open: true })
  }

  /** Tells the page where a started drag is (throttled to changes of slot). */
  private emitDrag() {
    const d = this.drag
    const detail = d?.started ? { id: d.id, ...d.span } : null
    const key = detail ? `${detail.id}|${detail.col}|${detail.startMin}|${detail.endMin}` : ''
    if (key === this.lastDragSent) return
    this.lastDragSent = key
    this.fire('crm-lesson-drag', detail)
  }

  // ── keyboard ────────────────────────────────────────────────────────────

  private onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.drag) {
      this.drag = null
      this.emitDrag()
      e.preventDefault()
      return
    }
    const block = (e.target as Element).closest<HTMLElement>('.lesson')
    const id = block?.dataset.id ?? this.selectedId
    const dirs: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' }
    const dir = dirs[e.key]
    if (dir && e.altKey && id && this.editable) {
      const p = this.placed.find((x) => x.lesson.id === id)
      if (!p || p.lesson.status !== 'planned') return
      e.preventDefault()
      const dm = dir === 'up' ? -this.step : dir === 'down' ? this.step : 0
      const dc = dir === 'left' ? -1 : dir === 'right' ? 1 : 0
      const col = Math.max(0, Math.min(this.columns.length - 1, p.col + dc))
      const startMin = Math.max(this.from, Math.min(this.to - (p.lesson.endMin - p.lesson.startMin), p.lesson.startMin + dm))
      if (col === p.col && startMin === p.lesson.startMin) return
      this.focusAfterUpdate = true
      this.fire('crm-lesson-change', { id, col, startMin, endMin: startMin + p.lesson.endMin - p.lesson.startMin })
      requestAnimationFrame(() => this.focusLesson(id))
      return
    }
    if (dir) {
      e.preventDefault()
      const next = neighbour(this.placed, id, dir)
      if (next && next !== this.selectedId) {
        this.focusAfterUpdate = true
        this.fire('crm-lesson-select', { id: next, open: false })
      } else if (next) void this.focusLesson(next)
      return
    }
    if ((e.key === 'Enter' || e.key === ' ') && block?.dataset.id) {
      e.preventDefault()
      this.fire('crm-lesson-select', { id: block.dataset.id, open: true })
    }
  }

  private fire<K extends keyof TimetableGridEvents>(type: K, detail: TimetableGridEvents[K]) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }
}
