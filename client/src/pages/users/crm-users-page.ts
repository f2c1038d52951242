import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError, formErrors } from '../../data/api'
import { subscribeEntityChanges } from '../../data/live-events'
import { ROLES, type Role, roleLabel } from '../../data/roles'
import type { User } from '../../data/types'
import { createUser, fetchUsers, updateUser } from '../../data/users'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import '../../components/crm-dialog'

type Editing = { mode: 'create' } | { mode: 'edit'; user: User }

/** Staff accounts (owner, manager): list, create, change roles, activate/deactivate. */
@customElement('crm-users-page')
export class CrmUsersPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private users: User[] | null = null
  @state() private loadError: string | null = null
  @state() private editing: Editing | null = null
  @state() private formError: string | null = null
  @state() private fieldErrors: Record<string, string> = {}
  @state() private saving = false
  @state() private busyId: string | null = null
  private unsubscribe?: () => void

  static styles = [
    baseStyles,
    pageStyles,
    css`
      .card {
        overflow: hidden;
      }
      td .login {
        display: block;
        color: var(--crm-muted);
        font-size: 0.8125rem;
      }
      .roles {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      td.actions {
        text-align: right;
        white-space: nowrap;
      }
      td.actions button + button {
        margin-left: 6px;
      }
      tr.inactive td:not(.actions) {
        color: var(--crm-muted);
      }
      .role-grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px 16px;
        margin-top: 6px;
      }
      .role-grid label {
        display: flex;
        align-items: center;
        gap: 8px;
        font-weight: 400;
        font-size: 0.9375rem;
      }
      .alert {
        margin-bottom: 14px;
      }
      .empty {
        padding: 24px;
      }
    `,
  ]

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.unsubscribe?.()
    this.unsubscribe = undefined
  }

  protected willUpdate(changed: Map<string, unknown>) {
    // subscribe once the live connection is known; another manager's change refreshes the list
    if (changed.has('ctx') && this.ctx && (changed.get('ctx') as PageContext | undefined)?.live !== this.ctx.live) {
      this.unsubscribe?.()
      this.unsubscribe = subscribeEntityChanges(this.ctx.live, ['user'], () => void this.load())
    }
  }

  private async load() {
    try {
      this.users = await fetchUsers()
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : 'Could not load the users.'
    }
  }

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>Users</h1>
          <p>Staff accounts and what each person may do.</p>
        </div>
        <button class="primary" @click=${() => this.openDialog({ mode: 'create' })}>New user</button>
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.users === null && !this.loadError ? html`<p class="muted" aria-busy="true">Loading users…</p>` : nothing}
      ${this.users ? this.renderTable(this.users) : nothing}
      ${this.renderDialog()}
    `
  }

  private renderTable(users: User[]) {
    return html`<section class="card table-wrap">
      <table>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Roles</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          ${users.map((u) => {
            const self = u.id === this.ctx.user.id
            return html`<tr class=${u.active ? '' : 'inactive'} data-login=${u.login}>
              <td>${u.name}${self ? html` <span class="muted">(you)</span>` : nothing}<span class="login">${u.login}</span></td>
              <td><span class="roles">${u.roles.map((r) => html`<span class="chip">${roleLabel(r)}</span>`)}</span></td>
              <td>${u.active ? html`<span class="chip ok">Active</span>` : html`<span class="chip off">Inactive</span>`}</td>
              <td class="actions">
                <button class="small" @click=${() => this.openDialog({ mode: 'edit', user: u })} aria-label="Edit ${u.name}">Edit</button>
                <button class="small ${u.active ? 'danger' : ''}" ?disabled=${self || this.busyId === u.id}
                  title=${self ? 'You cannot deactivate your own account' : nothing}
                  aria-label="${u.active ? 'Deactivate' : 'Activate'} ${u.name}"
                  @click=${() => void this.setActive(u, !u.active)}>${u.active ? 'Deactivate' : 'Activate'}</button>
              </td>
            </tr>`
          })}
        </tbody>
      </table>
      ${users.length === 0 ? html`<p class="empty muted">No users yet.</p>` : nothing}
    </section>`
  }

  private renderDialog() {
    const e = this.editing
    const fe = this.fieldErrors
    const user = e?.mode === 'edit' ? e.user : null
    const roles: readonly string[] = user?.roles ?? []
    const field = (id: string, label: string, input: unknown, hint?: string) => html`<div class="field">
      <label for=${id}>${label}</label>${input}
      ${hint && !fe[id] ? html`<span class="hint">${hint}</span>` : nothing}
      ${fe[id] ? html`<span class="field-error" id="${id}-error">${fe[id]}</span>` : nothing}
    </div>`
    const invalid = (id: string) => (fe[id] ? 'true' : 'false')
    return html`<crm-dialog heading=${user ? `Edit ${user.name}` : 'New user'} .open=${e !== null} @crm-dialog-closed=${() => (this.editing = null)}>
      ${e
        ? html`<form @submit=${this.submit} novalidate>
            ${this.formError ? html`<p class="alert error" role="alert">${this.formError}</p>` : nothing}
            ${field('name', 'Full name', html`<input id="name" name="name" .value=${user?.name ?? ''} autocomplete="off" aria-invalid=${invalid('name')} />`)}
            ${user
              ? nothing
              : html`${field('login', 'Login', html`<input id="login" name="login" autocomplete="off" autocapitalize="none" spellcheck="false" aria-invalid=${invalid('login')} />`, 'Letters, digits, dot, dash and underscore.')}
                ${field('email', 'Email (optional)', html`<input id="email" name="email" type="email" autocomplete="off" aria-invalid=${invalid('email')} />`)}`}
            ${field('password', user ? 'New password (optional)' : 'Password', html`<input id="password" name="password" type="password" autocomplete="new-password" aria-invalid=${invalid('password')} />`, user ? 'Leave empty to keep the current password. Setting one signs the user out everywhere.' : 'At least 8 characters.')}
            <fieldset>
              <legend>Roles</legend>
              <div class="role-grid">
                ${ROLES.map((r) => html`<label><input type="checkbox" name="roles" value=${r} .checked=${roles.includes(r)} />${roleLabel(r)}</label>`)}
              </div>
              ${fe.roles ? html`<span class="field-error">${fe.roles}</span>` : nothing}
            </fieldset>
            <div class="form-actions">
              <button type="button" @click=${() => (this.editing = null)}>Cancel</button>
              <button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : user ? 'Save changes' : 'Create user'}</button>
            </div>
          </form>`
        : nothing}
    </crm-dialog>`
  }

  private openDialog(editing: Editing) {
    this.formError = null
    this.fieldErrors = {}
    this.editing = editing
    // the form is re-created per opening, so its inputs start from the user's values
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('form input')?.focus())
  }

  private async submit(ev: Event) {
    ev.preventDefault()
    const editing = this.editing
    if (!editing || this.saving) return
    const form = ev.target as HTMLFormElement
    const data = new FormData(form)
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const roles = data.getAll('roles').map(String) as Role[]
    this.saving = true
    this.formError = null
    this.fieldErrors = {}
    try {
      if (editing.mode === 'create') {
        const email = str('email')
        const user = await createUser({ name: str('name'), login: str('login'), password: String(data.get('password') ?? ''), roles, ...(email ? { email } : {}) })
        fireEvent(this, 'crm-toast', { message: `${user.name} can now sign in as “${user.login}”.`, kind: 'success' })
      } else {
        const password = String(data.get('password') ?? '')
        const user = await updateUser(editing.user.id, { name: str('name'), roles, ...(password ? { password } : {}) })
        fireEvent(this, 'crm-toast', { message: `Saved ${user.name}.`, kind: 'success' })
      }
      this.editing = null
      await this.load()
    } catch (e) {
      this.showError(e)
    } finally {
      this.saving = false
    }
  }

  private showError(e: unknown) {
    if (e instanceof ApiError) {
      const { byField, other } = formErrors(e.fields, ['name', 'login', 'email', 'password', 'roles'])
      this.fieldErrors = byField
      this.formError = other.length ? other.join(' ') : Object.keys(byField).length ? null : e.userMessage
    } else {
      this.formError = 'Something went wrong. Try again.'
    }
  }

  private async setActive(user: User, active: boolean) {
    this.busyId = user.id
    try {
      const updated = await updateUser(user.id, { active })
      fireEvent(this, 'crm-toast', { message: `${updated.name} is now ${updated.active ? 'active' : 'inactive'}.`, kind: 'success' })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', { message: e instanceof ApiError ? e.userMessage : 'Could not change the account.', kind: 'error' })
    } finally {
      this.busyId = null
    }
  }
}
