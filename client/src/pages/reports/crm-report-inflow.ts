import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { styleMap } from 'lit/directives/style-map.js'
import { formatNumber } from '../../../../domain/i18n/format'
import { fetchCatalogue, type CatalogueActivity } from '../../data/catalogue'
import { downloadReport, fetchReport, type ReportQuery } from '../../data/reports'
import { INFLOW_VIEWS, type InflowReport, type InflowView } from '../../data/reports-inflow'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { money } from '../passes/labels'
import { reasonLabel, sourceLabel } from './inflow-labels'
import {
  branchTimeZone,
  downloadButtons,
  month,
  num,
  pct,
  periodFields,
  periodRange,
  reportChart,
  ReportRequest,
  reportStyles,
  selectField,
  type PeriodChoice,
} from './report-frame'
/** A bar in a table's cell, as long as its share of the longest (the categories' chart: sources, reasons). */
const bar = (value: number, max: number, second = false) =>
  html`<span
    class=${second ? 'second' : ''}
    style=${styleMap({ inlineSize: `${max ? Math.round((value * 100) / max) : 0}%` })}
  ></span>`
const days = (d: number | null) => (d === null ? '—' : t('reports.inflow.days', { days: formatNumber(d, currentLocale()) }))

/**
 * The inflow and retention report of the Reports page: period (the last twelve months first),
 * activity and the table shown (new clients by source, trial to paid, retention by cohort with its
 * curve, churn and its reasons, lifetime revenue per client), a chart for each, and CSV and XLSX of
 * the table shown, in the language shown.
 */
@customElement('crm-report-inflow')
export class CrmReportInflow extends LitElement {
  /** '' for every branch of the reader's. */
  @property() branchId = ''
  @property({ attribute: false }) branches: Branch[] = []
  @state() private choice: PeriodChoice = { period: 'last12', from: '', to: '' }
  @state() private activityId = ''
  @state() private view: InflowView = 'new'
  @state() private activities: CatalogueActivity[] = []
  private readonly request = new ReportRequest<InflowReport>(this)
  private readonly locale = new LocaleController(this)
  private loadedFor = ''

  static styles = [
    baseStyles,
    tabPanelStyles,
    reportStyles,
    css`
      .views {
        display: flex;
        flex-wrap: wrap;
        gap: var(--crm-space-2, 8px);
        margin-bottom: var(--crm-space-3, 12px);
      }
      .views button[aria-pressed='true'] {
        background: var(--crm-primary, #2f6f6a);
        color: var(--crm-on-primary, #fff);
        border-color: var(--crm-primary, #2f6f6a);
      }
      .summary {
        font-weight: 600;
        margin: 0 0 var(--crm-space-2, 8px);
      }
      th.month {
        white-space: normal;
        min-width: 3.5em;
      }
      td.cell {
        min-width: 3.5em;
      }
      td.meter {
        width: 40%;
        min-width: 120px;
      }
      .meter span {
        display: block;
        height: 10px;
        border-radius: 2px;
        background: var(--crm-primary, #2f6f6a);
        margin: 2px 0;
      }
      .legend {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        margin-inline-end: 12px;
        font-weight: normal;
        text-transform: none;
      }
      .swatch {
        display: inline-block;
        width: 10px;
        height: 10px;
        border-radius: 2px;
        background: var(--crm-primary, #2f6f6a);
      }
      .swatch.second,
      .meter span.second {
        background: var(--crm-warning, #b7791f);
      }
      h3 {
        font-size: 1rem;
        margin: var(--crm-space-3, 12px) 0 var(--crm-space-2, 8px);
      }
    `,
  ]

  connectedCallback() {
    super.connectedCallback()
    void fetchCatalogue().then(
      (items) => (this.activities = items),
      () => {},
    )
  }

  updated() {
    // keyed by what is asked (a period's days shown in the date fields are not asked for again)
    const q = this.query()
    const key = JSON.stringify(q)
    if (key === this.loadedFor) return
    this.loadedFor = key
    void this.load(q)
  }

