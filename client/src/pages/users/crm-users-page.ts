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
import type { Branch } from '../../data/types'
import { fetchUsers, updateUser, type StaffAccount, type StaffList } from '../../data/users'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { usersCellStyles, usersPageStyles } from './crm-users-page.styles'

/**
 * Staff accounts (owner, manager): list, create, change roles, activate/deactivate. Each account
 * offers only what the server says the viewer may do with it (`actions`), the forms only the roles
 * they may grant; the server still refuses anything else.
 */
@customElement('crm-users-page')
export class CrmUsersPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private list: StaffList | null = null
  @state() private branches: Branch[] = []
  @state() private loadError: string | null = null
  @state() private busyId: string | null = null
  private reload = new EntityReloadController(
    this,
    ['user'],
    () => this.ctx?.live,
    () => this.load(),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, usersPageStyles]

  /** Built on each render: the cells show page state (the account being changed). */
  private columns(): DataTableColumn<StaffAccount>[] {
    return [
      {
        key: 'name',
        title: t('users.table.name'),
        render: (u) =>
          html`${u.name}${u.id === this.ctx.user.id ? html` <span class="muted">${t('users.table.you')}</span>` : nothing}<span
              class="login"
              >${u.login}</span
            >`,
      },
      {
        key: 'roles',
        title: t('users.table.roles'),
        render: (u) => html`<span class="roles">${u.roles.map((r) => html`<span class="chip">${roleLabel(r)}</span>`)}</span>`,
      },
      { key: 'branches', title: t('users.table.branches'), className: 'branches', render: (u) => this.branchNames(u.branchIds) },
      {
        key: 'status',
        title: t('users.table.status'),
        render: (u) =>
          u.active
            ? html`<span class="chip ok">${t('users.status.active')}</span>`
            : html`<span class="chip off">${t('users.status.inactive')}</span>`,
      },
      {
        key: 'actions',
        title: t('users.table.actions'),
        titleHidden: true,
        className: 'actions',
        render: (u) => this.renderActions(u),
      },
    ]
  }

  private async load() {
    try {
      const [list, branches] = await Promise.all([fetchUsers(), fetchBranches()])
      this.list = list
      this.branches = branches
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('users.page.loadFailed')
    }
  }

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>${t('users.page.title')}</h1>
          <p>${t('users.page.lead')}</p>
        </div>
        ${
          this.list?.grantable.length
            ? html`<button class="primary" @click=${() => void this.openDialog(null)}>${t('users.page.new')}</button>`
            : nothing
        }
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.list === null && !this.loadError ? html`<p class="muted" aria-busy="true">${t('users.page.loading')}</p>` : nothing}
      ${
        this.list
          ? html`<crm-data-table
              layout="table"
              label=${t('users.table.label')}
              .columns=${this.columns()}
              .rows=${this.list.items}
              .keyFn=${(u: StaffAccount) => u.id}
              .rowAttrs=${(u: StaffAccount) => ({ 'data-login': u.login })}
              .rowClass=${(u: StaffAccount) => (u.active ? '' : 'inactive')}
              .cellStyles=${usersCellStyles}
              emptyText=${t('users.page.empty')}
            ></crm-data-table>`
          : nothing
      }
    `
  }

  /** Only what the viewer may do with this account; none: no buttons. */
  private renderActions(u: StaffAccount) {
    const { edit, deactivate, reactivate } = u.actions
    return html`${
      edit
        ? html`<button
            class="small"
            @click=${() => void this.openDialog(u)}
            aria-label=${t('users.action.editLabel', { name: u.name })}
          >
            ${t('users.action.edit')}
          </button>`
        : nothing
    }
    ${
      deactivate || reactivate
        ? html`<button
            class="small ${deactivate ? 'danger' : ''}"
            ?disabled=${this.busyId === u.id}
            aria-label=${deactivate ? t('users.action.deactivateLabel', { name: u.name }) : t('users.action.activateLabel', { name: u.name })}
            @click=${() => void this.setActive(u, reactivate)}
          >
            ${deactivate ? t('users.action.deactivate') : t('users.action.activate')}
          </button>`
        : nothing
    }`
  }

  /** The names of a user's branches; none = every branch. */
  private branchNames(ids: readonly string[]) {
    if (!ids.length) return html`<span class="muted">${t('users.branches.all')}</span>`
    return html`<span class="roles"
      >${ids.map((id) => html`<span class="chip">${this.branches.find((b) => b.id === id)?.name ?? t('users.branches.unknown')}</span>`)}</span
    >`
  }

  private async openDialog(user: StaffAccount | null) {
    if (!this.list) return
    const { grantable, givableBranchIds } = this.list
    const branches = givableBranchIds ? this.branches.filter((b) => givableBranchIds.includes(b.id.toLowerCase())) : this.branches
    const saved = await showDialog(this, 'crm-dialog-user', { user, branches, grantable }, () => import('./dialog-user'))
    if (saved) await this.load()
  }

  private async setActive(user: StaffAccount, active: boolean) {
    this.busyId = user.id
    try {
      const updated = await updateUser(user.id, { active })
      fireEvent(this, 'crm-toast', {
        message: t(updated.active ? 'users.toast.nowActive' : 'users.toast.nowInactive', { name: updated.name }),
        kind: 'success',
      })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('users.toast.changeFailed'),
        kind: 'error',
      })
    } finally {
      this.busyId = null
    }
  }
}
