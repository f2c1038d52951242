import * as Y from 'yjs'
import { encodeStockDocName, readStockLines, setStockLine, stockLinesOf, stockMetaOf, type StockDocLine } from '../../../domain/docs/stock-doc'
import { api, withQuery } from './api'
import type { LiveEvents } from './live-events'

/**
 * Stock (issue #18, server/modules/stock): the catalogue (products with the price in force,
 * suppliers, stores per branch), stock on hand, stock documents (created and posted here, their
 * lines edited in the live document `stock-doc:<id>`), purchase requests and orders. The only code
 * of the stock screens that fetches. Quantities are whole units; money is minor units.
 */

export { encodeStockDocName, readStockLines, stockLinesOf, stockMetaOf, type StockDocLine }

export const PRODUCT_KINDS = ['goods', 'textbook', 'kit', 'consumable'] as const
export type ProductKind = (typeof PRODUCT_KINDS)[number]
export const STOCK_DOC_KINDS = ['receipt', 'write_off', 'transfer', 'count', 'return'] as const
export type StockDocKind = (typeof STOCK_DOC_KINDS)[number]

export interface Product {
  id: string
  name: string
  kind: ProductKind
  sku: string
  barcode: string | null
  unit: string
  taxRateId: string | null
  reorderPoint: number | null
  reorderQuantity: number | null
  maxLevel: number | null
  preferredSupplierId: string | null
  activityId: string | null
  allowNegative: boolean
  archived: boolean
  price: { salePrice: number; cost: number; effectiveFrom: string } | null
}

export interface ProductInput {
  name: string
  kind: ProductKind
  sku: string
  barcode?: string | null
  unit?: string
  taxRateId?: string | null
  reorderPoint?: number | null
  reorderQuantity?: number | null
  maxLevel?: number | null
  preferredSupplierId?: string | null
  activityId?: string | null
  allowNegative?: boolean
  archived?: boolean
  salePrice?: number
  cost?: number
  priceFrom?: string
}

export interface Supplier {
  id: string
  name: string
  contact: string
  phone: string
  email: string
}

export interface Store {
  id: string
  branchId: string
  name: string
  branchName?: string
}

export interface OnHand {
  productId: string
  storeId: string
  onHand: number
  productName: string
  sku: string
  unit: string
  storeName: string
  branchId: string
}

export interface StockDocSummary {
  id: string
  name: string
  kind: string
  storeId: string
  storeName: string
  branchId: string
  toStoreId: string | null
  supplierId: string | null
  supplierName: string | null
  status: 'draft' | 'posted' | string
  postedBy: string | null
  postedByName: string | null
  postedAt: string | null
  reverses: string | null
  reversedBy: string | null
  createdAt: string
  createdByName: string | null
}

export interface StockDoc {
  id: string
  name: string
  kind: string
  storeId: string
  toStoreId: string | null
  supplierId: string | null
  status: string
  postedBy: string | null
  postedAt: string | null
  reverses: string | null
  reversedBy: string | null
  createdAt: string
  /** Once posted: what it moved (± units per product and store). */
  movements?: Array<{ lineKey: string; productId: string; storeId: string; quantity: number; unitCost: number }>
}

export interface PurchaseRequest {
  id: string
  productId: string
  productName: string
  sku: string
  unit: string
  supplierId: string
  supplierName: string
  storeId: string
  storeName: string
  branchId: string
  quantity: number
  status: string
  orderId: string | null
  createdAt: string
}

export interface PurchaseOrder {
  id: string
  supplierId: string
  supplierName: string
  supplierEmail: string
  branchId: string
  branchName: string
  status: string
  createdAt: string
  sentAt: string | null
  receivedAt: string | null
  cancelledAt: string | null
  lineCount: number
  total: number
}

const id = (x: string) => encodeURIComponent(x)

export const fetchProducts = (q: { kind?: string; q?: string; archived?: boolean } = {}) =>
  api<{ items: Product[] }>('GET', withQuery('/api/products', { kind: q.kind || undefined, q: q.q || undefined, archived: q.archived ? 'true' : undefined })).then(
    (r) => r.items,
  )
export const createProduct = (input: ProductInput) => api<{ product: Product }>('POST', '/api/products', input).then((r) => r.product)
export const updateProduct = (productId: string, patch: Partial<ProductInput>) =>
  api<{ product: Product }>('PATCH', `/api/products/${id(productId)}`, patch).then((r) => r.product)

export const fetchSuppliers = () => api<{ items: Supplier[] }>('GET', '/api/suppliers').then((r) => r.items)
export const createSupplier = (input: Omit<Supplier, 'id'>) => api<{ supplier: Supplier }>('POST', '/api/suppliers', input).then((r) => r.supplier)

export const fetchStores = (branchId?: string) => api<{ items: Store[] }>('GET', withQuery('/api/stores', { branchId })).then((r) => r.items)
export const createStore = (input: { branchId: string; name: string }) => api<{ store: Store }>('POST', '/api/stores', input).then((r) => r.store)

/** Stock on hand as the API sends it: the stores, and per product its quantity by store id. */
interface OnHandWire {
  stores: Array<{ id: string; name: string; branchId: string }>
  items: Array<{ productId: string; productName: string; sku: string; unit: string; onHand: Record<string, number> }>
}

