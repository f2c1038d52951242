import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { confirmDialog } from '../../components/dialog-confirm'
import { showDialog } from '../../components/dialogs'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { type PassPlan, type TaxRate, archivePlan, fetchPlans, fetchTaxRates, subscribePassChanges } from '../../data/passes'
import { type Activity, fetchActivities } from '../../data/timetable'
import type { Branch } from '../../data/types'
import { formatList } from '../../../../domain/i18n/format'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { dayText } from '../clients/labels'
import { count, money, passAbilities, todayIn } from './labels'
import { passCellStyles, toneStyles } from './shared.styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'

/** The percentage of a rate in basis points ("20 %"). */
export const rateText = (bp: number) => `${count(bp / 100)} %`

/** How a rate is counted, in words. */
export const modeLabel = (mode: string) =>
  mode === 'included' || mode === 'added' || mode === 'exempt' ? t(`passes.screens.tax.mode.${mode}`) : mode

/** Pass plans (managers create, change a price from a date, archive) and the tax rates. */
@customElement('crm-plans')
export class CrmPlans extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private plans: PassPlan[] | null = null
  @state() private rates: TaxRate[] = []
  @state() private activities: Activity[] = []
  @state() private archived = false
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.archived],
    () => {
      void this.load()
      return subscribePassChanges(this.ctx.live, () => void this.load(), {
        types: ['plan', 'pass_plan', 'tax_rate'],
        delayMs: 300,
      })
    },
  )

  static styles = [baseStyles, toneStyles, tabPanelStyles]

  private get canManage() {
    return passAbilities(this.ctx.user.roles).managePlans
  }

  private async load() {
    try {
      const [plans, rates, activities] = await Promise.all([
        fetchPlans({ archived: this.archived }),
        fetchTaxRates().catch(() => [] as TaxRate[]),
        fetchActivities(),
      ])
      this.plans = plans
      this.rates = rates
      this.activities = activities
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('passes.screens.loadError')
    }
  }

  render() {
    return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="toolbar">
        <label class="check"
          ><input
            type="checkbox"
            .checked=${this.archived}
            @change=${(e: Event) => (this.archived = (e.target as HTMLInputElement).checked)}
          />
          ${t('passes.screens.plans.showArchived')}</label
        >
        <span class="spacer"></span>
        ${this.canManage ? html`<button class="primary" @click=${() => void this.create()}>${t('passes.screens.plans.new')}</button>` : nothing}
      </div>
      <crm-data-table
        layout="table"
        label=${t('passes.screens.tab.plans')}
        .columns=${this.columns()}
        .rows=${this.plans ?? []}
        .rowAttrs=${(p: PassPlan) => ({ 'data-plan': p.name })}
        .cellStyles=${passCellStyles}
        .loading=${this.plans === null && !this.error}
        emptyText=${t('passes.screens.plans.empty')}
      ></crm-data-table>
      <section class="card" aria-labelledby="rates-title">
        <div class="toolbar">
          <h2 id="rates-title">${t('passes.screens.tax.rates')}</h2>
          <span class="spacer"></span>
          ${this.canManage ? html`<button @click=${() => void this.createRate()}>${t('passes.screens.tax.newRate')}</button>` : nothing}
        </div>
        <crm-data-table
          layout="table"
          flat
          label=${t('passes.screens.tax.rates')}
          .columns=${this.rateColumns()}
          .rows=${this.rates}
          .cellStyles=${passCellStyles}
          emptyText=${t('passes.screens.tax.noRates')}
        ></crm-data-table>
      </section>`
  }

  private columns(): DataTableColumn<PassPlan>[] {
    const names = new Map(this.activities.map((a) => [a.id, a.name]))
    return [
      { key: 'name', title: t('passes.screens.plans.name'), render: (p) => html`<strong>${p.name}</strong>` },
      {
        key: 'activities',
        title: t('passes.screens.plans.activities'),
        hideBelow: 720,
        render: (p) => formatList(p.activityIds.map((id) => names.get(id) ?? '').filter(Boolean), currentLocale()),
      },
      {
        key: 'sessions',
        title: t('passes.screens.sell.sessions'),
        align: 'end',
        render: (p) => (p.sessions === null ? t('passes.screens.pass.unlimited') : count(p.sessions)),
      },
      {
        key: 'validity',
        title: t('passes.screens.sell.validity'),
        render: (p) =>
          p.validDays ? t('passes.screens.sell.days', { days: p.validDays }) : p.validUntil ? dayText(p.validUntil) : '',
      },
      {
        key: 'price',
        title: t('passes.screens.plans.price'),
        align: 'end',
        className: 'amount',
        render: (p) => {
          const next = p.prices?.find((x) => x.from > todayIn(this.branch.timezone))
          return html`${money(p.price)}${
            next
              ? html`<br /><span class="muted"
                    >${t('passes.screens.plans.nextPrice', { price: money(next.price), date: dayText(next.from) })}</span
                  >`
              : nothing
          }`
        },
      },
      {
        key: 'tax',
        title: t('passes.screens.money.tax'),
        hideBelow: 900,
        render: (p) => (p.taxRate ? p.taxRate.name : t('passes.screens.tax.none')),
      },
      {
        key: 'actions',
        title: t('passes.screens.actions'),
        titleHidden: true,
        align: 'end',
        render: (p) =>
          this.canManage && !p.archived
            ? html`<button
                  class="small"
                  @click=${() => void this.changePrice(p)}
                  aria-label=${t('passes.screens.plans.priceLabel', { name: p.name })}
                >
                  ${t('passes.screens.plans.changePrice')}
                </button>
                <button
                  class="small"
                  @click=${() => void this.archive(p)}
                  aria-label=${t('passes.screens.plans.archiveLabel', { name: p.name })}
                >
                  ${t('passes.screens.plans.archive')}
                </button>`
            : p.archived
              ? html`<span class="chip">${t('passes.screens.plans.archived')}</span>`
              : nothing,
      },
    ]
  }

  private rateColumns(): DataTableColumn<TaxRate>[] {
    return [
      { key: 'name', title: t('passes.screens.plans.name'), render: (r) => r.name },
      { key: 'rate', title: t('passes.screens.tax.rate'), align: 'end', render: (r) => rateText(r.rateBp) },
      { key: 'mode', title: t('passes.screens.tax.mode'), render: (r) => modeLabel(r.mode) },
    ]
  }

  private async create() {
    const done = await showDialog(
      this,
      'crm-dialog-plan',
      { activities: this.activities.filter((a) => a.active !== false), rates: this.rates },
      () => import('./dialog-plan'),
    )
    if (done) await this.load()
  }

  private async changePrice(plan: PassPlan) {
    const done = await showDialog(
      this,
      'crm-dialog-plan-price',
      { plan, today: todayIn(this.branch.timezone) },
      () => import('./dialog-plan'),
    )
    if (done) await this.load()
  }

  private async createRate() {
    const done = await showDialog(this, 'crm-dialog-tax-rate', {}, () => import('./dialog-plan'))
    if (done) await this.load()
  }

  private async archive(plan: PassPlan) {
    const ok = await confirmDialog(this, {
      heading: t('passes.screens.plans.archiveTitle', { name: plan.name }),
      text: t('passes.screens.plans.archiveText'),
      confirmLabel: t('passes.screens.plans.archive'),
      tone: 'danger',
    })
    if (!ok) return
    try {
      await archivePlan(plan.id)
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
    'crm-plans': CrmPlans
  }
}
