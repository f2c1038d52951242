import { dateInput } from '../../components/date-input'
import { LitElement, css, html, nothing } from 'lit'
import { figureTableStyles } from '../../resources/figure-table.styles'
import { customElement, property, state } from 'lit/decorators.js'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { formatDateTime, formatDay, formatNumber } from '../../../../domain/i18n/format'
import { parseAmount } from '../../../../domain/money'
import { dialogForm } from '../../components/dialog-form'
import { ApiError } from '../../data/api'
import {
  COST_GROUPINGS,
  fetchCostReport,
  fetchOverhead,
  setOverhead,
  type CostFigures,
  type CostGroupBy,
  type CostReport,
  type CostRow,
  type Overhead,
} from '../../data/costs'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import type { PageContext } from '../../types'
import { currency, money } from '../passes/labels'
import { costPeriod, type CostPeriod } from './costs-period'

const PERIODS: readonly CostPeriod[] = ['thisMonth', 'lastMonth', 'thisYear', 'custom']
/** Who may set the overhead (staffPolicies.setCosts). */
const SETTERS = ['owner', 'manager', 'accountant']
/** Rows asked for at once: a year by lesson is thousands of them, shown a page at a time. */
const PAGE = 200

type Column = { id: keyof CostFigures; label: MessageId }
const COLUMNS: readonly Column[] = [
  { id: 'revenueGross', label: 'costs.screen.col.revenue' },
  { id: 'vat', label: 'costs.screen.col.vat' },
  { id: 'revenueNet', label: 'costs.screen.col.net' },
  { id: 'teacherPay', label: 'costs.screen.col.teacher' },
  { id: 'roomCost', label: 'costs.screen.col.room' },
  { id: 'consumablesCost', label: 'costs.screen.col.consumables' },
  { id: 'overhead', label: 'costs.screen.col.overhead' },
  { id: 'totalCost', label: 'costs.screen.col.cost' },
]

/**
 * Lesson cost (the Staff page's tab): for a period and a grouping, each row's revenue, VAT and net,
 * the teacher, room, consumables and overhead, the total cost, the margin and margin %; a loss in
 * red with a minus and the word. The branch's overhead per hour, changed from a day by those who may.
 */
