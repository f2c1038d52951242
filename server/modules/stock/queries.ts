import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import {
  branches,
  productPrices,
  products,
  stockBalances,
  stockDocuments,
  stockMovements,
  stores,
  suppliers,
} from '../../../db/schema/index'
import type { ProductFacts } from '../../../domain/stock/posting'
import { NotFoundError } from '../../errors'

export type ProductRow = typeof products.$inferSelect
export type SupplierRow = typeof suppliers.$inferSelect
export type StoreRow = typeof stores.$inferSelect
export type StockDocRow = typeof stockDocuments.$inferSelect
export type MovementRow = typeof stockMovements.$inferSelect
export type PriceRow = typeof productPrices.$inferSelect

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v)

/** A product with the price in force on a day (null before its first price). */
export interface ProductView extends ProductRow {
  price: { salePrice: number; cost: number; effectiveFrom: string } | null
}

/** The price in force on `day` of each product (the latest `effective_from` on or before it). */
export async function pricesOn(db: Queryable, productIds: readonly string[], day: string): Promise<Map<string, PriceRow>> {
  if (!productIds.length) return new Map()
  const rows = await db
    .selectDistinctOn([productPrices.productId])
    .from(productPrices)
    .where(and(inArray(productPrices.productId, [...productIds]), lte(productPrices.effectiveFrom, day)))
    .orderBy(productPrices.productId, desc(productPrices.effectiveFrom))
  return new Map(rows.map((r) => [r.productId, r]))
}

export async function withPrices(db: Queryable, rows: readonly ProductRow[], day: string): Promise<ProductView[]> {
  const prices = await pricesOn(
    db,
    rows.map((r) => r.id),
    day,
  )
  return rows.map((r) => {
    const p = prices.get(r.id)
    return { ...r, price: p ? { salePrice: p.salePrice, cost: p.cost, effectiveFrom: p.effectiveFrom } : null }
  })
}

export async function listProducts(
  db: Queryable,
  opts: { kind?: string; archived?: boolean; q?: string; day: string },
): Promise<ProductView[]> {
  const where: SQL[] = [opts.archived ? sql`${products.archivedAt} is not null` : isNull(products.archivedAt)]
  if (opts.kind) where.push(eq(products.kind, opts.kind))
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    where.push(sql`(${products.name} ilike ${like} or ${products.sku} ilike ${like} or ${products.barcode} = ${opts.q})`)
  }
  const rows = await db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(asc(products.name), asc(products.sku))
  return withPrices(db, rows, opts.day)
}

export async function findProduct(db: Queryable, id: string): Promise<ProductRow> {
  const [row] = await db.select().from(products).where(eq(products.id, id)).limit(1)
  if (!row) throw NotFoundError('stock.notFound.product')
  return row
}

/** What posting needs of these products (unknown ids and archived products are left out). */
export async function productFacts(db: Queryable, ids: readonly string[], day: string): Promise<Map<string, ProductFacts>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))]
  if (!wanted.length) return new Map()
  const rows = await db
    .select({ id: products.id, allowNegative: products.allowNegative })
    .from(products)
    .where(and(inArray(products.id, wanted), isNull(products.archivedAt)))
  const prices = await pricesOn(
    db,
    rows.map((r) => r.id),
    day,
  )
  return new Map(rows.map((r) => [r.id, { id: r.id, allowNegative: r.allowNegative, cost: prices.get(r.id)?.cost ?? 0 }]))
}

export async function listSuppliers(db: Queryable): Promise<SupplierRow[]> {
  return db.select().from(suppliers).where(isNull(suppliers.archivedAt)).orderBy(asc(suppliers.name))
}

export async function supplierExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, id)).limit(1)
  return !!row
}

/** Stores, with their branch's name; only those of `branchIds` when given. */
export async function listStores(db: Queryable, branchIds: readonly string[] | null) {
  return db
    .select({ id: stores.id, branchId: stores.branchId, name: stores.name, branchName: branches.name })
    .from(stores)
    .innerJoin(branches, eq(branches.id, stores.branchId))
    .where(and(isNull(stores.archivedAt), branchIds ? inArray(stores.branchId, [...branchIds]) : undefined))
    .orderBy(asc(branches.name), asc(stores.name))
}

export async function findStore(db: Queryable, id: string): Promise<StoreRow | null> {
  const [row] = await db.select().from(stores).where(eq(stores.id, id)).limit(1)
  return row ?? null
}

/** A stock document with its store's branch (what its policies ask about). */
export async function findStockDoc(db: Queryable, id: string): Promise<StockDocRow & { branchId: string }> {
  const [row] = await db
    .select({ doc: stockDocuments, branchId: stores.branchId })
    .from(stockDocuments)
    .innerJoin(stores, eq(stores.id, stockDocuments.storeId))
    .where(eq(stockDocuments.id, id))
    .limit(1)
  if (!row) throw NotFoundError('stock.notFound.document')
  return { ...row.doc, branchId: row.branchId }
}

