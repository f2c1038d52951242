import { html } from 'lit'
import { customElement } from 'lit/decorators.js'
import { BranchTabsPage, type PageTab } from '../../components/branch-tabs-page'
import type { Branch } from '../../data/types'

type Tab = 'products' | 'on-hand' | 'docs' | 'purchasing' | 'suppliers' | 'stores'
const TABS: ReadonlyArray<PageTab<Tab>> = [
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
export class CrmStockPage extends BranchTabsPage<Tab> {
  protected readonly path = '/stock'
  protected readonly words = {
    title: 'nav.stock.label',
    lead: 'stock.screens.page.lead',
    branch: 'stock.screens.branch',
  } as const

  protected get tabs() {
    return TABS
  }

  protected detail() {
    const docId = DOC_PATH.exec(this.ctx.path)?.[1]
    if (!docId) return null
    void import('./crm-stock-doc')
    return html`<crm-stock-doc .ctx=${this.ctx} .docId=${docId}></crm-stock-doc>`
  }

  protected renderTab(tab: Tab, branch: Branch) {
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
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-stock-page': CrmStockPage
  }
}
