import { css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import '../../components/crm-dialog'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { LOAN_CONDITIONS, type Loan, type LoanCondition, returnLoan } from '../../data/loans'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { conditionLabel, dayOf } from './labels'

export interface ReturnDialogParams {
  loan: Loan
}

/** "Take back": the item's condition (a lost one does not come back into the store) and a note. */
@customElement('crm-dialog-loan-return')
export class CrmDialogLoanReturn extends CrmDialogElement<ReturnDialogParams, Loan> {
  private form = new FormController(this, { fields: ['condition', 'note'] })
  @state() private condition: LoanCondition = 'good'
  @state() private note = ''
  private readonly locale = new LocaleController(this)
  static styles = [
    baseStyles,
    css`
      .conditions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
      }
      .conditions label {
        display: inline-flex;
        gap: 6px;
        align-items: center;
      }
      .hint {
        color: var(--crm-muted);
        margin: 4px 0 0;
      }
      .from {
        margin: 0 0 12px;
        color: var(--crm-muted);
      }
    `,
  ]

  render() {
    const l = this.params?.loan
    if (!l) return nothing
    const fe = this.form.fieldErrors
    return html`<crm-dialog
      heading=${t('loans.return.title', { item: l.productName })}
      open
      @crm-dialog-closed=${() => this.close()}
    >
      <form @submit=${this.onSubmit} novalidate>
        <p class="from">${t('loans.return.from', { client: l.clientName, date: dayOf(l.issuedAt) })}</p>
        ${this.form.error ? html`<p class="alert error" role="alert">${this.form.error}</p>` : nothing}
        <fieldset class="field">
          <legend>${t('loans.return.condition')}</legend>
          <div class="conditions" role="radiogroup">
            ${LOAN_CONDITIONS.map(
              (c) =>
                html`<label
                  ><input
                    type="radio"
                    name="condition"
                    value=${c}
                    .checked=${this.condition === c}
                    @change=${() => (this.condition = c)}
                  />${conditionLabel(c)}</label
                >`,
            )}
          </div>
          ${this.condition === 'lost' ? html`<p class="hint">${t('loans.return.lostHint')}</p>` : nothing}
          ${fe.condition ? html`<p class="error">${fe.condition}</p>` : nothing}
        </fieldset>
        ${field(
          'note',
          t('loans.return.note'),
          html`<textarea
            id="note"
            rows="2"
            maxlength="500"
            .value=${this.note}
            @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}
          ></textarea>`,
          { error: fe.note },
        )}
        <div class="form-actions">
          <button type="button" @click=${() => this.close()}>${t('common.cancel')}</button>
          <button class="primary" type="submit" ?disabled=${this.form.busy}>
            ${this.form.busy ? t('common.form.saving') : t('loans.return')}
          </button>
        </div>
      </form>
    </crm-dialog>`
  }

  private onSubmit = (e: Event) => {
    e.preventDefault()
    const l = this.params?.loan
    if (!l) return
    void this.form.send(async () => {
      this.close(await returnLoan(l.id, this.condition, this.note.trim() || null))
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-loan-return': CrmDialogLoanReturn
  }
}