/** A document's movements, in the order they were written. */
export async function movementsOf(db: Queryable, documentId: string): Promise<MovementRow[]> {
  return db.select().from(stockMovements).where(eq(stockMovements.documentId, documentId)).orderBy(asc(stockMovements.id))
}

/** Stock on hand as the API sends it: the stores it covers, and per product its quantity in each. */
export interface OnHandView {
  stores: Array<{ id: string; name: string; branchId: string }>
  /** Ordered by product name; `onHand` by store id (a store that never held the product is absent). */
  items: Array<{ productId: string; productName: string; sku: string; unit: string; onHand: Record<string, number> }>
}

/**
 * Stock on hand per product and store (of these stores, or all; of one product), from the
 * balances the ledger's trigger keeps. One row per product with its stores' quantities: a branch's
 * 5,000 products in three stores are 5,000 rows, not 15,000 that repeat each product's and store's
 * names (issue #18's "under 100 ms"; bench stock-on-hand).
 */
export async function onHand(
  db: Queryable,
  opts: { storeIds: readonly string[] | null; productId?: string },
): Promise<OnHandView> {
  if (opts.storeIds && !opts.storeIds.length) return { stores: [], items: [] }
  const where = and(
    opts.storeIds ? inArray(stockBalances.storeId, [...opts.storeIds]) : undefined,
    opts.productId ? eq(stockBalances.productId, opts.productId) : undefined,
  )
  const items = await queryRows<OnHandView['items'][number]>(
    db,
    sql`select ${stockBalances.productId} as "productId", ${products.name} as "productName", ${products.sku} as sku,
               ${products.unit} as unit, json_object_agg(${stockBalances.storeId}, ${stockBalances.onHand}) as "onHand"
          from ${stockBalances}
          join ${products} on ${products.id} = ${stockBalances.productId}
         ${where ? sql`where ${where}` : sql``}
         group by ${stockBalances.productId}, ${products.name}, ${products.sku}, ${products.unit}
         order by ${products.name}, ${products.sku}`,
  )
  const storeIds = [...new Set(items.flatMap((i) => Object.keys(i.onHand)))]
  const storeRows = storeIds.length
    ? await db
        .select({ id: stores.id, name: stores.name, branchId: stores.branchId })
        .from(stores)
        .where(inArray(stores.id, storeIds))
        .orderBy(asc(stores.name))
    : []
  return { stores: storeRows, items }
}

/** One row of the stock documents list: the document with its stores', supplier's and people's names. */
export interface StockDocListRow {
  id: string
  kind: string
  storeId: string
  storeName: string
  branchId: string
  toStoreId: string | null
  supplierId: string | null
  supplierName: string | null
  status: string
  postedBy: string | null
  postedByName: string | null
  postedAt: Date | null
  reverses: string | null
  reversedBy: string | null
  createdAt: Date
  createdByName: string | null
}

/**
 * The stock documents of these branches' stores (all with `branchIds` null), newest first: of one
 * store, status or kind when given; at most `limit`.
 */
export async function listStockDocs(
  db: Queryable,
  opts: { branchIds: readonly string[] | null; storeId?: string; status?: string; kind?: string; limit: number },
): Promise<StockDocListRow[]> {
  if (opts.branchIds && !opts.branchIds.length) return []
  const poster = sql`(select u.name from users u where u.id = ${stockDocuments.postedBy})`
  const creator = sql`(select u.name from users u where u.id = ${stockDocuments.createdBy})`
  return db
    .select({
      id: stockDocuments.id,
      kind: stockDocuments.kind,
      storeId: stockDocuments.storeId,
      storeName: stores.name,
      branchId: stores.branchId,
      toStoreId: stockDocuments.toStoreId,
      supplierId: stockDocuments.supplierId,
      supplierName: suppliers.name,
      status: stockDocuments.status,
      postedBy: stockDocuments.postedBy,
      postedByName: sql<string | null>`${poster}`,
      postedAt: stockDocuments.postedAt,
      reverses: stockDocuments.reverses,
      reversedBy: stockDocuments.reversedBy,
      createdAt: stockDocuments.createdAt,
      createdByName: sql<string | null>`${creator}`,
    })
    .from(stockDocuments)
    .innerJoin(stores, eq(stores.id, stockDocuments.storeId))
    .leftJoin(suppliers, eq(suppliers.id, stockDocuments.supplierId))
    .where(
      and(
        opts.branchIds ? inArray(stores.branchId, [...opts.branchIds]) : undefined,
        opts.storeId ? eq(stockDocuments.storeId, opts.storeId) : undefined,
        opts.status ? eq(stockDocuments.status, opts.status) : undefined,
        opts.kind ? eq(stockDocuments.kind, opts.kind) : undefined,
      ),
    )
    .orderBy(desc(stockDocuments.createdAt), desc(stockDocuments.id))
    .limit(opts.limit)
}
