import { css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { parseAmount } from '../../../../domain/money'
import { fireEvent } from '../../common/fire-event'
import { dateInput } from '../../components/date-input'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type PassPlan, type TaxRate, changePlanPrice, createPlan, createTaxRate } from '../../data/passes'
import type { Activity } from '../../data/timetable'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { currency } from './labels'

const dialogStyles = css`
  .two {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0 12px;
  }
  .acts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
    gap: 4px 12px;
  }
  .acts label {
    font-weight: 400;
  }
`

const int = (v: FormDataEntryValue | null): number | null => {
  const s = String(v ?? '').trim()
  if (!s) return null
  const n = Number(s)
  return Number.isInteger(n) ? n : NaN
}

/** Percent as typed ("5", "7,5") in basis points. */
const bpOf = (v: FormDataEntryValue | null): number => {
  const s = String(v ?? '')
    .trim()
    .replace(',', '.')
  return s ? Math.round(Number(s) * 100) : 0
}

export interface PlanParams {
  activities: Activity[]
  rates: TaxRate[]
}

/** "New pass plan": name, activities, sessions (or unlimited), days valid, price, tax rate, rules. */
@customElement('crm-dialog-plan')
export class CrmDialogPlan extends CrmDialogElement<PlanParams, PassPlan> {
  private form = new FormController(this, {
    fields: [
      'name',
      'activityIds',
      'sessions',
      'validDays',
      'price',
      'taxRateId',
      'freezeMaxDays',
      'freezeMaxTimes',
      'siblingDiscountBp',
    ],
  })
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogStyles]

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    const num = (id: string, label: string, extra: { min?: number; hint?: string } = {}) =>
      field(
        id,
        label,
        html`<input
          id=${id}
          name=${id}
          type="number"
          min=${extra.min ?? 0}
          inputmode="numeric"
          aria-invalid=${this.form.invalid(id)}
        />`,
        {
          error: fe[id],
          hint: extra.hint,
        },
      )
    return dialogForm(
      {
        heading: t('passes.screens.plans.new'),
        state: this.form,
        submitLabel: t('passes.screens.plans.create'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field(
          'name',
          t('passes.screens.plans.name'),
          html`<input id="name" name="name" maxlength="120" aria-invalid=${this.form.invalid('name')} />`,
          {
            error: fe.name,
          },
        )}
        <fieldset>
          <legend>${t('passes.screens.plans.activities')}</legend>
          <div class="acts">
            ${p.activities.map((a) => html`<label class="check"><input type="checkbox" name="activityIds" value=${a.id} /> ${a.name}</label>`)}
          </div>
          ${fe.activityIds ? html`<span class="field-error">${fe.activityIds}</span>` : nothing}
        </fieldset>
        <div class="two">
          ${num('sessions', t('passes.screens.sell.sessions'), { min: 1, hint: t('passes.screens.plans.sessionsHint') })}
          ${num('validDays', t('passes.screens.plans.validDays'), { min: 1 })}
        </div>
        <div class="two">
          ${field(
            'price',
            t('passes.screens.pay.amount', { currency: currency() }),
            html`<input
              id="price"
              name="price"
              inputmode="decimal"
              autocomplete="off"
              aria-invalid=${this.form.invalid('price')}
            />`,
            { error: fe.price },
          )}
          ${field(
            'taxRateId',
            t('passes.screens.money.tax'),
            html`<select id="taxRateId" name="taxRateId">
              <option value="">${t('passes.screens.tax.none')}</option>
              ${p.rates.map((r, i) => html`<option value=${r.id} ?selected=${i === 0}>${r.name}</option>`)}
            </select>`,
            { error: fe.taxRateId },
          )}
        </div>
        <div class="two">
          ${num('freezeMaxDays', t('passes.screens.plans.freezeDays'))}
          ${num('freezeMaxTimes', t('passes.screens.plans.freezeTimes'))}
        </div>
        <div class="two">
          ${num('siblingDiscount', t('passes.screens.plans.siblingDiscount'))}
          ${num('multiDiscount', t('passes.screens.plans.multiDiscount'))}
        </div>
        <label class="check"><input type="checkbox" name="burnsUnexcused" /> ${t('passes.screens.plans.burns')}</label>`,
    )
  }

  private submit = (data: FormData) => {
    const name = String(data.get('name') ?? '').trim()
    const activityIds = data.getAll('activityIds').map(String)
    const sessions = int(data.get('sessions'))
    const validDays = int(data.get('validDays'))
    const price = parseAmount(String(data.get('price') ?? ''), currency())
    const errors: Record<string, string> = {}
    if (!name) errors.name = t('passes.screens.plans.needName')
    if (!activityIds.length) errors.activityIds = t('passes.screens.plans.needActivity')
    if (sessions !== null && !(sessions > 0)) errors.sessions = t('passes.screens.plans.badNumber')
    if (validDays === null || !(validDays > 0)) errors.validDays = t('passes.screens.plans.badNumber')
    if (price === null || price <= 0) errors.price = t('passes.screens.pay.badAmount')
    if (Object.keys(errors).length) return this.form.refuse(errors)
    const taxRateId = String(data.get('taxRateId') ?? '')
    void this.form.send(async () => {
      const plan = await createPlan({
        name,
        activityIds,
        sessions,
        validDays: validDays as number,
        price: price as number,
        ...(taxRateId ? { taxRateId } : {}),
        burnsUnexcused: data.get('burnsUnexcused') === 'on',
        freezeMaxDays: int(data.get('freezeMaxDays')) ?? 0,
        freezeMaxTimes: int(data.get('freezeMaxTimes')) ?? 0,
        siblingDiscountBp: bpOf(data.get('siblingDiscount')),
        multiActivityDiscountBp: bpOf(data.get('multiDiscount')),
      })
      fireEvent(this, 'crm-toast', { message: t('passes.screens.plans.created', { name: plan.name ?? name }), kind: 'success' })
      this.close(plan)
    })
  }
}

export interface PlanPriceParams {
  plan: PassPlan
  today: string
}

/** "Change the price from a date": sales before it keep their price. */
@customElement('crm-dialog-plan-price')
export class CrmDialogPlanPrice extends CrmDialogElement<PlanPriceParams, true> {
  private form = new FormController(this, { fields: ['price', 'from'] })
  @state() private from = ''
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  showDialog(params: PlanPriceParams, close: (result?: true) => void) {
    super.showDialog(params, close)
    this.from = params.today
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('passes.screens.plans.priceTitle', { name: p.plan.name }),
        state: this.form,
        submitLabel: t('passes.screens.plans.changePrice'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`<p class="muted">${t('passes.screens.plans.priceLead')}</p>
        ${field(
          'price',
          t('passes.screens.pay.amount', { currency: currency() }),
          html`<input
            id="price"
            name="price"
            inputmode="decimal"
            autocomplete="off"
            aria-invalid=${this.form.invalid('price')}
          />`,
          { error: fe.price },
        )}
        ${field(
          'from',
          t('passes.screens.plans.from'),
          dateInput({ id: 'from', value: this.from, onChange: (v) => (this.from = v ?? '') }),
          { error: fe.from },
        )}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const price = parseAmount(String(data.get('price') ?? ''), currency())
    if (price === null || price < 0) return this.form.refuse({ price: t('passes.screens.pay.badAmount') })
    if (!this.from) return this.form.refuse({ from: t('passes.screens.plans.needDate') })
    void this.form.send(async () => {
      await changePlanPrice(p.plan.id, { price, from: this.from })
      this.close(true)
    })
  }
}

