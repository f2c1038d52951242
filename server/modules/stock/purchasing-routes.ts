import { createRoute, z } from '@hono/zod-openapi'
import { localDateTime } from '../../../domain/docs/timetable-week'
import type { Queryable } from '../../../db/client'
import { encodeStockDocName, setStockLine } from '../../../domain/docs/stock-doc'
import { AppError } from '../../errors'
import { contentDisposition } from '../../http/disposition'
import { IdParam, createRouter, responses, security } from '../../http/openapi'
import { Uuid } from '../../http/values'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { centerSettingsOf, centerTimeZone } from '../center/index'
import { rememberStockDoc } from './doc-facts'
import { mailerOf } from './mail/transport'
import { stockPolicies } from './policies'
import { ORDER_STATUSES, REQUEST_STATUSES, cancelOrder, findOrder, listOrders, listRequests, type OrderView } from './purchasing'
import { listOutbox, openOrderReceipt, outboxAttachment, sendOrder } from './purchasing-send'

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
    sentAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    lineCount: z.number().int(),
    total: z.number().int().openapi({ description: 'The lines’ totals (cancelled lines left out), minor units' }),
  })
  .openapi('PurchaseOrder')

const PurchaseOrderDetailSchema = PurchaseOrderSchema.extend({ lines: z.array(PurchaseOrderLineSchema) }).openapi(
  'PurchaseOrderDetail',
)

const OUTBOX_STATUSES = ['held', 'sent'] as const

const OutboxMessageSchema = z
  .object({
    id: z.string(),
    kind: z.literal('purchase_order'),
    subjectId: z.string().openapi({ description: 'The purchase order' }),
    branchId: z.string(),
    recipient: z.string(),
    subject: z.string(),
    body: z.string(),
    attachmentName: z.string(),
    attachmentUrl: z.string(),
    status: z.enum(OUTBOX_STATUSES).openapi({ description: 'held: no SMTP server, not sent; sent: accepted by the SMTP server' }),
    createdAt: z.string(),
  })
  .openapi('OutboxMessage')

const OutboxQuery = z.object({ status: z.enum(OUTBOX_STATUSES).optional() })

const ReceiveBody = z.object({ storeId: Uuid.optional() })

const ReceiptDocSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ description: '`stock-doc:<id>`, the live document its lines are edited in' }),
    kind: z.literal('receipt'),
    storeId: z.string(),
    supplierId: z.string().nullable(),
    purchaseOrderId: z.string(),
    lines: z.array(z.object({ key: z.string(), productId: z.string(), quantity: z.number().int(), unitCost: z.number().int() })),
  })
  .openapi('PurchaseReceiptDoc')

