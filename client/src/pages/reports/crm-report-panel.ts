import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDay } from '../../../../domain/i18n/format'
import { fetchCatalogue, type CatalogueActivity } from '../../data/catalogue'
import {
  AGEING,
  downloadReport,
  fetchReport,
  MEASURES,
  type DebtsReport,
  type Measure,
  type ReportData,
  type ReportName,
  type ReportQuery,
  type RevenueReport,
  type TeacherRow,
  type TeachersReport,
  type VatReport,
} from '../../data/reports'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import { money } from '../passes/labels'
import { reasonLabel } from './inflow-labels'
import {
  branchTimeZone,
  downloadButtons,
  hours,
  month,
  num,
  pct,
  periodFields,
  periodRange,
  type PeriodChoice,
  reportChart,
  ReportRequest,
  reportStyles,
  selectField,
} from './report-frame'

/** A teacher's figure for a measure, as shown. */
function shown(r: TeacherRow, m: Measure): string {
  switch (m) {
    case 'minutes':
      return hours(r.minutes)
    case 'attendance':
      return pct(r.attendanceBp)
    case 'profit':
      return money(r.profit)
    default:
      return num(r[m])
  }
}

/** A teacher's figure for a measure, for the chart (hours, percent, minor units, counts). */
function plotted(r: TeacherRow, m: Measure): number {
  if (m === 'minutes') return Math.round((r.minutes * 10) / 60) / 10
  if (m === 'attendance') return (r.attendanceBp ?? 0) / 100
  if (m === 'profit') return r.profit
  return r[m]
}

/**
 * One report of the Reports page: its filters (period, and the activity or teacher where they
 * apply), CSV and XLSX downloads in the language shown, a chart and a table; teacher performance
 * also ranks by a chosen measure and shows a card per teacher.
 */
@customElement('crm-report-panel')
export class CrmReportPanel extends LitElement {
  @property() name: ReportName = 'revenue'
  /** '' for every branch of the reader's. */
  @property() branchId = ''
  @property({ attribute: false }) branches: Branch[] = []
  @state() private choice: PeriodChoice = { period: 'thisMonth', from: '', to: '' }
  @state() private activityId = ''
  @state() private teacherId = ''
  @state() private rankBy: Measure = 'profit'
  @state() private activities: CatalogueActivity[] = []
  /** The report shown, with the name it was fetched for (a tab switched renders nothing of the last one's). */
  private readonly request = new ReportRequest<{ name: ReportName; data: ReportData[ReportName] }>(this)
  private readonly locale = new LocaleController(this)
  private loadedFor = ''

