import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { navigate } from '../../common/navigate'
import type { DataTableColumn } from '../../components/crm-data-table'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import {
  type AgeCategory,
  type ClientListFilter,
  type ClientListItem,
  type ListChoices,
  clientAbilities,
  clientsCsvUrl,
  fetchClientListItem,
  fetchClients,
  fetchListChoices,
  fetchRegistrationSettings,
  subscribeClientChanges,
} from '../../data/clients'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import './crm-client-filters'
import { clientListStyles } from './crm-client-list.styles'
import './crm-client-table'
import { filterFromSearch, isFiltered, searchFromFilter } from './logic'
import { flagBadges, statusChip } from './shared'
import { clientStyles } from './shared.styles'

/** Rows per keyset page (48 px each: ~10,000 px of scrolling per request). */
const PAGE_SIZE = 200
/** How long after someone else's edit a row on screen is refetched (edits come in bursts). */
const ROW_REFRESH_MS = 300

const COLUMNS: DataTableColumn<ClientListItem>[] = [
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

/**
 * The client list: search (name, phone, guardian), filters and sort kept in the URL, keyset
 * pages appended as you scroll a virtualised table, CSV export of the same filter. Rows on
 * screen follow other people's edits; new or erased clients offer a refresh.
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
  @state() private stale = false
  /** The filter of the URL, parsed once per URL (the filters keep what is being typed until it changes). */
  private filterOf: { search: string; filter: ClientListFilter } | null = null
  private loadedFor: string | null = null
  private request = 0
  private abort?: AbortController
  private refreshTimers = new Map<string, ReturnType<typeof setTimeout>>()
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live],
    () =>
      subscribeClientChanges(this.ctx.live, {
        changed: (id) => {
          if (this.rows.some((r) => r.id === id)) this.refreshRow(id)
        },
        addedOrErased: () => (this.stale = true),
      }),
  )

  static styles = [baseStyles, pageStyles, clientStyles, clientListStyles]

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
    for (const t of this.refreshTimers.values()) clearTimeout(t)
  }

  protected willUpdate() {
    if (!this.ctx) return
    // (re)load when the filter in the URL changes (typing, the filters, back/forward)
    if (this.loadedFor !== this.ctx.search) {
      this.loadedFor = this.ctx.search
      void this.load(false)
    }
  }

  private get filter(): ClientListFilter {
    if (this.filterOf?.search !== this.ctx.search)
      this.filterOf = { search: this.ctx.search, filter: filterFromSearch(this.ctx.search) }
    return this.filterOf.filter
  }

  private refreshRow(id: string) {
    clearTimeout(this.refreshTimers.get(id))
    this.refreshTimers.set(
      id,
      setTimeout(async () => {
        this.refreshTimers.delete(id)
        try {
          const item = await fetchClientListItem(id)
          this.rows = this.rows.map((r) => (r.id === id ? item : r))
        } catch {
          // erased or no longer visible: leave the row; a refresh will drop it
        }
      }, ROW_REFRESH_MS),
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
          ${filtered ? html`<button type="button" class="link" @click=${() => navigate('/clients', { replace: true })}>Clear filters</button>` : nothing}
          ${can.bulkExport ? html`<a class="button" href=${clientsCsvUrl(f)} download>Export CSV</a>` : nothing}
          ${can.create ? html`<a class="button primary" href="/clients/new">Register client</a>` : nothing}
        </div>
      </div>
      <crm-client-filters
        .filter=${f}
        .categories=${this.categories}
        .choices=${this.choices}
        .onFilter=${(next: ClientListFilter) => navigate(`/clients${searchFromFilter(next)}`, { replace: true })}
      ></crm-client-filters>
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
        .columns=${COLUMNS}
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
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-list': CrmClientList
  }
}
