import { and, eq, sql } from 'drizzle-orm'
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
 * Makes sure a supplier has one open request for a product (never two: the partial unique index,
 * so concurrent postings insert "on conflict do nothing"), on its branch's draft order (one per
 * supplier and branch, created with the first request).
 */
async function requestPurchase(
  tx: Tx,
  audit: Audit,
  r: PairRow & { supplier_id: string },
  quantity: number,
  by: string,
  documentId: string,
): Promise<void> {
  const [request] = await queryRows<{ id: string }>(
    tx,
    sql`insert into purchase_requests (product_id, supplier_id, store_id, branch_id, quantity, document_id, created_by)
        values (${r.product_id}, ${r.supplier_id}, ${r.store_id}, ${r.branch_id}, ${quantity}, ${documentId}, ${by})
        on conflict do nothing returning id`,
  )
  if (!request) return
  const [created] = await queryRows<{ id: string }>(
    tx,
    sql`insert into purchase_orders (supplier_id, branch_id, created_by) values (${r.supplier_id}, ${r.branch_id}, ${by})
        on conflict do nothing returning id`,
  )
  let orderId = created?.id
  if (orderId) {
    await audit({
      action: 'purchasing.orders.create',
      entity: 'purchase_order',
      entityId: orderId,
      after: { supplierId: r.supplier_id, branchId: r.branch_id, status: 'draft' },
    })
  } else {
    const [draft] = await tx
      .select({ id: purchaseOrders.id })
      .from(purchaseOrders)
      .where(
        and(
          eq(purchaseOrders.supplierId, r.supplier_id),
          eq(purchaseOrders.branchId, r.branch_id),
          eq(purchaseOrders.status, 'draft'),
        ),
      )
    orderId = draft.id
  }
  await tx.update(purchaseRequests).set({ orderId }).where(eq(purchaseRequests.id, request.id))
  await audit({
    action: 'purchasing.requests.create',
    entity: 'purchase_request',
    entityId: request.id,
    after: {
      productId: r.product_id,
      supplierId: r.supplier_id,
      storeId: r.store_id,
      quantity,
      orderId,
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
