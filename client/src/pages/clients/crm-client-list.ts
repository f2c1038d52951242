import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { navigate } from '../../common/navigate'
import { ApiError } from '../../data/api'
import {
  type AgeCategory,
  CLIENT_STATUSES,
  type ClientListFilter,
  type ClientListItem,
  type ListChoices,
  clientAbilities,
  clientsCsvUrl,
  fetchClient,
  fetchClients,
  fetchListChoices,
  fetchRegistrationSettings,
  statusLabel,
} from '../../data/clients'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import type { DataTableColumn } from '../../components/crm-data-table'
import './crm-client-table'
import { filterFromSearch, isFiltered, searchFromFilter } from './logic'
import { clientStyles, flagBadges, statusChip } from './shared'

/** Rows per keyset page (48 px each: ~10,000 px of scrolling per request). */
const PAGE_SIZE = 200
const SEARCH_DEBOUNCE_MS = 200

/**
 * The client list: search (name, phone, guardian), filters and sort kept in the URL, keyset
 * pages appended as you scroll a virtualised table, CSV export of the same filter.
 */
@customElement('crm-client-list')
export class CrmClientList extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private rows: ClientListItem[] = []
  @state() private nextCursor: string | null = null
  @state() private loading = false
  @state() private error: string | null = null
  @state() private categories: AgeCategory[] = []
  /** Activities, groups and teachers for the filters that join the timetable. */
  @state() private choices: ListChoices = { activities: [], groups: [], teachers: [] }
  /** What is typed in the search box (the URL follows after a short pause). */
  @state() private query = ''
  @state() private stale = false
  @query('#search') private searchInput?: HTMLInputElement
  private loadedFor: string | null = null
  private request = 0
  private abort?: AbortController
  private searchTimer?: ReturnType<typeof setTimeout>
  private offLive: Array<() => void> = []
  private refreshTimers = new Map<string, ReturnType<typeof setTimeout>>()

  static styles = [
    baseStyles,
    pageStyles,
    clientStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: calc(100vh - var(--crm-header-height));
        padding-bottom: 20px;
        max-width: 1280px;
      }
      .page-header {
        margin-bottom: 14px;
      }
      .actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      a.button.primary {
        background: var(--crm-primary);
        border-color: var(--crm-primary);
        color: var(--crm-on-primary);
      }
      a.button.primary:hover {
        background: var(--crm-primary-hover);
      }
      a.button:hover {
        background: var(--crm-surface-2);
      }
      form.filters {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 10px 14px;
        padding: 12px 14px;
        margin-bottom: 12px;
        flex: none;
      }
      form.filters .field {
        margin: 0;
      }
      .search {
        flex: 2 1 220px;
      }
      .select {
        flex: 0 1 150px;
      }
      .select.group {
        flex: 0 1 240px;
      }
      /* the filters that join the timetable start a second row */
      .row-break {
        flex-basis: 100%;
        height: 0;
      }
      .checks {
        display: flex;
        gap: 14px;
        align-items: center;
        min-height: 38px;
        flex-wrap: wrap;
      }
      .checks label {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 0.9375rem;
        white-space: nowrap;
      }
      crm-client-table {
        flex: 1;
        min-height: 280px;
      }
      .alert {
        margin-bottom: 12px;
      }
      .stale {
        display: flex;
        align-items: center;
        gap: 10px;
        justify-content: space-between;
      }
      @media (max-width: 900px) {
        :host {
          height: calc(100vh - var(--crm-header-height));
        }
      }
    `,
  ]

  private readonly columns: DataTableColumn<ClientListItem>[] = [
    {
      key: 'name',
      title: 'Name',
      width: 'minmax(140px, 2.2fr)',
      render: (c) =>
        html`<span class="name"
          ><a href="/clients/${c.id}" title=${c.name}
            >${c.lastName || c.name}${c.lastName && c.firstName ? html`<span class="first">, ${c.firstName}</span>` : nothing}</a
          ></span
        >`,
    },
    {
      key: 'age',
      title: 'Age',
      width: '60px',
      align: 'end',
      render: (c) =>
        c.age === null ? html`<span class="muted">—</span>` : html`<span class="age" title=${c.birthDate ?? ''}>${c.age}</span>`,
    },
    {
      key: 'category',
      title: 'Category',
      width: 'minmax(80px, 0.8fr)',
      hideBelow: 640,
      render: (c) => c.ageCategory ?? html`<span class="muted">—</span>`,
    },
    { key: 'status', title: 'Status', width: '100px', render: (c) => statusChip(c.status) },
    {
      key: 'phone',
      title: 'Phone',
      width: 'minmax(140px, 1.2fr)',
      hideBelow: 560,
      render: (c) => (c.phone ? html`<span class="phone">${c.phone}</span>` : html`<span class="muted">—</span>`),
    },
    { key: 'flags', title: 'Flags', width: 'minmax(120px, 1.3fr)', render: (c) => flagBadges(c.flags) },
  ]

  connectedCallback() {
    super.connectedCallback()
    void fetchRegistrationSettings()
      .then((s) => (this.categories = s.ageCategories))
      .catch(() => undefined)
    void fetchListChoices().then((c) => (this.choices = c))
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.abort?.abort()
    clearTimeout(this.searchTimer)
    for (const off of this.offLive.splice(0)) off()
    for (const t of this.refreshTimers.values()) clearTimeout(t)
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (!this.ctx) return
    if (changed.has('ctx') && (changed.get('ctx') as PageContext | undefined)?.live !== this.ctx.live) this.listen()
    // (re)load when the filter in the URL changes (typing, the filters, back/forward)
    if (this.loadedFor !== this.ctx.search) {
      this.loadedFor = this.ctx.search
      const f = this.filter
      if (this.searchInput?.matches(':focus') !== true || this.query.trim() === '') this.query = f.q ?? ''
      void this.load(false)
    }
  }

  private get filter(): ClientListFilter {
    return filterFromSearch(this.ctx.search)
  }

  /** Rows on screen follow other people's edits; new clients offer a refresh (the scroll position stays). */
  private listen() {
    for (const off of this.offLive.splice(0)) off()
    const live = this.ctx.live
    if (!live) return
    this.offLive.push(
      live.on('entity.changed', (e) => {
        if (e.type !== 'client') return
        if (e.action === 'create' || e.action === 'erase') this.stale = true
        else if (this.rows.some((r) => r.id === e.id)) this.refreshRow(e.id)
      }),
    )
  }

  private refreshRow(id: string) {
    clearTimeout(this.refreshTimers.get(id))
    this.refreshTimers.set(
      id,
      setTimeout(async () => {
        this.refreshTimers.delete(id)
        try {
          const c = await fetchClient(id)
          this.rows = this.rows.map((r) =>
            r.id === id
              ? {
                  id: c.id,
                  name: c.name,
                  firstName: c.firstName,
                  lastName: c.lastName,
                  birthDate: c.birthDate,
                  age: c.age,
                  ageCategory: c.ageCategory,
                  status: c.status,
                  phone: c.phone,
                  flags: c.flags,
                }
              : r,
          )
        } catch {
          // erased or no longer visible: leave the row; a refresh will drop it
        }
      }, 300),
    )
  }

  private async load(more: boolean) {
    const req = ++this.request
    this.abort?.abort()
    const abort = (this.abort = new AbortController())
    this.loading = true
    this.error = null
    if (!more) {
      this.rows = []
      this.nextCursor = null
      this.stale = false
    }
    try {
      const page = await fetchClients(this.filter, more ? this.nextCursor : null, PAGE_SIZE, abort.signal)
      if (req !== this.request) return
      this.rows = more ? [...this.rows, ...page.items] : page.items
      this.nextCursor = page.nextCursor
    } catch (e) {
      if (req !== this.request || (e as Error).name === 'AbortError') return
      this.error =
        e instanceof ApiError
          ? Object.keys(e.fields).length
            ? Object.values(e.fields).join(' ')
            : e.userMessage
          : 'Could not load the clients.'
    } finally {
      if (req === this.request) this.loading = false
    }
  }

  render() {
    const f = this.filter
    const can = clientAbilities(this.ctx.user.roles)
    const filtered = isFiltered(f)
    return html`
      <div class="page-header">
        <div>
          <h1>Clients</h1>
          <p>Children, adults and their families. Search by name, phone or guardian.</p>
        </div>
        <div class="actions">
          ${filtered ? html`<button type="button" class="link" @click=${this.clearFilters}>Clear filters</button>` : nothing}
          ${can.bulkExport ? html`<a class="button" href=${clientsCsvUrl(f)} download>Export CSV</a>` : nothing}
          ${can.create ? html`<a class="button primary" href="/clients/new">Register client</a>` : nothing}
        </div>
      </div>
      <form class="filters card" role="search" aria-label="Filter clients" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field search">
          <label for="search">Search</label>
          <input
            id="search"
            type="search"
            placeholder="Name, phone or guardian"
            autocomplete="off"
            spellcheck="false"
            .value=${this.query}
            @input=${this.onSearchInput}
            @keydown=${this.onSearchKey}
          />
        </div>
        <div class="field select">
          <label for="status">Status</label>
          <select id="status" @change=${(e: Event) => this.setFilter({ status: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!f.status}>All statuses</option>
            ${CLIENT_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${statusLabel(s)}</option>`)}
          </select>
        </div>
        <div class="field select">
          <label for="age">Age category</label>
          <select id="age" @change=${(e: Event) => this.setFilter({ ageCategory: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!f.ageCategory}>All ages</option>
            ${this.categories.map((c) => html`<option value=${c.key} ?selected=${f.ageCategory === c.key}>${c.label}</option>`)}
          </select>
        </div>
        <div class="field select">
          <label for="sort">Sort</label>
          <select
            id="sort"
            @change=${(e: Event) => this.setFilter({ sort: (e.target as HTMLSelectElement).value as 'name' | 'newest' })}
          >
            <option value="name" ?selected=${f.sort !== 'newest'}>Name (A–Z)</option>
            <option value="newest" ?selected=${f.sort === 'newest'}>Newest first</option>
          </select>
        </div>
        ${this.renderTimetableFilters(f)}
        <div class="checks">
          <label
            ><input
              type="checkbox"
              .checked=${!!f.flagged}
              @change=${(e: Event) => this.setFilter({ flagged: (e.target as HTMLInputElement).checked })}
            />Red flags only</label
          >
          <label
            ><input
              type="checkbox"
              .checked=${!!f.birthdayThisMonth}
              @change=${(e: Event) => this.setFilter({ birthdayThisMonth: (e.target as HTMLInputElement).checked })}
            />Birthday this month</label
          >
          <label title="Owes for a pass, an invoice or a loan (the timetable's red line)"
            ><input
              type="checkbox"
              .checked=${!!f.owing}
              @change=${(e: Event) => this.setFilter({ owing: (e.target as HTMLInputElement).checked })}
            />Owing</label
          >
        </div>
      </form>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${
        this.stale
          ? html`<p class="alert info stale" role="status">
              The list has changed (new or erased clients).<button class="small" @click=${() => void this.load(false)}>
                Refresh
              </button>
            </p>`
          : nothing
      }
      <crm-client-table
        label="Clients"
        .columns=${this.columns}
        .rows=${this.rows}
        .keyFn=${(c: ClientListItem) => c.id}
        .rowAttrs=${(c: ClientListItem) => ({ 'data-testid': `client-row-${c.id}` })}
        .onRowClick=${(c: ClientListItem) => navigate(`/clients/${c.id}`)}
        ?loading=${this.loading}
        ?hasMore=${!!this.nextCursor}
        threshold="100"
        emptyText=${filtered ? 'No client matches these filters.' : 'No clients yet. Register the first one.'}
        @crm-load-more=${() => void this.load(true)}
      ></crm-client-table>
    `
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
      ${filterSelect({ id: 'activity', label: 'Activity', all: 'All activities', value: f.activityId, items: activities, known: activities, name: (a) => a.name, pick: (v) => this.setFilter(this.keepGroup({ activityId: v })) })}
      ${filterSelect({ id: 'group', label: 'Group', all: 'All groups', value: f.groupId, items: shown, known: groups, name: (g) => `${g.name}${teacherName.has(g.teacherId) ? ` (${teacherName.get(g.teacherId)})` : ''}`, pick: (v) => this.setFilter({ groupId: v }), className: 'group' })}
      ${filterSelect({ id: 'teacher', label: 'Teacher', all: 'All teachers', value: f.teacherId, items: teachers, known: teachers, name: (t) => t.name, pick: (v) => this.setFilter(this.keepGroup({ teacherId: v })) })}
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
    this.searchTimer = setTimeout(() => this.setFilter({ q: this.query }), SEARCH_DEBOUNCE_MS)
  }

  private onSearchKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      clearTimeout(this.searchTimer)
      this.setFilter({ q: this.query })
    }
  }

  private setFilter(patch: Partial<ClientListFilter>) {
    const next = { ...this.filter, q: this.query, ...patch }
    navigate(`/clients${searchFromFilter(next)}`, { replace: true })
  }

  private clearFilters() {
    this.query = ''
    navigate('/clients', { replace: true })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-list': CrmClientList
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
  return html`<div class="field select${o.className ? ` ${o.className}` : ''}">
    <label for=${o.id}>${o.label}</label>
    <select id=${o.id} @change=${(e: Event) => o.pick((e.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${!o.value}>${o.all}</option>
      ${o.items.map((x) => html`<option value=${x.id} ?selected=${o.value === x.id}>${o.name(x)}</option>`)}
      ${o.value && !o.known.some((x) => x.id === o.value) ? html`<option value=${o.value} selected>(unknown)</option>` : nothing}
    </select>
  </div>`
}
