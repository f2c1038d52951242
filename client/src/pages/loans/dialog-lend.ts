import { css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import '../../components/crm-dialog'
import { dateInput, datesValid } from '../../components/date-input'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type LendChoices, type Loan, fetchLendChoices, lendItem } from '../../data/loans'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { todayIso } from '../groups/schedule'

export interface LendDialogParams {
  /** The branches this user lends in. */
  branches: Branch[]
  branchId: string
}

/** Four weeks from a day. */
const inFourWeeks = (iso: string) => new Date(Date.parse(`${iso}T12:00:00Z`) + 28 * 86_400_000).toISOString().slice(0, 10)

/**
 * "Lend an item": the branch's store, a textbook or kit on hand there, the course it is for (its
 * members are who one lends to; without a course, every member of the branch's courses), the
 * quantity and the day it is due back. The server refuses what cannot go out, naming the field.
 */
@customElement('crm-dialog-lend')
export class CrmDialogLend extends CrmDialogElement<LendDialogParams, Loan> {
  private form = new FormController(this, { fields: ['storeId', 'productId', 'groupId', 'clientId', 'quantity', 'dueDate'] })
  @state() private branchId = ''
  @state() private choices: LendChoices | null = null
  @state() private storeId = ''
  @state() private productId = ''
  @state() private groupId = ''
  @state() private clientId = ''
  @state() private quantity = 1
  @state() private dueDate = inFourWeeks(todayIso())
  private readonly locale = new LocaleController(this)
  static styles = [
    baseStyles,
    css`
      .row2 {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px;
      }
    `,
  ]

  showDialog(params: LendDialogParams, close: (result?: Loan) => void) {
    super.showDialog(params, close)
    this.pickBranch(params.branchId)
  }

  private pickBranch(id: string) {
    this.branchId = id
    this.choices = null
    if (!id) return
    void fetchLendChoices(id).then(
      (c) => {
        this.choices = c
        this.storeId = c.stores.find((s) => c.items.some((i) => i.storeId === s.id))?.id ?? c.stores[0]?.id ?? ''
        this.productId = ''
        this.groupId = ''
        this.clientId = ''
      },
      () => (this.form.error = t('common.error.unexpected')),
    )
  }

  /** Who one may lend to: the course's members, or every member of the branch's courses. */
  private get borrowers() {
    const c = this.choices
    if (!c) return []
    const groups = this.groupId ? c.groups.filter((g) => g.id === this.groupId) : c.groups
    const seen = new Map<string, string>()
    for (const g of groups) for (const m of g.members) seen.set(m.clientId, m.name)
    return [...seen].map(([clientId, name]) => ({ clientId, name })).sort((a, b) => a.name.localeCompare(b.name))
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    const c = this.choices
    const items = c?.items.filter((i) => i.storeId === this.storeId) ?? []
    return html`<crm-dialog heading=${t('loans.lend.title')} open @crm-dialog-closed=${() => this.close()}>
      <form @submit=${this.onSubmit} novalidate>
        ${this.form.error ? html`<p class="alert error" role="alert">${this.form.error}</p>` : nothing}
        ${
          p.branches.length > 1
            ? field(
                'branch',
                t('loans.filter.branch'),
                html`<select id="branch" @change=${(e: Event) => this.pickBranch((e.target as HTMLSelectElement).value)}>
                  ${p.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
                </select>`,
              )
            : nothing
        }
        ${field(
          'storeId',
          t('loans.lend.store'),
          html`<select
            id="storeId"
            aria-invalid=${this.form.invalid('storeId')}
            @change=${(e: Event) => {
              this.storeId = (e.target as HTMLSelectElement).value
              this.productId = ''
            }}
          >
            ${(c?.stores ?? []).map((s) => html`<option value=${s.id} ?selected=${s.id === this.storeId}>${s.name}</option>`)}
          </select>`,
          { error: fe.storeId },
        )}
        ${field(
          'productId',
          t('loans.lend.product'),
          html`<select
            id="productId"
            aria-invalid=${this.form.invalid('productId')}
            @change=${(e: Event) => (this.productId = (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!this.productId}>${t('loans.lend.productPick')}</option>
            ${items.map(
              (i) =>
                html`<option value=${i.productId} ?selected=${i.productId === this.productId}>
                  ${t('loans.lend.onHand', { name: i.name, onHand: i.onHand })}
                </option>`,
            )}
          </select>`,
          { error: fe.productId },
        )}
        ${field(
          'groupId',
          t('loans.lend.group'),
          html`<select
            id="groupId"
            aria-invalid=${this.form.invalid('groupId')}
            @change=${(e: Event) => {
              this.groupId = (e.target as HTMLSelectElement).value
              if (!this.borrowers.some((b) => b.clientId === this.clientId)) this.clientId = ''
            }}
          >
            <option value="" ?selected=${!this.groupId}>${t('loans.lend.noGroup')}</option>
            ${(c?.groups ?? []).map((g) => html`<option value=${g.id} ?selected=${g.id === this.groupId}>${g.name}</option>`)}
          </select>`,
          { error: fe.groupId },
        )}
        ${field(
          'clientId',
          t('loans.lend.client'),
          html`<select
            id="clientId"
            aria-invalid=${this.form.invalid('clientId')}
            @change=${(e: Event) => (this.clientId = (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!this.clientId}>${t('loans.lend.clientPick')}</option>
            ${this.borrowers.map((b) => html`<option value=${b.clientId} ?selected=${b.clientId === this.clientId}>${b.name}</option>`)}
          </select>`,
          { error: fe.clientId },
        )}
        <div class="row2">
          ${field(
            'quantity',
            t('loans.lend.quantity'),
            html`<input
              id="quantity"
              type="number"
              min="1"
              step="1"
              inputmode="numeric"
              .value=${String(this.quantity)}
              aria-invalid=${this.form.invalid('quantity')}
              @input=${(e: Event) => (this.quantity = Number((e.target as HTMLInputElement).value))}
            />`,
            { error: fe.quantity },
          )}
          ${field(
            'dueDate',
            t('loans.lend.due'),
            dateInput({
              id: 'dueDate',
              value: this.dueDate,
              eager: true,
              invalid: !!fe.dueDate,
              min: todayIso(),
              onChange: (v) => (this.dueDate = v ?? ''),
            }),
            { error: fe.dueDate },
          )}
        </div>
        <div class="form-actions">
          <button type="button" @click=${() => this.close()}>${t('common.cancel')}</button>
          <button class="primary" type="submit" ?disabled=${this.form.busy || !c}>
            ${this.form.busy ? t('common.form.saving') : t('loans.lend.submit')}
          </button>
        </div>
      </form>
    </crm-dialog>`
  }

  private onSubmit = (e: Event) => {
    e.preventDefault()
    if (!datesValid(e.target as HTMLFormElement)) return
    const missing: Record<string, string> = {}
    if (!this.productId) missing.productId = t('loans.lend.productPick')
    if (!this.clientId) missing.clientId = t('loans.lend.clientPick')
    if (Object.keys(missing).length) {
      this.form.refuse(missing)
      return
    }
    void this.form.send(async () => {
      const loan = await lendItem({
        clientId: this.clientId,
        productId: this.productId,
        storeId: this.storeId,
        quantity: this.quantity,
        groupId: this.groupId || null,
        dueDate: this.dueDate,
      })
      this.close(loan)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-lend': CrmDialogLend
  }
}
