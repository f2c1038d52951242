import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import {
  branches,
  clients,
  productPrices,
  products,
  saleLines,
  saleReturnLines,
  saleReturns,
  sales,
  stockBalances,
  stores,
  taxRates,
} from '../../../db/schema/index'
import type { TaxRate } from '../../../domain/money'
import { NotFoundError } from '../../errors'

export type SaleRow = typeof sales.$inferSelect
export type SaleLineRow = typeof saleLines.$inferSelect
export type SaleReturnRow = typeof saleReturns.$inferSelect
export type SaleReturnLineRow = typeof saleReturnLines.$inferSelect

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v)

/** Today (`YYYY-MM-DD`) in a time zone. */
export function dayIn(timeZone: string, now = new Date()): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** A store with its branch (its name and time zone): who may sell from it is its branch's people. */
export async function storeWithBranch(db: Queryable, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({
      id: stores.id,
      name: stores.name,
      archivedAt: stores.archivedAt,
      branchId: stores.branchId,
      branchName: branches.name,
      timezone: branches.timezone,
    })
    .from(stores)
    .innerJoin(branches, eq(branches.id, stores.branchId))
    .where(eq(stores.id, id))
    .limit(1)
  return row ?? null
}

/** What a sale needs of a product on a day: its name, SKU, price in force, tax rate. */
export interface ProductForSale {
  id: string
  name: string
  sku: string
  barcode: string | null
  unit: string
  archived: boolean
  salePrice: number | null
  taxRateId: string | null
  taxRate: TaxRate | null
}

/** The products of these ids with the sale price in force on `day` and their tax rate (unknown ids left out). */
export async function productsForSale(db: Queryable, ids: readonly string[], day: string): Promise<Map<string, ProductForSale>> {
  const wanted = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))]
  if (!wanted.length) return new Map()
  const rows = await db
    .select({ p: products, rateBp: taxRates.rateBp, mode: taxRates.mode })
    .from(products)
    .leftJoin(taxRates, eq(taxRates.id, products.taxRateId))
    .where(inArray(products.id, wanted))
  const prices = await db
    .selectDistinctOn([productPrices.productId])
    .from(productPrices)
    .where(and(inArray(productPrices.productId, wanted), lte(productPrices.effectiveFrom, day)))
    .orderBy(productPrices.productId, desc(productPrices.effectiveFrom))
  const priceOf = new Map(prices.map((p) => [p.productId, p.salePrice]))
  return new Map(
    rows.map(({ p, rateBp, mode }) => [
      p.id,
      {
        id: p.id,
        name: p.name,
        sku: p.sku,
        barcode: p.barcode,
        unit: p.unit,
        archived: p.archivedAt !== null,
        salePrice: priceOf.get(p.id) ?? null,
        taxRateId: p.taxRateId,
        taxRate: p.taxRateId && mode ? { rateBp: rateBp ?? 0, mode: mode as TaxRate['mode'] } : null,
      },
    ]),
  )
}

/**
 * The products a cashier may add to a sale: by exact barcode or SKU, or by name/SKU containing `q`;
 * with the price of `day`, the tax rate and what is on hand in the store. Archived products are not sold.
 */
