import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { type Debtor, ageingTotals, debtorsCsvUrl, fetchDebtors, subscribePassChanges } from '../../data/passes'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { dayText } from '../clients/labels'
import { money, passAbilities } from './labels'
import { passCellStyles, toneStyles } from './shared.styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'

/** Debtors of a branch with ageing (0–30, 31–60, over 60 days) and the CSV export. */
@customElement('crm-debtors')
export class CrmDebtors extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private items: Debtor[] | null = null
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.branch?.id],
    () => {
      void this.load()
      return subscribePassChanges(this.ctx.live, () => void this.load(), {
        types: ['invoice', 'payment', 'refund'],
        delayMs: 500,
      })
    },
  )

  static styles = [baseStyles, toneStyles, tabPanelStyles]

  private async load() {
    const id = this.branch.id
    try {
      const items = await fetchDebtors(id)
      if (id !== this.branch.id) return
      this.items = items.sort((a, b) => b.debt - a.debt)
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('passes.screens.loadError')
    }
  }

  render() {
    const items = this.items ?? []
    const sums = ageingTotals(items)
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="toolbar">
        <div class="figures">
          <div class="figure red">
            <span class="label">${t('passes.screens.debtors.total')}</span><span class="value">${money(sums.total)}</span>
          </div>
          <div class="figure">
            <span class="label">${t('passes.screens.debtors.d0')}</span><span class="value">${money(sums['0-30'])}</span>
          </div>
          <div class="figure">
            <span class="label">${t('passes.screens.debtors.d31')}</span><span class="value">${money(sums['31-60'])}</span>
          </div>
          <div class="figure">
            <span class="label">${t('passes.screens.debtors.d60')}</span><span class="value">${money(sums['60+'])}</span>
          </div>
        </div>
        <span class="spacer"></span>
        ${
          passAbilities(this.ctx.user.roles).exportDebtors
            ? html`<a class="button" href=${debtorsCsvUrl(this.branch.id)} download>${t('passes.screens.debtors.csv')}</a>`
            : nothing
        }
      </div>
      <crm-data-table
        layout="table"
        label=${t('passes.screens.tab.debtors')}
        .columns=${this.columns()}
        .rows=${items}
        .keyFn=${(d: Debtor) => d.clientId}
        .rowAttrs=${(d: Debtor) => ({ 'data-client': d.name })}
        .cellStyles=${passCellStyles}
        .loading=${this.items === null && !this.error}
        emptyText=${t('passes.screens.debtors.empty')}
      ></crm-data-table>`
  }

  private columns(): DataTableColumn<Debtor>[] {
    const amount = (d: Debtor, bucket: Debtor['bucket']) => (d.bucket === bucket ? money(d.debt) : '—')
    return [
      {
        key: 'name',
        title: t('passes.screens.debtors.client'),
        render: (d) => html`<a href="/clients/${d.clientId}?tab=account">${d.name}</a>`,
      },
      { key: 'payer', title: t('passes.screens.debtors.payer'), hideBelow: 720, render: (d) => d.payerName ?? '' },
      { key: 'phone', title: t('passes.screens.debtors.phone'), hideBelow: 900, render: (d) => d.payerPhone ?? d.phone ?? '' },
      {
        key: 'since',
        title: t('passes.screens.debtors.since'),
        hideBelow: 1000,
        render: (d) => (d.oldestDueOn ? dayText(d.oldestDueOn) : ''),
      },
      { key: 'd0', title: t('passes.screens.debtors.d0'), align: 'end', className: 'amount', render: (d) => amount(d, '0-30') },
      {
        key: 'd31',
        title: t('passes.screens.debtors.d31'),
        align: 'end',
        className: 'amount',
        render: (d) => amount(d, '31-60'),
      },
      { key: 'd60', title: t('passes.screens.debtors.d60'), align: 'end', className: 'amount', render: (d) => amount(d, '60+') },
      {
        key: 'debt',
        title: t('passes.screens.debtors.debt'),
        align: 'end',
        className: 'amount',
        render: (d) => html`<span class="debt">${money(d.debt)}</span>`,
      },
    ]
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-debtors': CrmDebtors
  }
}
