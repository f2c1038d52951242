import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime } from '../../common/dates'
import { navigate } from '../../common/navigate'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import {
  STOCK_DOC_KINDS,
  type StockDocSummary,
  type Store,
  type Supplier,
  fetchStockDocs,
  fetchStores,
  fetchSuppliers,
  subscribeStockChanges,
} from '../../data/stock'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { docKindLabel, docStatusLabel, stockAbilities } from './labels'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { stockCellStyles } from './cell.styles'

/** The kinds to filter by: the stock area's own documents, then those other areas post (sales, loans, lessons). */
const LISTED_KINDS = [...STOCK_DOC_KINDS, 'sale', 'sale_return', 'loan', 'loan_return', 'consumption'] as const

/**
 * The stock documents of the branch's stores, newest first: kind, store, status (draft or posted),
 * who created and who posted them and when; "New document" opens a draft in the editor.
 */
@customElement('crm-stock-docs')
export class CrmStockDocs extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private docs: StockDocSummary[] | null = null
  @state() private stores: Store[] = []
  @state() private storeId = ''
  @state() private status = ''
  @state() private kind = ''
  private loads = 0
  private applied = 0
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.branch?.id, this.storeId, this.status, this.kind],
    () => {
      void this.load()
      return subscribeStockChanges(this.ctx.live, () => void this.load())
    },
  )

  static styles = [baseStyles, tabPanelStyles]

  private async load() {
    // an answer never overwrites one asked for later (a filter changed while the list was loading)
    const seq = ++this.loads
    try {
      const stores = await fetchStores(this.branch.id)
      const docs = await fetchStockDocs({
        storeId: this.storeId || undefined,
        status: this.status || undefined,
        kind: this.kind || undefined,
      })
      if (seq < this.applied) return
      this.applied = seq
      this.stores = stores
      const mine = new Set(stores.map((s) => s.id))
      this.docs = docs.filter((d) => mine.has(d.storeId))
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('stock.screens.loadError')
    }
  }

  render() {
    const can = stockAbilities(this.ctx.user.roles)
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="toolbar">
        <div class="field">
          <label for="store">${t('stock.screens.store')}</label>
          <select id="store" @change=${(e: Event) => (this.storeId = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.storeId}>${t('stock.screens.allStores')}</option>
            ${this.stores.map((s) => html`<option value=${s.id} ?selected=${s.id === this.storeId}>${s.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="kind">${t('stock.screens.docs.kind')}</label>
          <select id="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.kind}>${t('stock.screens.docs.allKinds')}</option>
            ${LISTED_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${docKindLabel(k)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="status">${t('stock.screens.docs.status')}</label>
          <select id="status" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.status}>${t('stock.screens.docs.allStatuses')}</option>
            ${['draft', 'posted'].map((s) => html`<option value=${s} ?selected=${s === this.status}>${docStatusLabel(s)}</option>`)}
          </select>
        </div>
        <span class="spacer"></span>
        ${
          can.keep && this.stores.length
            ? html`<button class="primary" @click=${() => void this.create()}>${t('stock.screens.docs.new')}</button>`
            : nothing
        }
      </div>
      <crm-data-table
        layout="table"
        label=${t('stock.screens.tab.docs')}
        .columns=${this.columns()}
        .rows=${this.docs ?? []}
        .rowAttrs=${(d: StockDocSummary) => ({ 'data-doc': d.id, 'data-status': d.status })}
        .onRowClick=${(d: StockDocSummary) => navigate(`/stock/docs/${d.id}`)}
        .cellStyles=${stockCellStyles}
        .loading=${this.docs === null && !this.error}
        emptyText=${t('stock.screens.docs.empty')}
      ></crm-data-table>`
  }

  private columns(): DataTableColumn<StockDocSummary>[] {
    const storeName = (id: string | null) => this.stores.find((s) => s.id === id)?.name ?? ''
    return [
      {
        key: 'kind',
        title: t('stock.screens.docs.kind'),
        render: (d) =>
          html`<a href="/stock/docs/${d.id}"><strong>${docKindLabel(d.kind)}</strong></a
            >${d.reverses ? html` <span class="chip">${t('stock.screens.docs.reversal')}</span>` : nothing}${
              d.reversedBy ? html` <span class="chip">${t('stock.screens.docs.reversed')}</span>` : nothing
            }`,
      },
      {
        key: 'store',
        title: t('stock.screens.store'),
        render: (d) =>
          html`${d.storeName}${d.toStoreId ? html`<br /><span class="muted">${t('stock.screens.docs.to', { store: storeName(d.toStoreId) })}</span>` : nothing}${
            d.supplierName ? html`<br /><span class="muted">${d.supplierName}</span>` : nothing
          }`,
      },
      {
        key: 'status',
        title: t('stock.screens.docs.status'),
        render: (d) => html`<span class="chip ${d.status}">${docStatusLabel(d.status)}</span>`,
      },
      {
        key: 'created',
        title: t('stock.screens.docs.created'),
        hideBelow: 900,
        render: (d) => t('stock.screens.docs.createdBy', { date: formatDateTime(d.createdAt), name: d.createdByName ?? '' }),
      },
      {
        key: 'posted',
        title: t('stock.screens.docs.posted'),
        render: (d) =>
          d.postedAt ? t('stock.screens.docs.postedBy', { date: formatDateTime(d.postedAt), name: d.postedByName ?? '' }) : '',
      },
    ]
  }

  private async create() {
    const suppliers = await fetchSuppliers().catch(() => [] as Supplier[])
    const doc = await showDialog(
      this,
      'crm-dialog-new-stock-doc',
      { stores: this.stores, storeId: this.storeId || this.stores[0]?.id || '', suppliers },
      () => import('./dialog-new-doc'),
    )
    if (doc) navigate(`/stock/docs/${doc.id}`)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-docs': CrmStockDocs
  }
}
