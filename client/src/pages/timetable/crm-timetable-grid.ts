import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { guard } from 'lit/directives/guard.js'
import { repeat } from 'lit/directives/repeat.js'
import { clashLabel } from '../../data/timetable'
import { type Column, type Direction, type Placed, type ViewLesson, neighbour } from './layout'
import { formatDay, formatMinutes, snap, snapDown } from './time'
import { initials } from '../../components/crm-presence-list'

/** Pixels per hour for each row step: finer steps get taller rows so a slot stays grabbable. */
export const HOUR_PX: Record<number, number> = { 15: 96, 30: 64, 60: 48 }
const GUTTER = 56
const MIN_COL: Record<'day' | 'week', number> = { day: 120, week: 76 }
/** Pointer travel before a press on a lesson becomes a drag (else it is a click). */
const DRAG_SLOP = 4
/** Rendered columns move in steps of this many, so that scrolling re-renders rarely. */
const COL_CHUNK = 4
/** More new blocks than this in one render: the ones in view first, the others after the paint. */
const DEFER_OVER = 60
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

const tints = new Map<string, string>()

/**
 * A lesson's inline colours from its activity colour: a light fill, a softer border and the
 * colour itself on the left edge (computed once per colour).
 * @example tint('#2f80ed') // 'background:#e6effc;border-color:#b1cef8;border-left-color:#2f80ed'
 */
export function tint(colour: string): string {
  let t = tints.get(colour)
  if (!t) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)
    if (m) {
      const mix = (w: number) =>
        '#' +
        m
          .slice(1, 4)
          .map((h) =>
            Math.round(parseInt(h, 16) * w + 255 * (1 - w))
              .toString(16)
              .padStart(2, '0'),
          )
          .join('')
      t = `background:${mix(0.12)};border-color:${mix(0.45)};border-left-color:${colour}`
    } else {
      t = `background:color-mix(in srgb, ${colour} 12%, #fff);border-color:color-mix(in srgb, ${colour} 45%, #fff);border-left-color:${colour}`
    }
    tints.set(colour, t)
  }
  return t
}

const looksOf = new WeakMap<ViewLesson, string>()

/**
 * Everything of a lesson its block shows, as one string: two lesson objects with the same
 * string draw the same block (the projection arriving with nothing new for it redraws nothing).
 */
function looks(l: ViewLesson): string {
  let k = looksOf.get(l)
  if (k === undefined) {
    const owing = l.owing.length ? l.owing.map((o) => `${o.name}:${o.reasons.join(',')}`).join(';') : ''
    const count = l.memberCount !== null && (l.groupId || l.memberCount > 0) ? `${l.memberCount}/${l.capacity ?? '–'}` : ''
    k = `${l.roomId}|${l.date}|${l.startMin}|${l.endMin}|${l.activityId}|${l.groupId}|${l.teacherId}|${l.status}|${l.valid}|${l.problems.join(';')}|${l.clashes.join(';')}|${count}|${l.red}|${owing}`
    looksOf.set(l, k)
  }
  return k
}

/** A new id for a lesson drawn on the grid (becomes the lesson's id if it is saved). */
/** The grid's line colours (the host's --line-* custom properties say the same for the head and gutter). */
const LINES = { slot: '#eef0ee', hour: '#dde1de', col: '#e4e8e5', day: '#9aa5a1' }
const gridLineImages = new Map<string, string>()

/**
 * The body's lines (a day's left edge, room columns, hours, time slots) as one SVG tile of a day's
 * rooms by an hour, repeated: a browser rasterises the tile once. Four repeated CSS gradients drew
 * the same but were painted tile by tile, gradient by gradient: a third of a 30-room week's first
 * frame without a GPU.
 */
