import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { STOCK_DOC_KINDS, type StockDoc, type StockDocKind, type Store, type Supplier, createStockDoc } from '../../data/stock'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { docKindLabel } from './labels'

export interface NewDocParams {
  stores: Store[]
  storeId: string
  suppliers: Supplier[]
}

/** "New stock document": its kind, its store, the store a transfer goes to, the supplier of a receipt or return. Resolves with the draft. */
@customElement('crm-dialog-new-stock-doc')
export class CrmDialogNewStockDoc extends CrmDialogElement<NewDocParams, StockDoc> {
  private form = new FormController(this, { fields: ['kind', 'storeId', 'toStoreId', 'supplierId'] })
  @state() private kind: StockDocKind = 'receipt'
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('stock.screens.newDoc.title'),
        state: this.form,
        submitLabel: t('stock.screens.newDoc.create'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field(
        'kind',
        t('stock.screens.newDoc.kind'),
        html`<select
          id="kind"
          name="kind"
          @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as StockDocKind)}
        >
          ${STOCK_DOC_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${docKindLabel(k)}</option>`)}
        </select>`,
        { error: fe.kind },
      )}
      ${field(
        'storeId',
        t('stock.screens.newDoc.store'),
        html`<select id="storeId" name="storeId">
          ${p.stores.map((s) => html`<option value=${s.id} ?selected=${s.id === p.storeId}>${s.name}</option>`)}
        </select>`,
        { error: fe.storeId },
      )}
      ${
        this.kind === 'transfer'
          ? field(
              'toStoreId',
              t('stock.screens.newDoc.toStore'),
              html`<select id="toStoreId" name="toStoreId">
                <option value="">${t('stock.screens.newDoc.pick')}</option>
                ${p.stores.map((s) => html`<option value=${s.id}>${s.name}</option>`)}
              </select>`,
              { error: fe.toStoreId },
            )
          : nothing
      }
      ${
        this.kind === 'receipt' || this.kind === 'return'
          ? field(
              'supplierId',
              t('stock.screens.newDoc.supplier'),
              html`<select id="supplierId" name="supplierId">
                <option value="">${t('stock.screens.newDoc.noSupplier')}</option>
                ${p.suppliers.map((s) => html`<option value=${s.id}>${s.name}</option>`)}
              </select>`,
              { error: fe.supplierId },
            )
          : nothing
      }`,
    )
  }

  private submit = (data: FormData) => {
    const str = (k: string) => String(data.get(k) ?? '').trim()
    void this.form.send(async () => {
      const doc = await createStockDoc({
        kind: this.kind,
        storeId: str('storeId'),
        ...(this.kind === 'transfer' ? { toStoreId: str('toStoreId') || null } : {}),
        ...(this.kind === 'receipt' || this.kind === 'return' ? { supplierId: str('supplierId') || null } : {}),
      })
      this.close(doc)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-new-stock-doc': CrmDialogNewStockDoc
  }
}