export async function productsAtTheTill(db: Queryable, opts: { q: string; storeId: string; day: string; limit: number }) {
  const q = opts.q.trim()
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const exact = or(eq(products.barcode, q), sql`lower(${products.sku}) = lower(${q})`) as SQL
  const rows = await db
    .select({ id: products.id, exact: sql<boolean>`(${exact})` })
    .from(products)
    .where(
      and(
        isNull(products.archivedAt),
        q ? or(exact, sql`${products.name} ilike ${like}`, sql`${products.sku} ilike ${like}`) : undefined,
      ),
    )
    .orderBy(desc(sql`(${exact})`), asc(products.name))
    .limit(opts.limit)
  const facts = await productsForSale(
    db,
    rows.map((r) => r.id),
    opts.day,
  )
  const balances = rows.length
    ? await db
        .select({ productId: stockBalances.productId, onHand: stockBalances.onHand })
        .from(stockBalances)
        .where(
          and(
            eq(stockBalances.storeId, opts.storeId),
            inArray(
              stockBalances.productId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : []
  const onHand = new Map(balances.map((b) => [b.productId, b.onHand]))
  return rows.flatMap((r) => {
    const f = facts.get(r.id)
    return f ? [{ ...f, exact: r.exact, onHand: onHand.get(r.id) ?? 0 }] : []
  })
}

/** A client who may buy (not erased), or null. */
export async function buyer(db: Queryable, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ id: clients.id, firstName: clients.firstName, lastName: clients.lastName, erasedAt: clients.erasedAt })
    .from(clients)
    .where(eq(clients.id, id))
    .limit(1)
  return row && !row.erasedAt ? row : null
}

/** A sale with all it is: its lines, its returns (with their lines), its branch, store and buyer. */
export interface SaleFull {
  sale: SaleRow
  lines: SaleLineRow[]
  returns: Array<SaleReturnRow & { lines: SaleReturnLineRow[] }>
  branch: { id: string; name: string; address: string; phone: string | null; timezone: string }
  storeName: string
  client: { id: string; name: string; phone: string | null } | null
}

export async function findSale(db: Queryable, id: string): Promise<SaleFull> {
  const [row] = await db
    .select({ sale: sales, branch: branches, storeName: stores.name, client: clients })
    .from(sales)
    .innerJoin(branches, eq(branches.id, sales.branchId))
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .leftJoin(clients, eq(clients.id, sales.clientId))
    .where(eq(sales.id, id))
    .limit(1)
  if (!row) throw NotFoundError('sales.notFound')
  const lines = await db.select().from(saleLines).where(eq(saleLines.saleId, id)).orderBy(asc(saleLines.id))
  const returns = await db.select().from(saleReturns).where(eq(saleReturns.saleId, id)).orderBy(asc(saleReturns.at))
  const returnLines = returns.length
    ? await db
        .select()
        .from(saleReturnLines)
        .where(
          inArray(
            saleReturnLines.returnId,
            returns.map((r) => r.id),
          ),
        )
        .orderBy(asc(saleReturnLines.id))
    : []
  const c = row.client
  return {
    sale: row.sale,
    lines,
    returns: returns.map((r) => ({ ...r, lines: returnLines.filter((l) => l.returnId === r.id) })),
    branch: {
      id: row.branch.id,
      name: row.branch.name,
      address: row.branch.address,
      phone: row.branch.phone,
      timezone: row.branch.timezone,
    },
    storeName: row.storeName,
    client: c
      ? { id: c.id, name: c.erasedAt ? '' : `${c.firstName} ${c.lastName}`.trim(), phone: c.erasedAt ? null : c.phone }
      : null,
  }
}

/** The branch of a sale (what its policies ask about), or 404. */
export async function saleBranchOf(db: Queryable, id: string): Promise<{ branchId: string }> {
  const [row] = await db.select({ branchId: sales.branchId }).from(sales).where(eq(sales.id, id)).limit(1)
  if (!row) throw NotFoundError('sales.notFound')
  return row
}

/** The sales of some branches (null = every branch) between two days, newest first, with the refunded sum. */
export async function listSales(
  db: Queryable,
  opts: { branchIds: readonly string[] | null; from: string; to: string; clientId?: string; limit: number },
) {
  if (opts.branchIds && !opts.branchIds.length) return []
  return db
    .select({
      id: sales.id,
      branchId: sales.branchId,
      branchName: branches.name,
      storeId: sales.storeId,
      storeName: stores.name,
      clientId: sales.clientId,
      clientName: sql<
        string | null
      >`case when ${clients.erasedAt} is null then ${clients.firstName} || ' ' || ${clients.lastName} end`,
      year: sales.year,
      number: sales.number,
      total: sales.total,
      tax: sales.tax,
      method: sales.method,
      day: sales.day,
      at: sales.at,
      refunded:
        sql<number>`(select coalesce(sum(r.amount), 0)::bigint from sale_returns r where r.sale_id = ${sales.id})`.mapWith(
          Number,
        ),
      items: sql<number>`(select coalesce(sum(l.quantity), 0)::int from sale_lines l where l.sale_id = ${sales.id})`.mapWith(
        Number,
      ),
    })
    .from(sales)
    .innerJoin(branches, eq(branches.id, sales.branchId))
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .leftJoin(clients, eq(clients.id, sales.clientId))
    .where(
      and(
        opts.branchIds ? inArray(sales.branchId, [...opts.branchIds]) : undefined,
        gte(sales.day, opts.from),
        lte(sales.day, opts.to),
        opts.clientId ? eq(sales.clientId, opts.clientId) : undefined,
      ),
    )
    .orderBy(desc(sales.at))
    .limit(opts.limit)
}

/** A receipt's number as printed: the branch's first letters, the year and the number (CEN-2026-S000017: an S, so it is never read as an invoice of the passes). */
export function receiptNumber(branchName: string, year: number, number: number): string {
  const letters = [...branchName.replace(/[^\p{L}\p{N}]/gu, '')].slice(0, 3).join('').toLocaleUpperCase()
  return `${letters || 'REC'}-${year}-S${String(number).padStart(6, '0')}`
}
