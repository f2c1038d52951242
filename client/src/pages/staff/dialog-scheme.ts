import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { parseAmount } from '../../../../domain/money'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { dateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { setPayScheme, type PayScheme } from '../../data/staff'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { currency, schemeWords } from './crm-staff-employee-words'

const MONEY = ['perLesson', 'perClient', 'hourly', 'monthly'] as const

/** "Change pay from…": the day it starts and the rates (they add up). Resolves with the new scheme. */
@customElement('crm-dialog-scheme')
export class CrmDialogScheme extends CrmDialogElement<
  { employeeId: string; name: string; current: PayScheme | null },
  PayScheme
> {
  private form = new FormController(this, { fields: ['validFrom', 'validTo', ...MONEY, 'revenueBp', 'note'] })
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  render() {
    if (!this.params) return nothing
    const fe = this.form.fieldErrors
    const cur = this.params.current
    const amount = (id: (typeof MONEY)[number]) =>
      field(
        id,
        t(`staff.screens.scheme.${id}`),
        html`<input
          id=${id}
          name=${id}
          inputmode="decimal"
          .value=${cur?.[id] ? String(cur[id]) : ''}
          aria-invalid=${this.form.invalid(id)}
        />`,
        { error: fe[id] },
      )
    return dialogForm(
      {
        heading: t('staff.screens.scheme.change', { name: this.params.name }),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${cur ? html`<p class="muted">${t('staff.screens.scheme.now', { scheme: schemeWords(cur) })}</p>` : nothing}
      ${field(
        'validFrom',
        t('staff.screens.scheme.validFrom'),
        dateInput({ id: 'validFrom', name: 'validFrom', value: '', onChange: () => {} }),
        {
          error: fe.validFrom,
          hint: t('staff.screens.scheme.validFromHint'),
        },
      )}
      ${amount('perLesson')} ${amount('perClient')}
      ${field(
        'revenueBp',
        t('staff.screens.scheme.revenuePercent'),
        html`<input
          id="revenueBp"
          name="revenueBp"
          inputmode="decimal"
          .value=${cur?.revenueBp ? String(cur.revenueBp / 100) : ''}
          aria-invalid=${this.form.invalid('revenueBp')}
        />`,
        { error: fe.revenueBp },
      )}
      ${amount('hourly')} ${amount('monthly')}
      ${field('note', t('staff.screens.scheme.note'), html`<input id="note" name="note" />`, { error: fe.note })}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const bad: Record<string, string> = {}
    const rate = (k: string) => {
      if (!str(k)) return 0
      const v = parseAmount(str(k), currency())
      if (v === null) bad[k] = t('staff.screens.scheme.badAmount')
      return v ?? 0
    }
    const rates = { perLesson: rate('perLesson'), perClient: rate('perClient'), hourly: rate('hourly'), monthly: rate('monthly') }
    const pct = str('revenueBp') ? Number(str('revenueBp').replace(',', '.')) : 0
    if (!Number.isFinite(pct)) bad.revenueBp = t('staff.screens.scheme.badAmount')
    if (!str('validFrom')) bad.validFrom = t('staff.screens.scheme.validFromRequired')
    if (Object.keys(bad).length) return this.form.refuse(bad)
    void this.form.send(async () => {
      const saved = await setPayScheme(p.employeeId, {
        validFrom: str('validFrom'),
        ...rates,
        revenueBp: Math.round(pct * 100),
        note: str('note'),
      })
      fireEvent(this, 'crm-toast', { message: () => t('staff.screens.scheme.saved'), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-scheme': CrmDialogScheme
  }
}