@customElement('crm-staff-costs')
export class CrmStaffCosts extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private period: CostPeriod = 'thisMonth'
  @state() private from = ''
  @state() private to = ''
  @state() private groupBy: CostGroupBy = 'teacher'
  @state() private loadingMore = false
  @state() private report: CostReport | null = null
  @state() private overhead: Overhead | null | undefined = undefined
  @state() private error: string | null = null
  @state() private dialogOpen = false
  @state() private form = { busy: false, error: null as string | null }
  @state() private fieldErrors: Record<string, string> = {}
  private readonly locale = new LocaleController(this)
  private loadedFor = ''
  private seq = 0

  static styles = [
    baseStyles,
    tabPanelStyles,
    figureTableStyles,
    css`
      .overhead {
        display: flex;
        gap: var(--crm-space-2, 8px);
        align-items: center;
        margin-bottom: var(--crm-space-3, 12px);
      }
      .more {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--crm-space-3, 12px);
        margin-top: var(--crm-space-3, 12px);
      }
      /* the headings wrap (Armenian and Russian ones are long), the figures never do */
      th {
        white-space: normal;
        vertical-align: bottom;
      }
      th:first-child,
      td:first-child {
        text-align: start;
        white-space: normal;
        min-width: 8em;
      }
      .loss {
        color: var(--crm-danger);
        font-weight: 600;
      }
      .loss .sub {
        color: var(--crm-danger);
      }
      .sub {
        display: block;
        color: var(--crm-text-muted, #666);
        font-size: 0.85em;
      }
    `,
  ]

  updated() {
    const key = `${this.branch?.id}|${this.period}|${this.from}|${this.to}|${this.groupBy}`
    if (!this.branch || key === this.loadedFor) return
    this.loadedFor = key
    void this.load()
  }

  private range(): { from: string; to: string } {
    if (this.period === 'custom' && this.from && this.to) return { from: this.from, to: this.to }
    return costPeriod(this.period === 'custom' ? 'thisMonth' : this.period, this.branch.timezone)
  }

  private async load() {
    const n = ++this.seq
    const { from, to } = this.range()
    if (this.period !== 'custom') [this.from, this.to] = [from, to]
    try {
      const [report, overhead] = await Promise.all([
        fetchCostReport({ ...this.query(from, to), offset: 0 }),
        fetchOverhead(this.branch.id),
      ])
      if (n !== this.seq) return
      this.report = report
      this.overhead = overhead.current
      this.error = null
    } catch (e) {
      if (n !== this.seq) return
      this.error = e instanceof ApiError ? e.message : t('costs.screen.loadFailed')
    }
  }

  private query(from: string, to: string) {
    return { branchId: this.groupBy === 'branch' ? undefined : this.branch.id, from, to, groupBy: this.groupBy, limit: PAGE }
  }

  /** The next page of lessons, after those shown (a year is thousands of them). */
  private async more() {
    const r = this.report
    if (!r || this.loadingMore) return
    const n = this.seq
    this.loadingMore = true
    try {
      const next = await fetchCostReport({ ...this.query(r.from, r.to), offset: r.rows.length })
      if (n === this.seq) this.report = { ...r, rows: [...r.rows, ...next.rows], count: next.count }
    } catch (e) {
      if (n === this.seq) this.error = e instanceof ApiError ? e.message : t('costs.screen.loadFailed')
    } finally {
      this.loadingMore = false
    }
  }

  private get maySet(): boolean {
    return this.ctx.user.roles.some((r) => SETTERS.includes(r))
  }

  render() {
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <p class="muted">${t('costs.screen.lead')}</p>
      ${this.toolbar()} ${this.overheadLine()} ${this.table()} ${this.dialogOpen ? this.dialog() : nothing}`
  }

  private toolbar() {
    return html`<div class="toolbar">
      <div class="field">
        <label for="period">${t('costs.screen.period')}</label>
        <select id="period" @change=${(e: Event) => (this.period = (e.target as HTMLSelectElement).value as CostPeriod)}>
          ${PERIODS.map((p) => html`<option value=${p} ?selected=${p === this.period}>${t(`costs.screen.period.${p}`)}</option>`)}
        </select>
      </div>
      ${
        this.period === 'custom'
          ? html`<div class="field">
                <label for="from">${t('costs.screen.from')}</label>
                ${dateInput({ id: 'from', value: this.from, onChange: (v) => v && (this.from = v) })}
              </div>
              <div class="field">
                <label for="to">${t('costs.screen.to')}</label>
                ${dateInput({ id: 'to', value: this.to, onChange: (v) => v && (this.to = v) })}
              </div>`
          : nothing
      }
      <div class="field">
        <label for="groupBy">${t('costs.screen.groupBy')}</label>
        <select id="groupBy" @change=${(e: Event) => (this.groupBy = (e.target as HTMLSelectElement).value as CostGroupBy)}>
          ${COST_GROUPINGS.map((g) => html`<option value=${g} ?selected=${g === this.groupBy}>${t(`costs.screen.groupBy.${g}`)}</option>`)}
        </select>
      </div>
    </div>`
  }

  private overheadLine() {
    if (this.overhead === undefined) return nothing
    const o = this.overhead
    return html`<div class="overhead" data-overhead=${o?.overheadPerHour ?? ''}>
      <span
        >${
          o
            ? html`${t('costs.screen.overhead', { amount: money(o.overheadPerHour) })}
                <span class="muted">${t('costs.screen.overheadFrom', { date: formatDay(o.validFrom, currentLocale()) })}</span>`
            : t('costs.screen.overheadNone')
        }</span
      >
      ${
        this.maySet
          ? html`<button
              type="button"
              @click=${() => ((this.dialogOpen = true), (this.form = { busy: false, error: null }), (this.fieldErrors = {}))}
            >
              ${t('costs.screen.changeOverhead')}
            </button>`
          : nothing
      }
    </div>`
  }

  private label(r: CostRow) {
    if (this.report?.groupBy === 'lesson' && r.startsAt)
      return html`${r.name || t('costs.screen.noGroup')}<span class="sub"
          >${formatDateTime(new Date(r.startsAt), currentLocale(), this.branch.timezone)}</span
        >`
    return r.name || (this.report?.groupBy === 'group' ? t('costs.screen.noGroup') : '—')
  }

  private marginCells(f: CostFigures) {
    const loss = f.margin < 0
    const pct = f.marginBp === null ? '—' : `${formatNumber(f.marginBp / 100, currentLocale())} %`
    // the margin % and the word under the amount: the table fits the page in every language
    return html`<td class=${loss ? 'loss' : ''} data-margin=${f.margin}>
      ${money(f.margin)}<span class="sub">${pct}${loss ? html` · ${t('costs.screen.loss')}` : nothing}</span>
    </td>`
  }

  private table() {
    const r = this.report
    if (!r) return html`<p class="muted" aria-busy="true">…</p>`
    if (!r.rows.length) return html`<p class="muted">${t('costs.screen.none')}</p>`
    return html`<div class="scroll">
        <table aria-label=${t('staff.screens.tab.costs')}>
          <thead>
            <tr>
              <th scope="col">${t(`costs.screen.head.${r.groupBy}`)}</th>
              <th scope="col">${t('costs.screen.col.lessons')}</th>
              ${COLUMNS.map((c) => html`<th scope="col">${t(c.label)}</th>`)}
              <th scope="col">${t('costs.screen.col.margin')}</th>
            </tr>
          </thead>
          <tbody>
            ${r.rows.map(
              (row) =>
                html`<tr data-key=${row.key ?? ''}>
                  <td>${this.label(row)}</td>
                  <td>${formatNumber(row.lessons, currentLocale())}</td>
                  ${COLUMNS.map((c) => html`<td>${money(row[c.id] as number)}</td>`)} ${this.marginCells(row)}
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <td>${t('costs.screen.total')}</td>
              <td>${formatNumber(r.totals.lessons, currentLocale())}</td>
              ${COLUMNS.map((c) => html`<td>${money(r.totals[c.id] as number)}</td>`)} ${this.marginCells(r.totals)}
            </tr>
          </tfoot>
        </table>
      </div>
      ${
        r.count > r.rows.length
          ? html`<p class="more">
              <span class="muted">${t('costs.screen.shown', { shown: r.rows.length, count: r.count })}</span>
              <button type="button" ?disabled=${this.loadingMore} @click=${() => void this.more()}>
                ${t('costs.screen.more', { n: Math.min(PAGE, r.count - r.rows.length) })}
              </button>
            </p>`
          : nothing
      }`
  }

  private dialog() {
    const fe = this.fieldErrors
    const today = costPeriod('thisMonth', this.branch.timezone).today
    return dialogForm(
      {
        heading: t('costs.screen.dialog.title'),
        state: this.form,
        submitLabel: t('costs.screen.dialog.save'),
        onSubmit: (data) => void this.save(data),
        onClose: () => (this.dialogOpen = false),
      },
      html`<div class="field">
          <label for="validFrom">${t('costs.screen.dialog.validFrom')}</label>
          ${dateInput({ id: 'validFrom', name: 'validFrom', value: today, required: true, onChange: () => {} })}
          ${fe.validFrom ? html`<span class="field-error">${fe.validFrom}</span>` : nothing}
        </div>
        <div class="field">
          <label for="overheadPerHour">${t('costs.screen.dialog.amount')}</label>
          <input
            id="overheadPerHour"
            name="overheadPerHour"
            inputmode="decimal"
            autocomplete="off"
            aria-invalid=${fe.overheadPerHour ? 'true' : 'false'}
          />
          ${fe.overheadPerHour ? html`<span class="field-error">${fe.overheadPerHour}</span>` : nothing}
        </div>`,
    )
  }

  private async save(data: FormData) {
    const amount = parseAmount(String(data.get('overheadPerHour') ?? ''), currency())
    if (amount === null || amount < 0) {
      this.fieldErrors = { overheadPerHour: t(amount === null ? 'costs.screen.amountInvalid' : 'costs.overheadNegative') }
      return
    }
    this.form = { busy: true, error: null }
    try {
      await setOverhead({ branchId: this.branch.id, validFrom: String(data.get('validFrom') ?? ''), overheadPerHour: amount })
      this.dialogOpen = false
      this.form = { busy: false, error: null }
      this.loadedFor = ''
      this.requestUpdate()
    } catch (e) {
      this.fieldErrors = e instanceof ApiError ? e.fields : {}
      this.form = { busy: false, error: e instanceof Error ? e.message : t('costs.screen.loadFailed') }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-staff-costs': CrmStaffCosts
  }
}
