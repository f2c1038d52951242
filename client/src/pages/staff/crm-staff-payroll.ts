import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime, formatDay, formatMoney, formatMonthYear, formatNumber } from '../../../../domain/i18n/format'
import { fireEvent } from '../../common/fire-event'
import { confirmDialog } from '../../components/dialog-confirm'
import { ApiError } from '../../data/api'
import { approvePayroll, fetchPayroll, payrollCsvUrl, payslipUrl, type Payroll, type PayrollLine } from '../../data/payroll'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import type { PageContext } from '../../types'
import { costPeriod } from './costs-period'

/** Who may approve (staffPolicies.approvePayroll). */
const APPROVERS = ['owner', 'manager', 'accountant']

/**
 * The Payroll tab: a month (last month by default) of the branch, per employee a collapsible block
 * with every line explained (lesson and group, date, attendees, rate, amount; a correction says the
 * month it corrects), totals and problems; Approve (confirmed; then "Approved by X on …", locked),
 * a payslip PDF per employee and the CSV for accounting.
 */
@customElement('crm-staff-payroll')
export class CrmStaffPayroll extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private month = ''
  @state() private payroll: Payroll | null = null
  @state() private error: string | null = null
  @state() private busy = false
  private readonly locale = new LocaleController(this)
  private loadedFor = ''
  private seq = 0

  static styles = [
    baseStyles,
    tabPanelStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--crm-space-3, 12px);
        align-items: end;
      }
      .status {
        display: flex;
        flex-wrap: wrap;
        gap: var(--crm-space-2, 8px);
        align-items: center;
      }
      .badge {
        padding: 2px 8px;
        border-radius: 999px;
        font-size: 0.85em;
        background: var(--crm-surface-2, #eee);
      }
      .badge.approved {
        background: var(--crm-success-bg, #e3f5e6);
        color: var(--crm-success, #1b6e2d);
      }
      details {
        border: 1px solid var(--crm-border, #ddd);
        border-radius: 8px;
        padding: 8px 12px;
      }
      summary {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        justify-content: space-between;
        cursor: pointer;
        font-weight: 600;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-variant-numeric: tabular-nums;
        margin-top: 8px;
      }
      th,
      td {
        padding: 4px 8px;
        border-bottom: 1px solid var(--crm-border, #eee);
        text-align: start;
      }
      td.num,
      th.num {
        text-align: end;
        white-space: nowrap;
      }
      .corrects {
        color: var(--crm-warning, #8a5a00);
        font-size: 0.85em;
      }
      .problems {
        border-inline-start: 4px solid var(--crm-warning, #c80);
        padding-inline-start: 12px;
      }
      .grand {
        font-weight: 600;
        font-size: 1.1em;
      }
      .actions {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-top: 8px;
      }
    `,
  ]

  updated() {
    if (!this.branch) return
    if (!this.month) this.month = costPeriod('lastMonth', this.branch.timezone).from.slice(0, 7)
    const key = `${this.branch.id}|${this.month}`
    if (key === this.loadedFor) return
    this.loadedFor = key
    void this.load()
  }

  private async load() {
    const n = ++this.seq
    try {
      const p = await fetchPayroll(this.branch.id, this.month)
      if (n !== this.seq) return
      this.payroll = p
      this.error = null
    } catch (e) {
      if (n !== this.seq) return
      this.payroll = null
      this.error = e instanceof ApiError ? e.message : String(e)
    }
  }

  private money = (n: number) => formatMoney(n, this.payroll?.currency ?? 'AMD', currentLocale())

  private get mayApprove(): boolean {
    return this.ctx.user.roles.some((r) => APPROVERS.includes(r))
  }

  private async approve() {
    const p = this.payroll
    if (!p) return
    const ok = await confirmDialog(this, {
      heading: t('payroll.approve'),
      text: t('payroll.approveConfirm', { month: formatMonthYear(p.month, currentLocale()), total: this.money(p.total) }),
      confirmLabel: t('payroll.approve'),
    })
    if (!ok) return
    this.busy = true
    try {
      this.payroll = await approvePayroll(p.branchId, p.month)
      this.error = null
      fireEvent(this, 'crm-toast', { message: () => t('payroll.approved'), kind: 'success' })
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : String(e)
    } finally {
      this.busy = false
    }
  }

  /** The months offered: this month and the 35 before it (a month chosen further back stays offered). */
  private months(): string[] {
    const [y, m] = costPeriod('thisMonth', this.branch.timezone).from.split('-').map(Number)
    const out: string[] = []
    for (let i = 0; i < 36; i++) {
      const d = new Date(Date.UTC(y, m - 1 - i, 1))
      out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`)
    }
    if (this.month && !out.includes(this.month)) out.push(this.month)
    return out
  }

  render() {
    const p = this.payroll
    return html`<div class="toolbar">
        <div class="field">
          <label for="month">${t('payroll.month')}</label>
          <select
            id="month"
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value
              if (/^\d{4}-\d{2}$/.test(v)) this.month = v
            }}
          >
            ${this.months().map((m) => html`<option value=${m} ?selected=${m === this.month}>${formatMonthYear(m, currentLocale())}</option>`)}
          </select>
        </div>
        ${p ? html`<a class="button" href=${payrollCsvUrl(p.branchId, p.month)} download>${t('payroll.exportCsv')}</a>` : nothing}
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${p ? this.body(p) : html`<p class="muted" aria-busy="true">…</p>`}`
  }

  private body(p: Payroll) {
    const locale = currentLocale()
    return html`<div class="status" data-status=${p.status}>
        <span class="badge ${p.status}">${t(`payroll.status.${p.status}`)}</span>
        ${
          p.status === 'approved' && p.approvedAt
            ? html`<span
                  >${t('payroll.approvedBy', { name: p.approvedBy?.name ?? '', date: formatDateTime(new Date(p.approvedAt), locale, p.timezone) })}</span
                >
                <span class="muted">${t('payroll.locked')}</span>`
            : html`<span class="muted">${t('payroll.draftNote')}</span>`
        }
      </div>
      ${
        p.problems.length
          ? html`<section class="problems" aria-label=${t('payroll.problems')}>
              <h3>${t('payroll.problems')}</h3>
              <ul>
                ${p.problems.map(
                  (x) =>
                    html`<li>
                      ${x.name} · ${formatDay(x.day, locale)}${x.lesson ? ` · ${x.lesson}` : ''}: ${t('payroll.problem.noScheme')}
                    </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      ${
        p.employees.length
          ? p.employees.map(
              (e) =>
                html`<details class="employee" data-employee=${e.employeeId ?? ''}>
                  <summary>
                    <span>${e.name || t('payroll.noFile')}</span>
                    <span>${t('payroll.lines', { count: e.lines.length })} · ${this.money(e.total)}</span>
                  </summary>
                  <div class="scroll">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">${t('payroll.col.day')}</th>
                          <th scope="col">${t('payroll.col.kind')}</th>
                          <th scope="col">${t('payroll.col.lesson')}</th>
                          <th scope="col" class="num">${t('payroll.col.attendees')}</th>
                          <th scope="col" class="num">${t('payroll.col.rate')}</th>
                          <th scope="col" class="num">${t('payroll.col.amount')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${e.lines.map((l) => this.line(l))}
                      </tbody>
                      <tfoot>
                        <tr>
                          <td colspan="5">${t('payroll.total')}</td>
                          <td class="num">${this.money(e.total)}</td>
                        </tr>
                      </tfoot>
                    </table>
                  </div>
                  ${
                    e.employeeId
                      ? html`<div class="actions">
                          <a href=${payslipUrl(p.branchId, p.month, e.employeeId)} target="_blank" rel="noopener"
                            >${t('payroll.payslip')}</a
                          >
                        </div>`
                      : nothing
                  }
                </details>`,
            )
          : html`<p class="muted">${t('payroll.nothing')}</p>`
      }
      <p class="grand">${t('payroll.grandTotal')}: <span data-total=${p.total}>${this.money(p.total)}</span></p>
      ${
        p.status === 'draft' && this.mayApprove && p.employees.length
          ? html`<div class="actions">
              <button type="button" class="primary" ?disabled=${this.busy} @click=${() => void this.approve()}>
                ${t('payroll.approve')}
              </button>
            </div>`
          : nothing
      }`
  }

  private rate(l: PayrollLine): string {
    const locale = currentLocale()
    switch (l.kind) {
      case 'client':
        return `${formatNumber(l.attendees ?? 0, locale)} × ${this.money(l.rate ?? 0)}`
      case 'revenue':
        return t('payroll.rate.share', { percent: formatNumber((l.rate ?? 0) / 100, locale), base: this.money(l.base ?? 0) })
      case 'hourly':
      case 'service':
        return l.rate
          ? `${formatNumber(l.minutes ?? 0, locale)}′ · ${t('payroll.rate.perHour', { rate: this.money(l.rate) })}`
          : ''
      case 'monthly':
        return t('payroll.rate.days', {
          rate: this.money(l.rate ?? 0),
          days: `${l.base ?? 0}/${(l.reason ?? '').split('/')[1] ?? ''}`,
        })
      case 'lesson':
        return this.money(l.rate ?? 0)
      default:
        return ''
    }
  }

  private line(l: PayrollLine) {
    const locale = currentLocale()
    return html`<tr data-kind=${l.kind}>
      <td>${formatDay(l.day, locale)}</td>
      <td>
        ${t(`payroll.kind.${l.kind}`)}
        ${l.corrects ? html`<div class="corrects">${t('payroll.corrects', { month: formatMonthYear(l.corrects, locale) })}</div>` : nothing}
      </td>
      <td>
        ${l.lesson ?? l.reason ?? ''}${l.activity && l.activity !== l.lesson ? html` <span class="muted">· ${l.activity}</span>` : nothing}
      </td>
      <td class="num">${l.attendees ?? ''}</td>
      <td class="num">${this.rate(l)}</td>
      <td class="num">${this.money(l.amount)}</td>
    </tr>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-staff-payroll': CrmStaffPayroll
  }
}
