import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { createBranch, updateBranch } from '../../data/branches'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dialogBranchStyles } from './dialog-branch.styles'

export interface BranchDialogParams {
  /** The branch to edit; none: a new branch. */
  branch: Branch | null
}

/**
 * "New branch" / "Edit <name>": name, address, phone and time zone. Saves itself; resolves with
 * the saved branch.
 * @example const saved = await showDialog(this, 'crm-dialog-branch', { branch: null }, () => import('./dialog-branch'))
 */
@customElement('crm-dialog-branch')
export class CrmDialogBranch extends CrmDialogElement<BranchDialogParams, Branch> {
  private form = new FormController(this, { fields: ['name', 'address', 'phone', 'timezone'] })

  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogBranchStyles]

  render() {
    if (!this.params) return nothing
    const b = this.params.branch
    const fe = this.form.fieldErrors
    const inv = (id: string) => this.form.invalid(id)
    return dialogForm(
      {
        heading: b ? t('branches.dialog.editBranch', { name: b.name }) : t('branches.dialog.newBranch'),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('branches.dialog.name'), html`<input id="name" name="name" .value=${b?.name ?? ''} aria-invalid=${inv('name')} />`, { error: fe.name })}
        ${field('address', t('branches.dialog.address'), html`<input id="address" name="address" .value=${b?.address ?? ''} aria-invalid=${inv('address')} />`, { error: fe.address })}
        <div class="row2">
          ${field('phone', t('branches.dialog.phone'), html`<input id="phone" name="phone" type="text" inputmode="tel" .value=${b?.phone ?? ''} aria-invalid=${inv('phone')} />`, { error: fe.phone })}
          ${field('timezone', t('branches.dialog.timezone'), html`<input id="timezone" name="timezone" .value=${b?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone} aria-invalid=${inv('timezone')} />`, { error: fe.timezone })}
        </div>`,
    )
  }

  private submit = (data: FormData) => {
    const branch = this.params?.branch ?? null
    const str = (k: string) => String(data.get(k) ?? '').trim()
    void this.form.send(async () => {
      const input = { name: str('name'), address: str('address'), phone: str('phone') || null, timezone: str('timezone') }
      const saved = branch ? await updateBranch(branch.id, input) : await createBranch(input)
      fireEvent(this, 'crm-toast', { message: t('branches.toast.branchSaved', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-branch': CrmDialogBranch
  }
}
