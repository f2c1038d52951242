import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { parseAmount } from '../../../../domain/money'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import {
  type InvoiceSummary,
  type Pass,
  PAYMENT_METHODS,
  PaymentAttempt,
  type PaymentMethod,
  type RefundInput,
  postRefund,
} from '../../data/passes'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { currency, methodLabel, money } from './labels'

export interface RefundParams {
  invoice: InvoiceSummary
  pass?: Pass | null
  clientName: string
}

/**
 * "Refund": pro rata to the pass's unused sessions (the server computes it and ends the pass), or
 * an amount, never above what was paid (the server refuses more, naming the field). One key per
 * attempt, as payments.
 */
@customElement('crm-dialog-refund')
export class CrmDialogRefund extends CrmDialogElement<RefundParams, true> {
  private form = new FormController(this, { fields: ['amount', 'method', 'reason', 'passId', 'invoiceId'] })
  private attempt = new PaymentAttempt<RefundInput, unknown>(postRefund)
  @state() private kind: 'sessions' | 'amount' = 'amount'
  @state() private amountText = ''
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  showDialog(params: RefundParams, close: (result?: true) => void) {
    super.showDialog(params, close)
    this.kind = params.pass && params.pass.sessionsLeft !== null && params.pass.status !== 'ended' ? 'sessions' : 'amount'
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    const canSessions = !!p.pass && p.pass.sessionsLeft !== null && p.pass.status !== 'ended'
    return dialogForm(
      {
        heading: t('passes.screens.refund.title', { number: String(p.invoice.number) }),
        state: this.form,
        submitLabel: t('passes.screens.refund.submit'),
        tone: 'danger',
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`<p class="muted">${t('passes.screens.refund.lead', { name: p.clientName, paid: money(p.invoice.paid) })}</p>
        <fieldset>
          <legend>${t('passes.screens.refund.how')}</legend>
          ${
            canSessions
              ? html`<label class="check"
                  ><input
                    type="radio"
                    name="kind"
                    value="sessions"
                    .checked=${this.kind === 'sessions'}
                    @change=${() => (this.kind = 'sessions')}
                  />
                  ${t('passes.screens.refund.sessions', { left: p.pass?.sessionsLeft ?? 0 })}</label
                >`
              : nothing
          }
          <label class="check"
            ><input
              type="radio"
              name="kind"
              value="amount"
              .checked=${this.kind === 'amount'}
              @change=${() => (this.kind = 'amount')}
            />
            ${t('passes.screens.refund.amountChoice')}</label
          >
        </fieldset>
        ${
          this.kind === 'amount'
            ? field(
                'amount',
                t('passes.screens.pay.amount', { currency: currency() }),
                html`<input
                  id="amount"
                  inputmode="decimal"
                  autocomplete="off"
                  .value=${this.amountText}
                  aria-invalid=${this.form.invalid('amount')}
                  @input=${(e: Event) => (this.amountText = (e.target as HTMLInputElement).value)}
                />`,
                { error: fe.amount },
              )
            : nothing
        }
        ${field(
          'method',
          t('passes.screens.pay.method'),
          html`<select id="method" name="method">
            ${PAYMENT_METHODS.map((m) => html`<option value=${m}>${methodLabel(m)}</option>`)}
          </select>`,
          { error: fe.method },
        )}
        ${field('reason', t('passes.screens.refund.reason'), html`<input id="reason" name="reason" maxlength="500" />`, {
          error: fe.reason,
        })}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const method = String(data.get('method') ?? 'cash') as PaymentMethod
    const reason = String(data.get('reason') ?? '').trim()
    let input: RefundInput
    if (this.kind === 'sessions' && p.pass) {
      input = { passId: p.pass.id, mode: 'unused', method }
    } else {
      const amount = parseAmount(this.amountText, currency())
      if (amount === null || amount <= 0) {
        this.form.refuse({ amount: t('passes.screens.pay.badAmount') })
        return
      }
      input = { invoiceId: p.invoice.id, mode: 'amount', amount, method }
    }
    if (reason) input.reason = reason
    void this.form.send(async () => {
      await this.attempt.pay(input)
      fireEvent(this, 'crm-toast', { message: t('passes.screens.refund.done'), kind: 'success' })
      this.close(true)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-refund': CrmDialogRefund
  }
}
