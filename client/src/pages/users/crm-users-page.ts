import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { ApiError } from '../../data/api'
import { fetchBranches } from '../../data/branches'
import { roleLabel } from '../../data/roles'
import type { Branch, User } from '../../data/types'
import { fetchUsers, updateUser } from '../../data/users'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { usersCellStyles, usersPageStyles } from './crm-users-page.styles'

/** Staff accounts (owner, manager): list, create, change roles, activate/deactivate. */
@customElement('crm-users-page')
export class CrmUsersPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private users: User[] | null = null
  @state() private branches: Branch[] = []
  @state() private loadError: string | null = null
  @state() private busyId: string | null = null
  private reload = new EntityReloadController(
    this,
    ['user'],
    () => this.ctx?.live,
    () => this.load(),
  )

  static styles = [baseStyles, pageStyles, usersPageStyles]

  /** Built on each render: the cells show page state (the account being changed). */
  private columns(): DataTableColumn<User>[] {
    return [
      {
        key: 'name',
        title: 'Name',
        render: (u) =>
          html`${u.name}${u.id === this.ctx.user.id ? html` <span class="muted">(you)</span>` : nothing}<span class="login"
              >${u.login}</span
            >`,
      },
      {
        key: 'roles',
        title: 'Roles',
        render: (u) => html`<span class="roles">${u.roles.map((r) => html`<span class="chip">${roleLabel(r)}</span>`)}</span>`,
      },
      { key: 'branches', title: 'Branches', className: 'branches', render: (u) => this.branchNames(u.branchIds) },
      {
        key: 'status',
        title: 'Status',
        render: (u) => (u.active ? html`<span class="chip ok">Active</span>` : html`<span class="chip off">Inactive</span>`),
      },
      { key: 'actions', title: 'Actions', titleHidden: true, className: 'actions', render: (u) => this.renderActions(u) },
    ]
  }

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
        <button class="primary" @click=${() => void this.openDialog(null)}>New user</button>
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.users === null && !this.loadError ? html`<p class="muted" aria-busy="true">Loading users…</p>` : nothing}
      ${
        this.users
          ? html`<crm-data-table
              layout="table"
              label="Users"
              .columns=${this.columns()}
              .rows=${this.users}
              .keyFn=${(u: User) => u.id}
              .rowAttrs=${(u: User) => ({ 'data-login': u.login })}
              .rowClass=${(u: User) => (u.active ? '' : 'inactive')}
              .cellStyles=${usersCellStyles}
              emptyText="No users yet."
            ></crm-data-table>`
          : nothing
      }
    `
  }

  private renderActions(u: User) {
    const self = u.id === this.ctx.user.id
    return html`<button class="small" @click=${() => void this.openDialog(u)} aria-label="Edit ${u.name}">Edit</button>
      <button
        class="small ${u.active ? 'danger' : ''}"
        ?disabled=${self || this.busyId === u.id}
        title=${self ? 'You cannot deactivate your own account' : nothing}
        aria-label="${u.active ? 'Deactivate' : 'Activate'} ${u.name}"
        @click=${() => void this.setActive(u, !u.active)}
      >
        ${u.active ? 'Deactivate' : 'Activate'}
      </button>`
  }

  /** The names of a user's branches; none = every branch. */
  private branchNames(ids: readonly string[]) {
    if (!ids.length) return html`<span class="muted">All branches</span>`
    return html`<span class="roles"
      >${ids.map((id) => html`<span class="chip">${this.branches.find((b) => b.id === id)?.name ?? 'Unknown branch'}</span>`)}</span
    >`
  }

  private async openDialog(user: User | null) {
    const saved = await showDialog(this, 'crm-dialog-user', { user, branches: this.branches }, () => import('./dialog-user'))
    if (saved) await this.load()
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
