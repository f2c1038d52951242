import { api, withQuery } from './api'
import type { LiveEvents } from './live-events'

/**
 * The point of sale (issue #18, server/modules/sales): the stores a seller sells from, products at
 * the till (a scan or a search), sales, returns, the sales of a day. The only code of the area that
 * fetches. Amounts are integers in the center currency's minor unit (domain/money.ts).
 */

export type SaleMethod = 'cash' | 'card' | 'transfer'
export const SALE_METHODS: readonly SaleMethod[] = ['cash', 'card', 'transfer']

export interface SellerStore {
  id: string
  name: string
  branchId: string
  branchName: string
  timezone: string
}

export interface TillProduct {
  id: string
  name: string
  sku: string
  barcode: string | null
  unit: string
  salePrice: number | null
  taxRateBp: number
  taxMode: 'included' | 'added' | 'exempt'
  onHand: number
  /** Its barcode or SKU is exactly what was typed (a scan). */
  exact: boolean
}

export interface SaleLine {
  key: string
  productId: string
  description: string
  quantity: number
  unitPrice: number
  net: number
  tax: number
  gross: number
  taxRateBp: number
  taxMode: string
  returned: number
}

export interface SaleReturn {
  id: string
  amount: number
  tax: number
  method: SaleMethod
  day: string
  at: string
  lines: Array<{ lineKey: string; quantity: number; gross: number }>
}

export interface Sale {
  id: string
  number: string
  branchId: string
  branchName: string
  timezone: string
  storeId: string
  storeName: string
  client: { id: string; name: string } | null
  currency: string
  net: number
  tax: number
  total: number
  refunded: number
  method: SaleMethod
  day: string
  at: string
  lines: SaleLine[]
  returns: SaleReturn[]
}

export interface SaleListItem {
  id: string
  number: string
  branchId: string
  storeName: string
  client: { id: string; name: string } | null
  total: number
  tax: number
  refunded: number
  items: number
  method: SaleMethod
  day: string
  at: string
}

const enc = encodeURIComponent

export const fetchSellerStores = () => api<{ items: SellerStore[] }>('GET', '/api/sales/stores').then((r) => r.items)

export const findAtTill = (storeId: string, q: string, signal?: AbortSignal) =>
  api<{ items: TillProduct[] }>('GET', withQuery('/api/sales/products', { storeId, q }), undefined, { signal }).then((r) => r.items)

export const sell = (input: { storeId: string; clientId: string | null; method: SaleMethod; lines: Array<{ productId: string; quantity: number }>; idempotencyKey: string }) =>
  api<{ sale: Sale }>('POST', '/api/sales', input).then((r) => r.sale)

export const fetchSale = (id: string) => api<{ sale: Sale }>('GET', `/api/sales/${enc(id)}`).then((r) => r.sale)

export const fetchSales = (branchId: string, day: string) =>
  api<{ items: SaleListItem[] }>('GET', withQuery('/api/sales', { branchId, from: day, to: day })).then((r) => r.items)

export const returnGoods = (saleId: string, input: { method: SaleMethod; lines: Array<{ lineKey: string; quantity: number }> }) =>
  api<{ sale: Sale }>('POST', `/api/sales/${enc(saleId)}/returns`, input).then((r) => r.sale)

export const receiptPdfUrl = (saleId: string) => `/api/sales/${enc(saleId)}/receipt.pdf`

/** Calls `changed` when a sale of the branch is made or taken back (live), until the disposer is called. */
export function subscribeSales(live: LiveEvents | null, branchId: string, changed: () => void): () => void {
  if (!live) return () => {}
  return live.on('entity.changed', (p) => {
    if (p.type === 'sale' && (!p.branchId || p.branchId === branchId)) changed()
  })
}
