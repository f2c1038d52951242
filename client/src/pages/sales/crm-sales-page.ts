import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime, formatTime } from '../../../../domain/i18n/format'
import { addTaxed, multiply, proRata, subtract, sum, taxed } from '../../../../domain/money'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { field } from '../../components/field'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import {
  SALE_METHODS,
  type Sale,
  type SaleListItem,
  type SaleMethod,
  type SellerStore,
  type TillProduct,
  fetchSale,
  fetchSales,
  fetchSellerStores,
  findAtTill,
  receiptPdfUrl,
  returnGoods,
  sell,
  subscribeSales,
} from '../../data/sales'
import { searchClients } from '../../data/timetable'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { money, todayIn } from '../passes/labels'
import { salesCellStyles, salesPageStyles } from './crm-sales-page.styles'

interface CartLine {
  product: TillProduct
  quantity: number
}

type Buyer = { id: string; name: string } | null

const SELLERS = ['owner', 'manager', 'receptionist', 'storekeeper']

/**
 * The point of sale (/sales): a scan field where a barcode scanner types the code and Enter adds
 * the product (or one more of it), a product search by name or SKU, quantities editable, a client
 * found by search or a walk-in, the totals with their VAT in the center's currency, the payment;
 * then the receipt (PDF, and a Return of some of its goods). Below, the store's branch's sales of the day.
 */
