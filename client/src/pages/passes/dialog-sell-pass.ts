import { css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { taxed } from '../../../../domain/money'
import { fireEvent } from '../../common/fire-event'
import { dateInput } from '../../components/date-input'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type PassPlan, type SaleResult, fetchPlans, sellPass } from '../../data/passes'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dayText } from '../clients/labels'
import { count, money } from './labels'

export interface SellPassParams {
  clientId: string
  clientName: string
  branchId?: string | null
  /** Today in the branch's time zone. */
  today: string
}

/** What the dialog ends with: the sale, and whether the desk takes a payment now. */
export interface SellPassResult {
  sale: SaleResult
  payNow: boolean
}

/**
 * "Sell a pass": the plan, the first day; the plan's price with its tax before selling, then the
 * invoice as the server made it (discount, tax, total) with "Take a payment" beside "Done".
 */
@customElement('crm-dialog-sell-pass')
export class CrmDialogSellPass extends CrmDialogElement<SellPassParams, SellPassResult> {
  private form = new FormController(this, { fields: ['planId', 'startsOn'] })
  @state() private plans: PassPlan[] | null = null
  @state() private planId = ''
  @state() private startsOn = ''
  @state() private sale: SaleResult | null = null
  private readonly locale = new LocaleController(this)
  static styles = [
    baseStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: auto auto;
        gap: 4px 16px;
        margin: 8px 0 12px;
      }
      dd {
        margin: 0;
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      dt.total,
      dd.total {
        font-weight: 600;
      }
    `,
  ]

  showDialog(params: SellPassParams, close: (result?: SellPassResult) => void) {
    super.showDialog(params, close)
    this.startsOn = params.today
    void fetchPlans({ branchId: params.branchId ?? undefined }).then(
      (items) => {
        this.plans = items.filter((p) => !p.archived && p.price !== null)
        this.planId = this.plans[0]?.id ?? ''
      },
      () => (this.plans = []),
    )
  }

  private get plan() {
    return this.plans?.find((p) => p.id === this.planId) ?? null
  }

  render() {
    const p = this.params
    if (!p) return nothing
    if (this.sale) return this.renderSold(this.sale)
    const fe = this.form.fieldErrors
    const plan = this.plan
    return dialogForm(
      {
        heading: t('passes.screens.sell.title', { name: p.clientName }),
        state: this.form,
        submitLabel: t('passes.screens.sell.submit'),
        busyLabel: t('passes.screens.sell.busy'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${
        this.plans === null
          ? html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`
          : this.plans.length === 0
            ? html`<p class="alert info">${t('passes.screens.sell.noPlans')}</p>`
            : field(
                'planId',
                t('passes.screens.sell.plan'),
                html`<select
                  id="planId"
                  name="planId"
                  aria-invalid=${this.form.invalid('planId')}
                  @change=${(e: Event) => (this.planId = (e.target as HTMLSelectElement).value)}
                >
                  ${this.plans.map(
                    (x) => html`<option value=${x.id} ?selected=${x.id === this.planId}>${x.name} — ${money(x.price)}</option>`,
                  )}
                </select>`,
                { error: fe.planId },
              )
      }
      ${field(
        'startsOn',
        t('passes.screens.sell.startsOn'),
        dateInput({ id: 'startsOn', value: this.startsOn, onChange: (v) => (this.startsOn = v ?? '') }),
        { error: fe.startsOn },
      )}
      ${plan ? this.renderPlanPrice(plan) : nothing}`,
    )
  }

  private renderPlanPrice(plan: PassPlan) {
    const rate = plan.taxRate ?? null
    const amount = taxed(plan.price ?? 0, rate ? { rateBp: rate.rateBp, mode: rate.mode } : null)
    return html`<dl aria-label=${t('passes.screens.sell.price')}>
        <dt>${t('passes.screens.sell.sessions')}</dt>
        <dd>${plan.sessions === null ? t('passes.screens.pass.unlimited') : count(plan.sessions)}</dd>
        <dt>${t('passes.screens.sell.validity')}</dt>
        <dd>
          ${
            plan.validDays
              ? t('passes.screens.sell.days', { days: plan.validDays })
              : plan.validUntil
                ? dayText(plan.validUntil)
                : ''
          }
        </dd>
        <dt>${t('passes.screens.money.net')}</dt>
        <dd>${money(amount.net)}</dd>
        <dt>${rate ? t('passes.screens.money.taxNamed', { name: rate.name }) : t('passes.screens.money.tax')}</dt>
        <dd>${money(amount.tax)}</dd>
        <dt class="total">${t('passes.screens.money.total')}</dt>
        <dd class="total">${money(amount.gross)}</dd>
      </dl>
      <p class="hint">${t('passes.screens.sell.discountHint')}</p>`
  }

  private renderSold(sale: SaleResult) {
    const i = sale.invoice
    return html`<crm-dialog
      heading=${t('passes.screens.sell.soldTitle')}
      open
      @crm-dialog-closed=${() => this.close({ sale, payNow: false })}
    >
      <p class="alert info" role="status">${t('passes.screens.sell.sold', { number: String(i.number) })}</p>
      <dl>
        ${
          i.net !== undefined
            ? html`<dt>${t('passes.screens.money.net')}</dt>
                <dd>${money(i.net)}</dd>`
            : nothing
        }
        ${
          i.discount
            ? html`<dt>${t('passes.screens.money.discount')}</dt>
                <dd>−${money(i.discount)}</dd>`
            : nothing
        }
        ${
          i.tax !== undefined
            ? html`<dt>${t('passes.screens.money.tax')}</dt>
                <dd>${money(i.tax)}</dd>`
            : nothing
        }
        <dt class="total">${t('passes.screens.money.total')}</dt>
        <dd class="total">${money(i.total)}</dd>
        <dt>${t('passes.screens.money.due')}</dt>
        <dd>${money(i.due)}</dd>
      </dl>
      <div class="form-actions">
        <button type="button" @click=${() => this.close({ sale, payNow: false })}>${t('passes.screens.done')}</button>
        <button type="button" class="primary" @click=${() => this.close({ sale, payNow: true })}>
          ${t('passes.screens.pay.action')}
        </button>
      </div>
    </crm-dialog>`
  }

  private submit = () => {
    const p = this.params
    if (!p) return
    if (!this.planId) {
      this.form.refuse({ planId: t('passes.screens.sell.choosePlan') })
      return
    }
    void this.form.send(async () => {
      this.sale = await sellPass(p.clientId, { planId: this.planId, ...(this.startsOn ? { startsOn: this.startsOn } : {}) })
      fireEvent(this, 'crm-toast', {
        message: t('passes.screens.sell.sold', { number: String(this.sale.invoice.number) }),
        kind: 'success',
      })
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-sell-pass': CrmDialogSellPass
  }
}
