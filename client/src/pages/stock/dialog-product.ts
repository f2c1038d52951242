import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { parseAmount, toDecimalString } from '../../../../domain/money'
import { fireEvent } from '../../common/fire-event'
import { dateInput } from '../../components/date-input'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type TaxRate, fetchTaxRates } from '../../data/passes'
import {
  PRODUCT_KINDS,
  type Product,
  type ProductInput,
  type ProductKind,
  type Supplier,
  createProduct,
  updateProduct,
} from '../../data/stock'
import { type Activity, fetchActivities } from '../../data/timetable'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { formatDay } from '../../../../domain/i18n/format'
import { currentLocale } from '../../i18n/locale'
import { currency, money, productKindLabel } from './labels'
import { dialogProductStyles } from './dialog-product.styles'

/**
 * The product's tax rate or activity when this user cannot list them (a storekeeper reads neither):
 * kept as it is, so saving never clears it.
 */
const keepUnlisted = (current: string | null | undefined, listed: ReadonlyArray<{ id: string }>) =>
  current && !listed.some((x) => x.id === current) ? html`<option value=${current} selected>—</option>` : nothing

export interface ProductDialogParams {
  /** The product to edit; null: a new one. */
  product: Product | null
  suppliers: Supplier[]
}

const FIELDS = [
  'name',
  'kind',
  'sku',
  'barcode',
  'unit',
  'salePrice',
  'cost',
  'priceFrom',
  'taxRateId',
  'reorderPoint',
  'reorderQuantity',
  'maxLevel',
  'preferredSupplierId',
  'activityId',
] as const

/**
 * "New product" / "Edit <product>": name, kind, SKU and barcode, unit, sale price and cost from a
 * day (a new price is a new row from that day), tax rate, reorder point and quantity or maximum
 * level, preferred supplier, activity, whether stock may go below zero, archived. Saves itself.
 */