  /** What the report is asked for; the view shown only chooses the table downloaded. */
  private query(): ReportQuery {
    const range = periodRange(this.choice, 'last12', branchTimeZone(this.branches, this.branchId))
    return { ...range, branchId: this.branchId, activityId: this.activityId }
  }

  private load(q: ReportQuery) {
    // the period's days, for the date fields when one makes it a period of one's own
    const c = this.choice
    if (c.period !== 'custom' && (c.from !== q.from || c.to !== q.to)) this.choice = { ...c, from: q.from ?? '', to: q.to ?? '' }
    return this.request.load(() => fetchReport('inflow', q))
  }

  private download(format: 'csv' | 'xlsx') {
    return this.request.download(() => downloadReport('inflow', format, { ...this.query(), view: this.view }))
  }

  render() {
    return html`<p class="muted">${t('reports.inflow.lead')}</p>
      ${this.toolbar()}
      <div class="views" role="group" aria-label=${t('reports.inflow.view')}>
        ${INFLOW_VIEWS.map(
          (v) =>
            html`<button
              type="button"
              id="view-${v}"
              aria-pressed=${v === this.view ? 'true' : 'false'}
              @click=${() => (this.view = v)}
            >
              ${t(`reports.inflow.view.${v}`)}
            </button>`,
        )}
      </div>
      ${this.request.error ? html`<p class="alert error" role="alert">${this.request.error}</p>` : nothing} ${this.body()}`
  }

  private toolbar() {
    return html`<div class="toolbar">
      ${periodFields(this.choice, (c) => (this.choice = { ...this.choice, ...c }))}
      ${selectField(
        'activity',
        t('reports.activity'),
        this.activityId,
        [['', t('reports.activity.all')], ...this.activities.map((a): [string, string] => [a.id, a.name])],
        (v) => (this.activityId = v),
      )}
      ${downloadButtons(this.request.busy, (f) => void this.download(f))}
    </div>`
  }

  private body() {
    const r = this.request.data
    if (!r) return this.request.error ? nothing : html`<p class="muted" aria-busy="true">…</p>`
    switch (this.view) {
      case 'new':
        return this.newClients(r)
      case 'trials':
        return this.trials(r)
      case 'cohorts':
        return this.cohorts(r)
      case 'churn':
        return this.churn(r)
      case 'revenue':
        return this.revenue(r)
    }
  }

  private newClients(r: InflowReport) {
    const total = r.sources.reduce((s, x) => s + x.clients, 0)
    return html`<p class="summary">${t('reports.inflow.summary.new', { count: num(total) })}</p>
      ${reportChart(
        t('reports.inflow.view.new'),
        r.months.map((m) => month(m.month)),
        [{ label: t('reports.inflow.col.newClients'), values: r.months.map((m) => m.clients) }],
        num,
      )}
      ${
        r.sources.length
          ? html` <div class="scroll">
              <table aria-label=${t('clients.field.source')}>
                <thead>
                  <tr>
                    <th class="text" scope="col">${t('clients.field.source')}</th>
                    <th scope="col">${t('reports.inflow.col.newClients')}</th>
                    <th scope="col">%</th>
                    <th scope="col">
                      <span class="visually-hidden">${t('reports.chart.label', { title: t('clients.field.source') })}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  ${r.sources.map(
                    (s) =>
                      html`<tr data-source=${s.source}>
                        <td class="text">${sourceLabel(s.source)}</td>
                        <td>${num(s.clients)}</td>
                        <td>${pct(Math.round((s.clients * 10_000) / total))}</td>
                        <td class="meter" aria-hidden="true">${bar(s.clients, r.sources[0].clients)}</td>
                      </tr>`,
                  )}
                </tbody>
                <tfoot>
                  <tr>
                    <td class="text">${t('reports.total')}</td>
                    <td>${num(total)}</td>
                    <td></td>
                    <td></td>
                  </tr>
                </tfoot>
              </table>
            </div>`
          : html`<p class="muted">${t('reports.none')}</p>`
      }`
  }

