import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit'
import { figureTableStyles } from '../../resources/figure-table.styles'
import { formatMonthYear, formatNumber } from '../../../../domain/i18n/format'
import { dateInput } from '../../components/date-input'
import { ApiError } from '../../data/api'
import type { Branch } from '../../data/types'
import { currentLocale, t } from '../../i18n/locale'
import { PERIODS, reportPeriod, type ReportPeriod } from './period'
import './crm-report-chart'

/**
 * What every report of the Reports page shares (revenue, debts, VAT and teachers in
 * crm-report-panel; inflow and retention; occupancy): the figures' formats, the toolbar's fields
 * (period with its own days, a list to choose from, CSV and XLSX), the chart, the table styles,
 * and the request whose latest answer is shown.
 */

/** A count in the reader's language. */
export const num = (n: number) => formatNumber(n, currentLocale())
/** A rate in basis points as a percentage ('—' when there is none). */
export const pct = (bp: number | null) => (bp === null ? '—' : `${formatNumber(Math.round(bp) / 100, currentLocale())} %`)
/** Minutes as hours with one decimal. */
export const hours = (minutes: number) => formatNumber(Math.round((minutes * 10) / 60) / 10, currentLocale())
/** A month (YYYY-MM) in words. */
export const month = (ym: string) => formatMonthYear(ym, currentLocale())

/** A choice of a list: its value and what it says. */
export type Option = [value: string, label: string]

/** The period chosen on a report, and the days typed for a period of one's own. */
export interface PeriodChoice {
  period: ReportPeriod
  from: string
  to: string
}

/** The days a report covers: those typed for a period of one's own (once both are), else the period's from today. */
export function periodRange(c: PeriodChoice, fallback: Exclude<ReportPeriod, 'custom'>, timeZone: string) {
  return c.period === 'custom' && c.from && c.to
    ? { from: c.from, to: c.to }
    : reportPeriod(c.period === 'custom' ? fallback : c.period, timeZone)
}

/** The time zone the report's days are counted in: the branch shown, else the reader's first. */
export const branchTimeZone = (branches: readonly Branch[], branchId: string): string =>
  (branches.find((b) => b.id === branchId) ?? branches[0])?.timezone ?? 'UTC'

/** A labelled list to choose from. */
export function selectField(id: string, label: string, value: string, options: readonly Option[], onChange: (v: string) => void) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
  </div>`
}

/** The period list, and the first and last day when it is a period of one's own. */
export function periodFields(c: PeriodChoice, set: (change: Partial<PeriodChoice>) => void) {
  return html`${selectField(
    'period',
    t('reports.period'),
    c.period,
    PERIODS.map((p) => [p, t(`reports.period.${p}`)]),
    (v) => set({ period: v as ReportPeriod }),
  )}
  ${
    c.period === 'custom'
      ? html`<div class="field">
            <label for="from">${t('reports.from')}</label>
            ${dateInput({ id: 'from', value: c.from, onChange: (v) => v && set({ from: v }) })}
          </div>
          <div class="field">
            <label for="to">${t('reports.to')}</label>
            ${dateInput({ id: 'to', value: c.to, onChange: (v) => v && set({ to: v }) })}
          </div>`
      : nothing
  }`
}

/** The CSV and XLSX buttons, off while a download is on its way. */
export function downloadButtons(busy: boolean, download: (format: 'csv' | 'xlsx') => void) {
  return html`<div class="downloads">
    <button type="button" ?disabled=${busy} @click=${() => download('csv')}>${t('reports.download.csv')}</button>
    <button type="button" ?disabled=${busy} @click=${() => download('xlsx')}>${t('reports.download.xlsx')}</button>
  </div>`
}

/** A report's chart: months, buckets or teachers along the bottom; `lines` draws every series as a line. */
export function reportChart(
  title: string,
  categories: string[],
  series: Array<{ label: string; values: number[] }>,
  format: (v: number) => string,
  lines = false,
) {
  return html`<crm-report-chart
    .label=${t('reports.chart.label', { title })}
    .categories=${categories}
    .series=${series}
    .format=${format}
    ?lines=${lines}
  ></crm-report-chart>`
}

/** The error shown for a failed request: the server's words, else the screen's. */
const errorText = (e: unknown) => (e instanceof ApiError ? e.message : t('reports.loadFailed'))

/**
 * A report's request: the latest answer (`data`; an older request answering late is dropped), the
 * error to show, and whether a download is on its way (`busy`). Its host renders again on each.
 */
export class ReportRequest<T> implements ReactiveController {
  data: T | null = null
  error: string | null = null
  busy = false
  private seq = 0

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected() {}

  /** Asks again: the last answer is gone until this one comes. */
  async load(fetch: () => Promise<T>) {
    const n = ++this.seq
    this.data = null
    this.host.requestUpdate()
    try {
      const data = await fetch()
      if (n !== this.seq) return
      this.data = data
      this.error = null
    } catch (e) {
      if (n !== this.seq) return
      this.error = errorText(e)
    }
    this.host.requestUpdate()
  }

  /** A download (CSV or XLSX): its error is shown like a request's. */
  async download(run: () => Promise<void>) {
    this.busy = true
    this.host.requestUpdate()
    try {
      await run()
      this.error = null
    } catch (e) {
      this.error = errorText(e)
    } finally {
      this.busy = false
      this.host.requestUpdate()
    }
  }
}

/** The toolbar, its downloads, and the report tables (figures to the right, words to the left). */
export const reportStyles = [
  figureTableStyles,
  css`
    .downloads {
      display: flex;
      gap: var(--crm-space-2, 8px);
      margin-inline-start: auto;
    }
    .scroll {
      margin-bottom: var(--crm-space-4, 16px);
    }
  `,
]
