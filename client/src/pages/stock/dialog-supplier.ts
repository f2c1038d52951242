import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type Store, type Supplier, createStore, createSupplier } from '../../data/stock'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'

/** "New supplier": name, contact person, phone, email. Resolves with the supplier. */
@customElement('crm-dialog-supplier')
export class CrmDialogSupplier extends CrmDialogElement<Record<string, never>, Supplier> {
  private form = new FormController(this, { fields: ['name', 'contact', 'phone', 'email'] })
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  render() {
    if (!this.params) return nothing
    const fe = this.form.fieldErrors
    const input = (id: string, type = 'text') =>
      html`<input id=${id} name=${id} type=${type} aria-invalid=${this.form.invalid(id)} />`
    return dialogForm(
      {
        heading: t('stock.screens.suppliers.new'),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('stock.screens.suppliers.name'), input('name'), { error: fe.name })}
      ${field('contact', t('stock.screens.suppliers.contact'), input('contact'), { error: fe.contact })}
      ${field('phone', t('stock.screens.suppliers.phone'), input('phone', 'tel'), { error: fe.phone })}
      ${field('email', t('stock.screens.suppliers.email'), input('email', 'email'), { error: fe.email })}`,
    )
  }

  private submit = (data: FormData) => {
    const str = (k: string) => String(data.get(k) ?? '').trim()
    void this.form.send(async () => {
      const saved = await createSupplier({ name: str('name'), contact: str('contact'), phone: str('phone'), email: str('email') })
      fireEvent(this, 'crm-toast', { message: () => t('stock.screens.suppliers.saved', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

/** "New store in <branch>": its name. Resolves with the store. */
@customElement('crm-dialog-store')
export class CrmDialogStore extends CrmDialogElement<{ branch: Branch }, Store> {
  private form = new FormController(this, { fields: ['name', 'branchId'] })
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  render() {
    if (!this.params) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('stock.screens.stores.newIn', { branch: this.params.branch.name }),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field(
        'name',
        t('stock.screens.stores.name'),
        html`<input id="name" name="name" aria-invalid=${this.form.invalid('name')} />`,
        {
          error: fe.name ?? fe.branchId,
        },
      )}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    void this.form.send(async () => {
      const saved = await createStore({ branchId: p.branch.id, name: String(data.get('name') ?? '').trim() })
      fireEvent(this, 'crm-toast', { message: () => t('stock.screens.stores.saved', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-supplier': CrmDialogSupplier
    'crm-dialog-store': CrmDialogStore
  }
}