  private trials(r: InflowReport) {
    const x = r.trials
    return html`<p class="summary">
        ${t('reports.inflow.summary.trials', { converted: num(x.converted), started: num(x.started), rate: pct(x.conversionBp) })}
      </p>
      <p>${t('reports.inflow.summary.days', { average: days(x.averageDays), median: days(x.medianDays) })}</p>
      <p class="muted">${t('reports.inflow.trialsNote')}</p>
      ${reportChart(
        t('reports.inflow.view.trials'),
        r.months.map((m) => month(m.month)),
        [
          { label: t('reports.inflow.col.trials'), values: r.months.map((m) => m.trials) },
          { label: t('reports.inflow.col.converted'), values: r.months.map((m) => m.converted) },
        ],
        num,
      )}
      <div class="scroll">
        <table aria-label=${t('reports.inflow.view.trials')}>
          <thead>
            <tr>
              <th class="text" scope="col">${t('reports.col.month')}</th>
              <th scope="col">${t('reports.inflow.col.trials')}</th>
              <th scope="col">${t('reports.inflow.col.converted')}</th>
              <th scope="col">${t('reports.inflow.col.conversion')}</th>
            </tr>
          </thead>
          <tbody>
            ${r.months.map(
              (m) =>
                html`<tr>
                  <td class="text">${month(m.month)}</td>
                  <td>${num(m.trials)}</td>
                  <td>${num(m.converted)}</td>
                  <td>${pct(m.trials ? Math.round((m.converted * 10_000) / m.trials) : null)}</td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <td class="text">${t('reports.total')}</td>
              <td>${num(x.started)}</td>
              <td>${num(x.converted)}</td>
              <td>${pct(x.conversionBp)}</td>
            </tr>
          </tfoot>
        </table>
      </div>`
  }

  private cohorts(r: InflowReport) {
    const started = r.cohorts.reduce((s, c) => s + c.clients, 0)
    const curve = r.curve.filter((c) => c.rateBp !== null)
    // a cell's shade: the primary colour, stronger as more are still with us
    const shade = (bp: number) =>
      styleMap({ background: `color-mix(in srgb, var(--crm-primary, #2f6f6a) ${Math.round(bp / 200)}%, transparent)` })
    return html`<p class="summary">${t('reports.inflow.summary.cohorts', { clients: num(started) })}</p>
      ${
        curve.length
          ? reportChart(
              t('reports.inflow.curve'),
              curve.map((c) => String(c.months)),
              [{ label: t('reports.inflow.chart.retained'), values: curve.map((c) => (c.rateBp ?? 0) / 100) }],
              (v) => `${formatNumber(Math.round(v), currentLocale())} %`,
              true,
            )
          : nothing
      }
      <p class="muted">${t('reports.inflow.cohortsNote')}</p>
      ${
        r.cohorts.length
          ? html`<div class="scroll">
              <table aria-label=${t('reports.inflow.view.cohorts')}>
                <thead>
                  <tr>
                    <th class="text" scope="col">${t('reports.inflow.col.cohort')}</th>
                    <th scope="col">${t('reports.col.clients')}</th>
                    ${r.curve.map((c) => html`<th scope="col" class="month">${t('reports.inflow.col.monthN', { n: c.months })}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${r.cohorts.map(
                    (c) =>
                      html`<tr data-cohort=${c.month}>
                        <th class="text" scope="row">${month(c.month)}</th>
                        <td>${num(c.clients)}</td>
                        ${c.cells.map((x) =>
                          x
                            ? html`<td class="cell" style=${shade(x.rateBp)} title="${num(x.retained)} / ${num(x.eligible)}">
                                ${pct(x.rateBp)}
                              </td>`
                            : html`<td class="cell"></td>`,
                        )}
                      </tr>`,
                  )}
                </tbody>
                <tfoot>
                  <tr>
                    <td class="text">${t('reports.total')}</td>
                    <td>${num(started)}</td>
                    ${r.curve.map((c) => html`<td>${c.rateBp === null ? '' : pct(c.rateBp)}</td>`)}
                  </tr>
                </tfoot>
              </table>
            </div>`
          : html`<p class="muted">${t('reports.none')}</p>`
      }`
  }

  private churn(r: InflowReport) {
    const max = Math.max(0, ...r.churn.map((c) => Math.max(c.clients, c.groupLeavers)))
    return html`<p class="summary">
        ${t('reports.inflow.summary.churn', { clients: num(r.churnTotals.clients), leavers: num(r.churnTotals.groupLeavers) })}
      </p>
      ${
        r.churn.length
          ? html`<div class="scroll">
              <table aria-label=${t('reports.inflow.view.churn')}>
                <thead>
                  <tr>
                    <th class="text" scope="col">${t('reports.inflow.col.reason')}</th>
                    <th scope="col">${t('reports.inflow.col.leftCenter')}</th>
                    <th scope="col">${t('reports.inflow.col.leftGroups')}</th>
                    <th class="text" scope="col">
                      <span class="legend"><span class="swatch"></span>${t('reports.inflow.col.leftCenter')}</span>
                      <span class="legend"><span class="swatch second"></span>${t('reports.inflow.col.leftGroups')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  ${r.churn.map(
                    (c) =>
                      html`<tr data-reason=${c.reason}>
                        <td class="text">${reasonLabel(c.reason)}</td>
                        <td>${num(c.clients)}</td>
                        <td>${num(c.groupLeavers)}</td>
                        <td class="meter" aria-hidden="true">${bar(c.clients, max)}${bar(c.groupLeavers, max, true)}</td>
                      </tr>`,
                  )}
                </tbody>
                <tfoot>
                  <tr>
                    <td class="text">${t('reports.total')}</td>
                    <td>${num(r.churnTotals.clients)}</td>
                    <td>${num(r.churnTotals.groupLeavers)}</td>
                    <td></td>
                  </tr>
                </tfoot>
              </table>
            </div>`
          : html`<p class="muted">${t('reports.none')}</p>`
      }`
  }

  private revenue(r: InflowReport) {
    const head = (first: string) =>
      html`<tr>
        <th class="text" scope="col">${first}</th>
        <th scope="col">${t('reports.col.clients')}</th>
        <th scope="col">${t('reports.inflow.col.revenue')}</th>
        <th scope="col">${t('reports.inflow.col.average')}</th>
        <th scope="col">${t('reports.inflow.col.median')}</th>
        <th scope="col"><span class="visually-hidden">${t('reports.inflow.col.average')}</span></th>
      </tr>`
    const row = (
      label: string,
      x: { clients: number; revenue: number; averageRevenue: number; medianRevenue: number },
      max: number,
    ) =>
      html`<tr>
        <td class="text">${label}</td>
        <td>${num(x.clients)}</td>
        <td>${money(x.revenue)}</td>
        <td>${money(x.averageRevenue)}</td>
        <td>${money(x.medianRevenue)}</td>
        <td class="meter" aria-hidden="true">${bar(x.averageRevenue, max)}</td>
      </tr>`
    if (!r.bySource.length) return html`<p class="muted">${t('reports.none')}</p>`
    const top = Math.max(0, ...r.bySource.map((x) => x.averageRevenue))
    return html`<p class="muted">${t('reports.inflow.revenueNote')}</p>
      <div class="scroll">
        <table aria-label=${t('clients.field.source')}>
          <thead>
            ${head(t('clients.field.source'))}
          </thead>
          <tbody>
            ${r.bySource.map((s) => row(sourceLabel(s.source), s, top))}
          </tbody>
        </table>
      </div>
      <h3>${t('reports.inflow.col.cohort')}</h3>
      <div class="scroll">
        <table aria-label=${t('reports.inflow.col.cohort')}>
          <thead>
            ${head(t('reports.inflow.col.cohort'))}
          </thead>
          <tbody>
            ${r.cohorts.map((c) => row(month(c.month), c, Math.max(0, ...r.cohorts.map((x) => x.averageRevenue))))}
          </tbody>
        </table>
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-report-inflow': CrmReportInflow
  }
}
