import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { dateInput } from '../../components/date-input'
import { confirmDialog } from '../../components/dialog-confirm'
import { field } from '../../components/field'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { type CashDesk, type CashTotals, closeCashDesk, fetchCashDesk, subscribePassChanges } from '../../data/passes'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { dayText } from '../clients/labels'
import { count, money, passAbilities, todayIn } from './labels'
import { passCellStyles, toneStyles } from './shared.styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'

type UserRow = { userId: string; name: string } & CashTotals

/** A branch's cash-desk day: totals per method and per user, refunds, the payments; close the day. */
@customElement('crm-cash-desk')
export class CrmCashDesk extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private day = ''
  @state() private desk: CashDesk | null = null
  @state() private error: string | null = null
  @state() private busy = false
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.branch?.id, this.day],
    () => {
      void this.load()
      return subscribePassChanges(this.ctx.live, () => void this.load(), {
        types: ['payment', 'refund', 'invoice', 'cash_day'],
        delayMs: 300,
      })
    },
  )

  static styles = [baseStyles, toneStyles, tabPanelStyles]

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('branch') && this.branch && !this.day) this.day = todayIn(this.branch.timezone)
  }

  private async load() {
    const key = `${this.branch.id}|${this.day}`
    try {
      const desk = await fetchCashDesk(this.branch.id, this.day)
      if (key !== `${this.branch.id}|${this.day}`) return
      this.desk = desk
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('passes.screens.loadError')
    }
  }

  render() {
    const d = this.desk
    const can = passAbilities(this.ctx.user.roles)
    return html`<div class="toolbar">
        ${field('day', t('passes.screens.cash.day'), dateInput({ id: 'day', value: this.day, onChange: (v) => v && (this.day = v) }))}
        <span class="spacer"></span>
        ${
          d?.closed
            ? html`<span class="chip ok" data-testid="day-closed">${t('passes.screens.cash.closed')}</span>`
            : can.closeDay && d
              ? html`<button class="primary" ?disabled=${this.busy} @click=${() => void this.close()}>
                  ${t('passes.screens.cash.close')}
                </button>`
              : nothing
        }
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${d ? this.renderDesk(d) : this.error ? nothing : html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`}`
  }

  private renderDesk(d: CashDesk) {
    const fig = (label: string, v: number, cls = '') =>
      html`<div class="figure ${cls}"><span class="label">${label}</span><span class="value">${money(v)}</span></div>`
    const users: DataTableColumn<UserRow>[] = [
      { key: 'name', title: t('passes.screens.cash.user'), render: (u) => u.name },
      { key: 'cash', title: t('passes.screens.method.cash'), align: 'end', className: 'amount', render: (u) => money(u.cash) },
      { key: 'card', title: t('passes.screens.method.card'), align: 'end', className: 'amount', render: (u) => money(u.card) },
      {
        key: 'transfer',
        title: t('passes.screens.method.transfer'),
        align: 'end',
        className: 'amount',
        render: (u) => money(u.transfer),
      },
      {
        key: 'refunds',
        title: t('passes.screens.cash.refunds'),
        align: 'end',
        className: 'amount',
        render: (u) => money(u.refunds),
      },
      {
        key: 'payments',
        title: t('passes.screens.cash.payments'),
        align: 'end',
        hideBelow: 720,
        render: (u) => count(u.payments),
      },
      { key: 'total', title: t('passes.screens.money.total'), align: 'end', className: 'amount', render: (u) => money(u.net) },
    ]
    return html`<section class="card" aria-labelledby="totals-title">
        <h2 id="totals-title">${t('passes.screens.cash.totals', { date: dayText(d.day || this.day) })}</h2>
        <div class="figures">
          ${fig(t('passes.screens.method.cash'), d.totals.cash)} ${fig(t('passes.screens.method.card'), d.totals.card)}
          ${fig(t('passes.screens.method.transfer'), d.totals.transfer)}
          ${fig(t('passes.screens.cash.refunds'), d.totals.refunds, d.totals.refunds ? 'red' : '')}
          ${fig(t('passes.screens.cash.net'), d.totals.net)}
        </div>
      </section>
      <section class="card" aria-labelledby="users-title">
        <h2 id="users-title">${t('passes.screens.cash.byUser')}</h2>
        <crm-data-table
          layout="table"
          flat
          label=${t('passes.screens.cash.byUser')}
          .columns=${users}
          .rows=${d.byUser}
          .keyFn=${(u: UserRow) => u.userId}
          .cellStyles=${passCellStyles}
          emptyText=${t('passes.screens.cash.none')}
        ></crm-data-table>
      </section>`
  }

  private async close() {
    const ok = await confirmDialog(this, {
      heading: t('passes.screens.cash.closeTitle', { date: dayText(this.day) }),
      text: t('passes.screens.cash.closeText'),
      confirmLabel: t('passes.screens.cash.close'),
    })
    if (!ok) return
    this.busy = true
    try {
      await closeCashDesk(this.branch.id, this.day)
      fireEvent(this, 'crm-toast', { message: t('passes.screens.cash.closedDone'), kind: 'success' })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-cash-desk': CrmCashDesk
  }
}
