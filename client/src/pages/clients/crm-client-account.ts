import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { fireEvent } from '../../common/fire-event'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import type { ClientDetail } from '../../data/clients'
import { fetchActivities } from '../../data/timetable'
import {
  type Account,
  type AccountVisit,
  type InvoiceSummary,
  type Pass,
  type PassFlags,
  type Payment,
  type Tone,
  fetchAccount,
  invoicePdfUrl,
  receiptPdfUrl,
  resumePass,
  subscribePassChanges,
  toneOfStatus,
  usePassFlags,
} from '../../data/passes'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import {
  flagLabel,
  getsPassFlags,
  methodLabel,
  money,
  passAbilities,
  passStatusLabel,
  sessionsText,
  todayIn,
  visitSourceLabel,
} from '../passes/labels'
import { passCellStyles, toneStyles } from '../passes/shared.styles'
import { makeUpCreditText } from '../passes/makeup-labels'
import { clientAccountStyles } from './crm-client-account.styles'
import { dateText, dayText, zoneOf } from './labels'

/**
 * The client file's "Account" tab: the client's passes (red when used up, expired or a visit is
 * owed, amber when running out: from the open alerts, live), debt (and the family's or the paying
 * guardian's), the open make-up credits, invoices with paid and due and their PDFs, payments with
 * receipts, visits; and the desk's actions: sell a pass, take a payment, refund, freeze and resume.
 */
