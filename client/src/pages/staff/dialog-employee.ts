import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { dateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { createEmployee, fetchLogins, type EmployeeFile } from '../../data/staff'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'

/** "New employee" in a branch: name, positions, a login if they have one, phone. Resolves with the file. */
@customElement('crm-dialog-employee')
export class CrmDialogEmployee extends CrmDialogElement<{ branch: Branch }, EmployeeFile> {
  private form = new FormController(this, { fields: ['name', 'positions', 'userId', 'phone', 'email', 'hiredOn', 'branchIds'] })
  private readonly locale = new LocaleController(this)
  @state() private logins: Array<{ id: string; login: string; name: string }> = []
  static styles = [baseStyles]

  connectedCallback() {
    super.connectedCallback()
    void fetchLogins().then((l) => (this.logins = l))
  }

  render() {
    if (!this.params) return nothing
    const fe = this.form.fieldErrors
    const input = (id: string, type = 'text') =>
      html`<input id=${id} name=${id} type=${type} aria-invalid=${this.form.invalid(id)} />`
    return dialogForm(
      {
        heading: t('staff.screens.employees.newIn', { branch: this.params.branch.name }),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('staff.screens.employees.name'), input('name'), { error: fe.name ?? fe.branchIds })}
      ${field('positions', t('staff.screens.employees.positions'), input('positions'), {
        error: fe.positions,
        hint: t('staff.screens.employees.positionsHint'),
      })}
      ${field(
        'userId',
        t('staff.screens.employees.login'),
        html`<select id="userId" name="userId" aria-invalid=${this.form.invalid('userId')}>
          <option value="">${t('staff.screens.employees.noLogin')}</option>
          ${this.logins.map((u) => html`<option value=${u.id}>${u.name} (${u.login})</option>`)}
        </select>`,
        { error: fe.userId },
      )}
      ${field('phone', t('staff.screens.employees.phone'), input('phone', 'tel'), { error: fe.phone })}
      ${field('hiredOn', t('staff.screens.employees.hiredOn'), dateInput({ id: 'hiredOn', name: 'hiredOn', value: '', onChange: () => {} }), { error: fe.hiredOn })}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    if (!str('name')) return this.form.refuse({ name: t('staff.nameRequired') })
    void this.form.send(async () => {
      const saved = await createEmployee({
        name: str('name'),
        positions: str('positions')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
        branchIds: [p.branch.id],
        userId: str('userId') || null,
        phone: str('phone') || null,
        hiredOn: str('hiredOn') || null,
      })
      fireEvent(this, 'crm-toast', { message: () => t('staff.screens.employees.saved', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-employee': CrmDialogEmployee
  }
}
