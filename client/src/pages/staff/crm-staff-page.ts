import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { navigate } from '../../common/navigate'
import { fetchBranches } from '../../data/branches'
import { rememberedBranch, rememberBranch } from '../../data/remembered-branch'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { tabbedPageStyles } from '../../resources/tabbed-page.styles'

type Tab = 'employees' | 'payroll' | 'costs'
const TABS: Array<{ id: Tab; label: MessageId; load: () => Promise<unknown> }> = [
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
export class CrmStaffPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private branches: Branch[] = []
  @state() private branchId = ''
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, tabbedPageStyles]

  connectedCallback() {
    super.connectedCallback()
    void fetchBranches().then(
      (all) => {
        const mine = this.ctx.user.branchIds
        this.branches = mine.length ? all.filter((b) => mine.includes(b.id)) : all
        const wanted = rememberedBranch(this.ctx.user)
        this.branchId = this.branches.find((b) => b.id === wanted)?.id ?? this.branches[0]?.id ?? ''
      },
      () => {},
    )
  }

  private get tab(): Tab {
    const wanted = new URLSearchParams(this.ctx.search).get('tab')
    return TABS.find((x) => x.id === wanted)?.id ?? 'employees'
  }

  private get branch(): Branch | null {
    return this.branches.find((b) => b.id === this.branchId) ?? null
  }

  render() {
    const employeeId = EMPLOYEE_PATH.exec(this.ctx.path)?.[1]
    if (employeeId) {
      void import('./crm-staff-employee')
      return html`<crm-staff-employee .ctx=${this.ctx} .employeeId=${employeeId}></crm-staff-employee>`
    }
    const tab = this.tab
    void TABS.find((x) => x.id === tab)?.load()
    return html`
      <div class="page-header">
        <div>
          <h1>${t('nav.staff.label')}</h1>
          <p>${t('staff.screens.page.lead')}</p>
        </div>
        ${
          this.branches.length > 1
            ? html`<div class="field branch">
                <label for="branch">${t('staff.screens.branch')}</label>
                <select id="branch" @change=${this.onBranch}>
                  ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
                </select>
              </div>`
            : nothing
        }
      </div>
      <div role="tablist" aria-label=${t('nav.staff.label')} @keydown=${this.onTabKey}>
        ${TABS.map(
          (x) =>
            html`<button
              role="tab"
              id="tab-${x.id}"
              aria-selected=${x.id === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${x.id === tab ? 0 : -1}
              @click=${() => this.select(x.id)}
            >
              ${t(x.label)}
            </button>`,
        )}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${tab}">
        ${this.branch ? this.renderTab(tab, this.branch) : nothing}
      </div>
    `
  }

  private renderTab(tab: Tab, branch: Branch) {
    switch (tab) {
      case 'employees':
        return html`<crm-staff-employees .ctx=${this.ctx} .branch=${branch}></crm-staff-employees>`
      case 'payroll':
        return html`<crm-staff-payroll .ctx=${this.ctx} .branch=${branch}></crm-staff-payroll>`
      case 'costs':
        return html`<crm-staff-costs .ctx=${this.ctx} .branch=${branch}></crm-staff-costs>`
    }
  }

  private onBranch = (e: Event) => {
    this.branchId = (e.target as HTMLSelectElement).value
    rememberBranch(this.ctx.user.id, this.branchId)
  }

  private select(tab: Tab) {
    navigate(`/staff${tab === 'employees' ? '' : `?tab=${tab}`}`, { replace: true })
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus())
  }

  private onTabKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((x) => x.id === this.tab)
    let next = -1
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = TABS.length - 1
    if (next < 0) return
    e.preventDefault()
    this.select(TABS[next].id)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-staff-page': CrmStaffPage
  }
}
