import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dateInput } from '../../components/date-input'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type Pass, freezePass } from '../../data/passes'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'

export interface FreezeParams {
  pass: Pass
  today: string
}

/** "Freeze the pass": from a day, for some days (within the plan's rules: the server says why not). */
@customElement('crm-dialog-freeze')
export class CrmDialogFreeze extends CrmDialogElement<FreezeParams, true> {
  private form = new FormController(this, { fields: ['from', 'days', 'reason'] })
  @state() private from = ''
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  showDialog(params: FreezeParams, close: (result?: true) => void) {
    super.showDialog(params, close)
    this.from = params.today
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('passes.screens.freeze.title', { name: p.pass.name ?? '' }),
        state: this.form,
        submitLabel: t('passes.screens.freeze.submit'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field(
        'from',
        t('passes.screens.freeze.from'),
        dateInput({ id: 'from', value: this.from, onChange: (v) => (this.from = v ?? '') }),
        {
          error: fe.from,
        },
      )}
      ${field(
        'days',
        t('passes.screens.freeze.days'),
        html`<input
          id="days"
          name="days"
          type="number"
          min="1"
          max="365"
          inputmode="numeric"
          aria-invalid=${this.form.invalid('days')}
        />`,
        { error: fe.days },
      )}
      ${field('reason', t('passes.screens.refund.reason'), html`<input id="reason" name="reason" maxlength="500" />`, { error: fe.reason })}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const days = Number(data.get('days'))
    if (!Number.isInteger(days) || days < 1) {
      this.form.refuse({ days: t('passes.screens.freeze.badDays') })
      return
    }
    const reason = String(data.get('reason') ?? '').trim()
    if (!this.from) {
      this.form.refuse({ from: t('passes.screens.plans.needDate') })
      return
    }
    void this.form.send(async () => {
      await freezePass(p.pass.id, { from: this.from, days, ...(reason ? { reason } : {}) })
      fireEvent(this, 'crm-toast', { message: t('passes.screens.freeze.done'), kind: 'success' })
      this.close(true)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-freeze': CrmDialogFreeze
  }
}
