import { createRoute, z } from '@hono/zod-openapi'
import { localDateTime } from '../../../domain/docs/timetable-week'
import type { Queryable } from '../../../db/client'
import { IdParam, createRouter, responses, security } from '../../http/openapi'
import { Uuid } from '../../http/values'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { centerTimeZone } from '../center/index'
import { stockPolicies } from './policies'
import { ORDER_STATUSES, REQUEST_STATUSES, cancelOrder, findOrder, listOrders, listRequests, type OrderView } from './purchasing'

/** Today in the center's time zone (the cost in force). */
const today = async (db: Queryable) => localDateTime((await centerTimeZone(db)) || 'UTC', new Date()).date

const PurchaseRequestSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    productName: z.string(),
    sku: z.string(),
    unit: z.string(),
    supplierId: z.string(),
    supplierName: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    branchId: z.string(),
    quantity: z.number().int(),
    status: z.enum(REQUEST_STATUSES),
    orderId: z.string().nullable(),
    documentId: z.string().nullable().openapi({ description: 'The posted stock document that took the stock low' }),
    createdAt: z.string(),
  })
  .openapi('PurchaseRequest')

const PurchaseOrderLineSchema = z
  .object({
    requestId: z.string(),
    productId: z.string(),
    productName: z.string(),
    sku: z.string(),
    unit: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    quantity: z.number().int(),
    status: z.enum(REQUEST_STATUSES),
    unitCost: z.number().int().openapi({ description: 'The product’s cost in force today, minor units' }),
    total: z.number().int().openapi({ description: 'quantity × unit cost, minor units' }),
  })
  .openapi('PurchaseOrderLine')

const PurchaseOrderSchema = z
  .object({
    id: z.string(),
    supplierId: z.string(),
    supplierName: z.string(),
    supplierEmail: z.string(),
    branchId: z.string(),
    branchName: z.string(),
    status: z.enum(ORDER_STATUSES),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    lineCount: z.number().int(),
    total: z.number().int().openapi({ description: 'The lines’ totals (cancelled lines left out), minor units' }),
  })
  .openapi('PurchaseOrder')

const PurchaseOrderDetailSchema = PurchaseOrderSchema.extend({ lines: z.array(PurchaseOrderLineSchema) }).openapi(
  'PurchaseOrderDetail',
)

const RequestsQuery = z.object({ status: z.enum(REQUEST_STATUSES).optional(), supplierId: Uuid.optional() })
const OrdersQuery = z.object({ status: z.enum(ORDER_STATUSES).optional() })

function presentOrder(o: Omit<OrderView, 'lines'>): z.infer<typeof PurchaseOrderSchema> {
  return {
    id: o.id,
    supplierId: o.supplierId,
    supplierName: o.supplierName,
    supplierEmail: o.supplierEmail,
    branchId: o.branchId,
    branchName: o.branchName,
    status: o.status as z.infer<typeof PurchaseOrderSchema>['status'],
    createdAt: o.createdAt.toISOString(),
    cancelledAt: o.cancelledAt?.toISOString() ?? null,
    lineCount: o.lineCount,
    total: o.total,
  }
}

const presentDetail = (o: OrderView): z.infer<typeof PurchaseOrderDetailSchema> => ({
  ...presentOrder(o),
  lines: o.lines.map((l) => ({ ...l, status: l.status as z.infer<typeof PurchaseOrderLineSchema>['status'] })),
})

/**
 * Purchasing routes: the purchase requests raised by low postings and the purchase orders grouping
 * them (read by the keepers, the accountant and the auditor, of their branches); a draft order can
 * be cancelled. Sending and receiving orders are not built yet.
 */
export const purchasingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/purchase-requests',
      tags: ['stock'],
      summary: 'Purchase requests of the reader’s branches (`status`, `supplierId`), newest first',
      security,
      request: { query: RequestsQuery },
      responses: responses(200, z.object({ items: z.array(PurchaseRequestSchema) })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, stockPolicies.readPurchasing)
      const q = c.req.valid('query')
      const rows = await listRequests(c.var.deps.database.db, { ...q, branchIds: branchesOf(actor) })
      return c.json(
        {
          items: rows.map((r) => ({
            ...r,
            status: r.status as z.infer<typeof PurchaseRequestSchema>['status'],
            createdAt: r.createdAt.toISOString(),
          })),
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/purchase-orders',
      tags: ['stock'],
      summary: 'Purchase orders of the reader’s branches (`status`), newest first, with line count and total',
      security,
      request: { query: OrdersQuery },
      responses: responses(200, z.object({ items: z.array(PurchaseOrderSchema) })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, stockPolicies.readPurchasing)
      const db = c.var.deps.database.db
      const rows = await listOrders(db, { ...c.req.valid('query'), branchIds: branchesOf(actor), day: await today(db) })
      return c.json({ items: rows.map(presentOrder) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/purchase-orders/{id}',
      tags: ['stock'],
      summary: 'A purchase order with its lines: product, quantity, the cost in force today and the total (minor units)',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ order: PurchaseOrderDetailSchema })),
    }),
    async (c) => {
      authorizeRole(c.var.actor, stockPolicies.readPurchasing)
      const db = c.var.deps.database.db
      const order = await findOrder(db, c.req.valid('param').id, await today(db))
      authorize(c.var.actor, stockPolicies.readPurchasing, order)
      return c.json({ order: presentDetail(order) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/purchase-orders/{id}/cancel',
      tags: ['stock'],
      summary: 'Cancel a draft purchase order; its open requests are cancelled with it',
      security,
      request: { params: IdParam },
      responses: {
        ...responses(200, z.object({ order: PurchaseOrderDetailSchema })),
        409: { description: 'The order is not a draft' },
      },
    }),
    async (c) => {
      authorizeRole(c.var.actor, stockPolicies.writePurchasing)
      const db = c.var.deps.database.db
      const day = await today(db)
      const order = await findOrder(db, c.req.valid('param').id, day)
      const actor = authorize(c.var.actor, stockPolicies.writePurchasing, order)
      await cancelOrder(c.var.ctx, actor, order.id)
      return c.json({ order: presentDetail(await findOrder(db, order.id, day)) }, 200)
    },
  )