export function gridLines(roomsPerDay: number, colW: number, hourPx: number, stepPx: number): string {
  const key = `${roomsPerDay}|${colW}|${hourPx}|${stepPx}`
  let url = gridLineImages.get(key)
  if (url) return url
  const w = roomsPerDay * colW
  const parts: string[] = []
  // bottom to top: slots, the hour, room columns, the day
  if (stepPx > 0 && stepPx < hourPx)
    for (let y = stepPx; y < hourPx - 0.5; y += stepPx)
      parts.push(`<rect x="0" y="${y}" width="${w}" height="1" fill="${LINES.slot}"/>`)
  parts.push(`<rect x="0" y="0" width="${w}" height="1" fill="${LINES.hour}"/>`)
  for (let i = 1; i < roomsPerDay; i++)
    parts.push(`<rect x="${i * colW}" y="0" width="1" height="${hourPx}" fill="${LINES.col}"/>`)
  parts.push(`<rect x="0" y="0" width="2" height="${hourPx}" fill="${LINES.day}"/>`)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hourPx}" shape-rendering="crispEdges">${parts.join('')}</svg>`
  url = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`
  gridLineImages.set(key, url)
  return url
}

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
  private focusAfterUpdate = false
  private lastDragSent = ''

  // deliberately not the shared baseStyles: thousands of blocks would be matched against every
  // form, table and button rule; style recalculation is a large part of a week's render
  static styles = [
    css`
      :host {
        box-sizing: border-box;
        display: block;
        position: relative;
        min-height: 0;
        /* the same colours as LINES (the body's lines are an image drawn from those) */
        --line-slot: #eef0ee;
        --line-hour: #dde1de;
        --line-col: #e4e8e5;
        --line-day: #9aa5a1;
        --head-h: 34px;
      }
      :host([view='week']) {
        --head-h: 58px;
      }
      .scroller {
        position: absolute;
        inset: 0;
        overflow: auto;
        background: var(--crm-surface);
        border: 1px solid var(--crm-border);
        border-radius: calc(var(--crm-radius) + 2px);
        overscroll-behavior: contain;
      }
      .scroller,
      .canvas,
      .lesson,
      .ghost,
      .head > div {
        box-sizing: border-box;
      }
      .canvas {
        position: relative;
        display: grid;
        grid-template-columns: ${GUTTER}px auto;
        grid-template-rows: var(--head-h) auto;
      }
      .corner {
        position: sticky;
        top: 0;
        left: 0;
        z-index: 4;
        background: var(--crm-surface);
        border-bottom: 1px solid var(--line-hour);
        border-right: 1px solid var(--line-hour);
      }
      .head {
        position: sticky;
        top: 0;
        z-index: 3;
        background: var(--crm-surface);
        border-bottom: 1px solid var(--line-hour);
      }
      .head .day,
      .head .room {
        position: absolute;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
        padding: 0 6px;
        font-size: 0.8125rem;
      }
      .head .day {
        top: 0;
        height: 26px;
        line-height: 26px;
        font-weight: 600;
        border-left: 2px solid var(--line-day);
        overflow: visible;
      }
      /* the day's name stays in view while its rooms scroll under the hour column */
      .head .day span {
        position: sticky;
        left: ${GUTTER + 6}px;
      }
      .head .day.today {
        color: var(--crm-primary);
      }
      .head .room {
        bottom: 0;
        height: 30px;
        line-height: 30px;
        color: var(--crm-muted);
        font-weight: 500;
        border-left: 1px solid var(--line-col);
      }
      /* week columns are narrow: room names and lessons a little tighter, so that "Art Studio" or
         "Painting" fits rather than "Art Stu…" */
      :host([view='week']) .head .room {
        font-size: 0.75rem;
        padding: 0 4px;
      }
      :host([view='week']) .lesson {
        padding: 1px 3px 2px 5px;
        letter-spacing: -0.01em;
      }
      :host([view='day']) .head .room {
        font-weight: 600;
        color: var(--crm-text);
        height: var(--head-h);
        line-height: var(--head-h);
      }
      .gutter {
        position: sticky;
        left: 0;
        z-index: 2;
        background: var(--crm-surface);
        border-right: 1px solid var(--line-hour);
      }
      .gutter span {
        position: absolute;
        right: 6px;
        transform: translateY(-50%);
        font-size: 0.75rem;
        color: var(--crm-muted);
        font-variant-numeric: tabular-nums;
      }
      .gutter span:first-child {
        transform: none;
      }
      .body {
        position: relative;
        touch-action: none;
        user-select: none;
        outline: none;
      }
      :host([editable]) .body {
        cursor: cell;
      }
      .lesson {
        position: absolute;
        overflow: hidden;
        display: block;
        padding: 1px 5px 2px 7px;
        border-radius: 5px;
        /* colours come inline, worked out once per activity colour (see tint): no per-block
           custom properties or color-mix, so thousands of blocks restyle cheaply */
        border: 1px solid #c9d0cd;
        border-left-width: 4px;
        background: #f1f3f2;
        font-size: 0.75rem;
        line-height: 15px;
        color: #3d4a47;
        cursor: pointer;
        /* a block's size is set here, never by its content: lay it out on its own */
        contain: strict;
        /* one text node, a line per fact (name, time, group, teacher), each cut with an ellipsis:
           one element per lesson instead of five keeps a week of thousands cheap to style and lay out */
        white-space: pre;
        text-overflow: ellipsis;
      }
      .lesson::first-line {
        font-weight: 650;
        color: var(--crm-text);
      }
      /* members / capacity, top right */
      .lesson[data-count]::before {
        content: attr(data-count);
        float: right;
        margin-left: 6px;
        font-variant-numeric: tabular-nums;
        font-weight: 600;
        color: #3d4a47;
      }
      :host([editable]) .lesson {
        cursor: grab;
      }
      .lesson:focus-visible {
        outline: 2px solid var(--crm-focus);
        outline-offset: 1px;
        z-index: 2;
      }
      .lesson .badges {
        position: absolute;
        bottom: 2px;
        right: 3px;
        display: flex;
        gap: 2px;
      }
      .badge {
        font-size: 0.6875rem;
        line-height: 1;
        padding: 2px 4px;
        border-radius: 4px;
        font-weight: 700;
        background: #fff;
        white-space: nowrap;
      }
      .badge.done {
        background: var(--crm-success);
        color: #fff;
      }
      .badge.clash {
        background: var(--crm-danger);
        color: #fff;
      }
      .badge.owes {
        background: #fff;
        color: var(--crm-danger);
        border: 1px solid var(--crm-danger);
      }
      .lesson.selected {
        box-shadow:
          0 0 0 2px var(--crm-primary),
          0 4px 12px rgb(16 24 40 / 20%);
        z-index: 1;
      }
      .lesson.red {
        background: #fbe3e0 !important;
        border-color: #f1b5ae !important;
        border-left-color: var(--crm-danger) !important;
        border-left-width: 6px;
      }
      .lesson.clash {
        outline: 2px solid var(--crm-danger);
        outline-offset: 0;
        box-shadow: 0 0 0 4px rgb(180 35 24 / 18%);
      }
      .lesson.clash.selected {
        box-shadow: 0 0 0 4px var(--crm-primary);
      }
      .lesson.invalid {
        background-image: repeating-linear-gradient(135deg, rgb(0 0 0 / 9%) 0 5px, transparent 5px 11px);
        border-style: dashed;
        border-left-style: solid;
      }
      .lesson.cancelled {
        opacity: 0.6;
        background: #f1f3f2 !important;
        border-color: #c9d0cd !important;
        border-left-color: #8d9794 !important;
      }
      .lesson.cancelled {
        text-decoration: line-through;
      }
      /* who else is on it: their initials in their colour, like their avatar */
      /* bottom right, where the text is shortest (left it covered the teacher's name) */
      .lesson.remote::after {
        content: attr(data-initials);
        position: absolute;
        bottom: 2px;
        right: 2px;
        width: 18px;
        height: 18px;
        border-radius: 50%;
        font-size: 0.5625rem;
        line-height: 18px;
        text-align: center;
        font-weight: 700;
        color: #fff;
        background: var(--mark);
      }
      .lesson.remote {
        box-shadow: 0 0 0 3px var(--mark);
        z-index: 1;
      }
      .lesson.remote .badges {
        right: 22px;
      }
      .lesson.origin {
        opacity: 0.35;
      }
      .body.resizing-edge,
      .body.resizing-edge .lesson {
        cursor: ns-resize;
      }
      .ghost {
        position: absolute;
        z-index: 5;
        border-radius: 5px;
        border: 2px dashed var(--crm-primary);
        background: rgb(47 111 106 / 14%);
        font-size: 0.75rem;
        font-weight: 600;
        padding: 2px 5px;
        pointer-events: none;
        color: var(--crm-primary-hover);
        white-space: nowrap;
        overflow: hidden;
      }
      .ghost.remote {
        border-color: var(--mark);
        background: color-mix(in srgb, var(--mark) 14%, transparent);
        color: var(--mark);
      }
      /* drawn before the blocks: a lesson's text stays readable where "now" crosses it */
      .now {
        position: absolute;
        height: 2px;
        background: #e5484d;
        pointer-events: none;
      }
      .empty {
        position: absolute;
        inset: 40% 0 auto;
        margin: 0;
        text-align: center;
        color: var(--crm-muted);
        pointer-events: none;
      }
    `,
  ]

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
    const oldFrom = changed.get('from') as number | undefined
    if (oldFrom !== undefined && oldFrom !== this.from && this.scroller && changed.get('step') === undefined) {
      this.scroller.scrollTop += (oldFrom - this.from) * this.ppm
    }
    if (this.focusAfterUpdate && changed.has('selectedId')) {
      this.focusAfterUpdate = false
      this.focusLesson(this.selectedId)
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
    const bg = `background-image: ${gridLines(roomsPerDay, colW, hourPx, stepPx)}; background-size: ${roomsPerDay * colW}px ${hourPx}px; width: ${bodyW}px; height: ${bodyH}px`
    return html`<div class="scroller" @scroll=${this.onScroll}>
      <div class="canvas" style="width:${GUTTER + bodyW}px">
        <div class="corner"></div>
        <div class="head" style="width:${bodyW}px" aria-hidden="true">
          ${guard([this.columns, colW, this.view, this.names.room, this.today, this.colRange], () => this.renderHead(colW))}
        </div>
        <div class="gutter" style="height:${bodyH}px" aria-hidden="true">
          ${guard([this.from, this.to, ppm], () => this.renderGutter(ppm))}
        </div>
        <div
          class="body"
          style=${bg}
          role="group"
          aria-label="Lessons"
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerCancel}
          @keydown=${this.onKeyDown}
          @click=${this.onClick}
          @pointerover=${this.onPointerOver}
        >
          ${this.renderNow(colW, ppm)}
          ${guard([this.placed, this.selectedId, this.marks, colW, ppm, this.from, this.names, this.editable, this.drag?.started ? this.drag.id : null, this.colRange, this.catchUp], () => this.renderBlocks(colW, ppm))}
          ${this.ghosts.map((g) => this.renderGhost(g, colW, ppm, true))}
          ${this.drag?.started ? this.renderGhost(this.drag.span, colW, ppm, false) : nothing}
          ${this.placed.length === 0 && nCols ? html`<p class="empty">${this.editable ? 'No lessons here yet. Drag over empty time to add one.' : 'No lessons here.'}</p>` : nothing}
        </div>
      </div>
    </div>`
  }

  private renderHead(colW: number) {
    const out: TemplateResult[] = []
    if (this.view === 'week') {
      let prev = ''
      for (const c of this.columns) {
        if (c.date !== prev) {
          const n = this.columns.filter((x) => x.date === c.date).length
          out.push(
            html`<div class="day ${c.date === this.today ? 'today' : ''}" style="left:${c.index * colW}px;width:${n * colW}px">
              <span>${formatDay(c.date)}</span>
            </div>`,
          )
          prev = c.date
        }
      }
    }
    const [a, b] = this.colRange
    for (const c of this.columns.slice(a, b)) {
      const name = this.names.room.get(c.roomId)?.name ?? 'Room'
      out.push(html`<div class="room" style="left:${c.index * colW}px;width:${colW}px" title=${name}>${name}</div>`)
    }
    return out
  }

  private renderGutter(ppm: number) {
    const out: TemplateResult[] = []
    for (let m = this.from; m < this.to; m += 60)
      out.push(html`<span style="top:${(m - this.from) * ppm}px">${formatMinutes(m)}</span>`)
    return out
  }

  private renderNow(colW: number, ppm: number) {
    if (!this.today || this.nowMin < this.from || this.nowMin > this.to) return nothing
    const cols = this.columns.filter((c) => c.date === this.today)
    if (!cols.length) return nothing
    return html`<div
      class="now"
      style="left:${cols[0].index * colW}px;width:${cols.length * colW}px;top:${(this.nowMin - this.from) * ppm}px"
      aria-hidden="true"
    ></div>`
  }

  private renderGhost(g: GridSpan & { colour?: string; name?: string }, colW: number, ppm: number, remote: boolean) {
    const style = `left:${g.col * colW + 2}px;width:${colW - 4}px;top:${(g.startMin - this.from) * ppm}px;height:${Math.max(8, (g.endMin - g.startMin) * ppm)}px${remote ? `;--mark:${g.colour}` : ''}`
    const label = `${formatMinutes(g.startMin)}–${formatMinutes(g.endMin)}`
    return html`<div class="ghost ${remote ? 'remote' : ''}" style=${style} data-testid=${remote ? 'remote-ghost' : 'drag-ghost'}>
      ${remote ? `${g.name}: ` : ''}${label}
    </div>`
  }

  /**
   * Each block's template, kept while nothing it shows changed: a new selection, a remote mark or
   * the projection's flags on a few lessons re-render those blocks, not the hundreds around them.
   */
  private blocks = new Map<string, { key: unknown[]; tpl: TemplateResult }>()
  private blocksEnv: unknown[] = []
  /** Bumped to render the blocks a render left out (see renderBlocks). */
  @state() private catchUp = 0
  private mayDefer = true
  private catchUpPending = false

  /**
   * The blocks of the rendered columns, one keyed list. When many blocks are new at once (a week
   * arriving, another week or view), those in view are rendered first and the ones in the margin
   * columns after that frame is painted, in an idle moment: the screen shows the data sooner.
   */
  private renderBlocks(colW: number, ppm: number) {
    const selected = this.selectedId
    const tabId = selected && this.placed.some((p) => p.lesson.id === selected) ? selected : this.placed[0]?.lesson.id
    const originId = this.drag?.started && this.drag.kind !== 'create' ? this.drag.id : null
    const [a, b] = this.colRange
    const env = [colW, ppm, this.from, this.names]
    const prev = env.every((v, i) => v === this.blocksEnv[i])
      ? this.blocks
      : new Map<string, { key: unknown[]; tpl: TemplateResult }>()
    this.blocksEnv = env
    const wanted: Array<{ p: Placed; key: unknown[]; old: { key: unknown[]; tpl: TemplateResult } | undefined }> = []
    let misses = 0
    for (const p of this.placed) {
      const id = p.lesson.id
      if (!((p.col >= a && p.col < b) || id === selected || id === tabId)) continue
      const mark = this.marks.get(id)
      const key = [
        looks(p.lesson),
        p.col,
        p.lane,
        p.lanes,
        id === selected,
        id === tabId,
        id === originId,
        mark?.colour,
        mark?.name,
      ]
      const old = prev.get(id)
      const hit = old && old.key.every((v, i) => v === key[i]) ? old : undefined
      if (!hit) misses++
      wanted.push({ p, key, old: hit })
    }
    const defer = this.mayDefer && misses > DEFER_OVER
    this.mayDefer = true
    const [va, vb] = defer ? this.inView() : [a, b]
    const next = new Map<string, { key: unknown[]; tpl: TemplateResult }>()
    const tpls: TemplateResult[] = []
    const ids: string[] = []
    let deferred = 0
    for (const { p, key, old } of wanted) {
      const id = p.lesson.id
      if (!old && defer && !(p.col >= va && p.col < vb) && id !== selected && id !== tabId) {
        deferred++
        continue
      }
      const entry = old ?? { key, tpl: this.renderBlock(p, colW, ppm, id === selected, id === tabId, id === originId) }
      next.set(id, entry)
      tpls.push(entry.tpl)
      ids.push(id)
    }
    this.blocks = next
    if (deferred) this.catchUpSoon()
    return repeat(
      tpls,
      (_t, i) => ids[i],
      (t) => t,
    )
  }

  /** After the next paint, in an idle moment: render the blocks left out. */
  private catchUpSoon() {
    if (this.catchUpPending) return
    this.catchUpPending = true
    requestAnimationFrame(() => {
      const go = () => {
        this.catchUpPending = false
        this.mayDefer = false
        this.catchUp++
      }
      if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 250 })
      else setTimeout(go, 30)
    })
  }

  private renderBlock(p: Placed, colW: number, ppm: number, selected: boolean, tabbable: boolean, origin: boolean) {
    const l = p.lesson
    const laneW = colW / p.lanes
    /** Short badges when a block is too narrow for words. */
    const narrow = laneW < 96
    const left = p.col * colW + p.lane * laneW + 2
    const top = (l.startMin - this.from) * ppm + 1
    const height = Math.max(10, (l.endMin - l.startMin) * ppm - 2)
    const activity = this.names.activity.get(l.activityId)
    const group = l.groupId ? this.names.group.get(l.groupId)?.name : null
    const teacher = this.names.teacher.get(l.teacherId)?.name
    const mark = this.marks.get(l.id)
    // members/capacity for group lessons (a one-off has no members, only walk-ins)
    const count = l.memberCount !== null && (l.groupId || l.memberCount > 0) ? `${l.memberCount}/${l.capacity ?? '–'}` : ''
    const time = `${formatMinutes(l.startMin)}–${formatMinutes(l.endMin)}`
    // resizable when the grid is editable (CSS: :host([editable]) .rs), so that the document
    // arriving (the grid becomes editable) does not touch every block
    const resizable = l.status === 'planned'
    const cls = `lesson ${l.status}${l.valid ? '' : ' invalid'}${l.clashes.length ? ' clash' : ''}${l.red ? ' red' : ''}${selected ? ' selected' : ''}${mark ? ' remote' : ''}${origin ? ' origin' : ''}${resizable ? ' rs' : ''}`
    const title = this.describe(l, activity?.name, group, teacher, time, count)
    const name = activity?.name ?? 'Lesson'
    // narrow (week view, side-by-side lanes): name, then start and count, then group; wide: name
    // (count top right), time and group, teacher
    const wide = laneW >= 110
    const text = wide
      ? `${name}\n${time}${group ? ` · ${group}` : ''}${teacher ? `\n${teacher}` : ''}`
      : `${name}\n${formatMinutes(l.startMin)}${count && laneW >= 96 ? `  ${count}` : ''}${group ? `\n${group}` : ''}`
    const badges =
      l.clashes.length || l.red || l.status === 'done'
        ? html`<span class="badges"
            >${l.clashes.length ? html`<span class="badge clash">${narrow ? '!' : 'clash'}</span>` : nothing}${l.red ? html`<span class="badge owes">${narrow ? 'owe' : 'owes'}</span>` : nothing}${
              l.status === 'done'
                ? html`<span class="badge done" data-testid="done-mark">${narrow ? '✓' : '✓ done'}</span>`
                : nothing
            }</span
          >`
        : nothing
    return html`<div
      class=${cls}
      style="left:${left}px;top:${top}px;width:${laneW - 4}px;height:${height}px;${tint(activity?.color ?? '#7a8884')}${mark ? `;--mark:${mark.colour}` : ''}"
      data-id=${l.id}
      data-status=${l.status}
      data-count=${wide && count ? count : nothing}
      data-remote=${mark ? mark.name : nothing}
      data-initials=${mark ? initials(mark.name) : nothing}
      role="button"
      tabindex=${tabbable ? 0 : -1}
      aria-current=${selected ? 'true' : nothing}
      aria-label=${title.replace(/\n/g, '. ')}
    >
      ${text}${badges}
    </div>`
  }

  private describe(
    l: ViewLesson,
    activity: string | undefined,
    group: string | null | undefined,
    teacher: string | undefined,
    time: string,
    count: string,
  ): string {
    const lines = [`${activity ?? 'Lesson'}, ${time}`]
    if (group) lines.push(`Group: ${group}`)
    if (teacher) lines.push(`Teacher: ${teacher}`)
    const room = this.names.room.get(l.roomId)?.name
    if (room) lines.push(`Room: ${room}`)
    if (count) lines.push(`Members: ${count}`)
    if (l.status === 'done') lines.push('Done')
    if (l.status === 'cancelled') lines.push('Cancelled')
    for (const c of l.clashes) lines.push(`Clash: ${clashLabel(c)}`)
    if (!l.valid) lines.push(`Problem: ${l.problems.join('; ') || 'cannot be scheduled as written'}`)
    if (l.red)
      lines.push(
        l.owing.length
          ? `Owes: ${l.owing.map((o) => `${o.name} (${o.reasons.join(', ')})`).join('; ')}`
          : 'Someone in this group owes',
      )
    const mark = this.marks.get(l.id)
    if (mark) lines.push(`${mark.name} is on this lesson`)
    return lines.join('\n')
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
      } else if (next) this.focusLesson(next)
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
