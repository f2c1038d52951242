import { html } from 'lit'
import { customElement } from 'lit/decorators.js'
import { BranchTabsPage, type PageTab } from '../../components/branch-tabs-page'
import type { Branch } from '../../data/types'
import { passAbilities } from './labels'

type Tab = 'check-in' | 'debtors' | 'cash-desk' | 'plans' | 'tax'
const TABS: ReadonlyArray<PageTab<Tab>> = [
  { id: 'check-in', label: 'passes.screens.tab.checkIn', load: () => import('./crm-check-in') },
  { id: 'debtors', label: 'passes.screens.tab.debtors', load: () => import('./crm-debtors') },
  { id: 'cash-desk', label: 'passes.screens.tab.cashDesk', load: () => import('./crm-cash-desk') },
  { id: 'plans', label: 'passes.screens.tab.plans', load: () => import('./crm-plans') },
  { id: 'tax', label: 'passes.screens.tab.tax', load: () => import('./crm-tax-report') },
]

/**
 * Passes & payments (/passes): the front desk's check-in, the debtors with ageing, the cash desk
 * of a day, the pass plans and the tax report; each tab shown to the roles the area's policies let
 * see it, for a branch of the user's.
 */
@customElement('crm-passes-page')
export class CrmPassesPage extends BranchTabsPage<Tab> {
  protected readonly path = '/passes'
  protected readonly words = {
    title: 'nav.passes.label',
    lead: 'passes.screens.page.lead',
    branch: 'passes.screens.branch',
  } as const

  protected get tabs() {
    const can = passAbilities(this.ctx.user.roles)
    const shown: Record<Tab, boolean> = {
      'check-in': can.checkIn,
      debtors: can.debtors,
      'cash-desk': can.cashDesk,
      plans: can.read,
      tax: can.taxReport,
    }
    return TABS.filter((x) => shown[x.id])
  }

  protected renderTab(tab: Tab, branch: Branch) {
    switch (tab) {
      case 'check-in':
        return html`<crm-check-in .ctx=${this.ctx} .branch=${branch}></crm-check-in>`
      case 'debtors':
        return html`<crm-debtors .ctx=${this.ctx} .branch=${branch}></crm-debtors>`
      case 'cash-desk':
        return html`<crm-cash-desk .ctx=${this.ctx} .branch=${branch}></crm-cash-desk>`
      case 'plans':
        return html`<crm-plans .ctx=${this.ctx} .branch=${branch}></crm-plans>`
      case 'tax':
        return html`<crm-tax-report .ctx=${this.ctx} .branch=${branch}></crm-tax-report>`
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-passes-page': CrmPassesPage
  }
}
