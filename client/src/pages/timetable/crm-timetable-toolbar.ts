import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { PresenceEntry } from '../../data/live-doc'
import { addDays, isoWeekOf, mondayOf } from '../../data/timetable'
import type { Branch } from '../../data/types'
import { baseStyles } from '../../resources/styles'
import '../../components/crm-presence-list'
import { toolbarStyles } from './crm-timetable-toolbar.styles'
import { formatDayLong, formatRange, todayIn } from './time'

export type DayOrWeek = 'day' | 'week'

export interface TimetableToolbarEvents {
  /** Another branch was chosen. */
  'crm-branch-select': { id: string }
  'crm-view-select': { view: DayOrWeek }
  /** Go to this day (previous, next, today, or picked). */
  'crm-date-select': { date: string }
  /** "Generate…" was pressed. */
  'crm-generate-open': Record<string, never>
}

declare global {
  interface HTMLElementEventMap {
    'crm-branch-select': CustomEvent<TimetableToolbarEvents['crm-branch-select']>
    'crm-view-select': CustomEvent<TimetableToolbarEvents['crm-view-select']>
    'crm-date-select': CustomEvent<TimetableToolbarEvents['crm-date-select']>
    'crm-generate-open': CustomEvent<TimetableToolbarEvents['crm-generate-open']>
  }
  interface HTMLElementTagNameMap {
    'crm-timetable-toolbar': CrmTimetableToolbar
  }
}

/**
 * The timetable's top row: the branch, day or week, the day shown (previous, today, next, a date
 * picker) and its label, who else has the week open, and "Generate…" for those who edit.
 */
@customElement('crm-timetable-toolbar')
export class CrmTimetableToolbar extends LitElement {
  @property({ attribute: false }) branches: Branch[] = []
  @property() branchId = ''
  @property() view: DayOrWeek = 'day'
  /** The day shown (YYYY-MM-DD); the week view shows its week. */
  @property() date = ''
  /** The branch's zone ("Today" is today there). */
  @property() timeZone = 'UTC'
  /** Who has the week open (null: the week document is not open). */
  @property({ attribute: false }) presence: PresenceEntry[] | null = null
  @property({ type: Boolean }) canGenerate = false

  static styles = [baseStyles, toolbarStyles]

  render() {
    const week = isoWeekOf(this.date)
    const monday = mondayOf(week)
    const label =
      this.view === 'day' ? formatDayLong(this.date) : `Week ${Number(week.slice(6))}: ${formatRange(monday, addDays(monday, 6))}`
    const shift = this.view === 'day' ? 1 : 7
    return html`<div class="top">
      <h1>Timetable</h1>
      <label class="visually-hidden" for="branch">Branch</label>
      <select id="branch" @change=${(e: Event) => this.fire('crm-branch-select', { id: (e.target as HTMLSelectElement).value })}>
        ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
      </select>
      <div class="seg" role="group" aria-label="View">
        <button
          aria-pressed=${this.view === 'day' ? 'true' : 'false'}
          @click=${() => this.fire('crm-view-select', { view: 'day' })}
        >
          Day
        </button>
        <button
          aria-pressed=${this.view === 'week' ? 'true' : 'false'}
          @click=${() => this.fire('crm-view-select', { view: 'week' })}
        >
          Week
        </button>
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
      ${this.presence ? html`<crm-presence-list .presence=${this.presence}></crm-presence-list>` : nothing}
      ${
        this.canGenerate
          ? html`<button class="primary small" @click=${() => this.fire('crm-generate-open', {})}>Generate…</button>`
          : nothing
      }
    </div>`
  }

  private go(date: string) {
    this.fire('crm-date-select', { date })
  }

  private fire<K extends keyof TimetableToolbarEvents>(type: K, detail: TimetableToolbarEvents[K]) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }
}