@customElement('crm-client-account')
export class CrmClientAccount extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) client!: ClientDetail
  @state() private account: Account | null = null
  @state() private error: string | null = null
  @state() private activityNames = new Map<string, string>()
  private flags: PassFlags | null = null
  private request = 0
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.client?.id],
    () => {
      if (!this.client) return null
      void this.load()
      return subscribePassChanges(this.ctx.live, () => void this.load(), { clientId: this.client.id })
    },
  )
  private flagWatch = new SubscriptionController(
    this,
    () => [this.ctx?.live],
    () => {
      const { flags, release } = usePassFlags(this.ctx.live)
      this.flags = flags
      const off = flags.subscribe(() => this.requestUpdate())
      return () => {
        off()
        release()
        this.flags = null
      }
    },
  )

  static styles = [baseStyles, toneStyles, clientAccountStyles]

  private get can() {
    return passAbilities(this.ctx.user.roles)
  }

  private get zone() {
    return zoneOf(this.client.branchId)
  }

  private get today() {
    return todayIn(this.zone)
  }

  private async load() {
    const req = ++this.request
    if (!this.activityNames.size)
      void fetchActivities().then(
        (list) => (this.activityNames = new Map(list.map((x) => [x.id, x.name]))),
        () => {},
      )
    try {
      const account = await fetchAccount(this.client.id)
      if (req !== this.request) return
      this.account = account
      this.error = null
    } catch (e) {
      if (req !== this.request) return
      this.error = e instanceof ApiError ? e.userMessage : t('passes.screens.loadError')
    }
  }

  private toneOf(p: Pass): Tone {
    if (p.status === 'ended') return null
    // the open alert decides, live (the same store on every screen); until it is fetched, the server's colour
    if (this.flags?.ready && getsPassFlags(this.ctx.user.roles)) return this.flags.passTone(p.id)
    return toneOfStatus(p)
  }

  render() {
    if (!this.account)
      return this.error
        ? html`<p class="alert error" role="alert">${this.error}</p>`
        : html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`
    const a = this.account
    const owed = this.flags?.hasOwedVisit(this.client.id) ?? false
    return html`
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <section class="card" aria-labelledby="account-title">
        <div class="top">
          <div>
            <h2 id="account-title">${t('passes.screens.account.title')}</h2>
            <div class="figures">
              <div class="figure ${a.debt > 0 ? 'red' : ''}" data-testid="debt">
                <span class="label">${t('passes.screens.account.debt')}</span><span class="value">${money(a.debt)}</span>
              </div>
              ${
                a.familyDebt !== null && a.familyDebt !== undefined && a.familyDebt !== a.debt
                  ? html`<div class="figure ${a.familyDebt > 0 ? 'red' : ''}">
                      <span class="label">${t('passes.screens.account.familyDebt')}</span
                      ><span class="value">${money(a.familyDebt)}</span>
                    </div>`
                  : nothing
              }
              ${
                a.credit
                  ? html`<div class="figure">
                      <span class="label">${t('passes.screens.account.credit')}</span
                      ><span class="value">${money(a.credit)}</span>
                    </div>`
                  : nothing
              }
            </div>
            ${
              a.payer
                ? html`<p class="payer">
                    ${t('passes.screens.account.payer', { name: a.payer.name })}${
                      a.payer.debt !== undefined
                        ? ` · ${t('passes.screens.account.payerDebt', { debt: money(a.payer.debt) })}`
                        : ''
                    }
                  </p>`
                : nothing
            }
            ${
              (a.family ?? []).filter((m) => m.clientId !== this.client.id && m.debt > 0).length
                ? html`<p class="payer">
                    ${(a.family ?? [])
                      .filter((m) => m.clientId !== this.client.id && m.debt > 0)
                      .map(
                        (m, i) =>
                          html`${i ? ' · ' : ''}<a href="/clients/${m.clientId}?tab=account">${m.name}</a>: ${money(m.debt)}`,
                      )}
                  </p>`
                : nothing
            }
          </div>
          ${this.can.sell ? html`<button class="primary" @click=${() => void this.sell()}>${t('passes.screens.sell.action')}</button>` : nothing}
        </div>
        ${owed ? html`<p class="alert error" role="status" style="margin-top:12px">${t('passes.screens.account.owed')}</p>` : nothing}
      </section>
      <section class="card" aria-labelledby="passes-title">
        <h2 id="passes-title">${t('passes.screens.account.passes')}</h2>
        ${
          a.passes.length
            ? html`<ul class="passes">
                ${a.passes.map((p) => this.renderPass(p, a))}
              </ul>`
            : html`<p class="empty">${t('passes.screens.account.noPasses')}</p>`
        }
      </section>
      ${
        a.makeUpCredits.length
          ? html`<section class="card" aria-labelledby="credits-title">
              <h2 id="credits-title">${t('passes.screens.makeUp.title')}</h2>
              <p class="payer">${t('passes.screens.makeUp.lead')}</p>
              <ul class="credits" data-testid="make-up-credits">
                ${a.makeUpCredits.map(
                  (m) =>
                    html`<li data-credit=${m.id}>
                      ${makeUpCreditText(m, m.activityId ? this.activityNames.get(m.activityId) : undefined)}
                    </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      <section class="card" aria-labelledby="invoices-title">
        <h2 id="invoices-title">${t('passes.screens.account.invoices')}</h2>
        <crm-data-table
          layout="table"
          flat
          label=${t('passes.screens.account.invoices')}
          .columns=${this.invoiceColumns()}
          .rows=${a.invoices}
          .cellStyles=${passCellStyles}
          .rowAttrs=${(i: InvoiceSummary) => ({ 'data-invoice': String(i.number) })}
          emptyText=${t('passes.screens.account.noInvoices')}
        ></crm-data-table>
      </section>
      <section class="card" aria-labelledby="payments-title">
        <h2 id="payments-title">${t('passes.screens.account.payments')}</h2>
        <crm-data-table
          layout="table"
          flat
          label=${t('passes.screens.account.payments')}
          .columns=${this.paymentColumns(a)}
          .rows=${a.payments}
          .cellStyles=${passCellStyles}
          emptyText=${t('passes.screens.account.noPayments')}
        ></crm-data-table>
      </section>
      <section class="card" aria-labelledby="visits-title">
        <h2 id="visits-title">${t('passes.screens.account.visits')}</h2>
        <crm-data-table
          layout="table"
          flat
          label=${t('passes.screens.account.visits')}
          .columns=${this.visitColumns(a)}
          .rows=${a.visits.slice(0, 100)}
          .keyFn=${(v: AccountVisit) => String(v.id)}
          .cellStyles=${passCellStyles}
          emptyText=${t('passes.screens.account.noVisits')}
        ></crm-data-table>
      </section>
    `
  }

  private renderPass(p: Pass, a: Account) {
    const tone = this.toneOf(p)
    const flag = this.flags?.ready ? this.flags.passFlag(p.id) : (p.alert ?? null)
    const invoice = a.invoices.find((i) => i.id === p.invoiceId) ?? null
    const frozen = p.frozen || p.status === 'frozen'
    const ended = p.status === 'ended'
    return html`<li class="pass" data-tone=${tone ?? 'none'} data-status=${p.status} data-pass=${p.id}>
      <div class="pass-head">
        <strong>${p.name}</strong>
        ${tone ? html`<span class="tone ${tone}">${flag ? flagLabel(flag) : passStatusLabel(p.status)}</span>` : nothing}
        ${!tone || p.status === 'frozen' || p.status === 'ended' ? html`<span class="chip">${passStatusLabel(p.status)}</span>` : nothing}
      </div>
      <div class="pass-facts">
        <span data-testid="sessions-left">${sessionsText(p)}</span>
        <span>${t('passes.screens.pass.until', { date: dayText(p.validUntil) })}</span>
        ${invoice && invoice.due > 0 ? html`<span class="debt">${t('passes.screens.pass.due', { due: money(invoice.due) })}</span>` : nothing}
      </div>
      ${
        ended
          ? nothing
          : html`<div class="pass-actions">
              ${
                invoice && invoice.due > 0 && this.can.pay
                  ? html`<button class="small" @click=${() => void this.pay(invoice)}>${t('passes.screens.pay.action')}</button>`
                  : nothing
              }
              ${
                this.can.freeze && p.status !== 'used_up' && p.status !== 'expired'
                  ? frozen
                    ? html`<button class="small" @click=${() => void this.resume(p)}>
                        ${t('passes.screens.freeze.resume')}
                      </button>`
                    : html`<button class="small" @click=${() => void this.freeze(p)}>
                        ${t('passes.screens.freeze.action')}
                      </button>`
                  : nothing
              }
              ${
                invoice && this.can.refund && invoice.paid > 0
                  ? html`<button class="small" @click=${() => void this.refund(invoice, p)}>
                      ${t('passes.screens.refund.action')}
                    </button>`
                  : nothing
              }
            </div>`
      }
    </li>`
  }

  private invoiceColumns(): DataTableColumn<InvoiceSummary>[] {
    return [
      { key: 'number', title: t('passes.screens.invoice.number'), render: (i) => String(i.number) },
      { key: 'issued', title: t('passes.screens.invoice.issued'), render: (i) => (i.issuedOn ? dayText(i.issuedOn) : '') },
      { key: 'total', title: t('passes.screens.money.total'), align: 'end', className: 'amount', render: (i) => money(i.total) },
      { key: 'paid', title: t('passes.screens.money.paid'), align: 'end', className: 'amount', render: (i) => money(i.paid) },
      {
        key: 'due',
        title: t('passes.screens.money.due'),
        align: 'end',
        className: 'amount',
        render: (i) =>
          i.cancelled
            ? t('passes.screens.invoice.cancelled')
            : html`<span class=${i.due > 0 ? 'debt' : ''}>${money(i.due)}</span>`,
      },
      {
        key: 'actions',
        title: t('passes.screens.actions'),
        titleHidden: true,
        render: (i) =>
          html`<a href=${invoicePdfUrl(i.id)} target="_blank" rel="noopener"
              >${t('passes.screens.invoice.pdf')}<span class="visually-hidden"> ${String(i.number)}</span></a
            >
            ${
              i.due > 0 && !i.cancelled && this.can.pay
                ? html` ·
                    <a href="#" @click=${(e: Event) => (e.preventDefault(), void this.pay(i))}
                      >${t('passes.screens.pay.action')}</a
                    >`
                : nothing
            }`,
      },
    ]
  }

  private paymentColumns(a: Account): DataTableColumn<Payment>[] {
    const num = (id: string) => String(a.invoices.find((i) => i.id === id)?.number ?? '')
    return [
      { key: 'at', title: t('passes.screens.payment.at'), render: (p) => dateText(p.at, this.zone) },
      { key: 'invoice', title: t('passes.screens.invoice.number'), render: (p) => num(p.invoiceId) },
      { key: 'method', title: t('passes.screens.pay.method'), render: (p) => methodLabel(p.method) },
      {
        key: 'amount',
        title: t('passes.screens.payment.amount'),
        align: 'end',
        className: 'amount',
        render: (p) => money(p.amount),
      },
      {
        key: 'receipt',
        title: t('passes.screens.payment.receipt'),
        titleHidden: true,
        render: (p) =>
          html`<a href=${receiptPdfUrl(p.id)} target="_blank" rel="noopener">${t('passes.screens.payment.receipt')}</a>`,
      },
    ]
  }

  private visitColumns(a: Account): DataTableColumn<AccountVisit>[] {
    const passName = (id: string | null) => a.passes.find((p) => p.id === id)?.name ?? ''
    return [
      { key: 'on', title: t('passes.screens.visit.on'), render: (v) => dayText(v.on) },
      { key: 'source', title: t('passes.screens.visit.source'), render: (v) => visitSourceLabel(v.source) },
      {
        key: 'activity',
        title: t('passes.screens.visit.activity'),
        render: (v) => v.activity ?? (v.activityId ? (this.activityNames.get(v.activityId) ?? '') : ''),
      },
      {
        key: 'pass',
        title: t('passes.screens.visit.pass'),
        render: (v) =>
          v.owed
            ? html`<span class="debt">${t('passes.screens.visit.owed')}</span>`
            : (v.sign ?? 1) < 0
              ? t('passes.screens.visit.givenBack', { pass: v.planName ?? passName(v.passId) })
              : (v.planName ?? passName(v.passId)),
      },
    ]
  }

  // ——— actions ———

  private async sell() {
    const result = await showDialog(
      this,
      'crm-dialog-sell-pass',
      { clientId: this.client.id, clientName: this.client.name, branchId: this.client.branchId, today: this.today },
      () => import('../passes/dialog-sell-pass'),
    )
    if (!result) return
    await this.load()
    if (result.payNow) await this.pay(result.sale.invoice)
  }

  private async pay(invoice: InvoiceSummary) {
    const paid = await showDialog(
      this,
      'crm-dialog-payment',
      { invoice, clientName: this.client.name },
      () => import('../passes/dialog-payment'),
    )
    if (paid) await this.load()
  }

  private async refund(invoice: InvoiceSummary, pass: Pass | null) {
    const done = await showDialog(
      this,
      'crm-dialog-refund',
      { invoice, pass, clientName: this.client.name },
      () => import('../passes/dialog-refund'),
    )
    if (done) await this.load()
  }

  private async freeze(pass: Pass) {
    const done = await showDialog(this, 'crm-dialog-freeze', { pass, today: this.today }, () => import('../passes/dialog-freeze'))
    if (done) await this.load()
  }

  private async resume(pass: Pass) {
    try {
      await resumePass(pass.id)
      fireEvent(this, 'crm-toast', { message: t('passes.screens.freeze.resumed'), kind: 'success' })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-account': CrmClientAccount
  }
}
