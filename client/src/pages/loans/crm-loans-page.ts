import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { ApiError } from '../../data/api'
import { fetchBranches } from '../../data/branches'
import { LOAN_STATUSES, type Loan, type LoanStatus, fetchLoans, mayLend, mayTrace } from '../../data/loans'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { setupCellStyles, setupListStyles } from '../catalogue/setup-list.styles'
import { loansCellStyles, loansPageStyles } from './crm-loans-page.styles'
import './crm-product-trace'
import type { LendDialogParams } from './dialog-lend'
import type { ReturnDialogParams } from './dialog-return'
import { conditionLabel, dayOf, dayText, num, statusLabel } from './labels'

/** `/loans/products/<id>/trace` → the product's id. */
const traceOf = (path: string) => /^\/loans\/products\/([0-9a-fA-F-]{36})\/trace\/?$/.exec(path)?.[1] ?? null

/**
 * Loans of textbooks and kits (issue #18): every loan of the user's branches, overdue ones in red,
 * filtered by branch and status, lent from here ("Lend an item") and taken back with their
 * condition. An item's name opens its trace (who had it) at `/loans/products/<id>/trace`.
 */
@customElement('crm-loans-page')
export class CrmLoansPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private items: Loan[] | null = null
  @state() private next: string | null = null
  @state() private branches: Branch[] = []
  @state() private branchId = ''
  @state() private status: LoanStatus | '' = ''
  @state() private loadError: string | null = null
  private seq = 0
  private reload = new EntityReloadController(
    this,
    ['loan'],
    () => this.ctx?.live,
    () => this.load(),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, setupListStyles, loansPageStyles]

  /** The branches this user works in (every branch when they span them all). */
  private async loadBranches() {
    const all = await fetchBranches()
    const mine = this.ctx.user.branchIds
    this.branches = mine.length ? all.filter((x) => mine.includes(x.id)) : all
  }

  private async load() {
    const seq = ++this.seq
    try {
      if (!this.branches.length) await this.loadBranches()
      const page = await fetchLoans({ branchId: this.branchId || undefined, status: this.status || undefined }, null)
      if (seq !== this.seq) return
      this.items = page.items
      this.next = page.next
      this.loadError = null
    } catch (e) {
      if (seq === this.seq) this.loadError = e instanceof ApiError ? e.userMessage : t('common.error.unexpected')
    }
  }

  private async more() {
    if (!this.next || !this.items) return
    const seq = this.seq
    const page = await fetchLoans({ branchId: this.branchId || undefined, status: this.status || undefined }, this.next)
    if (seq !== this.seq) return
    this.items = [...this.items, ...page.items]
    this.next = page.next
  }

  render() {
    const productId = traceOf(this.ctx.path)
    if (productId) return html`<crm-product-trace .productId=${productId}></crm-product-trace>`
    const canLend = mayLend(this.ctx.user.roles)
    return html`
      <div class="page-header">
        <div>
          <h1>${t('loans.title')}</h1>
          <p>${t('nav.loans.description')}</p>
        </div>
        ${canLend ? html`<button class="primary" data-testid="lend" @click=${() => void this.lend()}>${t('loans.lend')}</button>` : nothing}
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      <div class="toolbar" role="search">
        ${
          this.branches.length > 1
            ? html`<div class="field">
                <label for="branch">${t('loans.filter.branch')}</label>
                <select id="branch" @change=${(e: Event) => this.filter({ branchId: (e.target as HTMLSelectElement).value })}>
                  <option value="" ?selected=${!this.branchId}>${t('loans.filter.all')}</option>
                  ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
                </select>
              </div>`
            : nothing
        }
        <div class="field">
          <label for="status">${t('loans.filter.status')}</label>
          <select
            id="status"
            @change=${(e: Event) => this.filter({ status: (e.target as HTMLSelectElement).value as LoanStatus | '' })}
          >
            <option value="" ?selected=${!this.status}>${t('loans.filter.all')}</option>
            ${LOAN_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${statusLabel(s)}</option>`)}
          </select>
        </div>
      </div>
      <crm-data-table
        label=${t('loans.title')}
        .columns=${this.columns()}
        .rows=${this.items ?? []}
        .keyFn=${(l: Loan) => l.id}
        .rowAttrs=${(l: Loan) => ({ 'data-loan': l.id, 'data-status': l.status })}
        .rowClass=${(l: Loan) => l.status}
        .cellStyles=${[setupCellStyles, loansCellStyles]}
        .loading=${this.items === null && !this.loadError}
        .hasMore=${!!this.next}
        @crm-load-more=${() => void this.more()}
        emptyText=${t('loans.empty')}
      ></crm-data-table>
    `
  }

  private filter(f: { branchId?: string; status?: LoanStatus | '' }) {
    if (f.branchId !== undefined) this.branchId = f.branchId
    if (f.status !== undefined) this.status = f.status
    this.items = null
    void this.load()
  }

  private columns(): DataTableColumn<Loan>[] {
    const trace = mayTrace(this.ctx.user.roles)
    const lend = mayLend(this.ctx.user.roles)
    return [
      {
        key: 'client',
        title: t('loans.col.client'),
        width: 'minmax(150px, 1.4fr)',
        render: (l) => html`<a class="name" href="/clients/${encodeURIComponent(l.clientId)}">${l.clientName}</a>`,
      },
      {
        key: 'item',
        title: t('loans.col.item'),
        width: 'minmax(160px, 1.6fr)',
        render: (l) =>
          html`${
              trace
                ? html`<a class="name" href="/loans/products/${encodeURIComponent(l.productId)}/trace" title=${t('loans.history')}
                    >${l.productName}</a
                  >`
                : html`<span class="name">${l.productName}</span>`
            }
            ${l.quantity > 1 ? html`<span class="num"> ×${num(l.quantity)}</span>` : nothing}
            <span class="sub">${l.storeName}</span>`,
      },
      {
        key: 'course',
        title: t('loans.col.course'),
        width: 'minmax(120px, 1.2fr)',
        hideBelow: 720,
        render: (l) => l.groupName ?? '—',
      },
      {
        key: 'due',
        title: t('loans.col.due'),
        width: 'minmax(110px, 1fr)',
        render: (l) => html`<span class="due">${dayText(l.dueDate)}</span>`,
      },
      {
        key: 'status',
        title: t('loans.col.status'),
        width: 'minmax(170px, 1.4fr)',
        render: (l) =>
          l.status === 'returned' && l.condition && l.returnedAt
            ? html`<span class="status returned"
                >${t('loans.returnedOn', { condition: conditionLabel(l.condition), date: dayOf(l.returnedAt) })}</span
              >`
            : html`<span class="status ${l.status}">${statusLabel(l.status)}</span>`,
      },
      {
        key: 'actions',
        title: t('loans.col.actions'),
        titleHidden: true,
        width: '120px',
        align: 'end',
        render: (l) =>
          lend && l.status !== 'returned'
            ? html`<button class="small" data-testid="return" @click=${() => void this.takeBack(l)}>${t('loans.return')}</button>`
            : nothing,
      },
    ]
  }

  private async lend() {
    // the button shows before the branches arrive; a dialog opened without one would offer no store
    if (!this.branches.length) await this.loadBranches()
    const params: LendDialogParams = { branches: this.branches, branchId: this.branchId || this.branches[0]?.id || '' }
    const loan = await showDialog(this, 'crm-dialog-lend', params, () => import('./dialog-lend'))
    if (!loan) return
    fireEvent(this, 'crm-toast', {
      message: () => t('loans.lend.done', { item: loan.productName, client: loan.clientName }),
      kind: 'success',
    })
    await this.load()
  }

  private async takeBack(loan: Loan) {
    const params: ReturnDialogParams = { loan }
    const back = await showDialog(this, 'crm-dialog-loan-return', params, () => import('./dialog-return'))
    if (!back) return
    fireEvent(this, 'crm-toast', {
      message: () => t('loans.return.done', { item: loan.productName, client: loan.clientName }),
      kind: 'success',
    })
    await this.load()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-loans-page': CrmLoansPage
  }
}
