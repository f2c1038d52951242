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
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import './crm-client-filters'
import { clientListStyles } from './crm-client-list.styles'
import './crm-client-table'
import { ageCategoryLabelOf, dayText, num } from './labels'
import { filterFromSearch, isFiltered, searchFromFilter } from './logic'
import { flagBadges, statusChip } from './shared'
import { clientStyles } from './shared.styles'

/** Rows per keyset page (48 px each: ~10,000 px of scrolling per request). */
const PAGE_SIZE = 200
/** How long after someone else's edit a row on screen is refetched (edits come in bursts). */
const ROW_REFRESH_MS = 300

/** The table's columns, titled in the language shown now. */
const columns = (): DataTableColumn<ClientListItem>[] => [
  {
    key: 'name',
    title: t('clients.list.col.name'),
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
    title: t('clients.list.col.age'),
    width: '92px',
    align: 'end',
    render: (c) =>
      c.age === null
        ? html`<span class="muted">—</span>`
        : html`<span class="age" title=${dayText(c.birthDate)}>${num(c.age)}</span>`,
  },
  {
    key: 'category',
    title: t('clients.list.col.category'),
    width: 'minmax(80px, 0.8fr)',
    hideBelow: 640,
    render: (c) => (c.ageCategory ? ageCategoryLabelOf(c.ageCategory) : html`<span class="muted">—</span>`),
  },
  { key: 'status', title: t('clients.list.col.status'), width: 'minmax(130px, 0.9fr)', render: (c) => statusChip(c.status) },
  {
    key: 'phone',
    title: t('clients.list.col.phone'),
    width: 'minmax(140px, 1.2fr)',
    hideBelow: 560,
    render: (c) => (c.phone ? html`<span class="phone">${c.phone}</span>` : html`<span class="muted">—</span>`),
  },
  { key: 'flags', title: t('clients.list.col.flags'), width: 'minmax(120px, 1.3fr)', render: (c) => flagBadges(c.flags) },
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
  /** The error shown above the table (a function: rendered in the language shown). */
  @state() private error: (() => string) | null = null
  @state() private categories: AgeCategory[] = []
  /** Activities, groups and teachers for the filters that join the timetable. */
  @state() private choices: ListChoices = { activities: [], groups: [], teachers: [] }
  @state() private stale = false
  private readonly locale = new LocaleController(this)
  private columnsOf: { lang: string; columns: DataTableColumn<ClientListItem>[] } | null = null
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
      const message =
        e instanceof ApiError ? (Object.keys(e.fields).length ? Object.values(e.fields).join(' ') : e.userMessage) : null
      this.error = message === null ? () => t('clients.list.loadError') : () => message
    } finally {
      if (req === this.request) this.loading = false
    }
  }

  /** The same columns while the language stays (the table keeps its layout), new ones when it changes. */
  private columns() {
    const lang = currentLocale()
    if (this.columnsOf?.lang !== lang) this.columnsOf = { lang, columns: columns() }
    return this.columnsOf.columns
  }

  render() {
    const f = this.filter
    const can = clientAbilities(this.ctx.user.roles)
    const filtered = isFiltered(f)
    return html`
      <div class="page-header">
        <div>
          <h1>${t('clients.list.title')}</h1>
          <p>${t('clients.list.intro')}</p>
        </div>
        <div class="actions">
          ${filtered ? html`<button type="button" class="link" @click=${() => navigate('/clients', { replace: true })}>${t('clients.list.clearFilters')}</button>` : nothing}
          ${can.bulkExport ? html`<a class="button" href=${clientsCsvUrl(f)} download>${t('clients.list.exportCsv')}</a>` : nothing}
          ${can.create ? html`<a class="button primary" href="/clients/new">${t('clients.list.register')}</a>` : nothing}
        </div>
      </div>
      <crm-client-filters
        .filter=${f}
        .categories=${this.categories}
        .choices=${this.choices}
        .onFilter=${(next: ClientListFilter) => navigate(`/clients${searchFromFilter(next)}`, { replace: true })}
      ></crm-client-filters>
      ${this.error ? html`<p class="alert error" role="alert">${this.error()}</p>` : nothing}
      ${
        this.stale
          ? html`<p class="alert info stale" role="status">
              ${t('clients.list.stale')}<button class="small" @click=${() => void this.load(false)}>
                ${t('clients.list.refresh')}
              </button>
            </p>`
          : nothing
      }
      <crm-client-table
        label=${t('clients.list.tableLabel')}
        .columns=${this.columns()}
        .rows=${this.rows}
        .keyFn=${(c: ClientListItem) => c.id}
        .rowAttrs=${(c: ClientListItem) => ({ 'data-testid': `client-row-${c.id}` })}
        .onRowClick=${(c: ClientListItem) => navigate(`/clients/${c.id}`)}
        ?loading=${this.loading}
        ?hasMore=${!!this.nextCursor}
        threshold="100"
        emptyText=${filtered ? t('clients.list.emptyFiltered') : t('clients.list.empty')}
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
