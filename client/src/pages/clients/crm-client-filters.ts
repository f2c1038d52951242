import { LitElement, html, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { field } from '../../components/field'
import { type AgeCategory, CLIENT_STATUSES, type ClientListFilter, type ListChoices } from '../../data/clients'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { ageCategoryLabel, statusLabel } from './labels'
import { clientFiltersStyles } from './crm-client-filters.styles'

const SEARCH_DEBOUNCE_MS = 200

/**
 * The client list's filters: search (name, phone, guardian; applied after a short pause or on
 * Enter), status, age category, sort, the timetable's activity, group and teacher, and the red
 * flag, birthday and owing checks. Calls `onFilter` with the whole next filter; the list keeps it
 * in the URL and gives it back as `filter`.
 */
@customElement('crm-client-filters')
export class CrmClientFilters extends LitElement {
  @property({ attribute: false }) filter: ClientListFilter = {}
  @property({ attribute: false }) categories: AgeCategory[] = []
  /** Activities, groups and teachers (none for roles that cannot read the timetable: those filters hide). */
  @property({ attribute: false }) choices: ListChoices = { activities: [], groups: [], teachers: [] }
  @property({ attribute: false }) onFilter: (next: ClientListFilter) => void = () => {}
  /** What is typed in the search box (the filter follows after a short pause). */
  @state() private query = ''
  @query('#search') private searchInput?: HTMLInputElement
  private searchTimer?: ReturnType<typeof setTimeout>
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, clientFiltersStyles]

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.searchTimer)
  }

  protected willUpdate(changed: Map<string, unknown>) {
    // a new filter from the URL (back/forward, Clear filters) shows its search, unless the user is typing one
    if (changed.has('filter') && (this.searchInput?.matches(':focus') !== true || this.query.trim() === ''))
      this.query = this.filter.q ?? ''
  }

  render() {
    const f = this.filter
    return html`<form
      class="filters card"
      role="search"
      aria-label=${t('clients.filters.label')}
      @submit=${(e: Event) => e.preventDefault()}
    >
      ${field(
        'search',
        t('clients.filters.search'),
        html`<input
          id="search"
          type="search"
          placeholder=${t('clients.filters.searchPlaceholder')}
          autocomplete="off"
          spellcheck="false"
          .value=${this.query}
          @input=${this.onSearchInput}
          @keydown=${this.onSearchKey}
        />`,
        { className: 'search' },
      )}
      ${field(
        'status',
        t('clients.filters.status'),
        html`<select id="status" @change=${(e: Event) => this.set({ status: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!f.status}>${t('clients.filters.allStatuses')}</option>
          ${CLIENT_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${statusLabel(s)}</option>`)}
        </select>`,
        { className: 'select' },
      )}
      ${field(
        'age',
        t('clients.filters.ageCategory'),
        html`<select id="age" @change=${(e: Event) => this.set({ ageCategory: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!f.ageCategory}>${t('clients.filters.allAges')}</option>
          ${this.categories.map((c) => html`<option value=${c.key} ?selected=${f.ageCategory === c.key}>${ageCategoryLabel(c)}</option>`)}
        </select>`,
        { className: 'select' },
      )}
      ${field(
        'sort',
        t('clients.filters.sort'),
        html`<select
          id="sort"
          @change=${(e: Event) => this.set({ sort: (e.target as HTMLSelectElement).value as 'name' | 'newest' })}
        >
          <option value="name" ?selected=${f.sort !== 'newest'}>${t('clients.filters.sortName')}</option>
          <option value="newest" ?selected=${f.sort === 'newest'}>${t('clients.filters.sortNewest')}</option>
        </select>`,
        { className: 'select' },
      )}
      ${this.renderTimetableFilters(f)}
      <div class="checks">
        <label
          ><input
            type="checkbox"
            .checked=${!!f.flagged}
            @change=${(e: Event) => this.set({ flagged: (e.target as HTMLInputElement).checked })}
          />${t('clients.filters.flagged')}</label
        >
        <label
          ><input
            type="checkbox"
            .checked=${!!f.birthdayThisMonth}
            @change=${(e: Event) => this.set({ birthdayThisMonth: (e.target as HTMLInputElement).checked })}
          />${t('clients.filters.birthday')}</label
        >
        <label title=${t('clients.filters.owingHint')}
          ><input
            type="checkbox"
            .checked=${!!f.owing}
            @change=${(e: Event) => this.set({ owing: (e.target as HTMLInputElement).checked })}
          />${t('clients.filters.owing')}</label
        >
      </div>
    </form>`
  }

  /** Activity, group and teacher: who is in which group now (hidden for roles that cannot read the timetable). */
  private renderTimetableFilters(f: ClientListFilter) {
    const { activities, groups, teachers } = this.choices
    // a filter in the URL stays visible (and clearable) even before the choices arrive
    if (!activities.length && !groups.length && !teachers.length && !f.activityId && !f.groupId && !f.teacherId) return nothing
    const teacherName = new Map(teachers.map((t) => [t.id, t.name]))
    // the group list follows the activity and teacher chosen (the group stays listed while it is the filter)
    const shown = groups.filter(
      (g) =>
        g.id === f.groupId ||
        ((!f.activityId || g.activityId === f.activityId) &&
          (!f.teacherId || g.teacherId === f.teacherId || g.assistantId === f.teacherId)),
    )
    return html`
      <div class="row-break"></div>
      ${filterSelect({ id: 'activity', label: t('clients.filters.activity'), all: t('clients.filters.allActivities'), value: f.activityId, items: activities, known: activities, name: (a) => a.name, pick: (v) => this.set(this.keepGroup({ activityId: v })) })}
      ${filterSelect({
        id: 'group',
        label: t('clients.filters.group'),
        all: t('clients.filters.allGroups'),
        value: f.groupId,
        items: shown,
        known: groups,
        name: (g) => {
          const teacher = teacherName.get(g.teacherId)
          return teacher ? t('clients.filters.groupWithTeacher', { group: g.name, teacher }) : g.name
        },
        pick: (v) => this.set({ groupId: v }),
        className: 'group',
      })}
      ${filterSelect({ id: 'teacher', label: t('clients.filters.teacher'), all: t('clients.filters.allTeachers'), value: f.teacherId, items: teachers, known: teachers, name: (t) => t.name, pick: (v) => this.set(this.keepGroup({ teacherId: v })) })}
    `
  }

  /** A new activity or teacher drops the chosen group when that group is not theirs (no contradictory filter). */
  private keepGroup(patch: Partial<ClientListFilter>): Partial<ClientListFilter> {
    const next = { ...this.filter, ...patch }
    const g = this.choices.groups.find((x) => x.id === next.groupId)
    const fits =
      !g ||
      ((!next.activityId || g.activityId === next.activityId) &&
        (!next.teacherId || g.teacherId === next.teacherId || g.assistantId === next.teacherId))
    return fits ? patch : { ...patch, groupId: '' }
  }

  private onSearchInput = (e: Event) => {
    this.query = (e.target as HTMLInputElement).value
    clearTimeout(this.searchTimer)
    this.searchTimer = setTimeout(() => this.set({ q: this.query }), SEARCH_DEBOUNCE_MS)
  }

  private onSearchKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      clearTimeout(this.searchTimer)
      this.set({ q: this.query })
    }
  }

  private set(patch: Partial<ClientListFilter>) {
    this.onFilter({ ...this.filter, q: this.query, ...patch })
  }
}

/**
 * One filter of the list as a labelled select: "all" first, then the choices; a value that is not
 * (or not yet) among the known choices stays listed as "(unknown)", so a filter from the URL is
 * visible and clearable before the choices arrive.
 */
function filterSelect<T extends { id: string }>(o: {
  id: string
  label: string
  all: string
  value: string | undefined
  items: T[]
  known: T[]
  name: (item: T) => string
  pick: (value: string) => void
  className?: string
}) {
  return field(
    o.id,
    o.label,
    html`<select id=${o.id} @change=${(e: Event) => o.pick((e.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${!o.value}>${o.all}</option>
      ${o.items.map((x) => html`<option value=${x.id} ?selected=${o.value === x.id}>${o.name(x)}</option>`)}
      ${o.value && !o.known.some((x) => x.id === o.value) ? html`<option value=${o.value} selected>${t('clients.filters.unknown')}</option>` : nothing}
    </select>`,
    { className: o.className ? `select ${o.className}` : 'select' },
  )
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-filters': CrmClientFilters
  }
}
