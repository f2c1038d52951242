import { css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { parseAmount, toDecimalString } from '../../../../domain/money'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type InvoiceSummary, PAYMENT_METHODS, PaymentAttempt, type PaymentMethod, type PaymentResult } from '../../data/passes'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { currency, methodLabel, money } from './labels'

export interface PaymentParams {
  invoice: InvoiceSummary
  clientName: string
}

/**
 * "Take a payment" on an invoice: the amount as staff type it ("15 000", "1 500,50"), the method,
 * and, only when the amount is above what is due, an explicit "keep the rest as credit". One
 * idempotency key for the dialog's attempt: a double click or a retry after a dropped connection
 * charges once.
 */
@customElement('crm-dialog-payment')
export class CrmDialogPayment extends CrmDialogElement<PaymentParams, PaymentResult> {
  private form = new FormController(this, { fields: ['amount', 'method', 'overpay', 'invoiceId'] })
  private attempt = new PaymentAttempt()
  @state() private amountText = ''
  @state() private method: PaymentMethod = 'cash'
  @state() private keepCredit = false
  private readonly locale = new LocaleController(this)
  static styles = [
    baseStyles,
    css`
      .methods {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
      }
      .methods label {
        display: inline-flex;
        gap: 6px;
        align-items: center;
        font-weight: 400;
      }
    `,
  ]

  showDialog(params: PaymentParams, close: (result?: PaymentResult) => void) {
    super.showDialog(params, close)
    this.amountText = params.invoice.due > 0 ? toDecimalString(params.invoice.due, currency()) : ''
  }

  private get amount(): number | null {
    return parseAmount(this.amountText, currency())
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    const amount = this.amount
    const over = amount !== null && amount > p.invoice.due
    return dialogForm(
      {
        heading: t('passes.screens.pay.title', { number: String(p.invoice.number) }),
        state: this.form,
        submitLabel: t('passes.screens.pay.submit'),
        busyLabel: t('passes.screens.pay.busy'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`<p class="muted">
          ${t('passes.screens.pay.lead', { name: p.clientName, total: money(p.invoice.total), due: money(p.invoice.due) })}
        </p>
        ${field(
          'amount',
          t('passes.screens.pay.amount', { currency: currency() }),
          html`<input
            id="amount"
            name="amount"
            inputmode="decimal"
            autocomplete="off"
            .value=${this.amountText}
            aria-invalid=${this.form.invalid('amount')}
            aria-describedby=${fe.amount ? 'amount-error' : nothing}
            @input=${(e: Event) => (this.amountText = (e.target as HTMLInputElement).value)}
          />`,
          { error: fe.amount, hint: amount !== null ? money(amount) : t('passes.screens.pay.amountHint') },
        )}
        <fieldset>
          <legend>${t('passes.screens.pay.method')}</legend>
          <div class="methods">
            ${PAYMENT_METHODS.map(
              (m) =>
                html`<label
                  ><input
                    type="radio"
                    name="method"
                    value=${m}
                    .checked=${this.method === m}
                    @change=${() => (this.method = m)}
                  />
                  ${methodLabel(m)}</label
                >`,
            )}
          </div>
          ${fe.method ? html`<span class="field-error">${fe.method}</span>` : nothing}
        </fieldset>
        ${
          over
            ? html`<p class="alert warning">${t('passes.screens.pay.over', { extra: money(amount - p.invoice.due) })}</p>
                <label class="check"
                  ><input
                    type="checkbox"
                    name="overpay"
                    .checked=${this.keepCredit}
                    @change=${(e: Event) => (this.keepCredit = (e.target as HTMLInputElement).checked)}
                  />
                  ${t('passes.screens.pay.keepCredit')}</label
                >
                ${fe.overpay ? html`<span class="field-error">${fe.overpay}</span>` : nothing}`
            : nothing
        }`,
    )
  }

  private submit = () => {
    const p = this.params
    if (!p) return
    const amount = this.amount
    if (amount === null || amount <= 0) {
      this.form.refuse({ amount: t('passes.screens.pay.badAmount') })
      return
    }
    const over = amount > p.invoice.due
    if (over && !this.keepCredit) {
      this.form.refuse({ overpay: t('passes.screens.pay.chooseCredit') })
      return
    }
    void this.form.send(async () => {
      const result = await this.attempt.pay({
        invoiceId: p.invoice.id,
        amount,
        method: this.method,
        ...(over ? { overpay: true } : {}),
      })
      fireEvent(this, 'crm-toast', { message: t('passes.screens.pay.done', { amount: money(amount) }), kind: 'success' })
      this.close(result)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-payment': CrmDialogPayment
  }
}
