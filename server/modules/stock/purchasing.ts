import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { branches, products, purchaseOrders, purchaseRequests, stores, suppliers } from '../../../db/schema/index'
import { multiply, sum } from '../../../domain/money'
import type { Actor } from '../../../domain/roles'
import { ConflictError, NotFoundError } from '../../errors'
import { runCommand, type CommandContext } from '../../http/command'
import { pricesOn } from './queries'
import { lockSuppliers } from './reorder'

/**
 * Purchasing (issue #18): the purchase requests a low posting raises (./reorder.ts) and the draft
 * purchase orders grouping them per supplier and branch; a request is its order's line. Read here;
 * a draft order can be cancelled (its open requests with it, so that the next low posting asks
 * again). Sending an order to its supplier (email with a PDF, the outbox without SMTP) and receiving
 * it: ./purchasing-send.ts.
 */

export const REQUEST_STATUSES = ['open', 'ordered', 'received', 'cancelled'] as const
export const ORDER_STATUSES = ['draft', 'sent', 'partly_received', 'received', 'cancelled'] as const

const storeLabel = sql<string>`${branches.name} || ' · ' || ${stores.name}`

/** Purchase requests (of `branchIds` when given), newest first. */
export async function listRequests(
  db: Queryable,
  opts: { status?: string; supplierId?: string; branchIds: readonly string[] | null },
) {
  if (opts.branchIds && !opts.branchIds.length) return []
  return db
    .select({
      id: purchaseRequests.id,
      productId: purchaseRequests.productId,
      productName: products.name,
      sku: products.sku,
      unit: products.unit,
      supplierId: purchaseRequests.supplierId,
      supplierName: suppliers.name,
      storeId: purchaseRequests.storeId,
      storeName: storeLabel,
      branchId: purchaseRequests.branchId,
      quantity: purchaseRequests.quantity,
      status: purchaseRequests.status,
      orderId: purchaseRequests.orderId,
      documentId: purchaseRequests.documentId,
      createdAt: purchaseRequests.createdAt,
    })
    .from(purchaseRequests)
    .innerJoin(products, eq(products.id, purchaseRequests.productId))
    .innerJoin(suppliers, eq(suppliers.id, purchaseRequests.supplierId))
    .innerJoin(stores, eq(stores.id, purchaseRequests.storeId))
    .innerJoin(branches, eq(branches.id, stores.branchId))
    .where(
      and(
        opts.status ? eq(purchaseRequests.status, opts.status) : undefined,
        opts.supplierId ? eq(purchaseRequests.supplierId, opts.supplierId) : undefined,
        opts.branchIds ? inArray(purchaseRequests.branchId, [...opts.branchIds]) : undefined,
      ),
    )
    .orderBy(desc(purchaseRequests.createdAt), asc(products.name))
}

export type RequestView = Awaited<ReturnType<typeof listRequests>>[number]

/** An order's line: its request, at the product's cost in force on `day`, and the line's total (minor units). */
export interface OrderLine {
  requestId: string
  productId: string
  productName: string
  sku: string
  unit: string
  storeId: string
  storeName: string
  quantity: number
  status: string
  unitCost: number
  total: number
}

const orderColumns = {
  id: purchaseOrders.id,
  supplierId: purchaseOrders.supplierId,
  supplierName: suppliers.name,
  supplierEmail: suppliers.email,
  branchId: purchaseOrders.branchId,
  branchName: branches.name,
  status: purchaseOrders.status,
  createdAt: purchaseOrders.createdAt,
  sentAt: purchaseOrders.sentAt,
  receivedAt: purchaseOrders.receivedAt,
  cancelledAt: purchaseOrders.cancelledAt,
}

