import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { ApiError } from '../../data/api'
import { type TraceItem, fetchProductTrace } from '../../data/loans'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import { setupCellStyles, setupListStyles } from '../catalogue/setup-list.styles'
import { loansCellStyles } from './crm-loans-page.styles'
import { docKindLabel, localZone, signed, whenText } from './labels'

/**
 * A product's trace (issue #18): every movement of it in the stores of the reader's branches,
 * newest first: when, which document (sale, loan, write-off, transfer…), store, quantity in or out,
 * the client who received or gave it back, and who did it.
 */
@customElement('crm-product-trace')
export class CrmProductTrace extends LitElement {
  @property() productId = ''
  @state() private items: TraceItem[] | null = null
  @state() private next: string | null = null
  @state() private productName = ''
  @state() private loadError: string | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, setupListStyles]

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('productId') && this.productId) void this.load()
  }

  private async load() {
    try {
      const page = await fetchProductTrace(this.productId, null)
      this.items = page.items
      this.next = page.next
      if (page.items[0]) this.productName = page.items[0].productName
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('common.error.unexpected')
    }
  }

  private async more() {
    if (!this.next || !this.items) return
    const page = await fetchProductTrace(this.productId, this.next)
    this.items = [...this.items, ...page.items]
    this.next = page.next
  }

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>${t('loans.trace.title', { product: this.productName || '…' })}</h1>
          <p><a href="/loans">${t('loans.trace.back')}</a></p>
        </div>
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      <crm-data-table
        label=${t('loans.history')}
        .columns=${this.columns()}
        .rows=${this.items ?? []}
        .keyFn=${(m: TraceItem) => m.id}
        .rowAttrs=${(m: TraceItem) => ({ 'data-kind': m.kind })}
        .cellStyles=${[setupCellStyles, loansCellStyles]}
        .loading=${this.items === null && !this.loadError}
        .hasMore=${!!this.next}
        @crm-load-more=${() => void this.more()}
        emptyText=${t('loans.trace.empty')}
      ></crm-data-table>
    `
  }

  private columns(): DataTableColumn<TraceItem>[] {
    const zone = localZone()
    return [
      { key: 'when', title: t('loans.trace.when'), width: 'minmax(150px, 1.2fr)', render: (m) => whenText(m.at, zone) },
      {
        key: 'document',
        title: t('loans.trace.document'),
        width: 'minmax(140px, 1.2fr)',
        render: (m) => html`<span class="name">${docKindLabel(m.kind)}</span>`,
      },
      {
        key: 'store',
        title: t('loans.trace.store'),
        width: 'minmax(140px, 1.3fr)',
        render: (m) => html`${m.storeName}<span class="sub">${m.branchName}</span>`,
      },
      {
        key: 'quantity',
        title: t('loans.trace.quantity'),
        width: '100px',
        align: 'end',
        render: (m) => html`<span class="num ${m.quantity > 0 ? 'in' : 'out'}">${signed(m.quantity)}</span>`,
      },
      {
        key: 'client',
        title: t('loans.trace.client'),
        width: 'minmax(140px, 1.3fr)',
        render: (m) =>
          m.clientId && m.clientName
            ? html`<a class="name" href="/clients/${encodeURIComponent(m.clientId)}">${m.clientName}</a>`
            : '—',
      },
      {
        key: 'author',
        title: t('loans.trace.author'),
        width: 'minmax(120px, 1fr)',
        hideBelow: 640,
        render: (m) => m.authorName ?? '—',
      },
    ]
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-product-trace': CrmProductTrace
  }
}
