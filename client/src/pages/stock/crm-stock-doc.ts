import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime } from '../../common/dates'
import { fireEvent } from '../../common/fire-event'
import { navigate } from '../../common/navigate'
import { avatarBackground } from '../../components/avatar-colour'
import { confirmDialog } from '../../components/dialog-confirm'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import { LiveDocController } from '../../controllers/live-doc-controller'
import { ApiError } from '../../data/api'
import {
  STOCK_DOC_KINDS,
  type Product,
  type StockDoc,
  type Store,
  type Supplier,
  addOrBump,
  encodeStockDocName,
  fetchOnHand,
  fetchProducts,
  fetchStockDoc,
  fetchStores,
  fetchSuppliers,
  postStockDoc,
  postedMeta,
  readStockLines,
  removeLine,
  reverseStockDoc,
  setLineField,
} from '../../data/stock'
import { parseAmount, toDecimalString } from '../../../../domain/money'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { count, currency, docKindLabel, money, stockAbilities } from './labels'
import { stockDocStyles } from './crm-stock-doc.styles'

/** Lines that could not be posted: line key → its problems in the language shown ('' : the document's own). */
type Problems = Map<string, string[]>

/** The problems of a refused posting, per line (`lines.<key>.<field>`), in the language shown now. */
export function problemsOf(err: ApiError): Problems {
  const out: Problems = new Map()
  for (const [path, message] of Object.entries(err.fields)) {
    const m = /^lines\.([^.]+)\.(\w+)$/.exec(path)
    const key = m ? m[1] : ''
    out.set(key, [...(out.get(key) ?? []), message])
  }
  return out
}

/**
 * One stock document (/stock/docs/<id>): while a draft, its lines are the live document
 * `stock-doc:<id>`, filled by several storekeepers at once (who is here, and on which line); a
 * scanner types a code and Enter into the scan field (the product is added, or its line gets one
 * more); a count shows what is expected and the difference. Post (refused lines shown, translated)
 * and Reverse are commands; once posted the document is read-only on every open screen and says
 * who posted it and when.
 */