@customElement('crm-sales-page')
export class CrmSalesPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private stores: SellerStore[] = []
  @state() private storeId = ''
  @state() private scan = ''
  @state() private found: TillProduct[] = []
  @state() private searched = false
  @state() private cart: CartLine[] = []
  @state() private buyer: Buyer = null
  @state() private clientQuery = ''
  @state() private clients: Array<{ id: string; name: string }> = []
  @state() private method: SaleMethod = 'cash'
  @state() private busy = false
  @state() private error: string | null = null
  @state() private receipt: Sale | null = null
  @state() private returning: Record<string, number> | null = null
  @state() private refundMethod: SaleMethod = 'cash'
  @state() private notice: string | null = null
  @state() private day: SaleListItem[] = []
  private key = crypto.randomUUID()
  private scanTimer?: ReturnType<typeof setTimeout>
  private scanAbort?: AbortController
  private clientTimer?: ReturnType<typeof setTimeout>
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.store?.branchId],
    () => (this.store ? subscribeSales(this.ctx.live, this.store.branchId, () => void this.loadDay()) : null),
  )

  static styles = [baseStyles, pageStyles, salesPageStyles]

  connectedCallback() {
    super.connectedCallback()
    void fetchSellerStores().then(
      (stores) => {
        this.stores = stores
        if (!stores.some((s) => s.id === this.storeId)) this.storeId = stores[0]?.id ?? ''
        void this.loadDay()
      },
      () => (this.error = t('sales.loadError')),
    )
  }

  private get store(): SellerStore | null {
    return this.stores.find((s) => s.id === this.storeId) ?? null
  }

  private get canSell() {
    return this.ctx.user.roles.some((r) => SELLERS.includes(r))
  }

  private async loadDay() {
    const store = this.store
    if (!store) return
    try {
      this.day = await fetchSales(store.branchId, todayIn(store.timezone))
    } catch {
      this.day = []
    }
  }

  // ── the scan field ──

  private onScanInput(q: string) {
    this.scan = q
    clearTimeout(this.scanTimer)
    if (q.trim().length < 2) {
      this.found = []
      this.searched = false
      return
    }
    this.scanTimer = setTimeout(() => void this.search(q.trim()), 250)
  }

  private async search(q: string): Promise<TillProduct[]> {
    this.scanAbort?.abort()
    const abort = (this.scanAbort = new AbortController())
    try {
      const items = await findAtTill(this.storeId, q, abort.signal)
      if (!abort.signal.aborted) {
        this.found = items
        this.searched = true
      }
      return items
    } catch {
      return []
    }
  }

  /** Enter: a scanner's code (or a typed one) adds its product at once; otherwise the results stay to pick from. */
  private async onScanKey(e: KeyboardEvent) {
    if (e.key !== 'Enter') return
    e.preventDefault()
    clearTimeout(this.scanTimer)
    const q = this.scan.trim()
    if (!q) return
    const items = await this.search(q)
    const hit = items.find((i) => i.exact) ?? (items.length === 1 ? items[0] : null)
    if (hit) {
      this.add(hit)
      this.notice = null
    } else if (!items.length) this.notice = t('sales.scanNotFound', { code: q })
  }

  private add(p: TillProduct) {
    this.receipt = null
    this.returning = null
    this.error = null
    const line = this.cart.find((l) => l.product.id === p.id)
    this.cart = line
      ? this.cart.map((l) => (l === line ? { ...l, quantity: l.quantity + 1 } : l))
      : [...this.cart, { product: p, quantity: 1 }]
    this.scan = ''
    this.found = []
    this.searched = false
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#scan')?.focus())
  }

  private setQuantity(id: string, value: string) {
    const n = Math.floor(Number(value))
    this.cart = this.cart.map((l) => (l.product.id === id ? { ...l, quantity: Number.isFinite(n) && n > 0 ? n : l.quantity } : l))
  }

  private removeLine(id: string) {
    this.cart = this.cart.filter((l) => l.product.id !== id)
  }

  private amounts(l: CartLine) {
    const price = l.product.salePrice ?? 0
    return taxed(multiply(price, l.quantity), { rateBp: l.product.taxRateBp, mode: l.product.taxMode })
  }

  // ── the buyer ──

  private onClientInput(q: string) {
    this.clientQuery = q
    clearTimeout(this.clientTimer)
    if (q.trim().length < 2) {
      this.clients = []
      return
    }
    this.clientTimer = setTimeout(() => {
      searchClients(q.trim()).then(
        (items) => (this.clients = items.map((c) => ({ id: c.id, name: c.name }))),
        () => {},
      )
    }, 250)
  }

  // ── paying and the receipt ──

  private async pay() {
    if (!this.cart.length || this.busy) return
    this.busy = true
    this.error = null
    try {
      const sale = await sell({
        storeId: this.storeId,
        clientId: this.buyer?.id ?? null,
        method: this.method,
        lines: this.cart.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
        idempotencyKey: this.key,
      })
      this.receipt = sale
      this.cart = []
      this.buyer = null
      this.clientQuery = ''
      this.clients = []
      this.key = crypto.randomUUID()
      void this.loadDay()
    } catch (e) {
      this.error = e instanceof ApiError ? this.errorText(e) : t('sales.loadError')
    } finally {
      this.busy = false
    }
  }

  /** A refusal names its lines (`lines.<i>.quantity`): each said with its product. */
  private errorText(e: ApiError): string {
    const parts = Object.entries(e.fields).map(([path, text]) => {
      const i = /^lines\.(\d+)\./.exec(path)?.[1]
      const product = i !== undefined ? this.cart[Number(i)]?.product.name : undefined
      return product ? `${product}: ${text}` : text
    })
    return [e.userMessage, ...parts].join(' — ')
  }

  private newSale() {
    this.receipt = null
    this.returning = null
    this.notice = null
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#scan')?.focus())
  }

  private async openSale(id: string) {
    try {
      this.receipt = await fetchSale(id)
      this.returning = null
      this.notice = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('sales.loadError')
    }
  }

  private async takeBack() {
    const sale = this.receipt
    if (!sale || !this.returning) return
    const lines = Object.entries(this.returning)
      .filter(([, q]) => q > 0)
      .map(([lineKey, quantity]) => ({ lineKey, quantity }))
    if (!lines.length) {
      this.error = t('sales.returnNothing')
      return
    }
    this.busy = true
    this.error = null
    try {
      const before = sale.refunded
      this.receipt = await returnGoods(sale.id, { method: this.refundMethod, lines })
      this.notice = t('sales.returnDone', { amount: money(this.receipt.refunded - before) })
      this.returning = null
      void this.loadDay()
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('sales.loadError')
    } finally {
      this.busy = false
    }
  }

  // ── rendering ──

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>${t('sales.nav.label')}</h1>
          <p>${t('sales.page.lead')}</p>
        </div>
        ${
          this.stores.length > 1
            ? field(
                'store',
                t('sales.store'),
                html`<select
                  id="store"
                  @change=${(e: Event) => {
                    this.storeId = (e.target as HTMLSelectElement).value
                    this.cart = []
                    void this.loadDay()
                  }}
                >
                  ${this.stores.map((s) => html`<option value=${s.id} ?selected=${s.id === this.storeId}>${s.branchName} · ${s.name}</option>`)}
                </select>`,
                { className: 'store' },
              )
            : nothing
        }
      </div>
      ${
        this.canSell && this.store
          ? html`<div class="till">
              <div>${this.renderScan()} ${this.renderBuyer()}</div>
              <div>${this.receipt ? this.renderReceipt(this.receipt) : this.renderCart()}</div>
            </div>`
          : nothing
      }
      ${this.store ? this.renderDay() : nothing}
    `
  }

  private renderScan() {
    return html`<section class="card" aria-labelledby="scan-title">
      <h2 id="scan-title">${t('sales.goods')}</h2>
      ${field(
        'scan',
        t('sales.scan'),
        html`<input
          id="scan"
          type="search"
          autocomplete="off"
          autofocus
          .value=${this.scan}
          @input=${(e: Event) => this.onScanInput((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => void this.onScanKey(e)}
        />`,
        { hint: t('sales.scanHint') },
      )}
      ${this.notice && !this.receipt ? html`<p class="muted" role="status">${this.notice}</p>` : nothing}
      ${
        this.found.length
          ? html`<ul class="results" aria-label=${t('sales.results')}>
              ${this.found.map(
                (p) =>
                  html`<li>
                    <button ?disabled=${p.salePrice === null} @click=${() => this.add(p)}>
                      <span>${p.name} <span class="sub">${p.sku}</span></span>
                      <span class="sub"
                        >${p.salePrice === null ? t('sales.noPriceShort') : money(p.salePrice)} ·
                        ${t('sales.onHand', { count: p.onHand })}</span
                      >
                    </button>
                  </li>`,
              )}
            </ul>`
          : this.searched && this.scan.trim().length >= 2
            ? html`<p class="muted">${t('sales.noResults')}</p>`
            : nothing
      }
    </section>`
  }

  private renderBuyer() {
    const b = this.buyer
    return html`<section class="card" aria-labelledby="buyer-title">
      <h2 id="buyer-title">${t('sales.buyer')}</h2>
      <div class="buyer">
        <strong data-testid="buyer">${b ? b.name : t('sales.sellToWalkIn')}</strong>
        ${b ? html`<button class="secondary" @click=${() => (this.buyer = null)}>${t('sales.switchToWalkIn')}</button>` : nothing}
      </div>
      ${field(
        'client',
        t('sales.clientSearch'),
        html`<input
          id="client"
          type="search"
          autocomplete="off"
          .value=${this.clientQuery}
          @input=${(e: Event) => this.onClientInput((e.target as HTMLInputElement).value)}
        />`,
      )}
      ${
        this.clients.length
          ? html`<ul class="results" aria-label=${t('sales.clientSearch')}>
              ${this.clients.map(
                (c) =>
                  html`<li>
                    <button
                      @click=${() => {
                        this.buyer = c
                        this.clients = []
                        this.clientQuery = ''
                      }}
                    >
                      <span>${c.name}</span>
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </section>`
  }

  private renderCart() {
    const totals = addTaxed(this.cart.map((l) => this.amounts(l)))
    return html`<section class="card" aria-labelledby="cart-title">
      <h2 id="cart-title">${t('sales.cart')}</h2>
      ${
        this.cart.length
          ? html`<table class="lines">
                <thead>
                  <tr>
                    <th>${t('sales.col.product')}</th>
                    <th class="num">${t('sales.col.quantity')}</th>
                    <th class="num">${t('sales.col.price')}</th>
                    <th class="num">${t('sales.col.vat')}</th>
                    <th class="num">${t('sales.col.amount')}</th>
                    <th><span class="visually-hidden">${t('sales.col.remove')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.cart.map((l) => {
                    const a = this.amounts(l)
                    return html`<tr data-product=${l.product.id}>
                      <td>${l.product.name} <span class="sub">${l.product.sku}</span></td>
                      <td class="num">
                        <input
                          type="number"
                          min="1"
                          step="1"
                          aria-label=${t('sales.quantityOf', { product: l.product.name })}
                          .value=${String(l.quantity)}
                          @change=${(e: Event) => this.setQuantity(l.product.id, (e.target as HTMLInputElement).value)}
                        />
                      </td>
                      <td class="num">${money(l.product.salePrice ?? 0)}</td>
                      <td class="num">${money(a.tax)}</td>
                      <td class="num">${money(a.gross)}</td>
                      <td>
                        <button
                          class="secondary"
                          aria-label=${t('sales.remove', { product: l.product.name })}
                          @click=${() => this.removeLine(l.product.id)}
                        >
                          ✕
                        </button>
                      </td>
                    </tr>`
                  })}
                </tbody>
              </table>
              <div class="totals">
                <span>${t('sales.totalNet')}</span><span class="num">${money(totals.net)}</span>
                <span>${t('sales.totalTax')}</span><span class="num">${money(totals.tax)}</span>
                <span class="grand">${t('sales.total')}</span
                ><span class="num grand" data-testid="total">${money(totals.gross)}</span>
              </div>
              ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
              <div class="pay">
                ${field(
                  'method',
                  t('sales.method'),
                  html`<select
                    id="method"
                    @change=${(e: Event) => (this.method = (e.target as HTMLSelectElement).value as SaleMethod)}
                  >
                    ${SALE_METHODS.map((m) => html`<option value=${m} ?selected=${m === this.method}>${t(`sales.method.${m}`)}</option>`)}
                  </select>`,
                )}
                <button class="primary" ?disabled=${this.busy} @click=${() => void this.pay()}>
                  ${t('sales.pay', { amount: money(totals.gross) })}
                </button>
              </div>`
          : html`<p class="muted">${t('sales.emptyCart')}</p>`
      }
    </section>`
  }

  private renderReceipt(s: Sale) {
    const when = formatDateTime(new Date(s.at), currentLocale(), s.timezone)
    const returning = this.returning
    return html`<section class="card" aria-labelledby="receipt-title" data-testid="receipt">
      <h2 id="receipt-title">${t('sales.receiptHeading', { number: s.number })}</h2>
      <p>
        ${t('sales.buyer')}: <strong>${s.client?.name || t('sales.walkIn')}</strong><br />
        ${t('sales.paidBy', { method: t(`sales.method.${s.method}`), when })}
      </p>
      <table class="lines">
        <thead>
          <tr>
            <th>${t('sales.col.product')}</th>
            <th class="num">${t('sales.col.quantity')}</th>
            <th class="num">${t('sales.col.vat')}</th>
            <th class="num">${t('sales.col.amount')}</th>
            ${s.returns.length || returning ? html`<th class="num">${t('sales.col.returned')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${s.lines.map(
            (l) =>
              html`<tr>
                <td>${l.description}</td>
                <td class="num">${l.quantity}</td>
                <td class="num">${money(l.tax)}</td>
                <td class="num">${money(l.gross)}</td>
                ${
                  s.returns.length || returning
                    ? html`<td class="num">
                        ${
                          returning && l.quantity > l.returned
                            ? html`<input
                                type="number"
                                min="0"
                                max=${l.quantity - l.returned}
                                step="1"
                                aria-label=${t('sales.returnQty', { product: l.description, left: l.quantity - l.returned })}
                                .value=${String(returning[l.key] ?? 0)}
                                @change=${(e: Event) => {
                                  const v = Math.max(
                                    0,
                                    Math.min(
                                      l.quantity - l.returned,
                                      Math.floor(Number((e.target as HTMLInputElement).value)) || 0,
                                    ),
                                  )
                                  this.returning = { ...returning, [l.key]: v }
                                }}
                              />`
                            : l.returned
                        }
                      </td>`
                    : nothing
                }
              </tr>`,
          )}
        </tbody>
      </table>
      <div class="totals">
        <span>${t('sales.totalNet')}</span><span class="num">${money(s.net)}</span> <span>${t('sales.totalTax')}</span
        ><span class="num">${money(s.tax)}</span> <span class="grand">${t('sales.total')}</span
        ><span class="num grand">${money(s.total)}</span>
        ${
          s.refunded
            ? html`<span>${t('sales.col.refunded')}</span><span class="num">${money(-s.refunded)}</span>
                <span>${t('sales.receipt.kept')}</span><span class="num">${money(s.total - s.refunded)}</span>`
            : nothing
        }
      </div>
      ${this.notice ? html`<p class="alert info" role="status">${this.notice}</p>` : nothing}
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${
        returning
          ? html`<div class="pay">
              ${field(
                'refund-method',
                t('sales.refundMethod'),
                html`<select
                  id="refund-method"
                  @change=${(e: Event) => (this.refundMethod = (e.target as HTMLSelectElement).value as SaleMethod)}
                >
                  ${SALE_METHODS.map((m) => html`<option value=${m} ?selected=${m === this.refundMethod}>${t(`sales.method.${m}`)}</option>`)}
                </select>`,
              )}
              <button class="secondary" @click=${() => (this.returning = null)}>${t('sales.cancel')}</button>
              <button class="primary" ?disabled=${this.busy} @click=${() => void this.takeBack()}>
                ${t('sales.refund', { amount: money(this.refundPreview(s, returning)) })}
              </button>
            </div>`
          : html`<div class="actions">
              <a class="button secondary" href=${receiptPdfUrl(s.id)} target="_blank" rel="noopener">${t('sales.openPdf')}</a>
              ${
                s.lines.some((l) => l.quantity > l.returned)
                  ? html`<button
                      class="secondary"
                      @click=${() => {
                        this.returning = {}
                        this.refundMethod = s.method
                        this.notice = null
                      }}
                    >
                      ${t('sales.returnAction')}
                    </button>`
                  : nothing
              }
              <button class="primary" @click=${() => this.newSale()}>${t('sales.newSale')}</button>
            </div>`
      }
    </section>`
  }

  /** What the refund will be (the server computes it the same way: each line's share of its gross). */
  private refundPreview(s: Sale, returning: Record<string, number>): number {
    let total = 0
    for (const l of s.lines) {
      const k = returning[l.key] ?? 0
      if (!k) continue
      total += subtract(proRata(l.gross, l.returned + k, l.quantity), proRata(l.gross, l.returned, l.quantity))
    }
    return total
  }

  /** The day's takings by method and what was refunded of them: what the cashier counts at closing. */
  private renderDayTotals() {
    const byMethod = SALE_METHODS.map((m) => ({ m, amount: sum(this.day.filter((r) => r.method === m).map((r) => r.total)) }))
    const refunded = sum(this.day.map((r) => r.refunded))
    return html`<dl class="day-totals" data-testid="day-totals">
      ${byMethod
        .filter((x) => x.amount)
        .map(
          (x) =>
            html`<div>
              <dt>${t(`sales.method.${x.m}`)}</dt>
              <dd>${money(x.amount)}</dd>
            </div>`,
        )}
      ${
        refunded
          ? html`<div>
              <dt>${t('sales.col.refunded')}</dt>
              <dd>${money(-refunded)}</dd>
            </div>`
          : nothing
      }
      <div class="grand">
        <dt>${t('sales.col.total')}</dt>
        <dd>${money(subtract(sum(this.day.map((r) => r.total)), refunded))}</dd>
      </div>
    </dl>`
  }

  private renderDay() {
    const tz = this.store?.timezone ?? 'UTC'
    const columns: DataTableColumn<SaleListItem>[] = [
      { key: 'time', title: t('sales.col.time'), width: '90px', render: (r) => formatTime(new Date(r.at), currentLocale(), tz) },
      {
        key: 'number',
        title: t('sales.col.receipt'),
        render: (r) => html`<a href="#" @click=${(e: Event) => (e.preventDefault(), void this.openSale(r.id))}>${r.number}</a>`,
      },
      { key: 'buyer', title: t('sales.col.buyer'), render: (r) => r.client?.name || t('sales.walkIn') },
      { key: 'method', title: t('sales.method'), hideBelow: 700, render: (r) => t(`sales.method.${r.method}`) },
      { key: 'total', title: t('sales.col.total'), align: 'end', className: 'num', render: (r) => money(r.total) },
      {
        key: 'refunded',
        title: t('sales.col.refunded'),
        align: 'end',
        className: 'num',
        hideBelow: 700,
        render: (r) => (r.refunded ? money(-r.refunded) : ''),
      },
    ]
    return html`<section class="card" aria-labelledby="day-title">
      <h2 id="day-title">${t('sales.today')}</h2>
      <crm-data-table
        layout="table"
        flat
        label=${t('sales.today')}
        .columns=${columns}
        .rows=${this.day}
        .keyFn=${(r: SaleListItem) => r.id}
        .cellStyles=${salesCellStyles}
        emptyText=${t('sales.noSales')}
      ></crm-data-table>
      ${this.day.length ? this.renderDayTotals() : nothing}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-sales-page': CrmSalesPage
  }
}
