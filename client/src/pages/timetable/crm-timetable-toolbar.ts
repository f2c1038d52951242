import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { PresenceEntry } from '../../data/live-doc'
import { addDays, isoWeekOf, mondayOf } from '../../data/timetable'
import type { Branch } from '../../data/types'
import { baseStyles } from '../../resources/styles'
import '../../components/crm-presence-list'
import { dateInput } from '../../components/date-input'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { toolbarStyles } from './crm-timetable-toolbar.styles'
import { dayLong, weekLabel } from './labels'
import { todayIn } from './time'

export type DayOrWeek = 'day' | 'week'

export interface TimetableToolbarEvents {
  /** Another branch was chosen. */
  'crm-branch-select': { id: string }
  'crm-view-select': { view: DayOrWeek }
  /** Go to this day (previous, next, today, or picked). */
  'crm-date-select': { date: string }
  /** "Generate…" was pressed. */
  'crm-generate-open': Record<string, never>
  /** "Highlight since audit" was turned on or off. */
  'crm-highlight-toggle': { on: boolean }
}

declare global {
  interface HTMLElementEventMap {
    'crm-branch-select': CustomEvent<TimetableToolbarEvents['crm-branch-select']>
    'crm-view-select': CustomEvent<TimetableToolbarEvents['crm-view-select']>
    'crm-date-select': CustomEvent<TimetableToolbarEvents['crm-date-select']>
    'crm-generate-open': CustomEvent<TimetableToolbarEvents['crm-generate-open']>
    'crm-highlight-toggle': CustomEvent<TimetableToolbarEvents['crm-highlight-toggle']>
  }
  interface HTMLElementTagNameMap {
    'crm-timetable-toolbar': CrmTimetableToolbar
  }
}

/**
 * The timetable's top row: the branch, day or week, the day shown (previous, today, next, a date
 * picker) and its label, who else has the week open, "Generate…" for those who edit, and
 * "Highlight since audit" for those who read the audit.
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
  /** May read the audit: "Highlight since audit" is shown. */
  @property({ type: Boolean }) canHighlight = false
  /** "Highlight since audit" is on. */
  @property({ type: Boolean }) highlight = false
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, toolbarStyles]

  render() {
    const week = isoWeekOf(this.date)
    const monday = mondayOf(week)
    const label = this.view === 'day' ? dayLong(this.date) : weekLabel(week, monday, addDays(monday, 6))
    const shift = this.view === 'day' ? 1 : 7
    return html`<div class="top">
      <h1>${t('timetable.title')}</h1>
      <label class="visually-hidden" for="branch">${t('timetable.toolbar.branch')}</label>
      <select id="branch" @change=${(e: Event) => this.fire('crm-branch-select', { id: (e.target as HTMLSelectElement).value })}>
        ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
      </select>
      <div class="seg" role="group" aria-label=${t('timetable.toolbar.view')}>
        <button
          aria-pressed=${this.view === 'day' ? 'true' : 'false'}
          @click=${() => this.fire('crm-view-select', { view: 'day' })}
        >
          ${t('timetable.toolbar.day')}
        </button>
        <button
          aria-pressed=${this.view === 'week' ? 'true' : 'false'}
          @click=${() => this.fire('crm-view-select', { view: 'week' })}
        >
          ${t('timetable.toolbar.week')}
        </button>
      </div>
      <div class="nav">
        <button
          class="small"
          aria-label=${t(this.view === 'day' ? 'timetable.toolbar.previousDay' : 'timetable.toolbar.previousWeek')}
          @click=${() => this.go(addDays(this.date, -shift))}
        >
          ‹
        </button>
        <button class="small" @click=${() => this.go(todayIn(this.timeZone))}>${t('timetable.toolbar.today')}</button>
        <button
          class="small"
          aria-label=${t(this.view === 'day' ? 'timetable.toolbar.nextDay' : 'timetable.toolbar.nextWeek')}
          @click=${() => this.go(addDays(this.date, shift))}
        >
          ›
        </button>
        <label class="visually-hidden" for="date">${t('timetable.toolbar.date')}</label>
        ${dateInput({ id: 'date', value: this.date, onChange: (v) => v && this.go(v) })}
      </div>
      <span class="when" data-testid="timetable-when">${label}</span>
      <span class="spacer"></span>
      ${
        this.canHighlight
          ? html`<label class="highlight" title=${t('audit.highlight.toggleHint')}>
              <input
                type="checkbox"
                data-testid="highlight-since-audit"
                .checked=${this.highlight}
                @change=${(e: Event) => this.fire('crm-highlight-toggle', { on: (e.target as HTMLInputElement).checked })}
              />${t('audit.highlight.toggle')}
            </label>`
          : nothing
      }
      ${this.presence ? html`<crm-presence-list .presence=${this.presence}></crm-presence-list>` : nothing}
      ${
        this.canGenerate
          ? html`<button class="primary small" @click=${() => this.fire('crm-generate-open', {})}>
              ${t('timetable.toolbar.generate')}
            </button>`
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
