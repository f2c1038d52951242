import { and, eq, inArray, sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { purchaseOrders, purchaseRequests } from '../../../db/schema/index'
import { isLow, orderQuantity } from '../../../domain/stock/reorder'
import type { Audit } from '../../http/command'
import { applyAlerts, type AlertEvent, type RaiseInput } from '../alerts/index'
import { stockAlerts } from './alert-kinds'

/** The alert's subject for a product's stock in a store. */
export const stockLowSubject = (productId: string, storeId: string): string => `product:${productId}:${storeId}`

interface PairRow {
  product_id: string
  store_id: string
  on_hand: number
  product: string
  reorder_point: number | null
  reorder_quantity: number | null
  max_level: number | null
  supplier_id: string | null
  branch_id: string
  store: string
}

/** Why a low product has no request: no preferred supplier, or nothing to order (no reorder quantity or max level). */
type Waiting = 'noSupplier' | 'noQuantity'

/**
 * Serializes a supplier's purchasing across transactions (its requests and its draft orders): taken
 * for every supplier a posting may order from, in one fixed order, before any request is written —
 * so two postings never wait for each other's request and order in a circle, and a draft order is
 * never cancelled while a posting adds to it. Also taken by cancelling an order.
 */
export async function lockSuppliers(tx: Tx, supplierIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(supplierIds)].sort())
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'purchasing:' + id}, 0))`)
}

/**
 * Makes sure a supplier has one open request for a product — unless one is ordered and not all
 * received yet (never two open: the partial unique index; the caller holds the supplier's lock) —
 * on its branch's draft order (one per supplier and branch, created with its first request).
 */
async function requestPurchase(
  tx: Tx,
  audit: Audit,
  r: PairRow & { supplier_id: string },
  quantity: number,
  by: string,
  documentId: string,
): Promise<void> {
  const [open] = await tx
    .select({ id: purchaseRequests.id })
    .from(purchaseRequests)
    .where(
      and(
        eq(purchaseRequests.productId, r.product_id),
        eq(purchaseRequests.supplierId, r.supplier_id),
        // waiting on a draft, or ordered and not all in yet: the goods are coming, ask nothing more
        inArray(purchaseRequests.status, ['open', 'ordered']),
      ),
    )
    .limit(1)
  if (open) return
  let [order] = await tx
    .select({ id: purchaseOrders.id })
    .from(purchaseOrders)
    .where(
      and(
        eq(purchaseOrders.supplierId, r.supplier_id),
        eq(purchaseOrders.branchId, r.branch_id),
        eq(purchaseOrders.status, 'draft'),
      ),
    )
    .limit(1)
  if (!order) {
    ;[order] = await tx
      .insert(purchaseOrders)
      .values({ supplierId: r.supplier_id, branchId: r.branch_id, createdBy: by })
      .returning({ id: purchaseOrders.id })
    await audit({
      action: 'purchasing.orders.create',
      entity: 'purchase_order',
      entityId: order.id,
      after: { supplierId: r.supplier_id, branchId: r.branch_id, status: 'draft' },
    })
  }
  const [request] = await tx
    .insert(purchaseRequests)
    .values({
      productId: r.product_id,
      supplierId: r.supplier_id,
      storeId: r.store_id,
      branchId: r.branch_id,
      quantity,
      orderId: order.id,
      documentId,
      createdBy: by,
    })
    .returning({ id: purchaseRequests.id })
  await audit({
    action: 'purchasing.requests.create',
    entity: 'purchase_request',
    entityId: request.id,
    after: {
      productId: r.product_id,
      supplierId: r.supplier_id,
      storeId: r.store_id,
      quantity,
      orderId: order.id,
      documentId,
      status: 'open',
    },
  })
}

/**
 * After a posting has written its movements (in its transaction, with the balances locked): for
 * each product and store it moved, raises `stock_low` when on hand is at or below the reorder point
 * — and, to the preferred supplier, one open purchase request for the quantity to order, on that
 * supplier's draft order — or clears it when on hand is above. An open request stays open when the
 * stock goes back up (it is on an order; it ends when the order is sent, received or cancelled).
 * Returns the alert events to publish after commit.
 */
export async function reviewReorder(
  tx: Tx,
  audit: Audit,
  pairs: ReadonlyArray<{ productId: string; storeId: string }>,
  by: string,
  documentId: string,
): Promise<AlertEvent[]> {
  const uniq = [...new Map(pairs.map((p) => [`${p.productId}@${p.storeId}`, p])).values()]
  if (!uniq.length) return []
  const rows = await queryRows<PairRow>(
    tx,
    sql`select b.product_id, b.store_id, b.on_hand, p.name as product, p.reorder_point, p.reorder_quantity, p.max_level,
          p.preferred_supplier_id as supplier_id, s.branch_id, br.name || ' · ' || s.name as store
        from stock_balances b
        join products p on p.id = b.product_id
        join stores s on s.id = b.store_id
        join branches br on br.id = s.branch_id
        where (b.product_id, b.store_id) in (${sql.join(
          uniq.map((p) => sql`(${p.productId}::uuid, ${p.storeId}::uuid)`),
          sql`, `,
        )})
        order by b.product_id, p.preferred_supplier_id, b.store_id`,
  )
  await lockSuppliers(
    tx,
    rows.flatMap((r) =>
      r.supplier_id && isLow({ onHand: Number(r.on_hand), reorderPoint: r.reorder_point }) ? [r.supplier_id] : [],
    ),
  )
  const raise: RaiseInput[] = []
  const clear: Array<{ kind: string; subject: string }> = []
  for (const r of rows) {
    const subject = stockLowSubject(r.product_id, r.store_id)
    const facts = {
      onHand: Number(r.on_hand),
      reorderPoint: r.reorder_point,
      reorderQuantity: r.reorder_quantity,
      maxLevel: r.max_level,
    }
    if (!isLow(facts)) {
      clear.push({ kind: stockAlerts.stock_low.kind, subject })
      continue
    }
    const quantity = orderQuantity(facts)
    const waiting: Waiting | null = !r.supplier_id ? 'noSupplier' : quantity === null ? 'noQuantity' : null
    if (r.supplier_id && quantity !== null)
      await requestPurchase(tx, audit, { ...r, supplier_id: r.supplier_id }, quantity, by, documentId)
    const params = { product: r.product, onHand: facts.onHand, store: r.store, point: r.reorder_point ?? 0 }
    raise.push({
      kind: stockAlerts.stock_low,
      subject,
      message: waiting
        ? {
            id: waiting === 'noSupplier' ? 'stock.alert.lowNoSupplier' : 'stock.alert.lowNoQuantity',
            params: { ...params, waiting },
          }
        : { id: 'stock.alert.low', params },
      details: {
        productId: r.product_id,
        storeId: r.store_id,
        onHand: facts.onHand,
        reorderPoint: r.reorder_point,
        supplierId: r.supplier_id,
      },
      branchId: r.branch_id,
      by,
    })
  }
  return applyAlerts(tx, raise, clear, by)
}
