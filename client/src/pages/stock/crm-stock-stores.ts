import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { type Store, fetchStores, subscribeStockChanges } from '../../data/stock'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { stockAbilities } from './labels'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { stockCellStyles } from './cell.styles'

/** The stores of the branch; the keepers add one. */
@customElement('crm-stock-stores')
export class CrmStockStores extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private stores: Store[] | null = null
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.branch?.id],
    () => {
      void this.load()
      return subscribeStockChanges(this.ctx.live, () => void this.load())
    },
  )

  static styles = [baseStyles, tabPanelStyles]

  private async load() {
    try {
      this.stores = await fetchStores(this.branch.id)
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
            ? html`<button class="primary" @click=${() => void this.create()}>${t('stock.screens.stores.new')}</button>`
            : nothing
        }
      </div>
      <crm-data-table
        layout="table"
        label=${t('stock.screens.tab.stores')}
        .columns=${this.columns()}
        .rows=${this.stores ?? []}
        .rowAttrs=${(s: Store) => ({ 'data-store': s.name })}
        .cellStyles=${stockCellStyles}
        .loading=${this.stores === null && !this.error}
        emptyText=${t('stock.screens.stores.empty')}
      ></crm-data-table>`
  }

  private columns(): DataTableColumn<Store>[] {
    return [
      { key: 'name', title: t('stock.screens.stores.name'), render: (s) => html`<strong>${s.name}</strong>` },
      { key: 'branch', title: t('stock.screens.stores.branch'), render: (s) => s.branchName ?? this.branch.name },
    ]
  }

  private async create() {
    const saved = await showDialog(this, 'crm-dialog-store', { branch: this.branch }, () => import('./dialog-supplier'))
    if (saved) await this.load()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-stores': CrmStockStores
  }
}