/** Stock on hand, a row per product and store (by product name, then store name). */
export const fetchOnHand = (q: { storeId?: string; productId?: string } = {}) =>
  api<OnHandWire>('GET', withQuery('/api/stock', q)).then((r) =>
    r.items.flatMap((p) =>
      r.stores
        .filter((s) => s.id in p.onHand)
        .map((s): OnHand => ({
          productId: p.productId,
          storeId: s.id,
          onHand: p.onHand[s.id],
          productName: p.productName,
          sku: p.sku,
          unit: p.unit,
          storeName: s.name,
          branchId: s.branchId,
        })),
    ),
  )

export const fetchStockDocs = (q: { storeId?: string; status?: string; kind?: string } = {}) =>
  api<{ items: StockDocSummary[] }>('GET', withQuery('/api/stock-docs', { storeId: q.storeId || undefined, status: q.status || undefined, kind: q.kind || undefined })).then(
    (r) => r.items,
  )
export const fetchStockDoc = (docId: string) => api<{ doc: StockDoc }>('GET', `/api/stock-docs/${id(docId)}`).then((r) => r.doc)
export const createStockDoc = (input: { kind: StockDocKind; storeId: string; toStoreId?: string | null; supplierId?: string | null }) =>
  api<{ doc: StockDoc }>('POST', '/api/stock-docs', input).then((r) => r.doc)
export const postStockDoc = (docId: string) => api<{ doc: StockDoc }>('POST', `/api/stock-docs/${id(docId)}/post`).then((r) => r.doc)
export const reverseStockDoc = (docId: string) => api<{ doc: StockDoc }>('POST', `/api/stock-docs/${id(docId)}/reverse`).then((r) => r.doc)

export const fetchPurchaseRequests = (q: { status?: string; supplierId?: string } = {}) =>
  api<{ items: PurchaseRequest[] }>('GET', withQuery('/api/purchase-requests', q)).then((r) => r.items)
export const fetchPurchaseOrders = (q: { status?: string } = {}) => api<{ items: PurchaseOrder[] }>('GET', withQuery('/api/purchase-orders', q)).then((r) => r.items)
export const cancelPurchaseOrder = (orderId: string) => api<unknown>('POST', `/api/purchase-orders/${id(orderId)}/cancel`)
/** A stock change others made (a document posted, a product changed): calls `onChange` soon after, and after a reconnect. */
export function subscribeStockChanges(live: Pick<LiveEvents, 'on' | 'onResync'> | null | undefined, onChange: () => void, delayMs = 300): () => void {
  if (!live) return () => {}
  let timer: ReturnType<typeof setTimeout> | null = null
  const soon = () => {
    timer ??= setTimeout(() => {
      timer = null
      onChange()
    }, delayMs)
  }
  const offChange = live.on('entity.changed', (e) => {
    if (['stock_doc', 'product', 'supplier', 'store', 'purchase_order', 'purchase_request'].includes(e.type)) soon()
  })
  const offAlert = live.on('alert.raised', soon)
  const offResync = live.onResync(soon)
  return () => {
    offChange()
    offAlert()
    offResync()
    if (timer) clearTimeout(timer)
  }
}

// ── the live document ──────────────────────────────────────────────────────

/** A new line key: sortable by when it was added (lines show in that order), unique across editors. */
export function newLineKey(now = Date.now()): string {
  return `${now.toString(36).padStart(9, '0')}-${Math.random().toString(36).slice(2, 8)}`
}

/** Adds a line (or the scanned product's first line +1 when it already has one). Returns the line's key. */
export function addOrBump(doc: Y.Doc, productId: string, opts: { quantity?: number; unitCost?: number } = {}): string {
  const lines = stockLinesOf(doc)
  for (const l of readStockLines(doc)) {
    if (l.productId !== productId) continue
    const m = lines.get(l.key)
    if (!m) continue
    const q = typeof l.quantity === 'number' && Number.isFinite(l.quantity) ? l.quantity : 0
    m.set('quantity', q + 1)
    return l.key
  }
  const key = newLineKey()
  setStockLine(doc, key, { productId, quantity: opts.quantity ?? 1, ...(opts.unitCost !== undefined ? { unitCost: opts.unitCost } : {}) })
  return key
}

/** Changes one field of a line (a number typed; '' clears it). */
export function setLineField(doc: Y.Doc, key: string, field: 'productId' | 'quantity' | 'unitCost', value: unknown): void {
  const m = stockLinesOf(doc).get(key)
  if (!(m instanceof Y.Map)) return
  if (value === undefined || value === '') m.delete(field)
  else if (m.get(field) !== value) m.set(field, value)
}

export function removeLine(doc: Y.Doc, key: string): void {
  stockLinesOf(doc).delete(key)
}

/** Who posted the document and when, as the server wrote them into it (null while a draft). */
export function postedMeta(doc: Y.Doc): { by: string; at: string } | null {
  const meta = stockMetaOf(doc)
  if (meta.get('status') !== 'posted') return null
  const by = meta.get('postedByName')
  const at = meta.get('postedAt')
  return { by: typeof by === 'string' ? by : '', at: typeof at === 'string' ? at : '' }
}
