import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { navigate } from '../../common/navigate'
import { fetchBranches } from '../../data/branches'
import { rememberedBranch, rememberBranch } from '../../data/remembered-branch'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { tabbedPageStyles } from '../../resources/tabbed-page.styles'

type Tab = 'products' | 'on-hand' | 'docs' | 'purchasing' | 'suppliers' | 'stores'
const TABS: Array<{ id: Tab; label: MessageId; load: () => Promise<unknown> }> = [
  { id: 'products', label: 'stock.screens.tab.products', load: () => import('./crm-stock-products') },
  { id: 'on-hand', label: 'stock.screens.tab.onHand', load: () => import('./crm-stock-on-hand') },
  { id: 'docs', label: 'stock.screens.tab.docs', load: () => import('./crm-stock-docs') },
  { id: 'purchasing', label: 'stock.screens.tab.purchasing', load: () => import('./crm-stock-purchasing') },
  { id: 'suppliers', label: 'stock.screens.tab.suppliers', load: () => import('./crm-stock-suppliers') },
  { id: 'stores', label: 'stock.screens.tab.stores', load: () => import('./crm-stock-stores') },
]

/** `/stock/docs/<id>` → the document's id. */
const DOC_PATH = /^\/stock\/docs\/([0-9a-f-]{36})\/?$/i

/**
 * Stock & sales (/stock): the products with their stock per store, stock on hand, the stock
 * documents (/stock/docs/<id> opens one in the live editor), purchasing, suppliers and stores, for
 * a branch of the user's.
 */
@customElement('crm-stock-page')
export class CrmStockPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private branches: Branch[] = []
  @state() private branchId = ''
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, tabbedPageStyles]

  connectedCallback() {
    super.connectedCallback()
    void fetchBranches().then(
      (all) => {
        const mine = this.ctx.user.branchIds
        this.branches = mine.length ? all.filter((b) => mine.includes(b.id)) : all
        const wanted = rememberedBranch(this.ctx.user)
        this.branchId = this.branches.find((b) => b.id === wanted)?.id ?? this.branches[0]?.id ?? ''
      },
      () => {},
    )
  }

  private get tab(): Tab {
    const wanted = new URLSearchParams(this.ctx.search).get('tab')
    return TABS.find((x) => x.id === wanted)?.id ?? 'products'
  }

  private get branch(): Branch | null {
    return this.branches.find((b) => b.id === this.branchId) ?? null
  }

  render() {
    const docId = DOC_PATH.exec(this.ctx.path)?.[1]
    if (docId) {
      void import('./crm-stock-doc')
      return html`<crm-stock-doc .ctx=${this.ctx} .docId=${docId}></crm-stock-doc>`
    }
    const tab = this.tab
    void TABS.find((x) => x.id === tab)?.load()
    return html`
      <div class="page-header">
        <div>
          <h1>${t('nav.stock.label')}</h1>
          <p>${t('stock.screens.page.lead')}</p>
        </div>
        ${
          this.branches.length > 1
            ? html`<div class="field branch">
                <label for="branch">${t('stock.screens.branch')}</label>
                <select id="branch" @change=${this.onBranch}>
                  ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
                </select>
              </div>`
            : nothing
        }
      </div>
      <div role="tablist" aria-label=${t('nav.stock.label')} @keydown=${this.onTabKey}>
        ${TABS.map(
          (x) =>
            html`<button
              role="tab"
              id="tab-${x.id}"
              aria-selected=${x.id === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${x.id === tab ? 0 : -1}
              @click=${() => this.select(x.id)}
            >
              ${t(x.label)}
            </button>`,
        )}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${tab}">
        ${this.branch ? this.renderTab(tab, this.branch) : nothing}
      </div>
    `
  }

  private renderTab(tab: Tab, branch: Branch) {
    switch (tab) {
      case 'products':
        return html`<crm-stock-products .ctx=${this.ctx} .branch=${branch}></crm-stock-products>`
      case 'on-hand':
        return html`<crm-stock-on-hand .ctx=${this.ctx} .branch=${branch}></crm-stock-on-hand>`
      case 'docs':
        return html`<crm-stock-docs .ctx=${this.ctx} .branch=${branch}></crm-stock-docs>`
      case 'purchasing':
        return html`<crm-stock-purchasing .ctx=${this.ctx} .branch=${branch}></crm-stock-purchasing>`
      case 'suppliers':
        return html`<crm-stock-suppliers .ctx=${this.ctx}></crm-stock-suppliers>`
      case 'stores':
        return html`<crm-stock-stores .ctx=${this.ctx} .branch=${branch}></crm-stock-stores>`
    }
  }

  private onBranch = (e: Event) => {
    this.branchId = (e.target as HTMLSelectElement).value
    rememberBranch(this.ctx.user.id, this.branchId)
  }

  private select(tab: Tab) {
    navigate(`/stock${tab === 'products' ? '' : `?tab=${tab}`}`, { replace: true })
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus())
  }

  private onTabKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((x) => x.id === this.tab)
    let next = -1
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = TABS.length - 1
    if (next < 0) return
    e.preventDefault()
    this.select(TABS[next].id)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-page': CrmStockPage
  }
}
