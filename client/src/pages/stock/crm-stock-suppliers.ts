import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { type Supplier, fetchSuppliers, subscribeStockChanges } from '../../data/stock'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { stockAbilities } from './labels'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { stockCellStyles } from './cell.styles'

/** The suppliers with their contact, phone and email; the keepers add them. */
@customElement('crm-stock-suppliers')
export class CrmStockSuppliers extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private suppliers: Supplier[] | null = null
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live],
    () => {
      void this.load()
      return subscribeStockChanges(this.ctx.live, () => void this.load())
    },
  )

  static styles = [baseStyles, tabPanelStyles]

  private async load() {
    try {
      this.suppliers = await fetchSuppliers()
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('stock.screens.loadError')
    }
  }

  render() {
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="toolbar">
        <span class="spacer"></span>
        ${
          stockAbilities(this.ctx.user.roles).keep
            ? html`<button class="primary" @click=${() => void this.create()}>${t('stock.screens.suppliers.new')}</button>`
            : nothing
        }
      </div>
      <crm-data-table
        layout="table"
        label=${t('stock.screens.tab.suppliers')}
        .columns=${this.columns()}
        .rows=${this.suppliers ?? []}
        .rowAttrs=${(s: Supplier) => ({ 'data-supplier': s.name })}
        .cellStyles=${stockCellStyles}
        .loading=${this.suppliers === null && !this.error}
        emptyText=${t('stock.screens.suppliers.empty')}
      ></crm-data-table>`
  }

  private columns(): DataTableColumn<Supplier>[] {
    return [
      { key: 'name', title: t('stock.screens.suppliers.name'), render: (s) => html`<strong>${s.name}</strong>` },
      { key: 'contact', title: t('stock.screens.suppliers.contact'), render: (s) => s.contact },
      { key: 'phone', title: t('stock.screens.suppliers.phone'), render: (s) => s.phone },
      {
        key: 'email',
        title: t('stock.screens.suppliers.email'),
        render: (s) => (s.email ? html`<a href="mailto:${s.email}">${s.email}</a>` : ''),
      },
    ]
  }

  private async create() {
    const saved = await showDialog(this, 'crm-dialog-supplier', {}, () => import('./dialog-supplier'))
    if (saved) await this.load()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-suppliers': CrmStockSuppliers
  }
}