@customElement('crm-stock-doc')
export class CrmStockDoc extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property() docId = ''
  @state() private doc: StockDoc | null = null
  @state() private stores: Store[] = []
  @state() private suppliers: Supplier[] = []
  @state() private products: Product[] = []
  @state() private onHand = new Map<string, number>()
  @state() private error: string | null = null
  /** A refused posting or reversal (its lines' problems are worded in the language shown, each render). */
  @state() private refusal: ApiError | null = null
  @state() private scanNote: string | null = null
  @state() private busy = false
  @state() private pick = ''
  private readonly locale = new LocaleController(this)
  private readonly live = new LiveDocController(this, () => ({
    name: this.docId ? encodeStockDocName(this.docId) : null,
    user: this.ctx.user,
  }))

  static styles = [baseStyles, pageStyles, stockDocStyles]

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('docId') && this.docId) void this.load()
  }

  protected updated() {
    // posted on another screen: the document says so; fetch its state (who, when, reversal)
    const live = this.live.live
    if (live && this.doc?.status === 'draft' && postedMeta(live.doc) && !this.busy) void this.load()
  }

  private async load() {
    try {
      const [doc, stores, products, suppliers] = await Promise.all([
        fetchStockDoc(this.docId),
        fetchStores(),
        fetchProducts(),
        fetchSuppliers().catch(() => [] as Supplier[]),
      ])
      this.busy = false
      this.doc = doc
      this.stores = stores
      this.products = products
      this.suppliers = suppliers
      if (doc.kind === 'count') {
        const rows = await fetchOnHand({ storeId: doc.storeId })
        this.onHand = new Map(rows.map((r) => [r.productId, r.onHand]))
      }
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('stock.screens.loadError')
    }
  }

  private get readOnly(): boolean {
    const live = this.live.live
    if (!this.doc || this.doc.status !== 'draft' || !stockAbilities(this.ctx.user.roles).keep) return true
    return !live || live.readOnly || !!live.closed || !!postedMeta(live.doc)
  }

  private product(id: unknown): Product | undefined {
    return typeof id === 'string' ? this.products.find((p) => p.id === id) : undefined
  }

  private storeName(id: string | null) {
    return this.stores.find((s) => s.id === id)?.name ?? ''
  }

  render() {
    const d = this.doc
    const live = this.live.live
    const back = html`<a class="back" href="/stock?tab=docs">← ${t('stock.screens.doc.back')}</a>`
    if (!d)
      return html`${back}${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : html`<p aria-busy="true">${t('app.boot.loading')}</p>`}`
    const meta = live ? postedMeta(live.doc) : null
    const postedAt = d.postedAt ?? meta?.at ?? null
    const postedBy = meta?.by || (d.postedBy === this.ctx.user.id ? this.ctx.user.name : '')
    const ro = this.readOnly
    const posted = d.status === 'posted' || !!meta
    const canKeep = stockAbilities(this.ctx.user.roles).keep
    const problems = this.refusal ? problemsOf(this.refusal) : new Map<string, string[]>()
    return html`${back}
      <div class="page-header">
        <div>
          <h1>${t('stock.screens.doc.title', { kind: docKindLabel(d.kind), store: this.storeName(d.storeId) })}</h1>
          <p class="sub">
            ${d.toStoreId ? html`<span>${t('stock.screens.doc.toStore', { store: this.storeName(d.toStoreId) })}</span>` : nothing}
            ${d.supplierId ? html`<span>${t('stock.screens.doc.supplier', { name: this.suppliers.find((s) => s.id === d.supplierId)?.name ?? '' })}</span>` : nothing}
          </p>
        </div>
        <div class="live">
          ${live ? html`<crm-presence-list .presence=${live.presence}></crm-presence-list>` : nothing}
          ${live && !posted && !live.closed ? html`<crm-save-state .state=${live.savedState}></crm-save-state>` : nothing}
        </div>
      </div>
      <div class="state ${posted ? 'posted' : 'draft'}" role="status" data-testid="doc-state">
        ${
          posted
            ? postedAt
              ? postedBy
                ? t('stock.screens.doc.postedBy', { name: postedBy, date: formatDateTime(postedAt) })
                : t('stock.screens.doc.postedNoName', { date: formatDateTime(postedAt) })
              : t('stock.status.posted')
            : ro
              ? t('stock.screens.doc.readOnly')
              : t('stock.screens.doc.draft')
        }
        ${d.reverses ? html` · <a href="/stock/docs/${d.reverses}">${t('stock.screens.doc.openOriginal')}</a>` : nothing}
        ${d.reversedBy ? html` · <a href="/stock/docs/${d.reversedBy}">${t('stock.screens.doc.openReversal')}</a>` : nothing}
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${live?.closed ? html`<p class="alert error" role="alert">${t(live.closed.messageId)}</p>` : nothing}
      ${
        problems.size
          ? html`<div class="alert error" role="alert" data-testid="post-problems">
              <p>${t('stock.screens.doc.cannotPost')}</p>
              <ul>
                ${[...problems].map(
                  ([key, msgs]) =>
                    html`<li>${key ? html`<strong>${this.lineName(key)}</strong>: ` : nothing}${msgs.join('; ')}</li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      ${ro ? nothing : this.renderEntry()} ${this.renderLines(ro, problems)}
      ${
        canKeep
          ? html`<div class="actions">
              ${
                !posted
                  ? html`<button class="primary" ?disabled=${ro || this.busy} @click=${() => void this.post()}>
                      ${this.busy ? t('stock.screens.doc.posting') : t('stock.screens.doc.post')}
                    </button>`
                  : !d.reverses &&
                      !d.reversedBy &&
                      d.status === 'posted' &&
                      (STOCK_DOC_KINDS as readonly string[]).includes(d.kind)
                    ? html`<button ?disabled=${this.busy} @click=${() => void this.reverse()}>
                        ${t('stock.screens.doc.reverse')}
                      </button>`
                    : nothing
              }
            </div>`
          : nothing
      }`
  }

  private lineName(key: string): string {
    const live = this.live.live
    const line = live ? readStockLines(live.doc).find((l) => l.key === key) : undefined
    return this.product(line?.productId)?.name ?? t('stock.screens.doc.unknownProduct')
  }

  private renderEntry() {
    return html`<div class="entry card">
      <div class="field scan">
        <label for="scan">${t('stock.screens.doc.scan')}</label>
        <input id="scan" autocomplete="off" inputmode="numeric" @keydown=${this.onScanKey} aria-describedby="scan-hint" />
        <span class="hint" id="scan-hint">${this.scanNote ?? t('stock.screens.doc.scanHint')}</span>
      </div>
      <div class="field add">
        <label for="add-product">${t('stock.screens.doc.addProduct')}</label>
        <div class="inline">
          <select id="add-product" @change=${(e: Event) => (this.pick = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.pick}>${t('stock.screens.newDoc.pick')}</option>
            ${this.products.map((p) => html`<option value=${p.id} ?selected=${p.id === this.pick}>${p.name} (${p.sku})</option>`)}
          </select>
          <button ?disabled=${!this.pick} @click=${this.addPicked}>${t('stock.screens.doc.addLine')}</button>
        </div>
      </div>
    </div>`
  }

  private renderLines(ro: boolean, problems: Problems) {
    const live = this.live.live
    const d = this.doc
    if (!live || !d) return nothing
    const lines = readStockLines(live.doc)
    const isCount = d.kind === 'count'
    const withCost = d.kind === 'receipt'
    const others = live.presence.filter((p) => !p.self && p.focus?.startsWith('line:'))
    // a count: what was counted per product (summed over shelves), shown on the product's first line
    const counted = new Map<string, number>()
    const firstLine = new Map<string, string>()
    for (const l of lines) {
      if (typeof l.productId !== 'string') continue
      if (!firstLine.has(l.productId)) firstLine.set(l.productId, l.key)
      counted.set(l.productId, (counted.get(l.productId) ?? 0) + (typeof l.quantity === 'number' ? l.quantity : 0))
    }
    const posted = d.status === 'posted'
    // a document another area posted at once (a sale, a loan, a lesson's consumables) or a reversal has no lines: its movements
    if (posted && !lines.length && d.movements?.length) return this.renderMovements(d.movements)
    return html`<section class="card lines" aria-labelledby="lines-title">
      <h2 id="lines-title">
        ${t('stock.screens.doc.lines')} <span class="muted">${t('stock.screens.doc.linesCount', { count: lines.length })}</span>
      </h2>
      ${
        lines.length
          ? html`<table data-testid="lines">
              <thead>
                <tr>
                  <th scope="col">${t('stock.screens.doc.product')}</th>
                  <th scope="col" class="num">${isCount ? t('stock.screens.doc.counted') : t('stock.screens.doc.quantity')}</th>
                  ${
                    isCount && !posted
                      ? html`<th scope="col" class="num">${t('stock.screens.doc.expected')}</th>
                          <th scope="col" class="num">${t('stock.screens.doc.difference')}</th>`
                      : nothing
                  }
                  ${withCost ? html`<th scope="col" class="num">${t('stock.screens.doc.unitCost', { currency: currency() })}</th>` : nothing}
                  ${ro ? nothing : html`<th scope="col"><span class="visually-hidden">${t('stock.screens.actions')}</span></th>`}
                </tr>
              </thead>
              <tbody>
                ${lines.map((l) => {
                  const p = this.product(l.productId)
                  const name = p?.name ?? t('stock.screens.doc.unknownProduct')
                  const here = others.filter((o) => o.focus === `line:${l.key}`)
                  const problem = problems.get(l.key)
                  const q = typeof l.quantity === 'number' ? l.quantity : null
                  const pid = typeof l.productId === 'string' ? l.productId : ''
                  const first = firstLine.get(pid) === l.key
                  const expected = this.onHand.get(pid) ?? 0
                  const diff = (counted.get(pid) ?? 0) - expected
                  return html`<tr data-line=${l.key} data-product=${name} class=${problem ? 'bad' : ''}>
                    <td>
                      <strong>${name}</strong>${p ? html` <span class="muted">${p.sku}</span>` : nothing}
                      ${here.map(
                        (o) =>
                          html`<span
                            class="who"
                            style="border-color:${avatarBackground(o.user.colour)}"
                            title=${t('stock.screens.doc.editing', { name: o.user.name })}
                            >${o.user.name}</span
                          >`,
                      )}
                      ${problem ? html`<div class="line-problem">${problem.join('; ')}</div>` : nothing}
                    </td>
                    <td class="num">
                      ${
                        ro
                          ? html`<span data-testid="qty">${q === null ? '' : count(q)}</span> ${p?.unit ?? ''}`
                          : html`<input
                              class="qty"
                              type="number"
                              min="0"
                              step="1"
                              inputmode="numeric"
                              aria-label=${`${isCount ? t('stock.screens.doc.counted') : t('stock.screens.doc.quantity')}: ${name}`}
                              .value=${q === null ? '' : String(q)}
                              @focus=${() => live.setFocus(`line:${l.key}`)}
                              @blur=${() => live.setFocus(null)}
                              @input=${(e: Event) => this.setQuantity(l.key, (e.target as HTMLInputElement).value)}
                            />`
                      }
                    </td>
                    ${
                      isCount && !posted
                        ? html`<td class="num muted" data-testid="expected">${first ? count(expected) : ''}</td>
                            <td class="num ${first && diff !== 0 ? (diff < 0 ? 'minus' : 'plus') : ''}" data-testid="difference">
                              ${first ? (diff > 0 ? `+${count(diff)}` : count(diff)) : ''}
                            </td>`
                        : nothing
                    }
                    ${
                      withCost
                        ? html`<td class="num">
                            ${
                              ro
                                ? typeof l.unitCost === 'number'
                                  ? money(l.unitCost)
                                  : p?.price
                                    ? money(p.price.cost)
                                    : ''
                                : html`<input
                                    class="cost"
                                    inputmode="decimal"
                                    aria-label=${`${t('stock.screens.doc.unitCost', { currency: currency() })}: ${name}`}
                                    placeholder=${p?.price ? toDecimalString(p.price.cost, currency()) : ''}
                                    .value=${typeof l.unitCost === 'number' ? toDecimalString(l.unitCost, currency()) : ''}
                                    @focus=${() => live.setFocus(`line:${l.key}`)}
                                    @blur=${() => live.setFocus(null)}
                                    @change=${(e: Event) => this.setCost(l.key, (e.target as HTMLInputElement).value)}
                                  />`
                            }
                          </td>`
                        : nothing
                    }
                    ${
                      ro
                        ? nothing
                        : html`<td class="end">
                            <button
                              class="small"
                              aria-label=${t('stock.screens.doc.removeLabel', { name })}
                              @click=${() => removeLine(live.doc, l.key)}
                            >
                              ${t('stock.screens.doc.remove')}
                            </button>
                          </td>`
                    }
                  </tr>`
                })}
              </tbody>
            </table>`
          : html`<p class="muted">${ro ? '—' : t('stock.screens.doc.noLines')}</p>`
      }
    </section>`
  }

  private renderMovements(movements: NonNullable<StockDoc['movements']>) {
    return html`<section class="card lines" aria-labelledby="moves-title">
      <h2 id="moves-title">${t('stock.screens.doc.movements')}</h2>
      <table data-testid="movements">
        <thead>
          <tr>
            <th scope="col">${t('stock.screens.doc.product')}</th>
            <th scope="col">${t('stock.screens.store')}</th>
            <th scope="col" class="num">${t('stock.screens.doc.quantity')}</th>
            <th scope="col" class="num">${t('stock.screens.doc.unitCost', { currency: currency() })}</th>
          </tr>
        </thead>
        <tbody>
          ${movements.map((m) => {
            const p = this.product(m.productId)
            return html`<tr>
              <td>
                <strong>${p?.name ?? t('stock.screens.doc.unknownProduct')}</strong
                >${p ? html` <span class="muted">${p.sku}</span>` : nothing}
              </td>
              <td>${this.storeName(m.storeId)}</td>
              <td class="num ${m.quantity < 0 ? 'minus' : 'plus'}">
                ${m.quantity > 0 ? `+${count(m.quantity)}` : count(m.quantity)} ${p?.unit ?? ''}
              </td>
              <td class="num">${money(m.unitCost)}</td>
            </tr>`
          })}
        </tbody>
      </table>
    </section>`
  }

  private setQuantity(key: string, text: string) {
    const live = this.live.live
    if (!live || this.readOnly) return
    const n = text.trim() === '' ? '' : Number(text)
    setLineField(live.doc, key, 'quantity', n === '' || Number.isNaN(n) ? '' : n)
  }

  private setCost(key: string, text: string) {
    const live = this.live.live
    if (!live || this.readOnly) return
    const v = text.trim() === '' ? '' : parseAmount(text, currency())
    setLineField(live.doc, key, 'unitCost', v === null ? text : v)
  }

  private onScanKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    const input = e.target as HTMLInputElement
    const code = input.value.trim()
    if (!code) return
    const live = this.live.live
    if (!live || this.readOnly) return
    const lower = code.toLowerCase()
    const p = this.products.find((x) => x.barcode === code) ?? this.products.find((x) => x.sku.toLowerCase() === lower)
    if (!p) {
      this.scanNote = t('stock.screens.doc.scanUnknown', { code })
      input.select()
      return
    }
    this.scanNote = null
    addOrBump(live.doc, p.id)
    input.value = ''
  }

  private addPicked = () => {
    const live = this.live.live
    if (!live || !this.pick || this.readOnly) return
    addOrBump(live.doc, this.pick)
    this.pick = ''
  }

  private async post() {
    if (!this.doc) return
    const ok = await confirmDialog(this, {
      heading: t('stock.screens.doc.postConfirmTitle'),
      text: t('stock.screens.doc.postConfirmText'),
      confirmLabel: t('stock.screens.doc.post'),
    })
    if (!ok) return
    this.busy = true
    this.refusal = null
    try {
      this.doc = await postStockDoc(this.doc.id)
      fireEvent(this, 'crm-toast', { message: () => t('stock.screens.doc.postedToast'), kind: 'success' })
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && Object.keys(e.fields).length) this.refusal = e
      else this.error = e instanceof ApiError ? e.userMessage : t('common.error.unexpected')
    } finally {
      this.busy = false
    }
  }

  private async reverse() {
    if (!this.doc) return
    const ok = await confirmDialog(this, {
      heading: t('stock.screens.doc.reverseConfirmTitle'),
      text: t('stock.screens.doc.reverseConfirmText'),
      confirmLabel: t('stock.screens.doc.reverse'),
      tone: 'danger',
    })
    if (!ok) return
    this.busy = true
    try {
      const reversal = await reverseStockDoc(this.doc.id)
      fireEvent(this, 'crm-toast', { message: () => t('stock.screens.doc.reversedToast'), kind: 'success' })
      navigate(`/stock/docs/${reversal.id}`)
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && Object.keys(e.fields).length) this.refusal = e
      else this.error = e instanceof ApiError ? e.userMessage : t('common.error.unexpected')
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-doc': CrmStockDoc
  }
}
