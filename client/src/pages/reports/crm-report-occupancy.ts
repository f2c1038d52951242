import { LitElement, css, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { styleMap } from 'lit/directives/style-map.js'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { formatDay, formatNumber, formatWeekday } from '../../../../domain/i18n/format'
import { fetchRooms } from '../../data/branches'
import { fetchCatalogue } from '../../data/catalogue'
import {
  downloadOccupancy,
  fetchOccupancy,
  type HourCell,
  type OccupancyPart,
  type OccupancyQuery,
  type OccupancyReport,
} from '../../data/occupancy'
import { fetchTeachers } from '../../data/timetable'
import type { Branch, Room } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import {
  branchTimeZone,
  hours,
  num,
  pct,
  periodFields,
  periodRange,
  ReportRequest,
  reportStyles,
  selectField,
  type Option,
  type PeriodChoice,
} from './report-frame'

type Measure = 'fill' | 'attendance'

const decimal = (v: number | null) => (v === null ? '—' : formatNumber(v, currentLocale()))
/** ISO weekday 1 (Monday) … 7 (5 January 2026 is a Monday). */
const weekday = (d: number, width: 'long' | 'short') =>
  formatWeekday(new Date(Date.UTC(2026, 0, 4 + d, 12)), currentLocale(), 'UTC', width)
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`
const hourSpan = (h: number) => `${hourLabel(h)}–${hourLabel(h + 1)}`
/** A column's heading (words to the left, figures to the right). */
const colHead = (id: MessageId, text = false) => html`<th class=${text ? 'text' : ''} scope="col">${t(id)}</th>`

const LOW = [244, 247, 246]
const HIGH = [22, 70, 66]
/**
 * A cell's colours for a rate (basis points): light to the brand's dark green. Under 55 % dark
 * text on the lighter half of the scale, from 55 % white text on the darker part (both read at 4.5:1).
 */
function shade(bp: number): Record<string, string> {
  const f = Math.max(0, Math.min(1, bp / 10_000))
  const p = f < 0.55 ? (f / 0.55) * 0.5 : 0.7 + ((f - 0.55) / 0.45) * 0.3
  const [r, g, b] = LOW.map((lo, i) => Math.round(lo + (HIGH[i] - lo) * p))
  return { background: `rgb(${r} ${g} ${b})`, color: f < 0.55 ? 'var(--crm-text, #1f2a28)' : '#fff' }
}

/**
 * The occupancy report of the Reports page (issue #20): filters (period, room, activity, teacher;
 * the branch comes from the page), what the figures mean, a heat map of the week's hours (an HTML
 * table: weekdays down, hours across, each cell coloured by its rate with the figure in it and in
 * its accessible name), then the rooms, the groups and the waiting-list pressure per activity,
 * each table with its CSV; the XLSX holds them all, a sheet each.
 */
@customElement('crm-report-occupancy')
export class CrmReportOccupancy extends LitElement {
  /** '' for every branch of the reader's. */
  @property() branchId = ''
  @property({ attribute: false }) branches: Branch[] = []
  @state() private choice: PeriodChoice = { period: 'thisMonth', from: '', to: '' }
  @state() private roomId = ''
  @state() private activityId = ''
  @state() private teacherId = ''
  @state() private measure: Measure = 'fill'
  @state() private rooms: Option[] = []
  @state() private activities: Option[] = []
  @state() private teachers: Option[] = []
  private readonly request = new ReportRequest<OccupancyReport>(this)
  private readonly locale = new LocaleController(this)
  private loadedFor = ''
  private roomsFor: string | null = null

  static styles = [
    baseStyles,
    tabPanelStyles,
    reportStyles,
    css`
      .toolbar {
        margin-bottom: 0;
      }
      .notes {
        margin: 0;
        padding-inline-start: 1.2em;
        color: var(--crm-muted, #555);
        font-size: 0.875rem;
      }
      .notes li + li {
        margin-top: 2px;
      }
      section h3 {
        display: flex;
        align-items: center;
        gap: 12px;
        flex-wrap: wrap;
        margin: 0 0 8px;
        font-size: 1.05rem;
      }
      section h3 .tools {
        margin-inline-start: auto;
        display: flex;
        gap: 8px;
        align-items: center;
        font-size: 0.875rem;
        font-weight: normal;
      }
      section h3 select {
        width: auto;
      }
      .scroll {
        margin-bottom: 0;
      }
      th,
      td {
        padding: 6px 5px;
      }
      thead th {
        white-space: normal;
        vertical-align: bottom;
        min-width: 3.5em;
      }
      td.text {
        min-width: 6em;
      }
      td .where {
        display: block;
        font-size: 0.8rem;
      }
      table.heat {
        width: auto;
        border-collapse: separate;
        border-spacing: 2px;
      }
      .heat th {
        border: 0;
        font-weight: 600;
        color: var(--crm-muted, #555);
        font-size: 0.8rem;
      }
      .heat th[scope='row'] {
        text-align: start;
        padding-inline-end: 10px;
      }
      .heat td {
        border: 0;
        min-width: 44px;
        height: 34px;
        padding: 0 4px;
        text-align: center;
        border-radius: 4px;
        font-size: 0.8rem;
      }
      .heat td.none {
        background: repeating-linear-gradient(45deg, var(--crm-surface-2, #f0f2ef) 0 4px, var(--crm-surface, #fff) 4px 8px);
        color: var(--crm-muted, #555);
      }
      .legend {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        margin-top: 8px;
        font-size: 0.8rem;
        color: var(--crm-muted, #555);
      }
      .ramp {
        display: inline-flex;
      }
      .ramp span {
        width: 22px;
        height: 14px;
      }
      .swatch {
        width: 22px;
        height: 14px;
        border-radius: 3px;
        background: repeating-linear-gradient(45deg, var(--crm-surface-2, #f0f2ef) 0 4px, var(--crm-surface, #fff) 4px 8px);
        border: 1px solid var(--crm-border, #ddd);
      }
      .totals {
        margin: 0 0 8px;
      }
      .full {
        color: var(--crm-danger);
      }
    `,
  ]

  connectedCallback() {
    super.connectedCallback()
    // the catalogue and the teachers are the timetable's (an accountant may not read them: then
    // the report's own activities and teachers are offered)
    void fetchCatalogue().then(
      (items) => (this.activities = items.map((a) => [a.id, a.name])),
      () => {},
    )
    void fetchTeachers().then(
      (items) => (this.teachers = items.map((x) => [x.id, x.name])),
      () => {},
    )
  }

  updated() {
    // keyed by what is asked (a period's days shown in the date fields are not asked for again)
    const q = this.query()
    const key = JSON.stringify(q)
    if (key !== this.loadedFor) {
      this.loadedFor = key
      void this.load(q)
    }
    if (this.roomsFor !== this.branchId) {
      this.roomsFor = this.branchId
      void fetchRooms(this.branchId || undefined).then(
        (items) => {
          const mine = new Set(this.branches.map((b) => b.id))
          this.rooms = items
            .filter(
              (r: Room & { bookable?: boolean; archived?: boolean }) =>
                mine.has(r.branchId) && r.bookable !== false && !r.archived,
            )
            .map((r) => [r.id, r.name])
          if (this.roomId && !this.rooms.some(([id]) => id === this.roomId)) this.roomId = ''
        },
        () => {},
      )
    }
  }

  private query(): OccupancyQuery {
    const range = periodRange(this.choice, 'thisMonth', branchTimeZone(this.branches, this.branchId))
    return { ...range, branchId: this.branchId, roomId: this.roomId, activityId: this.activityId, teacherId: this.teacherId }
  }

  private load(q: OccupancyQuery) {
    // the period's days, for the date fields when one makes it a period of one's own
    const c = this.choice
    if (c.period !== 'custom' && (c.from !== q.from || c.to !== q.to)) this.choice = { ...c, from: q.from, to: q.to }
    return this.request.load(() => fetchOccupancy(q))
  }

  private download(format: 'csv' | 'xlsx', part?: OccupancyPart) {
    return this.request.download(() => downloadOccupancy(format, this.query(), part))
  }

  render() {
    return html`<p class="muted">${t('reports.occupancy.lead')}</p>
      ${this.toolbar()}
      <ul class="notes">
        <li>${t('reports.occupancy.note.rooms')}</li>
        <li>${t('reports.occupancy.note.attendance')}</li>
        ${
          this.request.data
            ? html`<li>${t('reports.occupancy.note.waiting', { date: formatDay(this.request.data.asOf, currentLocale()) })}</li>`
            : nothing
        }
      </ul>
      ${this.request.error ? html`<p class="alert error" role="alert">${this.request.error}</p>` : nothing} ${this.body()}`
  }

  /** Options known to the screen, else those the report itself names. */
  private options(known: Option[], fromReport: Option[]): Option[] {
    const list = known.length ? known : fromReport
    return [...new Map(list).entries()].sort((a, b) => a[1].localeCompare(b[1], currentLocale()))
  }

  private toolbar() {
    const r = this.request.data
    const activities = this.options(this.activities, r?.waiting.map((w): Option => [w.activityId, w.activity]) ?? [])
    const teachers = this.options(this.teachers, r?.groups.map((g): Option => [g.teacherId, g.teacher]) ?? [])
    return html`<div class="toolbar">
      ${periodFields(this.choice, (c) => (this.choice = { ...this.choice, ...c }))}
      ${selectField(
        'room',
        t('reports.occupancy.room'),
        this.roomId,
        [
          ['', t('reports.occupancy.room.all')],
          ...this.options(this.rooms, r?.rooms.map((x): Option => [x.roomId, x.name]) ?? []),
        ],
        (v) => (this.roomId = v),
      )}
      ${selectField('activity', t('reports.activity'), this.activityId, [['', t('reports.activity.all')], ...activities], (v) => (this.activityId = v))}
      ${selectField('teacher', t('reports.teacher'), this.teacherId, [['', t('reports.teacher.all')], ...teachers], (v) => (this.teacherId = v))}
      <div class="downloads">
        <button type="button" ?disabled=${this.request.busy} @click=${() => void this.download('xlsx')}>
          ${t('reports.download.xlsx')}
        </button>
      </div>
    </div>`
  }

  private body() {
    const r = this.request.data
    if (!r) return this.request.error ? nothing : html`<p class="muted" aria-busy="true">…</p>`
    return html`${this.heatMap(r)} ${this.roomsTable(r)} ${this.groupsTable(r)} ${this.waitingTable(r)}`
  }

  /** A table's heading with its CSV download. */
  private heading(part: OccupancyPart, title: string, tools: TemplateResult | typeof nothing = nothing) {
    return html`<h3>
      <span id="h-${part}">${title}</span>
      <span class="tools">
        ${tools}
        <button
          type="button"
          class="small"
          ?disabled=${this.request.busy}
          aria-label=${t('reports.occupancy.download.csvLabel', { table: title })}
          @click=${() => void this.download('csv', part)}
        >
          ${t('reports.occupancy.download.csv')}
        </button>
      </span>
    </h3>`
  }

  private heatMap(r: OccupancyReport) {
    const m = this.measure
    const cells = new Map(r.hours.map((c) => [`${c.weekday}:${c.hour}`, c]))
    const shownHours = r.hours.filter((c) => c.openMinutes || c.placeMinutes).map((c) => c.hour)
    const [first, last] = shownHours.length ? [Math.min(...shownHours), Math.max(...shownHours)] : [8, 20]
    const hourList = Array.from({ length: last - first + 1 }, (_, i) => first + i)
    const usedDays = new Set(r.hours.map((c) => c.weekday))
    const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => usedDays.size === 0 || usedDays.has(d))
    const measureLabel = t(m === 'fill' ? 'reports.occupancy.show.fill' : 'reports.occupancy.show.attendance')
    const title = t('reports.occupancy.heatmap.title')
    const tools = html`<label for="measure">${t('reports.occupancy.show')}</label>
      <select id="measure" @change=${(e: Event) => (this.measure = (e.target as HTMLSelectElement).value as Measure)}>
        <option value="fill" ?selected=${m === 'fill'}>${t('reports.occupancy.show.fill')}</option>
        <option value="attendance" ?selected=${m === 'attendance'}>${t('reports.occupancy.show.attendance')}</option>
      </select>`
    const td = (d: number, h: number) => {
      const c: HourCell | undefined = cells.get(`${d}:${h}`)
      const value = c ? (m === 'fill' ? c.fillBp : c.attendanceBp) : null
      const where = { day: weekday(d, 'long'), hour: hourSpan(h) }
      const name =
        value === null || !c
          ? t('reports.occupancy.cell.none', where)
          : m === 'fill'
            ? t('reports.occupancy.cell.fill', {
                ...where,
                fill: pct(value),
                booked: hours(c.bookedMinutes),
                open: hours(c.openMinutes),
              })
            : t('reports.occupancy.cell.attendance', { ...where, fill: pct(value) })
      return value === null
        ? html`<td class="none" data-cell="${d}-${h}" title=${name}>
            <span aria-hidden="true">·</span><span class="visually-hidden">${name}</span>
          </td>`
        : html`<td data-cell="${d}-${h}" style=${styleMap(shade(value))} title=${name}>
            <span aria-hidden="true">${num(Math.round(value / 100))}</span><span class="visually-hidden">${name}</span>
          </td>`
    }
    return html`<section aria-labelledby="h-hours">
      ${this.heading('hours', title, tools)}
      <p class="totals">
        ${t('reports.occupancy.totals', {
          fill: pct(r.totals.fillBp),
          booked: hours(r.totals.bookedMinutes),
          open: hours(r.totals.openMinutes),
          attendance: pct(r.totals.attendanceBp),
        })}
      </p>
      <div class="scroll">
        <table class="heat" aria-label=${t('reports.occupancy.heatmap.label', { measure: measureLabel })}>
          <thead>
            <tr>
              <td></td>
              ${hourList.map((h) => html`<th scope="col" abbr=${hourSpan(h)}>${hourLabel(h)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${days.map(
              (d) =>
                html`<tr>
                  <th scope="row" abbr=${weekday(d, 'long')}>${weekday(d, 'short')}</th>
                  ${hourList.map((h) => td(d, h))}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="legend" aria-label=${t('reports.occupancy.legend')} role="group">
        <span>${t('reports.occupancy.legend.empty')} 0 %</span>
        <span class="ramp" aria-hidden="true"
          >${[0, 2000, 4000, 5400, 7000, 8500, 10_000].map((bp) => html`<span style=${styleMap(shade(bp))}></span>`)}</span
        >
        <span>100 % ${t('reports.occupancy.legend.full')}</span>
        <span class="swatch" aria-hidden="true"></span>
        <span>${t('reports.occupancy.legend.none')}</span>
      </div>
    </section>`
  }

  private roomsTable(r: OccupancyReport) {
    const title = t('reports.occupancy.rooms.title')
    return html`<section aria-labelledby="h-rooms">
      ${this.heading('rooms', title)}
      ${
        r.rooms.length
          ? html`<div class="scroll">
              <table aria-label=${title}>
                <thead>
                  <tr>
                    ${colHead('reports.occupancy.col.room', true)} ${colHead('reports.occupancy.col.branch', true)}
                    ${colHead('reports.occupancy.col.capacity')} ${colHead('reports.occupancy.col.openHours')}
                    ${colHead('reports.occupancy.col.bookedHours')} ${colHead('reports.occupancy.col.fill')}
                    ${colHead('reports.occupancy.col.lessons')} ${colHead('reports.occupancy.col.attendanceFill')}
                  </tr>
                </thead>
                <tbody>
                  ${r.rooms.map(
                    (x) =>
                      html`<tr data-room=${x.roomId}>
                        <td class="text">${x.name}</td>
                        <td class="text">${x.branch}</td>
                        <td>${num(x.capacity)}</td>
                        <td>${hours(x.openMinutes)}</td>
                        <td>${hours(x.bookedMinutes)}</td>
                        <td>${pct(x.fillBp)}</td>
                        <td>${num(x.lessons)}</td>
                        <td>${pct(x.attendanceBp)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">${t('reports.occupancy.noRooms')}</p>`
      }
    </section>`
  }

  private groupsTable(r: OccupancyReport) {
    const title = t('reports.occupancy.groups.title')
    return html`<section aria-labelledby="h-groups">
      ${this.heading('groups', title)}
      ${
        r.groups.length
          ? html`<div class="scroll">
              <table aria-label=${title}>
                <thead>
                  <tr>
                    ${colHead('reports.occupancy.col.group', true)} ${colHead('reports.occupancy.col.activity', true)}
                    ${colHead('reports.occupancy.col.teacher', true)} ${colHead('reports.occupancy.col.room', true)}
                    ${colHead('reports.occupancy.col.membersOfPlaces')} ${colHead('reports.occupancy.col.membersFill')}
                    ${colHead('reports.occupancy.col.lessonsHeld')} ${colHead('reports.occupancy.col.averageAttendance')}
                    ${colHead('reports.occupancy.col.attendanceFill')} ${colHead('reports.occupancy.col.waiting')}
                  </tr>
                </thead>
                <tbody>
                  ${r.groups.map(
                    (g) =>
                      html`<tr data-group=${g.groupId}>
                        <td class="text">
                          ${g.name}${this.branches.length > 1 && !this.branchId ? html`<span class="muted where">${g.branch}</span>` : nothing}
                        </td>
                        <td class="text">${g.activity}</td>
                        <td class="text">${g.teacher}</td>
                        <td class="text">${g.room}</td>
                        <td>${t('reports.occupancy.ofPlaces', { members: g.members, capacity: g.capacity })}</td>
                        <td class=${(g.membersBp ?? 0) >= 10_000 ? 'full' : ''}>${pct(g.membersBp)}</td>
                        <td>${num(g.lessonsHeld)}</td>
                        <td>${decimal(g.averageAttendance)}</td>
                        <td>${pct(g.attendanceBp)}</td>
                        <td>${num(g.waiting)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">${t('reports.occupancy.noGroups')}</p>`
      }
    </section>`
  }

  private waitingTable(r: OccupancyReport) {
    const title = t('reports.occupancy.waiting.title')
    return html`<section aria-labelledby="h-waiting">
      ${this.heading('waiting', title)}
      ${
        r.waiting.length
          ? html`<div class="scroll">
              <table aria-label=${title}>
                <thead>
                  <tr>
                    ${colHead('reports.occupancy.col.activity', true)} ${colHead('reports.occupancy.col.groups')}
                    ${colHead('reports.occupancy.col.capacity')} ${colHead('reports.occupancy.col.members')}
                    ${colHead('reports.occupancy.col.freePlaces')} ${colHead('reports.occupancy.col.waiting')}
                    ${colHead('reports.occupancy.col.perFreePlace')} ${colHead('reports.occupancy.col.oldestWait')}
                  </tr>
                </thead>
                <tbody>
                  ${r.waiting.map(
                    (w) =>
                      html`<tr data-activity=${w.activityId}>
                        <td class="text">${w.activity}</td>
                        <td>${num(w.groups)}</td>
                        <td>${num(w.capacity)}</td>
                        <td>${num(w.members)}</td>
                        <td>${num(w.freePlaces)}</td>
                        <td>${num(w.waiting)}</td>
                        <td class=${w.waiting && !w.freePlaces ? 'full' : ''}>
                          ${
                            w.waitingPerFreePlace !== null
                              ? decimal(w.waitingPerFreePlace)
                              : w.waiting
                                ? t('reports.occupancy.noFreePlace')
                                : '—'
                          }
                        </td>
                        <td>${w.oldestWaitDays === null ? '—' : t('reports.occupancy.days', { count: w.oldestWaitDays })}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">${t('reports.occupancy.noGroups')}</p>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-report-occupancy': CrmReportOccupancy
  }
}
