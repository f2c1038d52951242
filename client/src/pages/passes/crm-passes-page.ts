import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { navigate } from '../../common/navigate'
import { fetchBranches } from '../../data/branches'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { passAbilities } from './labels'
import { tabbedPageStyles } from '../../resources/tabbed-page.styles'

type Tab = 'check-in' | 'debtors' | 'cash-desk' | 'plans' | 'tax'
const TABS: Array<{ id: Tab; label: MessageId; load: () => Promise<unknown> }> = [
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
export class CrmPassesPage extends LitElement {
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
        if (!this.branches.some((b) => b.id === this.branchId)) this.branchId = this.branches[0]?.id ?? ''
      },
      () => {},
    )
  }

  private get tabs() {
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

  private get tab(): Tab {
    const wanted = new URLSearchParams(this.ctx.search).get('tab')
    const tabs = this.tabs
    return tabs.find((x) => x.id === wanted)?.id ?? tabs[0]?.id ?? 'plans'
  }

  private get branch(): Branch | null {
    return this.branches.find((b) => b.id === this.branchId) ?? null
  }

  render() {
    const tabs = this.tabs
    const tab = this.tab
    void TABS.find((x) => x.id === tab)?.load()
    return html`
      <div class="page-header">
        <div>
          <h1>${t('nav.passes.label')}</h1>
          <p>${t('passes.screens.page.lead')}</p>
        </div>
        ${
          this.branches.length > 1
            ? html`<div class="field branch">
                <label for="branch">${t('passes.screens.branch')}</label>
                <select id="branch" @change=${(e: Event) => (this.branchId = (e.target as HTMLSelectElement).value)}>
                  ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
                </select>
              </div>`
            : nothing
        }
      </div>
      <div role="tablist" aria-label=${t('nav.passes.label')} @keydown=${this.onTabKey}>
        ${tabs.map(
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

  private select(tab: Tab) {
    navigate(`/passes${tab === this.tabs[0]?.id ? '' : `?tab=${tab}`}`, { replace: true })
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus())
  }

  private onTabKey = (e: KeyboardEvent) => {
    const tabs = this.tabs
    const i = tabs.findIndex((x) => x.id === this.tab)
    let next = -1
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = tabs.length - 1
    if (next < 0) return
    e.preventDefault()
    this.select(tabs[next].id)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-passes-page': CrmPassesPage
  }
}
