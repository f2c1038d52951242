import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import {
  PRODUCT_KINDS,
  type OnHand,
  type Product,
  type Store,
  type Supplier,
  fetchOnHand,
  fetchProducts,
  fetchStores,
  fetchSuppliers,
  subscribeStockChanges,
} from '../../data/stock'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { count, money, productKindLabel, stockAbilities } from './labels'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { stockCellStyles } from './cell.styles'

/** At or below the reorder point (a product without one is never low, nor one the store never held). */
export const isLow = (p: Pick<Product, 'reorderPoint'>, onHand: number | null) =>
  p.reorderPoint !== null && onHand !== null && onHand <= p.reorderPoint

/**
 * The products (the nomenclature): search by name, SKU or barcode, by kind; stock on hand in each
 * store of the branch, red at or below the reorder point; the keepers create and edit products.
 */
@customElement('crm-stock-products')
export class CrmStockProducts extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private products: Product[] | null = null
  @state() private stores: Store[] = []
  @state() private onHand = new Map<string, number>()
  @state() private suppliers: Supplier[] = []
  @state() private q = ''
  @state() private kind = ''
  @state() private archived = false
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)
  private searchTimer: ReturnType<typeof setTimeout> | null = null
  private loads = 0
  private applied = 0
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.branch?.id, this.kind, this.archived],
    () => {
      void this.load()
      return subscribeStockChanges(this.ctx.live, () => void this.load())
    },
  )

  static styles = [baseStyles, tabPanelStyles]

  disconnectedCallback() {
    super.disconnectedCallback()
    if (this.searchTimer) clearTimeout(this.searchTimer)
  }

  private async load() {
    // an answer never overwrites one asked for later (a slow first list arriving after the search's)
    const seq = ++this.loads
    try {
      const [products, stores, onHand, suppliers] = await Promise.all([
        fetchProducts({ q: this.q, kind: this.kind, archived: this.archived }),
        fetchStores(this.branch.id),
        fetchOnHand(),
        fetchSuppliers().catch(() => [] as Supplier[]),
      ])
      if (seq < this.applied) return
      this.applied = seq
      this.products = products
      this.stores = stores
      this.onHand = new Map(onHand.map((r: OnHand) => [`${r.productId}@${r.storeId}`, r.onHand]))
      this.suppliers = suppliers
      this.error = null
    } catch (e) {
      if (seq >= this.applied) this.error = e instanceof ApiError ? e.userMessage : t('stock.screens.loadError')
    }
  }

  /** On hand of a product in a store; null when the store never held it (its ledger has nothing: never red). */
  private have(productId: string, storeId: string): number | null {
    return this.onHand.get(`${productId}@${storeId}`) ?? null
  }

  render() {
    const can = stockAbilities(this.ctx.user.roles)
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="toolbar">
        <div class="field grow">
          <label for="q">${t('stock.screens.products.search')}</label>
          <input id="q" type="search" .value=${this.q} @input=${this.onSearch} autocomplete="off" />
        </div>
        <div class="field">
          <label for="kind">${t('stock.screens.products.kind')}</label>
          <select id="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.kind === ''}>${t('stock.screens.products.allKinds')}</option>
            ${PRODUCT_KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${productKindLabel(k)}</option>`)}
          </select>
        </div>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${this.archived}
            @change=${(e: Event) => (this.archived = (e.target as HTMLInputElement).checked)}
          />
          ${t('stock.screens.products.showArchived')}</label
        >
        <span class="spacer"></span>
        ${can.keep ? html`<button class="primary" @click=${() => void this.edit(null)}>${t('stock.screens.products.new')}</button>` : nothing}
      </div>
      <crm-data-table
        layout="table"
        label=${t('stock.screens.tab.products')}
        .columns=${this.columns(can.keep)}
        .rows=${this.products ?? []}
        .rowAttrs=${(p: Product) => ({ 'data-product': p.name, 'data-low': this.stores.some((s) => isLow(p, this.have(p.id, s.id))) ? 'true' : 'false' })}
        .cellStyles=${stockCellStyles}
        .loading=${this.products === null && !this.error}
        emptyText=${t('stock.screens.products.empty')}
      ></crm-data-table>`
  }

  private columns(canEdit: boolean): DataTableColumn<Product>[] {
    const cols: DataTableColumn<Product>[] = [
      {
        key: 'name',
        title: t('stock.screens.products.name'),
        render: (p) =>
          html`<strong>${p.name}</strong
            >${p.archived ? html` <span class="chip">${t('stock.screens.products.archived')}</span>` : nothing}<br /><span
              class="muted"
              >${p.sku}${p.barcode ? ` · ${p.barcode}` : ''}</span
            >`,
      },
      { key: 'kind', title: t('stock.screens.products.kind'), hideBelow: 800, render: (p) => productKindLabel(p.kind) },
      {
        key: 'price',
        title: t('stock.screens.products.price'),
        align: 'end',
        className: 'amount',
        render: (p) =>
          p.price ? money(p.price.salePrice) : html`<span class="muted">${t('stock.screens.products.noPrice')}</span>`,
      },
      {
        key: 'cost',
        title: t('stock.screens.products.cost'),
        align: 'end',
        className: 'amount',
        hideBelow: 1000,
        render: (p) => (p.price ? money(p.price.cost) : ''),
      },
    ]
    for (const s of this.stores) {
      cols.push({
        key: `store-${s.id}`,
        title: s.name,
        align: 'end',
        className: 'qty',
        render: (p) => {
          const n = this.have(p.id, s.id)
          if (n === null) return html`<span class="muted" data-store=${s.name} data-low="false">—</span>`
          const low = isLow(p, n)
          return html`<span
            class="stock-cell ${low ? 'low' : ''}"
            data-store=${s.name}
            data-low=${low ? 'true' : 'false'}
            title=${low ? t('stock.screens.products.lowLabel', { store: s.name, onHand: n, point: p.reorderPoint ?? 0 }) : ''}
            >${count(n)} ${p.unit}</span
          >`
        },
      })
    }
    cols.push({
      key: 'reorder',
      title: t('stock.screens.products.reorderPoint'),
      align: 'end',
      className: 'qty',
      hideBelow: 900,
      render: (p) => (p.reorderPoint === null ? '' : count(p.reorderPoint)),
    })
    if (canEdit)
      cols.push({
        key: 'actions',
        title: t('stock.screens.actions'),
        titleHidden: true,
        align: 'end',
        render: (p) =>
          html`<button
            class="small"
            @click=${() => void this.edit(p)}
            aria-label=${t('stock.screens.products.editLabel', { name: p.name })}
          >
            ${t('stock.screens.products.edit')}
          </button>`,
      })
    return cols
  }

  private onSearch = (e: Event) => {
    this.q = (e.target as HTMLInputElement).value
    if (this.searchTimer) clearTimeout(this.searchTimer)
    this.searchTimer = setTimeout(() => void this.load(), 250)
  }

  private async edit(product: Product | null) {
    const saved = await showDialog(
      this,
      'crm-dialog-product',
      { product, suppliers: this.suppliers },
      () => import('./dialog-product'),
    )
    if (saved) await this.load()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-products': CrmStockProducts
  }
}
