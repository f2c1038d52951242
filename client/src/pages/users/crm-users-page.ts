import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import { ROLES, type Role, roleLabel } from '../../data/roles'
import { fetchBranches } from '../../data/branches'
import type { Branch, User } from '../../data/types'
import { createUser, fetchUsers, updateUser } from '../../data/users'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { dialogForm, field } from '../../components/dialog-form'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { FormController } from '../../controllers/form-controller'

type Editing = { mode: 'create' } | { mode: 'edit'; user: User }

/** Staff accounts (owner, manager): list, create, change roles, activate/deactivate. */
@customElement('crm-users-page')
export class CrmUsersPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private users: User[] | null = null
  @state() private branches: Branch[] = []
  @state() private loadError: string | null = null
  @state() private editing: Editing | null = null
  private form = new FormController(this, { fields: ['name', 'login', 'email', 'password', 'roles', 'branchIds'] })
  @state() private busyId: string | null = null
  private reload = new EntityReloadController(
    this,
    ['user'],
    () => this.ctx?.live,
    () => this.load(),
  )

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

  private async load() {
    try {
      const [users, branches] = await Promise.all([fetchUsers(), fetchBranches()])
      this.users = users
      this.branches = branches
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
      ${this.users ? this.renderTable(this.users) : nothing} ${this.renderDialog()}
    `
  }

  private renderTable(users: User[]) {
    return html`<section class="card table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Branches</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${users.map((u) => {
            const self = u.id === this.ctx.user.id
            return html`<tr class=${u.active ? '' : 'inactive'} data-login=${u.login}>
              <td>${u.name}${self ? html` <span class="muted">(you)</span>` : nothing}<span class="login">${u.login}</span></td>
              <td><span class="roles">${u.roles.map((r) => html`<span class="chip">${roleLabel(r)}</span>`)}</span></td>
              <td class="branches">${this.branchNames(u.branchIds)}</td>
              <td>${u.active ? html`<span class="chip ok">Active</span>` : html`<span class="chip off">Inactive</span>`}</td>
              <td class="actions">
                <button class="small" @click=${() => this.openDialog({ mode: 'edit', user: u })} aria-label="Edit ${u.name}">
                  Edit
                </button>
                <button
                  class="small ${u.active ? 'danger' : ''}"
                  ?disabled=${self || this.busyId === u.id}
                  title=${self ? 'You cannot deactivate your own account' : nothing}
                  aria-label="${u.active ? 'Deactivate' : 'Activate'} ${u.name}"
                  @click=${() => void this.setActive(u, !u.active)}
                >
                  ${u.active ? 'Deactivate' : 'Activate'}
                </button>
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
    const fe = this.form.fieldErrors
    const user = e?.mode === 'edit' ? e.user : null
    const roles: readonly string[] = user?.roles ?? []
    const invalid = (id: string) => this.form.invalid(id)
    return dialogForm(
      {
        heading: user ? `Edit ${user.name}` : 'New user',
        open: e !== null,
        state: this.form,
        submitLabel: user ? 'Save changes' : 'Create user',
        onSubmit: this.submit,
        onClose: () => (this.editing = null),
      },
      html`${field('name', 'Full name', html`<input id="name" name="name" .value=${user?.name ?? ''} autocomplete="off" aria-invalid=${invalid('name')} />`, { error: fe.name })}
        ${
          user
            ? nothing
            : html`${field('login', 'Login', html`<input id="login" name="login" autocomplete="off" autocapitalize="none" spellcheck="false" aria-invalid=${invalid('login')} />`, { error: fe.login, hint: 'Letters, digits, dot, dash and underscore.' })}
              ${field('email', 'Email (optional)', html`<input id="email" name="email" type="email" autocomplete="off" aria-invalid=${invalid('email')} />`, { error: fe.email })}`
        }
        ${field(
          'password',
          user ? 'New password (optional)' : 'Password',
          html`<input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            aria-invalid=${invalid('password')}
          />`,
          {
            error: fe.password,
            hint: user
              ? 'Leave empty to keep the current password. Setting one signs the user out everywhere.'
              : 'At least 8 characters.',
          },
        )}
        <fieldset>
          <legend>Roles</legend>
          <div class="role-grid">
            ${ROLES.map((r) => html`<label><input type="checkbox" name="roles" value=${r} .checked=${roles.includes(r)} />${roleLabel(r)}</label>`)}
          </div>
          ${fe.roles ? html`<span class="field-error">${fe.roles}</span>` : nothing}
        </fieldset>
        <fieldset>
          <legend>Branches</legend>
          <div class="role-grid">
            ${this.branches.map((b) => html`<label><input type="checkbox" name="branchIds" value=${b.id} .checked=${user?.branchIds.includes(b.id) ?? false} />${b.name}</label>`)}
          </div>
          <span class="muted">None ticked: every branch (owners, managers and auditors only).</span>
          ${fe.branchIds ? html`<span class="field-error">${fe.branchIds}</span>` : nothing}
        </fieldset>`,
    )
  }

  /** The names of a user's branches; none = every branch. */
  private branchNames(ids: readonly string[]) {
    if (!ids.length) return html`<span class="muted">All branches</span>`
    return html`<span class="roles"
      >${ids.map((id) => html`<span class="chip">${this.branches.find((b) => b.id === id)?.name ?? 'Unknown branch'}</span>`)}</span
    >`
  }

  private openDialog(editing: Editing) {
    this.form.clear()
    this.editing = editing
    // the form is re-created per opening, so its inputs start from the user's values
    this.form.focusFirstInput()
  }

  private submit = (data: FormData) => {
    const editing = this.editing
    if (!editing) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const roles = data.getAll('roles').map(String) as Role[]
    const branchIds = data.getAll('branchIds').map(String)
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))
    void this.form.send(async () => {
      if (editing.mode === 'create') {
        const email = str('email')
        const user = await createUser({
          name: str('name'),
          login: str('login'),
          password: String(data.get('password') ?? ''),
          roles,
          branchIds,
          ...(email ? { email } : {}),
        })
        fireEvent(this, 'crm-toast', { message: `${user.name} can now sign in as “${user.login}”.`, kind: 'success' })
      } else {
        const password = String(data.get('password') ?? '')
        // only what changed: the server refuses changes to one's own roles and branches
        const user = await updateUser(editing.user.id, {
          name: str('name'),
          ...(same(roles, editing.user.roles) ? {} : { roles }),
          ...(same(branchIds, editing.user.branchIds) ? {} : { branchIds }),
          ...(password ? { password } : {}),
        })
        fireEvent(this, 'crm-toast', { message: `Saved ${user.name}.`, kind: 'success' })
      }
      this.editing = null
      await this.load()
    })
  }

  private async setActive(user: User, active: boolean) {
    this.busyId = user.id
    try {
      const updated = await updateUser(user.id, { active })
      fireEvent(this, 'crm-toast', {
        message: `${updated.name} is now ${updated.active ? 'active' : 'inactive'}.`,
        kind: 'success',
      })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : 'Could not change the account.',
        kind: 'error',
      })
    } finally {
      this.busyId = null
    }
  }
}
