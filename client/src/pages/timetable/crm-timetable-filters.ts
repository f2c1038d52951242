import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { SavedState } from '../../data/live-doc'
import type { Activity, Group, Teacher } from '../../data/timetable'
import type { Room } from '../../data/types'
import { baseStyles } from '../../resources/styles'
import '../../components/crm-save-state'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { filtersStyles } from './crm-timetable-filters.styles'
import { type Filters, NO_FILTERS } from './layout'

/** Row heights offered (minutes per row). */
export const STEPS = [15, 30, 60] as const
export type Step = (typeof STEPS)[number]

/** Where the week document is: not open (null), arriving, or open with its saved state. */
export type WeekDocState = null | 'connecting' | 'loading' | SavedState

export interface TimetableFiltersEvents {
  'crm-filters-change': { filters: Filters }
  'crm-step-change': { step: Step }
}

declare global {
  interface HTMLElementEventMap {
    'crm-filters-change': CustomEvent<TimetableFiltersEvents['crm-filters-change']>
    'crm-step-change': CustomEvent<TimetableFiltersEvents['crm-step-change']>
  }
  interface HTMLElementTagNameMap {
    'crm-timetable-filters': CrmTimetableFilters
  }
}

/**
 * The timetable's second row: filters by room, teacher, activity and group, the row height, the
 * legend, and whether the week is saved (or still arriving).
 */
@customElement('crm-timetable-filters')
export class CrmTimetableFilters extends LitElement {
  @property({ attribute: false }) rooms: Room[] = []
  @property({ attribute: false }) teachers: Teacher[] = []
  @property({ attribute: false }) activities: Activity[] = []
  @property({ attribute: false }) groups: Group[] = []
  @property({ attribute: false }) filters: Filters = NO_FILTERS
  @property({ type: Number }) step: Step = 30
  @property({ attribute: false }) docState: WeekDocState = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, filtersStyles]

  render() {
    const f = this.filters
    const set = (k: keyof Filters) => (e: Event) =>
      this.fire('crm-filters-change', { filters: { ...this.filters, [k]: (e.target as HTMLSelectElement).value } })
    const any = f.roomId || f.teacherId || f.activityId || f.groupId
    const doc = this.docState
    return html`<div class="filters" role="group" aria-label=${t('timetable.filters.label')}>
      <label class="visually-hidden" for="f-room">${t('timetable.filters.room')}</label>
      <select id="f-room" @change=${set('roomId')}>
        <option value="" ?selected=${!f.roomId}>${t('timetable.filters.allRooms')}</option>
        ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === f.roomId}>${r.name}</option>`)}
      </select>
      <label class="visually-hidden" for="f-teacher">${t('timetable.filters.teacher')}</label>
      <select id="f-teacher" @change=${set('teacherId')}>
        <option value="" ?selected=${!f.teacherId}>${t('timetable.filters.allTeachers')}</option>
        ${this.teachers.map((t) => html`<option value=${t.id} ?selected=${t.id === f.teacherId}>${t.name}</option>`)}
      </select>
      <label class="visually-hidden" for="f-activity">${t('timetable.filters.activity')}</label>
      <select id="f-activity" @change=${set('activityId')}>
        <option value="" ?selected=${!f.activityId}>${t('timetable.filters.allActivities')}</option>
        ${this.activities.map((a) => html`<option value=${a.id} ?selected=${a.id === f.activityId}>${a.name}</option>`)}
      </select>
      <label class="visually-hidden" for="f-group">${t('timetable.filters.group')}</label>
      <select id="f-group" @change=${set('groupId')}>
        <option value="" ?selected=${!f.groupId}>${t('timetable.filters.allGroups')}</option>
        ${this.groups.map((g) => html`<option value=${g.id} ?selected=${g.id === f.groupId}>${g.name}</option>`)}
      </select>
      ${any ? html`<button class="link" @click=${() => this.fire('crm-filters-change', { filters: NO_FILTERS })}>${t('timetable.filters.clear')}</button>` : nothing}
      <span class="spacer"></span>
      <label class="visually-hidden" for="step">${t('timetable.filters.rowHeight')}</label>
      <select
        id="step"
        @change=${(e: Event) => this.fire('crm-step-change', { step: Number((e.target as HTMLSelectElement).value) as Step })}
      >
        ${STEPS.map((s) => html`<option value=${s} ?selected=${s === this.step}>${t('timetable.filters.rows', { minutes: s })}</option>`)}
      </select>
      <span class="legend" aria-hidden="true"
        ><span><i class="clash"></i>${t('timetable.legend.clash')}</span
        ><span><i class="red"></i>${t('timetable.legend.owes')}</span
        ><span><i class="invalid"></i>${t('timetable.legend.problem')}</span></span
      >
      ${
        doc === null
          ? nothing
          : doc === 'connecting' || doc === 'loading'
            ? html`<span class="syncing" role="status" aria-busy="true"
                >${t(doc === 'loading' ? 'timetable.doc.loading' : 'timetable.doc.connecting')}</span
              >`
            : html`<crm-save-state .state=${doc}></crm-save-state>`
      }
    </div>`
  }

  private fire<K extends keyof TimetableFiltersEvents>(type: K, detail: TimetableFiltersEvents[K]) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }
}