@customElement('crm-dialog-product')
export class CrmDialogProduct extends CrmDialogElement<ProductDialogParams, Product> {
  private form = new FormController(this, { fields: FIELDS })
  @state() private rates: TaxRate[] = []
  @state() private activities: Activity[] = []
  @state() private priceFrom = ''
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogProductStyles]

  connectedCallback() {
    super.connectedCallback()
    void fetchTaxRates().then(
      (r) => (this.rates = r.filter((x) => !x.archived)),
      () => {},
    )
    void fetchActivities().then(
      (a) => (this.activities = a),
      () => {},
    )
  }

  render() {
    if (!this.params) return nothing
    const p = this.params.product
    const fe = this.form.fieldErrors
    const inv = (id: string) => this.form.invalid(id)
    const amount = (v: number | undefined) => (v === undefined ? '' : toDecimalString(v, currency()))
    const level = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v))
    const input = (id: string, value: string, extra: { type?: string; inputmode?: string } = {}) =>
      html`<input
        id=${id}
        name=${id}
        type=${extra.type ?? 'text'}
        inputmode=${extra.inputmode ?? 'text'}
        .value=${value}
        aria-invalid=${inv(id)}
      />`
    return dialogForm(
      {
        heading: p ? t('stock.screens.product.editTitle', { name: p.name }) : t('stock.screens.product.newTitle'),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('stock.screens.product.name'), input('name', p?.name ?? ''), { error: fe.name })}
        <div class="row3">
          ${field(
            'kind',
            t('stock.screens.products.kind'),
            html`<select id="kind" name="kind">
              ${PRODUCT_KINDS.map((k) => html`<option value=${k} ?selected=${(p?.kind ?? 'goods') === k}>${productKindLabel(k)}</option>`)}
            </select>`,
            { error: fe.kind },
          )}
          ${field('sku', t('stock.screens.products.sku'), input('sku', p?.sku ?? ''), { error: fe.sku })}
          ${field('barcode', t('stock.screens.products.barcode'), input('barcode', p?.barcode ?? '', { inputmode: 'numeric' }), { error: fe.barcode })}
        </div>
        <div class="row3">
          ${field('unit', t('stock.screens.product.unit'), input('unit', p?.unit ?? t('stock.screens.product.unitDefault')), { error: fe.unit })}
          ${field(
            'salePrice',
            t('stock.screens.product.salePrice', { currency: currency() }),
            input('salePrice', amount(p?.price?.salePrice), { inputmode: 'decimal' }),
            { error: fe.salePrice },
          )}
          ${field(
            'cost',
            t('stock.screens.product.cost', { currency: currency() }),
            input('cost', amount(p?.price?.cost), { inputmode: 'decimal' }),
            {
              error: fe.cost,
            },
          )}
        </div>
        <div class="row3">
          ${field(
            'priceFrom',
            t('stock.screens.product.priceFrom'),
            dateInput({ id: 'priceFrom', value: this.priceFrom, onChange: (v) => (this.priceFrom = v ?? '') }),
            {
              error: fe.priceFrom,
              hint: t('stock.screens.product.priceHint'),
            },
          )}
          ${field(
            'taxRateId',
            t('stock.screens.product.taxRate'),
            html`<select id="taxRateId" name="taxRateId">
              <option value="">${t('stock.screens.product.noTax')}</option>
              ${this.rates.map((r) => html`<option value=${r.id} ?selected=${p?.taxRateId === r.id}>${r.name}</option>`)}
              ${keepUnlisted(p?.taxRateId, this.rates)}
            </select>`,
            { error: fe.taxRateId },
          )}
          ${
            p?.price
              ? html`<p class="hint current">
                  ${t('stock.screens.product.currentPrice', {
                    date: formatDay(p.price.effectiveFrom, currentLocale()),
                    price: money(p.price.salePrice),
                    cost: money(p.price.cost),
                  })}
                </p>`
              : nothing
          }
        </div>
        <div class="row3">
          ${field(
            'reorderPoint',
            t('stock.screens.product.reorderPoint'),
            input('reorderPoint', level(p?.reorderPoint), { type: 'number' }),
            {
              error: fe.reorderPoint,
            },
          )}
          ${field(
            'reorderQuantity',
            t('stock.screens.product.reorderQuantity'),
            input('reorderQuantity', level(p?.reorderQuantity), { type: 'number' }),
            {
              error: fe.reorderQuantity,
            },
          )}
          ${field('maxLevel', t('stock.screens.product.maxLevel'), input('maxLevel', level(p?.maxLevel), { type: 'number' }), { error: fe.maxLevel })}
        </div>
        <p class="hint">${t('stock.screens.product.reorderHint')}</p>
        <div class="row2">
          ${field(
            'preferredSupplierId',
            t('stock.screens.product.supplier'),
            html`<select id="preferredSupplierId" name="preferredSupplierId">
              <option value="">${t('stock.screens.product.noSupplier')}</option>
              ${this.params.suppliers.map((s) => html`<option value=${s.id} ?selected=${p?.preferredSupplierId === s.id}>${s.name}</option>`)}
            </select>`,
            { error: fe.preferredSupplierId },
          )}
          ${field(
            'activityId',
            t('stock.screens.product.activity'),
            html`<select id="activityId" name="activityId">
              <option value="">${t('stock.screens.product.noActivity')}</option>
              ${this.activities.map((a) => html`<option value=${a.id} ?selected=${p?.activityId === a.id}>${a.name}</option>`)}
              ${keepUnlisted(p?.activityId, this.activities)}
            </select>`,
            { error: fe.activityId },
          )}
        </div>
        <label class="check"
          ><input type="checkbox" name="allowNegative" .checked=${p?.allowNegative ?? false} />
          ${t('stock.screens.product.allowNegative')}</label
        >
        ${p ? html`<label class="check"><input type="checkbox" name="archived" .checked=${p.archived} /> ${t('stock.screens.product.archive')}</label>` : nothing}`,
    )
  }

  private submit = (data: FormData) => {
    const params = this.params
    if (!params) return
    const p = params.product
    const str = (k: string) => String(data.get(k) ?? '').trim()
    void this.form.send(async () => {
      const local: Record<string, string> = {}
      const amountOf = (k: 'salePrice' | 'cost') => {
        if (str(k) === '') return p ? undefined : 0
        const v = parseAmount(str(k), currency())
        if (v === null || v < 0) local[k] = t('stock.screens.product.badAmount')
        return v ?? undefined
      }
      const levelOf = (k: 'reorderPoint' | 'reorderQuantity' | 'maxLevel') => {
        if (str(k) === '') return null
        const v = Number(str(k))
        if (!Number.isInteger(v) || v < 0) local[k] = t('stock.screens.product.badLevel')
        return v
      }
      const salePrice = amountOf('salePrice')
      const cost = amountOf('cost')
      const input: ProductInput = {
        name: str('name'),
        kind: str('kind') as ProductKind,
        sku: str('sku'),
        barcode: str('barcode') || null,
        unit: str('unit') || undefined,
        taxRateId: str('taxRateId') || null,
        reorderPoint: levelOf('reorderPoint'),
        reorderQuantity: levelOf('reorderQuantity'),
        maxLevel: levelOf('maxLevel'),
        preferredSupplierId: str('preferredSupplierId') || null,
        activityId: str('activityId') || null,
        allowNegative: data.get('allowNegative') === 'on',
      }
      if (Object.keys(local).length) return this.form.refuse(local)
      let saved: Product
      if (!p) {
        saved = await createProduct({
          ...input,
          salePrice: salePrice ?? 0,
          cost: cost ?? 0,
          ...(this.priceFrom ? { priceFrom: this.priceFrom } : {}),
        })
      } else {
        const newSale = salePrice ?? p.price?.salePrice
        const newCost = cost ?? p.price?.cost
        const priceChanged = newSale !== p.price?.salePrice || newCost !== p.price?.cost || !!this.priceFrom
        saved = await updateProduct(p.id, {
          ...input,
          archived: data.get('archived') === 'on',
          ...(priceChanged && newSale !== undefined && newCost !== undefined
            ? { salePrice: newSale, cost: newCost, ...(this.priceFrom ? { priceFrom: this.priceFrom } : {}) }
            : {}),
        })
      }
      fireEvent(this, 'crm-toast', { message: () => t('stock.screens.product.saved', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-product': CrmDialogProduct
  }
}