  static styles = [
    baseStyles,
    tabPanelStyles,
    reportStyles,
    css`
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
        gap: var(--crm-space-3, 12px);
      }
      .card {
        border: 1px solid var(--crm-border, #ddd);
        border-radius: 8px;
        padding: 12px;
        background: var(--crm-surface, #fff);
      }
      .card h3 {
        margin: 0 0 8px;
        font-size: 1rem;
      }
      .card dl {
        display: grid;
        grid-template-columns: 1fr auto auto;
        gap: 4px 10px;
        margin: 0;
        font-size: 0.875rem;
      }
      .card dt {
        color: var(--crm-muted, #555);
      }
      .card dd {
        margin: 0;
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      .place {
        color: var(--crm-muted, #555);
        font-size: 0.8rem;
        white-space: nowrap;
      }
      .loss {
        color: var(--crm-danger);
      }
      .reasons {
        margin: 8px 0 0;
        font-size: 0.85rem;
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
    const key = `${this.name}|${JSON.stringify(q)}`
    if (key === this.loadedFor) return
    this.loadedFor = key
    void this.load(q)
  }

  private query(): ReportQuery {
    const range = periodRange(this.choice, 'thisMonth', branchTimeZone(this.branches, this.branchId))
    return { ...range, branchId: this.branchId, activityId: this.activityId }
  }

  private load(q: ReportQuery) {
    // the period's days, for the date fields when one makes it a period of one's own
    const c = this.choice
    if (c.period !== 'custom' && (c.from !== q.from || c.to !== q.to)) this.choice = { ...c, from: q.from ?? '', to: q.to ?? '' }
    const name = this.name
    return this.request.load(async () => ({ name, data: await fetchReport(name, q) }))
  }

  private download(format: 'csv' | 'xlsx') {
    return this.request.download(() => downloadReport(this.name, format, { ...this.query(), teacherId: this.teacherId }))
  }

  render() {
    const { error } = this.request
    return html`<p class="muted">${t(`reports.${this.name}.lead`)}</p>
      ${this.toolbar()} ${error ? html`<p class="alert error" role="alert">${error}</p>` : nothing} ${this.body()}`
  }

  private toolbar() {
    const shown = this.request.data
    const teachers = shown?.name === 'teachers' ? (shown.data as TeachersReport).rows : []
    return html`<div class="toolbar">
      ${this.name === 'debts' ? nothing : periodFields(this.choice, (c) => (this.choice = { ...this.choice, ...c }))}
      ${
        this.name === 'revenue'
          ? selectField(
              'activity',
              t('reports.activity'),
              this.activityId,
              [['', t('reports.activity.all')], ...this.activities.map((a): [string, string] => [a.id, a.name])],
              (v) => (this.activityId = v),
            )
          : nothing
      }
      ${
        this.name === 'teachers'
          ? html`${selectField(
              'teacher',
              t('reports.teacher'),
              this.teacherId,
              [['', t('reports.teacher.all')], ...teachers.map((r): [string, string] => [r.teacherId, r.name])],
              (v) => (this.teacherId = v),
            )}
            ${selectField(
              'rankBy',
              t('reports.rankBy'),
              this.rankBy,
              MEASURES.map((m) => [m, t(`reports.measure.${m}`)]),
              (v) => (this.rankBy = v as Measure),
            )}`
          : nothing
      }
      ${downloadButtons(this.request.busy, (f) => void this.download(f))}
    </div>`
  }

  private body() {
    const shown = this.request.data
    if (!shown || shown.name !== this.name) return this.request.error ? nothing : html`<p class="muted" aria-busy="true">…</p>`
    const d = shown.data
    switch (shown.name) {
      case 'revenue':
        return this.revenue(d as RevenueReport)
      case 'debts':
        return this.debts(d as DebtsReport)
      case 'vat':
        return this.vat(d as VatReport)
      case 'teachers':
        return this.teachers(d as TeachersReport)
    }
  }

  private revenue(r: RevenueReport) {
    return html`${reportChart(
      t('reports.revenue.title'),
      r.months.map((m) => month(m.month)),
      [
        { label: t('reports.chart.sessions'), values: r.months.map((m) => m.sessions) },
        { label: t('reports.chart.sales'), values: r.months.map((m) => m.sales) },
      ],
      money,
    )}
    ${
      r.rows.length
        ? html`<div class="scroll">
            <table aria-label=${t('reports.revenue.title')}>
              <thead>
                <tr>
                  <th class="text" scope="col">${t('reports.col.month')}</th>
                  <th class="text" scope="col">${t('reports.col.branch')}</th>
                  <th class="text" scope="col">${t('reports.col.source')}</th>
                  <th class="text" scope="col">${t('reports.col.activity')}</th>
                  <th scope="col">${t('reports.col.gross')}</th>
                  <th scope="col">${t('reports.col.vat')}</th>
                  <th scope="col">${t('reports.col.net')}</th>
                </tr>
              </thead>
              <tbody>
                ${r.rows.map(
                  (x) =>
                    html`<tr>
                      <td class="text">${month(x.month)}</td>
                      <td class="text">${x.branch}</td>
                      <td class="text">${t(`reports.source.${x.source}`)}</td>
                      <td class="text">${x.activity || '—'}</td>
                      <td>${money(x.gross)}</td>
                      <td>${money(x.vat)}</td>
                      <td>${money(x.net)}</td>
                    </tr>`,
                )}
              </tbody>
              <tfoot>
                <tr>
                  <td class="text" colspan="4">${t('reports.total')}</td>
                  <td>${money(r.totals.gross)}</td>
                  <td>${money(r.totals.vat)}</td>
                  <td>${money(r.totals.net)}</td>
                </tr>
              </tfoot>
            </table>
          </div>`
        : html`<p class="muted">${t('reports.none')}</p>`
    }`
  }

  private debts(r: DebtsReport) {
    return html`<p>${t('reports.debts.today', { date: formatDay(r.today, currentLocale()) })}</p>
      ${reportChart(
        t('reports.debts.title'),
        AGEING.map((b) => t(`reports.ageing.${b}`)),
        [{ label: t('reports.chart.debt'), values: r.buckets.map((b) => b.debt) }],
        money,
      )}
      <div class="scroll">
        <table aria-label=${t('reports.col.ageing')}>
          <thead>
            <tr>
              <th class="text" scope="col">${t('reports.col.ageing')}</th>
              <th scope="col">${t('reports.col.clients')}</th>
              <th scope="col">${t('reports.col.debt')}</th>
            </tr>
          </thead>
          <tbody>
            ${r.buckets.map(
              (b) =>
                html`<tr data-bucket=${b.bucket}>
                  <td class="text">${t(`reports.ageing.${b.bucket}`)}</td>
                  <td>${num(b.clients)}</td>
                  <td>${money(b.debt)}</td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <td class="text">${t('reports.total')}</td>
              <td>${num(r.rows.length)}</td>
              <td>${money(r.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      ${
        r.rows.length
          ? html`<div class="scroll">
              <table aria-label=${t('reports.debts.title')}>
                <thead>
                  <tr>
                    <th class="text" scope="col">${t('reports.col.client')}</th>
                    <th class="text" scope="col">${t('reports.col.branch')}</th>
                    <th scope="col">${t('reports.col.debt')}</th>
                    <th scope="col">${t('reports.col.invoices')}</th>
                    <th scope="col">${t('reports.col.oldestDue')}</th>
                    <th scope="col">${t('reports.col.daysOverdue')}</th>
                    <th class="text" scope="col">${t('reports.col.ageing')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${r.rows.map(
                    (x) =>
                      html`<tr>
                        <td class="text">${x.name}</td>
                        <td class="text">${x.branch}</td>
                        <td>${money(x.debt)}</td>
                        <td>${num(x.invoices)}</td>
                        <td>${formatDay(x.oldestDueOn, currentLocale())}</td>
                        <td>${num(Math.max(0, x.daysOverdue))}</td>
                        <td class="text">${t(`reports.ageing.${x.bucket}`)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">${t('reports.noDebts')}</p>`
      }`
  }

  private vat(r: VatReport) {
    const mode = (m: string) => t(`reports.mode.${m === 'included' || m === 'added' ? m : 'exempt'}`)
    return html`${reportChart(
      t('reports.vat.title'),
      r.months.map((m) => month(m.month)),
      [{ label: t('reports.chart.vat'), values: r.months.map((m) => m.vat) }],
      money,
    )}
    ${
      r.rows.length
        ? html`<div class="scroll">
            <table aria-label=${t('reports.vat.title')}>
              <thead>
                <tr>
                  <th class="text" scope="col">${t('reports.col.month')}</th>
                  <th class="text" scope="col">${t('reports.col.source')}</th>
                  <th scope="col">${t('reports.col.rate')}</th>
                  <th class="text" scope="col">${t('reports.col.mode')}</th>
                  <th scope="col">${t('reports.col.salesGross')}</th>
                  <th scope="col">${t('reports.col.refundsGross')}</th>
                  <th scope="col">${t('reports.col.net')}</th>
                  <th scope="col">${t('reports.col.vat')}</th>
                </tr>
              </thead>
              <tbody>
                ${r.rows.map(
                  (x) =>
                    html`<tr>
                      <td class="text">${month(x.month)}</td>
                      <td class="text">${t(`reports.source.${x.source}`)}</td>
                      <td>${pct(x.rateBp)}</td>
                      <td class="text">${mode(x.mode)}</td>
                      <td>${money(x.salesGross)}</td>
                      <td>${money(x.refundsGross)}</td>
                      <td>${money(x.net)}</td>
                      <td>${money(x.vat)}</td>
                    </tr>`,
                )}
              </tbody>
              <tfoot>
                <tr>
                  <td class="text" colspan="6">${t('reports.total')}</td>
                  <td>${money(r.totals.net)}</td>
                  <td>${money(r.totals.vat)}</td>
                </tr>
              </tfoot>
            </table>
          </div>`
        : html`<p class="muted">${t('reports.none')}</p>`
    }`
  }

  private teachers(r: TeachersReport) {
    const m = this.rankBy
    const ranked = [...r.rows].sort((a, b) => a.ranks[m] - b.ranks[m] || a.name.localeCompare(b.name))
    const cards = this.teacherId ? ranked.filter((x) => x.teacherId === this.teacherId) : ranked
    if (!r.rows.length) return html`<p class="muted">${t('reports.none')}</p>`
    return html`${reportChart(
        t(`reports.measure.${m}`),
        ranked.map((x) => x.name),
        [{ label: t(`reports.measure.${m}`), values: ranked.map((x) => plotted(x, m)) }],
        m === 'profit' ? money : m === 'attendance' ? (v) => `${num(v)} %` : num,
      )}
      <div class="scroll">
        <table aria-label=${t('reports.teachers.title')}>
          <thead>
            <tr>
              <th scope="col">${t('reports.col.place')}</th>
              <th class="text" scope="col">${t('reports.col.teacher')}</th>
              <th scope="col">${t('reports.col.accepted')}</th>
              <th scope="col">${t('reports.col.refusals')}</th>
              <th scope="col">${t('reports.col.lessons')}</th>
              <th scope="col">${t('reports.col.hours')}</th>
              <th scope="col">${t('reports.col.attendance')}</th>
              <th scope="col">${t('reports.col.revenueNet')}</th>
              <th scope="col">${t('reports.col.cost')}</th>
              <th scope="col">${t('reports.col.profit')}</th>
            </tr>
          </thead>
          <tbody>
            ${ranked.map(
              (x) =>
                html`<tr data-teacher=${x.teacherId}>
                  <td>${num(x.ranks[m])}</td>
                  <td class="text">${x.name}</td>
                  <td>${num(x.accepted)}</td>
                  <td>${num(x.refusals)}</td>
                  <td>${num(x.lessons)}</td>
                  <td>${hours(x.minutes)}</td>
                  <td>${pct(x.attendanceBp)}</td>
                  <td>${money(x.revenueNet)}</td>
                  <td>${money(x.cost)}</td>
                  <td class=${x.profit < 0 ? 'loss' : ''}>${money(x.profit)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="cards">
        ${cards.map(
          (x) =>
            html`<section class="card" data-teacher=${x.teacherId} aria-label=${x.name}>
              <h3>${x.name}</h3>
              <dl>
                ${MEASURES.map(
                  (k) =>
                    html`<dt>${t(`reports.measure.${k}`)}</dt>
                      <dd>${shown(x, k)}</dd>
                      <dd class="place">${t('reports.card.place', { place: x.ranks[k], count: r.rows.length })}</dd>`,
                )}
              </dl>
              ${
                x.refusalReasons.length
                  ? html`<p class="reasons">
                      <span class="muted">${t('reports.col.reasons')}:</span>
                      ${x.refusalReasons
                        .map((r) => t('reports.reason', { reason: reasonLabel(r.reason), count: r.count }))
                        .join('; ')}
                    </p>`
                  : nothing
              }
            </section>`,
        )}
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-report-panel': CrmReportPanel
  }
}
