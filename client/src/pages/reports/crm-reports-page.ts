import { LitElement, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { navigate } from '../../common/navigate'
import { fetchBranches } from '../../data/branches'
import { REPORTS, type ReportName } from '../../data/reports'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import { tabbedPageStyles } from '../../resources/tabbed-page.styles'
import type { PageContext } from '../../types'
import './crm-report-panel'
import './crm-report-inflow'
import './crm-report-occupancy'

/**
 * Reports (/reports): revenue, debts and ageing, VAT, teacher performance, inflow and retention, occupancy — a tab each
 * (`?tab=`), for one branch of the reader's or all of them.
 */
@customElement('crm-reports-page')
export class CrmReportsPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private branches: Branch[] = []
  /** The branch shown; '' for every branch of the reader's. */
  @state() private branchId = ''
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, tabbedPageStyles]

  connectedCallback() {
    super.connectedCallback()
    void fetchBranches().then(
      (all) => {
        const mine = this.ctx.user.branchIds
        this.branches = mine.length ? all.filter((b) => mine.includes(b.id)) : all
      },
      () => {},
    )
  }

  private get tab(): ReportName {
    const wanted = new URLSearchParams(this.ctx.search).get('tab')
    return REPORTS.find((x) => x === wanted) ?? 'revenue'
  }

  render() {
    const tab = this.tab
    return html`
      <div class="page-header">
        <div>
          <h1>${t('nav.reports.label')}</h1>
          <p>${t('reports.page.lead')}</p>
        </div>
        ${
          this.branches.length > 1
            ? html`<div class="field branch">
                <label for="branch">${t('reports.branch')}</label>
                <select id="branch" @change=${(e: Event) => (this.branchId = (e.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${!this.branchId}>${t('reports.branch.all')}</option>
                  ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
                </select>
              </div>`
            : ''
        }
      </div>
      <div role="tablist" aria-label=${t('nav.reports.label')} @keydown=${this.onTabKey}>
        ${REPORTS.map(
          (x) =>
            html`<button
              role="tab"
              id="tab-${x}"
              aria-selected=${x === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${x === tab ? 0 : -1}
              @click=${() => this.select(x)}
            >
              ${t(`reports.${x}.title`)}
            </button>`,
        )}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${tab}">
        ${
          !this.branches.length
            ? ''
            : tab === 'inflow'
              ? html`<crm-report-inflow .branchId=${this.branchId} .branches=${this.branches}></crm-report-inflow>`
              : tab === 'occupancy'
                ? html`<crm-report-occupancy .branchId=${this.branchId} .branches=${this.branches}></crm-report-occupancy>`
                : html`<crm-report-panel .name=${tab} .branchId=${this.branchId} .branches=${this.branches}></crm-report-panel>`
        }
      </div>
    `
  }

  private select(tab: ReportName) {
    navigate(`/reports${tab === 'revenue' ? '' : `?tab=${tab}`}`, { replace: true })
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus())
  }

  private onTabKey = (e: KeyboardEvent) => {
    const i = REPORTS.indexOf(this.tab)
    let next = -1
    if (e.key === 'ArrowRight') next = (i + 1) % REPORTS.length
    else if (e.key === 'ArrowLeft') next = (i - 1 + REPORTS.length) % REPORTS.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = REPORTS.length - 1
    if (next < 0) return
    e.preventDefault()
    this.select(REPORTS[next])
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-reports-page': CrmReportsPage
  }
}
