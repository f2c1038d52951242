import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError } from '../../data/api'
import { type Loan, type TraceItem, fetchClientReceived, fetchLoans } from '../../data/loans'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dayText, docKindLabel, localZone, whenText } from './labels'

/** Movements that put something in the client's hands or took it back. */
const RECEIVED = new Set(['sale', 'sale_return', 'loan', 'loan_return'])

/**
 * A client file's "Items received and on loan": what they have on loan now (overdue in red, with
 * the day it is due back) and what they received or gave back (sales, loans, returns), from the
 * stores of the reader's branches. Shown only to those who may read them (it hides itself on 403).
 */
@customElement('crm-client-loans')
export class CrmClientLoans extends LitElement {
  @property() clientId = ''
  @state() private onLoan: Loan[] = []
  @state() private received: TraceItem[] = []
  @state() private shown = false
  private readonly locale = new LocaleController(this)

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      section {
        margin-top: 16px;
        padding: 14px 16px;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 8px;
      }
      h3 {
        font-size: 0.875rem;
        margin: 10px 0 4px;
        color: var(--crm-muted);
        font-weight: 600;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        padding: 4px 0;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 10px;
        align-items: baseline;
      }
      .muted {
        color: var(--crm-muted);
        font-size: 0.875rem;
      }
      li.overdue .due {
        color: var(--crm-danger);
        font-weight: 600;
      }
    `,
  ]

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('clientId') && this.clientId) void this.load()
  }

  private async load() {
    const id = this.clientId
    const hidden = (e: unknown) => {
      if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return null
      throw e
    }
    try {
      const [loans, received] = await Promise.all([
        fetchLoans({ clientId: id }, null, 50).catch(hidden),
        fetchClientReceived(id, 20).catch(hidden),
      ])
      if (id !== this.clientId) return
      this.onLoan = loans?.items.filter((l) => l.status !== 'returned') ?? []
      this.received = received?.items.filter((m) => RECEIVED.has(m.kind)) ?? []
      this.shown = loans !== null || received !== null
    } catch {
      this.shown = false
    }
  }

  render() {
    if (!this.shown) return nothing
    const zone = localZone()
    return html`<section class="card" data-testid="client-items" aria-labelledby="items-title">
      <h2 id="items-title">${t('loans.client.title')}</h2>
      ${!this.onLoan.length && !this.received.length ? html`<p class="muted">${t('loans.client.none')}</p>` : nothing}
      ${
        this.onLoan.length
          ? html`<h3>${t('loans.client.onLoan')}</h3>
              <ul>
                ${this.onLoan.map(
                  (l) =>
                    html`<li class=${l.status} data-loan=${l.id}>
                      <strong>${t('loans.client.item', { product: l.productName, quantity: l.quantity })}</strong>
                      <span class="due">${t('loans.client.dueOn', { date: dayText(l.dueDate) })}</span>
                      ${l.status === 'overdue' ? html`<span class="due">${t('loans.status.overdue')}</span>` : nothing}
                      <span class="muted">${l.storeName}</span>
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${
        this.received.length
          ? html`<h3>${t('loans.client.received')}</h3>
              <ul>
                ${this.received.map(
                  (m) =>
                    html`<li data-kind=${m.kind}>
                      <span class="muted">${whenText(m.at, zone)}</span>
                      <span>${docKindLabel(m.kind)}</span>
                      <strong>${t('loans.client.item', { product: m.productName, quantity: Math.abs(m.quantity) })}</strong>
                      <span class="muted">${m.storeName}${m.authorName ? html` · ${m.authorName}` : nothing}</span>
                    </li>`,
                )}
              </ul>`
          : nothing
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-loans': CrmClientLoans
  }
}
