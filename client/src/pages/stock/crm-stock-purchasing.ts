import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime } from '../../common/dates'
import { fireEvent } from '../../common/fire-event'
import { navigate } from '../../common/navigate'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { confirmDialog } from '../../components/dialog-confirm'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import {
  type PurchaseOrder,
  type PurchaseRequest,
  cancelPurchaseOrder,
  fetchPurchaseOrders,
  fetchPurchaseRequests,
  subscribeStockChanges,
} from '../../data/stock'
import { receivePurchaseOrder, sendPurchaseOrder } from '../../data/outbox'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { count, money, orderStatusLabel, requestStatusLabel, stockAbilities } from './labels'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { stockCellStyles } from './cell.styles'

/** Purchase requests (raised by low postings) and purchase orders (one per supplier and branch) of the branch, with their status. */
@customElement('crm-stock-purchasing')
export class CrmStockPurchasing extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private requests: PurchaseRequest[] | null = null
  @state() private orders: PurchaseOrder[] | null = null
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
      const [requests, orders] = await Promise.all([fetchPurchaseRequests(), fetchPurchaseOrders()])
      this.requests = requests.filter((r) => r.branchId === this.branch.id)
      this.orders = orders.filter((o) => o.branchId === this.branch.id)
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('stock.screens.loadError')
    }
  }

  render() {
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <section aria-labelledby="orders-title">
        <h2 id="orders-title">${t('stock.screens.purchasing.orders')}</h2>
        <crm-data-table
          layout="table"
          label=${t('stock.screens.purchasing.orders')}
          .columns=${this.orderColumns()}
          .rows=${this.orders ?? []}
          .rowAttrs=${(o: PurchaseOrder) => ({ 'data-supplier': o.supplierName, 'data-status': o.status })}
          .cellStyles=${stockCellStyles}
          .loading=${this.orders === null && !this.error}
          emptyText=${t('stock.screens.purchasing.noOrders')}
        ></crm-data-table>
      </section>
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">${t('stock.screens.purchasing.requests')}</h2>
        <crm-data-table
          layout="table"
          label=${t('stock.screens.purchasing.requests')}
          .columns=${this.requestColumns()}
          .rows=${this.requests ?? []}
          .rowAttrs=${(r: PurchaseRequest) => ({ 'data-product': r.productName, 'data-status': r.status })}
          .cellStyles=${stockCellStyles}
          .loading=${this.requests === null && !this.error}
          emptyText=${t('stock.screens.purchasing.noRequests')}
        ></crm-data-table>
      </section>`
  }

  private orderColumns(): DataTableColumn<PurchaseOrder>[] {
    const canKeep = stockAbilities(this.ctx.user.roles).keep
    return [
      {
        key: 'supplier',
        title: t('stock.screens.purchasing.supplier'),
        render: (o) =>
          html`<strong>${o.supplierName}</strong
            >${o.supplierEmail ? html`<br /><span class="muted">${o.supplierEmail}</span>` : nothing}`,
      },
      {
        key: 'status',
        title: t('stock.screens.purchasing.status'),
        render: (o) => html`<span class="chip">${orderStatusLabel(o.status)}</span>`,
      },
      {
        key: 'lines',
        title: t('stock.screens.purchasing.lines'),
        align: 'end',
        className: 'qty',
        render: (o) => count(o.lineCount),
      },
      {
        key: 'total',
        title: t('stock.screens.purchasing.total'),
        align: 'end',
        className: 'amount',
        render: (o) => money(o.total),
      },
      {
        key: 'created',
        title: t('stock.screens.purchasing.created'),
        hideBelow: 900,
        render: (o) => formatDateTime(o.createdAt),
      },
      {
        key: 'actions',
        title: t('stock.screens.actions'),
        titleHidden: true,
        align: 'end',
        render: (o) =>
          !canKeep
            ? nothing
            : o.status === 'draft'
              ? html`<button
                    class="small"
                    aria-label=${t('stock.screens.purchasing.sendLabel', { supplier: o.supplierName })}
                    @click=${() => void this.send(o)}
                  >
                    ${t('stock.screens.purchasing.send')}
                  </button>
                  <button
                    class="small"
                    aria-label=${t('stock.screens.purchasing.cancelLabel', { supplier: o.supplierName })}
                    @click=${() => void this.cancel(o)}
                  >
                    ${t('stock.screens.purchasing.cancel')}
                  </button>`
              : o.status === 'sent' || o.status === 'partly_received'
                ? html`<button
                    class="small"
                    aria-label=${t('stock.screens.purchasing.receiveLabel', { supplier: o.supplierName })}
                    @click=${() => void this.receive(o)}
                  >
                    ${t('stock.screens.purchasing.receive')}
                  </button>`
                : nothing,
      },
    ]
  }

  private requestColumns(): DataTableColumn<PurchaseRequest>[] {
    return [
      {
        key: 'product',
        title: t('stock.screens.purchasing.product'),
        render: (r) => html`<strong>${r.productName}</strong> <span class="muted">${r.sku}</span>`,
      },
      { key: 'supplier', title: t('stock.screens.purchasing.supplier'), render: (r) => r.supplierName },
      { key: 'store', title: t('stock.screens.store'), hideBelow: 800, render: (r) => r.storeName },
      {
        key: 'quantity',
        title: t('stock.screens.purchasing.quantity'),
        align: 'end',
        className: 'qty',
        render: (r) => `${count(r.quantity)} ${r.unit}`,
      },
      {
        key: 'status',
        title: t('stock.screens.purchasing.status'),
        render: (r) => html`<span class="chip">${requestStatusLabel(r.status)}</span>`,
      },
      {
        key: 'created',
        title: t('stock.screens.purchasing.created'),
        hideBelow: 900,
        render: (r) => formatDateTime(r.createdAt),
      },
    ]
  }

  private async send(o: PurchaseOrder) {
    const ok = await confirmDialog(this, {
      heading: t('stock.screens.purchasing.sendTitle', { supplier: o.supplierName }),
      text: o.supplierEmail
        ? t('stock.screens.purchasing.sendText', { email: o.supplierEmail })
        : t('stock.screens.purchasing.noEmail'),
      confirmLabel: t('stock.screens.purchasing.send'),
    })
    if (!ok) return
    try {
      const { message } = await sendPurchaseOrder(o.id)
      fireEvent(this, 'crm-toast', {
        message: () =>
          message.status === 'held'
            ? t('stock.screens.purchasing.held', { email: message.recipient })
            : t('stock.screens.purchasing.sent', { email: message.recipient }),
        kind: 'success',
      })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    }
  }

  private async receive(o: PurchaseOrder) {
    try {
      const { doc } = await receivePurchaseOrder(o.id)
      navigate(`/stock/docs/${doc.id}`)
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    }
  }

  private async cancel(o: PurchaseOrder) {
    const ok = await confirmDialog(this, {
      heading: t('stock.screens.purchasing.cancelTitle', { supplier: o.supplierName }),
      text: t('stock.screens.purchasing.cancelText'),
      confirmLabel: t('stock.screens.purchasing.cancel'),
      tone: 'danger',
    })
    if (!ok) return
    try {
      await cancelPurchaseOrder(o.id)
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-purchasing': CrmStockPurchasing
  }
}
