import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type Role, roleLabel } from '../../data/roles'
import type { Branch } from '../../data/types'
import { createUser, updateUser, type StaffAccount } from '../../data/users'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dialogUserStyles } from './dialog-user.styles'

export interface UserDialogParams {
  /** The account to edit (with what the viewer may do with it); none: a new account. */
  user: StaffAccount | null
  /** The branches the viewer may give. */
  branches: Branch[]
  /** The roles the viewer may give. */
  grantable: readonly Role[]
}

/**
 * "New user" / "Edit <name>": name, login and email (new accounts), password, roles and
 * branches, each only when the viewer may change it (the account's `actions`), roles only those
 * they may grant. Saves itself; resolves with the saved account.
 * @example const saved = await showDialog(this, 'crm-dialog-user', { user: null, branches, grantable }, () => import('./dialog-user'))
 */
@customElement('crm-dialog-user')
export class CrmDialogUser extends CrmDialogElement<UserDialogParams, StaffAccount> {
  private form = new FormController(this, { fields: ['name', 'login', 'email', 'password', 'roles', 'branchIds'] })

  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogUserStyles]

  render() {
    if (!this.params) return nothing
    const { user, branches, grantable } = this.params
    const fe = this.form.fieldErrors
    const roles: readonly string[] = user?.roles ?? []
    const invalid = (id: string) => this.form.invalid(id)
    const password = !user || user.actions.resetPassword
    const access = !user || user.actions.changeAccess
    return dialogForm(
      {
        heading: user ? t('users.dialog.editTitle', { name: user.name }) : t('users.dialog.newTitle'),
        state: this.form,
        submitLabel: user ? t('users.dialog.saveChanges') : t('users.dialog.create'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('users.dialog.fullName'), html`<input id="name" name="name" .value=${user?.name ?? ''} autocomplete="off" aria-invalid=${invalid('name')} />`, { error: fe.name })}
      ${
        user
          ? nothing
          : html`${field('login', t('users.dialog.login'), html`<input id="login" name="login" autocomplete="off" autocapitalize="none" spellcheck="false" aria-invalid=${invalid('login')} />`, { error: fe.login, hint: t('users.dialog.loginHint') })}
            ${field('email', t('users.dialog.email'), html`<input id="email" name="email" type="email" autocomplete="off" aria-invalid=${invalid('email')} />`, { error: fe.email })}`
      }
      ${
        password
          ? field(
              'password',
              user ? t('users.dialog.newPassword') : t('users.dialog.password'),
              html`<input
                id="password"
                name="password"
                type="password"
                autocomplete="new-password"
                aria-invalid=${invalid('password')}
              />`,
              {
                error: fe.password,
                hint: user ? t('users.dialog.passwordHintEdit') : t('users.dialog.passwordHintNew'),
              },
            )
          : nothing
      }
      ${
        access
          ? html`<fieldset>
                <legend>${t('users.dialog.roles')}</legend>
                <div class="role-grid">
                  ${grantable.map((r) => html`<label><input type="checkbox" name="roles" value=${r} .checked=${roles.includes(r)} />${roleLabel(r)}</label>`)}
                </div>
                ${roles.filter((r) => !grantable.includes(r as Role)).map((r) => html`<input type="hidden" name="roles" value=${r} />`)}
                ${fe.roles ? html`<span class="field-error">${fe.roles}</span>` : nothing}
              </fieldset>
              <fieldset>
                <legend>${t('users.dialog.branches')}</legend>
                <div class="role-grid">
                  ${branches.map((b) => html`<label><input type="checkbox" name="branchIds" value=${b.id} .checked=${user?.branchIds.includes(b.id) ?? false} />${b.name}</label>`)}
                </div>
                <span class="muted">${t('users.dialog.branchesHint')}</span>
                ${fe.branchIds ? html`<span class="field-error">${fe.branchIds}</span>` : nothing}
              </fieldset>`
          : html`<p class="muted">${t('users.dialog.noAccess')}</p>`
      }`,
    )
  }

  private submit = (data: FormData) => {
    const editing = this.params?.user ?? null
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const roles = data.getAll('roles').map(String) as Role[]
    const branchIds = data.getAll('branchIds').map(String)
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))
    void this.form.send(async () => {
      if (!editing) {
        const email = str('email')
        const user = await createUser({
          name: str('name'),
          login: str('login'),
          password: String(data.get('password') ?? ''),
          roles,
          branchIds,
          ...(email ? { email } : {}),
        })
        fireEvent(this, 'crm-toast', {
          message: t('users.toast.created', { name: user.name, login: user.login }),
          kind: 'success',
        })
        this.close(user)
      } else {
        const password = String(data.get('password') ?? '')
        // only what changed, and only what was offered
        const access = editing.actions.changeAccess
        const user = await updateUser(editing.id, {
          name: str('name'),
          ...(!access || same(roles, editing.roles) ? {} : { roles }),
          ...(!access || same(branchIds, editing.branchIds) ? {} : { branchIds }),
          ...(editing.actions.resetPassword && password ? { password } : {}),
        })
        fireEvent(this, 'crm-toast', { message: t('users.toast.saved', { name: user.name }), kind: 'success' })
        this.close(user)
      }
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-user': CrmDialogUser
  }
}
