import { html } from 'lit'
import { customElement } from 'lit/decorators.js'
import { BranchTabsPage, type PageTab } from '../../components/branch-tabs-page'
import type { Branch } from '../../data/types'

type Tab = 'due' | 'templates'
const DUE: PageTab<Tab> = { id: 'due', label: 'checklists.screen.tab.due', load: () => import('./crm-checklists-due') }
const TEMPLATES: PageTab<Tab> = {
  id: 'templates',
  label: 'checklists.screen.tab.templates',
  load: () => import('./crm-checklist-templates'),
}

/** `/checklists/<id>` → the checklist's id. */
const CHECKLIST_PATH = /^\/checklists\/([0-9a-f-]{36})\/?$/i

/**
 * Checklists (/checklists): a branch's checklists due, overdue and submitted, the month's
 * production-control report, and for managers the templates; /checklists/<id> opens one to fill
 * together (its live document).
 */
@customElement('crm-checklists-page')
export class CrmChecklistsPage extends BranchTabsPage<Tab> {
  protected readonly path = '/checklists'
  protected readonly words = {
    title: 'nav.checklists.label',
    lead: 'checklists.screen.lead',
    branch: 'checklists.screen.branch',
  } as const

  protected get tabs() {
    const roles = this.ctx.user.roles
    return roles.includes('owner') || roles.includes('manager') ? [DUE, TEMPLATES] : [DUE]
  }

  protected detail() {
    const checklistId = CHECKLIST_PATH.exec(this.ctx.path)?.[1]
    if (!checklistId) return null
    void import('./crm-checklist')
    return html`<crm-checklist .ctx=${this.ctx} .checklistId=${checklistId.toLowerCase()}></crm-checklist>`
  }

  protected renderTab(tab: Tab, branch: Branch) {
    switch (tab) {
      case 'due':
        return html`<crm-checklists-due .ctx=${this.ctx} .branch=${branch}></crm-checklists-due>`
      case 'templates':
        return html`<crm-checklist-templates .ctx=${this.ctx} .branch=${branch}></crm-checklist-templates>`
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-checklists-page': CrmChecklistsPage
  }
}