type OutboxRow = Awaited<ReturnType<typeof listOutbox>>[number]
const presentMessage = (m: OutboxRow): z.infer<typeof OutboxMessageSchema> => ({
  ...m,
  kind: 'purchase_order',
  status: m.status as z.infer<typeof OutboxMessageSchema>['status'],
  attachmentUrl: `/api/outbox/${m.id}/attachment`,
  createdAt: m.createdAt.toISOString(),
})

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
    sentAt: o.sentAt?.toISOString() ?? null,
    receivedAt: o.receivedAt?.toISOString() ?? null,
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
 * be cancelled, a draft sent (email with its PDF, or the outbox without SMTP), a sent one received
 * (a receipt pre-filled with what is outstanding); the outbox lists what was sent or held.
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
  .openapi(
    createRoute({
      method: 'post',
      path: '/purchase-orders/{id}/send',
      tags: ['stock'],
      summary:
        'Send a draft purchase order to its supplier: an email with the order as PDF in the center’s language (SMTP_URL), or — without SMTP — into the outbox; the order becomes `sent`, its lines `ordered`',
      security,
      request: { params: IdParam },
      responses: {
        ...responses(200, z.object({ order: PurchaseOrderDetailSchema, message: OutboxMessageSchema })),
        409: { description: 'Not a draft (`status`), nothing to send (`lines`), or the supplier has no email (`supplierEmail`)' },
        503: { description: 'The SMTP server did not accept the message: nothing was written, the order is still a draft' },
      },
    }),
    async (c) => {
      authorizeRole(c.var.actor, stockPolicies.writePurchasing)
      const deps = c.var.deps
      const db = deps.database.db
      const order = await findOrder(db, c.req.valid('param').id, await today(db))
      const actor = authorize(c.var.actor, stockPolicies.writePurchasing, order)
      const center = await centerSettingsOf(db)
      const sent = await sendOrder(
        c.var.ctx,
        actor,
        order.id,
        { locale: center.defaultLocale, currency: center.currency },
        mailerOf(deps.config),
      )
      const [message] = (await listOutbox(db, { branchIds: [order.branchId] })).filter((m) => m.id === sent.messageId)
      return c.json(
        { order: presentDetail(await findOrder(db, order.id, await today(db))), message: presentMessage(message) },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/purchase-orders/{id}/receive',
      tags: ['stock'],
      summary:
        'Receive a sent purchase order: a draft receipt into `storeId` (default: the store of its first outstanding line), linked to the order and pre-filled with what is still outstanding there; posting it makes the order partly received or received. An open draft receipt of the order and store is returned instead of a second one (200)',
      security,
      request: { params: IdParam, body: { content: { 'application/json': { schema: ReceiveBody } }, required: false } },
      responses: {
        ...responses(201, z.object({ doc: ReceiptDocSchema })),
        200: {
          description: 'The order’s open draft receipt for that store',
          content: { 'application/json': { schema: z.object({ doc: ReceiptDocSchema }) } },
        },
        409: { description: 'The order is not sent, or nothing is outstanding (`status`)' },
      },
    }),
    async (c) => {
      authorizeRole(c.var.actor, stockPolicies.writePurchasing)
      const deps = c.var.deps
      const db = deps.database.db
      const day = await today(db)
      const order = await findOrder(db, c.req.valid('param').id, day)
      const actor = authorize(c.var.actor, stockPolicies.writePurchasing, order)
      if (!deps.docs) throw new AppError(503, 'unavailable', 'stock.doc.docServerDown')
      const body = c.req.valid('json') ?? {}
      const draft = await openOrderReceipt(c.var.ctx, actor, order.id, { storeId: body.storeId, day })
      // the store is the order's branch's (the command took it from the order's lines)
      authorize(actor, stockPolicies.write, { branchId: draft.branchId })
      const name = encodeStockDocName(draft.doc.id)
      rememberStockDoc(draft.doc.id, { branchId: draft.branchId, posted: false })
      if (draft.created)
        await deps.docs.applyAsUser(name, actor, (doc) => {
          for (const l of draft.lines)
            setStockLine(doc, l.key, { productId: l.productId, quantity: l.quantity, unitCost: l.unitCost })
        })
      const doc = {
        id: draft.doc.id,
        name,
        kind: 'receipt' as const,
        storeId: draft.doc.storeId,
        supplierId: draft.doc.supplierId,
        purchaseOrderId: order.id,
        lines: draft.lines,
      }
      return c.json({ doc }, draft.created ? 201 : 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/outbox',
      tags: ['stock'],
      summary:
        'The center’s sent and held messages (purchase orders to suppliers) of the reader’s branches, newest first: `held` ones were not sent because no SMTP server is configured',
      security,
      request: { query: OutboxQuery },
      responses: responses(200, z.object({ items: z.array(OutboxMessageSchema), smtp: z.boolean() })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, stockPolicies.readPurchasing)
      const rows = await listOutbox(c.var.deps.database.db, { ...c.req.valid('query'), branchIds: branchesOf(actor) })
      return c.json({ items: rows.map(presentMessage), smtp: Boolean(c.var.deps.config.SMTP_URL) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/outbox/{id}/attachment',
      tags: ['stock'],
      summary: 'A message’s attachment (the purchase order’s PDF, exactly as sent or as it would be sent)',
      security,
      request: { params: IdParam },
      responses: {
        200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
      },
    }),
    async (c) => {
      authorizeRole(c.var.actor, stockPolicies.readPurchasing)
      const file = await outboxAttachment(c.var.deps.database.db, c.req.valid('param').id)
      authorize(c.var.actor, stockPolicies.readPurchasing, file)
      return c.body(new Uint8Array(file.data), 200, {
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition(file.name, 'attachment'),
      })
    },
  )
