import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { parseAmount } from '../../../../domain/money'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { dateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { addAdjustment, type PayAdjustment } from '../../data/staff'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { currency } from './crm-staff-employee-words'

const KINDS = ['bonus', 'deduction', 'correction'] as const

/** "Bonus or deduction": its kind, day, amount and reason (required). Resolves with it. */
@customElement('crm-dialog-adjustment')
export class CrmDialogAdjustment extends CrmDialogElement<{ employeeId: string; name: string; today: string }, PayAdjustment> {
  private form = new FormController(this, { fields: ['kind', 'on', 'amount', 'reason', 'corrects'] })
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  render() {
    if (!this.params) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('staff.screens.adjustment.add', { name: this.params.name }),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field(
        'kind',
        t('staff.screens.adjustment.kind'),
        html`<select id="kind" name="kind">
          ${KINDS.map((k) => html`<option value=${k}>${t(`staff.screens.adjustment.${k}`)}</option>`)}
        </select>`,
        { error: fe.kind },
      )}
      ${field('on', t('staff.screens.adjustment.on'), dateInput({ id: 'on', name: 'on', value: this.params.today, onChange: () => {} }), { error: fe.on })}
      ${field(
        'amount',
        t('staff.screens.adjustment.amount'),
        html`<input id="amount" name="amount" inputmode="decimal" aria-invalid=${this.form.invalid('amount')} />`,
        {
          error: fe.amount,
        },
      )}
      ${field('reason', t('staff.screens.adjustment.reason'), html`<input id="reason" name="reason" aria-invalid=${this.form.invalid('reason')} />`, { error: fe.reason })}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const amount = parseAmount(str('amount'), currency())
    const bad: Record<string, string> = {}
    if (amount === null) bad.amount = t('staff.screens.scheme.badAmount')
    if (!str('reason')) bad.reason = t('staff.reasonRequired')
    if (Object.keys(bad).length || amount === null) return this.form.refuse(bad)
    void this.form.send(async () => {
      const saved = await addAdjustment(p.employeeId, {
        kind: str('kind') as PayAdjustment['kind'],
        on: str('on'),
        amount,
        reason: str('reason'),
      })
      fireEvent(this, 'crm-toast', { message: () => t('staff.screens.adjustment.saved'), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-adjustment': CrmDialogAdjustment
  }
}