/** The lines of these orders, costed on `day`, by order. */
async function linesOf(db: Queryable, orderIds: readonly string[], day: string): Promise<Map<string, OrderLine[]>> {
  const out = new Map<string, OrderLine[]>()
  if (!orderIds.length) return out
  const rows = await db
    .select({
      orderId: purchaseRequests.orderId,
      requestId: purchaseRequests.id,
      productId: purchaseRequests.productId,
      productName: products.name,
      sku: products.sku,
      unit: products.unit,
      storeId: purchaseRequests.storeId,
      storeName: storeLabel,
      quantity: purchaseRequests.quantity,
      status: purchaseRequests.status,
    })
    .from(purchaseRequests)
    .innerJoin(products, eq(products.id, purchaseRequests.productId))
    .innerJoin(stores, eq(stores.id, purchaseRequests.storeId))
    .innerJoin(branches, eq(branches.id, stores.branchId))
    .where(inArray(purchaseRequests.orderId, [...orderIds]))
    .orderBy(asc(products.name), asc(purchaseRequests.createdAt))
  const prices = await pricesOn(db, [...new Set(rows.map((r) => r.productId))], day)
  for (const { orderId, ...r } of rows) {
    const unitCost = prices.get(r.productId)?.cost ?? 0
    const line: OrderLine = { ...r, unitCost, total: multiply(unitCost, r.quantity) }
    const list = out.get(orderId ?? '') ?? []
    list.push(line)
    out.set(orderId ?? '', list)
  }
  return out
}

/** The total of an order's lines that still count (a cancelled request does not). */
const totalOf = (lines: readonly OrderLine[]) => sum(lines.filter((l) => l.status !== 'cancelled').map((l) => l.total))

/** Purchase orders (of `branchIds` when given), newest first, with their line count and total on `day`. */
export async function listOrders(db: Queryable, opts: { status?: string; branchIds: readonly string[] | null; day: string }) {
  if (opts.branchIds && !opts.branchIds.length) return []
  const rows = await db
    .select(orderColumns)
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .innerJoin(branches, eq(branches.id, purchaseOrders.branchId))
    .where(
      and(
        opts.status ? eq(purchaseOrders.status, opts.status) : undefined,
        opts.branchIds ? inArray(purchaseOrders.branchId, [...opts.branchIds]) : undefined,
      ),
    )
    .orderBy(desc(purchaseOrders.createdAt), asc(suppliers.name))
  const lines = await linesOf(
    db,
    rows.map((r) => r.id),
    opts.day,
  )
  return rows.map((r) => {
    const mine = lines.get(r.id) ?? []
    return { ...r, lineCount: mine.length, total: totalOf(mine) }
  })
}

/** One purchase order with its lines costed on `day` (404 when there is none). */
export async function findOrder(db: Queryable, id: string, day: string) {
  const [row] = await db
    .select(orderColumns)
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .innerJoin(branches, eq(branches.id, purchaseOrders.branchId))
    .where(eq(purchaseOrders.id, id))
    .limit(1)
  if (!row) throw NotFoundError('stock.notFound.purchaseOrder')
  const lines = (await linesOf(db, [id], day)).get(id) ?? []
  return { ...row, lineCount: lines.length, total: totalOf(lines), lines }
}

export type OrderView = Awaited<ReturnType<typeof findOrder>>

/**
 * Cancels a draft purchase order: it stays, marked cancelled by whom and when, and its open
 * requests are cancelled with it (so the next posting that finds the stock low asks again).
 * 409 naming `status` when it is not a draft.
 */
export function cancelOrder(ctx: CommandContext, actor: Actor, orderId: string): Promise<string> {
  return runCommand(ctx, 'purchasing.orders.cancel', async (tx) => {
    // (a posting adding a request to this draft finishes first, or waits and starts a new draft)
    const [known] = await tx
      .select({ supplierId: purchaseOrders.supplierId })
      .from(purchaseOrders)
      .where(eq(purchaseOrders.id, orderId))
    if (known) await lockSuppliers(tx, [known.supplierId])
    const [order] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.id, orderId)).for('update')
    if (!order) throw NotFoundError('stock.notFound.purchaseOrder')
    if (order.status !== 'draft') throw ConflictError('stock.order.notDraft', { status: 'stock.order.notDraft' })
    await tx
      .update(purchaseOrders)
      .set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: actor.id })
      .where(eq(purchaseOrders.id, orderId))
    const cancelled = await tx
      .update(purchaseRequests)
      .set({ status: 'cancelled' })
      .where(and(eq(purchaseRequests.orderId, orderId), eq(purchaseRequests.status, 'open')))
      .returning({ id: purchaseRequests.id })
    return {
      result: orderId,
      entity: 'purchase_order',
      entityId: orderId,
      before: { status: order.status },
      after: { status: 'cancelled', requests: cancelled.map((r) => r.id) },
    }
  })
}
