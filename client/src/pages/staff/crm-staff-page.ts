import { html } from 'lit'
import { customElement } from 'lit/decorators.js'
import { BranchTabsPage, type PageTab } from '../../components/branch-tabs-page'
import type { Branch } from '../../data/types'

type Tab = 'employees' | 'payroll' | 'costs'
const TABS: ReadonlyArray<PageTab<Tab>> = [
  { id: 'employees', label: 'staff.screens.tab.employees', load: () => import('./crm-staff-employees') },
  { id: 'payroll', label: 'staff.screens.tab.payroll', load: () => import('./crm-staff-payroll') },
  { id: 'costs', label: 'staff.screens.tab.costs', load: () => import('./crm-staff-costs') },
]

/** `/staff/employees/<id>` → the employee's id. */
const EMPLOYEE_PATH = /^\/staff\/employees\/([0-9a-f-]{36})\/?$/i

/**
 * Staff (/staff): the employees (/staff/employees/<id> opens one's file), the payroll of a month,
 * and lesson cost with margins, for a branch of the user's.
 */
@customElement('crm-staff-page')
export class CrmStaffPage extends BranchTabsPage<Tab> {
  protected readonly path = '/staff'
  protected readonly words = {
    title: 'nav.staff.label',
    lead: 'staff.screens.page.lead',
    branch: 'staff.screens.branch',
  } as const

  protected get tabs() {
    return TABS
  }

  protected detail() {
    const employeeId = EMPLOYEE_PATH.exec(this.ctx.path)?.[1]
    if (!employeeId) return null
    void import('./crm-staff-employee')
    return html`<crm-staff-employee .ctx=${this.ctx} .employeeId=${employeeId}></crm-staff-employee>`
  }

  protected renderTab(tab: Tab, branch: Branch) {
    switch (tab) {
      case 'employees':
        return html`<crm-staff-employees .ctx=${this.ctx} .branch=${branch}></crm-staff-employees>`
      case 'payroll':
        return html`<crm-staff-payroll .ctx=${this.ctx} .branch=${branch}></crm-staff-payroll>`
      case 'costs':
        return html`<crm-staff-costs .ctx=${this.ctx} .branch=${branch}></crm-staff-costs>`
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-staff-page': CrmStaffPage
  }
}