/** "New tax rate": name, percent, included in the price / added on top / exempt. */
@customElement('crm-dialog-tax-rate')
export class CrmDialogTaxRate extends CrmDialogElement<Record<string, never>, true> {
  private form = new FormController(this, { fields: ['name', 'rateBp', 'mode'] })
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  render() {
    if (!this.params) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('passes.screens.tax.newRate'),
        state: this.form,
        submitLabel: t('passes.screens.plans.create'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('passes.screens.plans.name'), html`<input id="name" name="name" maxlength="80" />`, { error: fe.name })}
      ${field('rate', t('passes.screens.tax.ratePercent'), html`<input id="rate" name="rate" inputmode="decimal" />`, { error: fe.rateBp })}
      ${field(
        'mode',
        t('passes.screens.tax.mode'),
        html`<select id="mode" name="mode">
          <option value="included">${t('passes.screens.tax.mode.included')}</option>
          <option value="added">${t('passes.screens.tax.mode.added')}</option>
          <option value="exempt">${t('passes.screens.tax.mode.exempt')}</option>
        </select>`,
        { error: fe.mode },
      )}`,
    )
  }

  private submit = (data: FormData) => {
    const name = String(data.get('name') ?? '').trim()
    const rateBp = bpOf(data.get('rate'))
    if (!name) return this.form.refuse({ name: t('passes.screens.plans.needName') })
    if (!Number.isFinite(rateBp) || rateBp < 0 || rateBp > 10000)
      return this.form.refuse({ rateBp: t('passes.screens.plans.badNumber') })
    const mode = String(data.get('mode') ?? 'included') as TaxRate['mode']
    void this.form.send(async () => {
      await createTaxRate({ name, rateBp, mode })
      this.close(true)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-plan': CrmDialogPlan
    'crm-dialog-plan-price': CrmDialogPlanPrice
    'crm-dialog-tax-rate': CrmDialogTaxRate
  }
}
