import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { dateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { ApiError } from '../../data/api'
import { type TaxReport, type TaxReportRow, fetchTaxReport } from '../../data/passes'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { dayText } from '../clients/labels'
import { modeLabel, rateText } from './crm-plans'
import { money, todayIn } from './labels'
import { passCellStyles, toneStyles } from './shared.styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'

/** The tax report of a period and branch: net, tax and gross per rate (sales less refunds). */
@customElement('crm-tax-report')
export class CrmTaxReport extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private from = ''
  @state() private to = ''
  @state() private report: TaxReport | null = null
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, toneStyles, tabPanelStyles]

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('branch') && this.branch) {
      if (!this.to) {
        this.to = todayIn(this.branch.timezone)
        this.from = `${this.to.slice(0, 8)}01`
      }
      void this.load()
    }
  }

  private async load() {
    if (!this.from || !this.to) return
    const key = `${this.branch.id}|${this.from}|${this.to}`
    try {
      const report = await fetchTaxReport({ from: this.from, to: this.to, branchId: this.branch.id })
      if (key !== `${this.branch.id}|${this.from}|${this.to}`) return
      this.report = report
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('passes.screens.loadError')
    }
  }

  render() {
    const r = this.report
    const cols: DataTableColumn<TaxReportRow>[] = [
      { key: 'rate', title: t('passes.screens.tax.rate'), render: (x) => rateText(x.rateBp) },
      { key: 'mode', title: t('passes.screens.tax.mode'), render: (x) => modeLabel(x.mode) },
      { key: 'net', title: t('passes.screens.money.net'), align: 'end', className: 'amount', render: (x) => money(x.net) },
      { key: 'tax', title: t('passes.screens.money.tax'), align: 'end', className: 'amount', render: (x) => money(x.tax) },
      { key: 'gross', title: t('passes.screens.money.total'), align: 'end', className: 'amount', render: (x) => money(x.gross) },
    ]
    return html`<div class="toolbar">
        ${field('from', t('passes.screens.tax.from'), dateInput({ id: 'from', value: this.from, onChange: (v) => v && ((this.from = v), void this.load()) }))}
        ${field('to', t('passes.screens.tax.to'), dateInput({ id: 'to', value: this.to, onChange: (v) => v && ((this.to = v), void this.load()) }))}
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${
        r
          ? html`<section class="card" aria-labelledby="tax-title">
              <h2 id="tax-title">
                ${t('passes.screens.tax.title', { from: dayText(r.from), to: dayText(r.to), branch: this.branch.name })}
              </h2>
              <div class="figures" style="margin-bottom:12px">
                <div class="figure">
                  <span class="label">${t('passes.screens.money.net')}</span><span class="value">${money(r.total.net)}</span>
                </div>
                <div class="figure">
                  <span class="label">${t('passes.screens.money.tax')}</span><span class="value">${money(r.total.tax)}</span>
                </div>
                <div class="figure">
                  <span class="label">${t('passes.screens.money.total')}</span><span class="value">${money(r.total.gross)}</span>
                </div>
              </div>
              <crm-data-table
                layout="table"
                flat
                label=${t('passes.screens.tab.tax')}
                .columns=${cols}
                .rows=${r.rows}
                .keyFn=${(x: TaxReportRow) => `${x.rateBp}|${x.mode}`}
                .cellStyles=${passCellStyles}
                emptyText=${t('passes.screens.tax.empty')}
              ></crm-data-table>
            </section>`
          : this.error
            ? nothing
            : html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-tax-report': CrmTaxReport
  }
}
