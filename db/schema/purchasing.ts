import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { branches } from './center'
import { bytea } from './docs'
import { products, stockDocuments, stores, suppliers } from './stock'

/**
 * Purchasing (server/modules/stock, issue #18): a posting that takes a product to or below its
 * reorder point raises a purchase request to its preferred supplier; a supplier's requests of a
 * branch are grouped into its draft purchase order. A request IS its order's line (`orderId`): one
 * product, one quantity, one supplier — a separate lines table would only copy it.
 */

/** A purchase order to a supplier, delivered to one branch. draft → sent → partly_received → received (or cancelled). */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    /** draft | sent | partly_received | received | cancelled */
    status: text('status').notNull().default('draft'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sentBy: uuid('sent_by'),
    /** When its last outstanding line was received (status `received`). */
    receivedAt: timestamp('received_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by'),
  },
  (t) => [
    check('purchase_orders_status', sql`${t.status} in ('draft', 'sent', 'partly_received', 'received', 'cancelled')`),
    /** Never two draft orders for one supplier in one branch: the next request joins the draft. */
    uniqueIndex('purchase_orders_one_draft_idx')
      .on(t.supplierId, t.branchId)
      .where(sql`${t.status} = 'draft'`),
    index('purchase_orders_status_idx').on(t.status, t.createdAt),
  ],
)

/** A request to buy a product from a supplier; never two open ones for one product and supplier. */
export const purchaseRequests = pgTable(
  'purchase_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    /** The store whose stock went low (where the goods are wanted). */
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    quantity: integer('quantity').notNull(),
    /** open (waiting, in a draft order) | ordered | received | cancelled */
    status: text('status').notNull().default('open'),
    orderId: uuid('order_id').references(() => purchaseOrders.id),
    /** The posted stock document that took the stock low. */
    documentId: uuid('document_id').references(() => stockDocuments.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    check('purchase_requests_quantity', sql`${t.quantity} > 0`),
    check('purchase_requests_status', sql`${t.status} in ('open', 'ordered', 'received', 'cancelled')`),
    uniqueIndex('purchase_requests_one_open_idx')
      .on(t.productId, t.supplierId)
      .where(sql`${t.status} = 'open'`),
    index('purchase_requests_order_idx').on(t.orderId),
    index('purchase_requests_supplier_idx').on(t.supplierId, t.status),
  ],
)

/**
 * A message the center sends (a purchase order to its supplier, with its PDF): every one is kept.
 * `held` when no SMTP server is configured (the outbox: what would be sent, the PDF downloadable),
 * `sent` once the SMTP server accepted it (`transport_id`: its Message-ID).
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** purchase_order */
    kind: text('kind').notNull(),
    /** What it is about: the purchase order's id. */
    subjectId: uuid('subject_id').notNull(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    attachmentName: text('attachment_name').notNull(),
    attachment: bytea('attachment').notNull(),
    /** held | sent */
    status: text('status').notNull(),
    transportId: text('transport_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    check('outbox_messages_status', sql`${t.status} in ('held', 'sent')`),
    index('outbox_messages_created_idx').on(t.createdAt),
    index('outbox_messages_subject_idx').on(t.subjectId),
  ],
)
