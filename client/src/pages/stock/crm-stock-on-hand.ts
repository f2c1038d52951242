import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import {
  type OnHand,
  type Product,
  type Store,
  fetchOnHand,
  fetchProducts,
  fetchStores,
  subscribeStockChanges,
} from '../../data/stock'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { isLow } from './crm-stock-products'
import { count } from './labels'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { stockCellStyles } from './cell.styles'

/** Stock on hand in one store of the branch (GET /api/stock?storeId=), red at or below the reorder point. */
@customElement('crm-stock-on-hand')
export class CrmStockOnHand extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private stores: Store[] = []
  @state() private storeId = ''
  @state() private rows: OnHand[] | null = null
  @state() private products = new Map<string, Product>()
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.branch?.id, this.storeId],
    () => {
      void this.load()
      return subscribeStockChanges(this.ctx.live, () => void this.load())
    },
  )

  static styles = [baseStyles, tabPanelStyles]

  private async load() {
    try {
      const stores = await fetchStores(this.branch.id)
      this.stores = stores
      if (!stores.some((s) => s.id === this.storeId)) {
        this.storeId = stores[0]?.id ?? ''
        if (!this.storeId) this.rows = []
        return
      }
      const [rows, products] = await Promise.all([fetchOnHand({ storeId: this.storeId }), fetchProducts()])
      this.rows = rows
      this.products = new Map(products.map((p) => [p.id, p]))
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('stock.screens.loadError')
    }
  }

  render() {
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${
        this.stores.length
          ? html`<div class="toolbar">
              <div class="field">
                <label for="store">${t('stock.screens.store')}</label>
                <select id="store" @change=${(e: Event) => (this.storeId = (e.target as HTMLSelectElement).value)}>
                  ${this.stores.map((s) => html`<option value=${s.id} ?selected=${s.id === this.storeId}>${s.name}</option>`)}
                </select>
              </div>
            </div>`
          : this.rows
            ? html`<p class="muted">${t('stock.screens.noStores')}</p>`
            : nothing
      }
      <crm-data-table
        layout="table"
        label=${t('stock.screens.tab.onHand')}
        .columns=${this.columns()}
        .rows=${this.rows ?? []}
        .keyFn=${(r: OnHand) => `${r.productId}@${r.storeId}`}
        .rowAttrs=${(r: OnHand) => ({ 'data-product': r.productName })}
        .cellStyles=${stockCellStyles}
        .loading=${this.rows === null && !this.error}
        emptyText=${t('stock.screens.onHand.empty')}
      ></crm-data-table>`
  }

  private columns(): DataTableColumn<OnHand>[] {
    return [
      { key: 'name', title: t('stock.screens.products.name'), render: (r) => html`<strong>${r.productName}</strong>` },
      { key: 'sku', title: t('stock.screens.products.sku'), render: (r) => r.sku },
      {
        key: 'onHand',
        title: t('stock.screens.onHand.quantity'),
        align: 'end',
        className: 'qty',
        render: (r) => {
          const p = this.products.get(r.productId)
          const low = !!p && isLow(p, r.onHand)
          return html`<span class="stock-cell ${low ? 'low' : ''}" data-low=${low ? 'true' : 'false'}>${count(r.onHand)}</span>`
        },
      },
      { key: 'unit', title: t('stock.screens.onHand.unit'), render: (r) => r.unit },
      {
        key: 'reorder',
        title: t('stock.screens.products.reorderPoint'),
        align: 'end',
        className: 'qty',
        render: (r) => {
          const point = this.products.get(r.productId)?.reorderPoint
          return point === null || point === undefined ? '' : count(point)
        },
      },
    ]
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-on-hand': CrmStockOnHand
  }
}
