import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { navigate } from '../../common/navigate'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { fetchEmployees, staffAbilities, subscribeStaffChanges, type EmployeeListItem } from '../../data/staff'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { hours, schemeWords } from './crm-staff-employee-words'

/** The Employees tab: the branch's employees (positions, login, pay in force, hours this month); the keepers add one. */
@customElement('crm-staff-employees')
export class CrmStaffEmployees extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private items: EmployeeListItem[] | null = null
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.branch?.id],
    () => {
      void this.load()
      return subscribeStaffChanges(this.ctx.live, () => void this.load())
    },
  )

  static styles = [baseStyles, tabPanelStyles]

  private async load() {
    try {
      this.items = (await fetchEmployees(this.branch.id)).items
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('staff.screens.loadError')
    }
  }

  render() {
    const can = staffAbilities(this.ctx.user.roles)
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="toolbar">
        <span class="spacer"></span>
        ${
          can.manage
            ? html`<button class="primary" @click=${() => void this.add()}>${t('staff.screens.employees.new')}</button>`
            : nothing
        }
      </div>
      <crm-data-table
        layout="table"
        label=${t('staff.screens.tab.employees')}
        .columns=${this.columns()}
        .rows=${this.items ?? []}
        .rowAttrs=${(e: EmployeeListItem) => ({ 'data-employee': e.name })}
        .loading=${this.items === null && !this.error}
        emptyText=${t('staff.screens.employees.empty')}
      ></crm-data-table>`
  }

  private columns(): DataTableColumn<EmployeeListItem>[] {
    return [
      {
        key: 'name',
        title: t('staff.screens.employees.name'),
        render: (e) =>
          html`<a href="/staff/employees/${e.id}" @click=${(ev: Event) => this.open(ev, e.id)}><strong>${e.name}</strong></a>`,
      },
      { key: 'positions', title: t('staff.screens.employees.positions'), render: (e) => e.positions.join(', ') },
      {
        key: 'login',
        title: t('staff.screens.employees.login'),
        hideBelow: 800,
        render: (e) => e.login ?? html`<span class="muted">${t('staff.screens.employees.noLogin')}</span>`,
      },
      {
        key: 'scheme',
        title: t('staff.screens.employees.scheme'),
        render: (e) =>
          e.currentScheme
            ? schemeWords(e.currentScheme)
            : html`<span class="muted">${t('staff.screens.employees.noScheme')}</span>`,
      },
      {
        key: 'hours',
        title: t('staff.screens.employees.hoursThisMonth'),
        align: 'end',
        render: (e) => hours(e.minutesThisMonth),
      },
    ]
  }

  private open(ev: Event, id: string) {
    ev.preventDefault()
    navigate(`/staff/employees/${id}`)
  }

  private async add() {
    const saved = await showDialog(this, 'crm-dialog-employee', { branch: this.branch }, () => import('./dialog-employee'))
    if (saved) navigate(`/staff/employees/${saved.id}`)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-staff-employees': CrmStaffEmployees
  }
}
