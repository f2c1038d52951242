import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { parseAmount } from '../../../../domain/money'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { dateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { addService, type StaffService } from '../../data/staff'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { currency } from './crm-staff-employee-words'

const KINDS = ['party', 'consultation', 'other'] as const

/** "Add a service" outside the timetable: a birthday party, a consultation; its day, minutes, clients, fee. */
@customElement('crm-dialog-service')
export class CrmDialogService extends CrmDialogElement<{ employeeId: string; name: string; today: string }, StaffService> {
  private form = new FormController(this, { fields: ['kind', 'on', 'minutes', 'clients', 'fee', 'note'] })
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  render() {
    if (!this.params) return nothing
    const fe = this.form.fieldErrors
    const num = (id: string) => html`<input id=${id} name=${id} type="number" min="0" aria-invalid=${this.form.invalid(id)} />`
    return dialogForm(
      {
        heading: t('staff.screens.service.add', { name: this.params.name }),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field(
        'kind',
        t('staff.screens.service.kind'),
        html`<select id="kind" name="kind">
          ${KINDS.map((k) => html`<option value=${k}>${t(`staff.screens.service.${k}`)}</option>`)}
        </select>`,
        { error: fe.kind },
      )}
      ${field('on', t('staff.screens.service.on'), dateInput({ id: 'on', name: 'on', value: this.params.today, onChange: () => {} }), { error: fe.on })}
      ${field('minutes', t('staff.screens.service.minutes'), num('minutes'), { error: fe.minutes })}
      ${field('clients', t('staff.screens.service.clients'), num('clients'), { error: fe.clients })}
      ${field('fee', t('staff.screens.service.fee'), html`<input id="fee" name="fee" inputmode="decimal" aria-invalid=${this.form.invalid('fee')} />`, { error: fe.fee })}
      ${field('note', t('staff.screens.service.note'), html`<input id="note" name="note" />`, { error: fe.note })}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const fee = str('fee') ? parseAmount(str('fee'), currency()) : 0
    if (fee === null) return this.form.refuse({ fee: t('staff.screens.scheme.badAmount') })
    void this.form.send(async () => {
      const saved = await addService(p.employeeId, {
        kind: str('kind') as StaffService['kind'],
        on: str('on'),
        minutes: Number(str('minutes') || 0),
        clients: Number(str('clients') || 0),
        fee,
        note: str('note'),
      })
      fireEvent(this, 'crm-toast', { message: () => t('staff.screens.service.saved'), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-service': CrmDialogService
  }
}
