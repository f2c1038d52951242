import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { branches } from './center'
import { clients } from './clients'
import { taxRates } from './passes'

/**
 * Stock (server/modules/stock, issue #18). Stock on hand is never a number people edit: it is the
 * sum of the ledger `stock_movements` (append-only), and `stock_balances` holds that sum per
 * product and store, kept by a trigger on every movement in the same transaction. Amounts are whole
 * minor units; quantities whole units of the product's unit.
 */

/** A supplier, with whom to talk and where to send orders. */
export const suppliers = pgTable('suppliers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
})

/** A product of the catalogue (the nomenclature): goods for sale, textbooks and kits for loan, consumables. */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** goods | textbook | kit | consumable */
    kind: text('kind').notNull(),
    sku: text('sku').notNull(),
    barcode: text('barcode'),
    /** pcs, kg, l, pack… (quantities are whole numbers of it) */
    unit: text('unit').notNull().default('pcs'),
    taxRateId: uuid('tax_rate_id').references(() => taxRates.id),
    reorderPoint: integer('reorder_point'),
    reorderQuantity: integer('reorder_quantity'),
    maxLevel: integer('max_level'),
    preferredSupplierId: uuid('preferred_supplier_id').references(() => suppliers.id),
    activityId: uuid('activity_id'),
    /** May its stock go below zero (sold before the receipt is entered)? */
    allowNegative: boolean('allow_negative').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('products_sku_idx').on(t.sku),
    uniqueIndex('products_barcode_idx').on(t.barcode),
    check('products_kind', sql`${t.kind} in ('goods', 'textbook', 'kit', 'consumable')`),
    check(
      'products_levels',
      sql`coalesce(${t.reorderPoint}, 0) >= 0 and coalesce(${t.reorderQuantity}, 0) >= 0 and coalesce(${t.maxLevel}, 0) >= 0`,
    ),
  ],
)

/** A product's sale price and cost from a day on: a change adds a row, never rewrites the past. */
export const productPrices = pgTable(
  'product_prices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    salePrice: bigint('sale_price', { mode: 'number' }).notNull(),
    cost: bigint('cost', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('product_prices_product_day_idx').on(t.productId, t.effectiveFrom),
    check('product_prices_amounts', sql`${t.salePrice} >= 0 and ${t.cost} >= 0`),
  ],
)

/** A store of a branch (a branch may have several: the shop, the workshop's cupboard). */
export const stores = pgTable(
  'stores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    name: text('name').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('stores_branch_name_idx').on(t.branchId, t.name)],
)

/**
 * A stock document: its lines live in the live document `stock-doc:<id>` while it is a draft;
 * posting writes its movements and makes it read-only. A reversal is another document, posted,
 * that `reverses` it (the original gets `reversed_by`); nothing posted is edited.
 */
export const stockDocuments = pgTable(
  'stock_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * receipt | write_off | transfer | count | return — edited while draft, then posted; or moved by
     * another area's command and posted at once: sale | sale_return | loan | loan_return | consumption
     */
    kind: text('kind').notNull(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    toStoreId: uuid('to_store_id').references(() => stores.id),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    /** draft | posted */
    status: text('status').notNull().default('draft'),
    postedBy: uuid('posted_by'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    reverses: uuid('reverses'),
    reversedBy: uuid('reversed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    /** Who received the goods or gave them back (a sale's buyer, a loan's borrower). */
    clientId: uuid('client_id').references(() => clients.id),
    /** What moved them, in the area that did: `sale` + its id, `loan`, `lesson`. */
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    /** A receipt made from a purchase order (and its reversal): the order it receives (purchase_orders, by migration). */
    purchaseOrderId: uuid('purchase_order_id'),
  },
  (t) => [
    check(
      'stock_documents_kind',
      sql`${t.kind} in ('receipt', 'write_off', 'transfer', 'count', 'return', 'sale', 'sale_return', 'loan', 'loan_return', 'consumption')`,
    ),
    check('stock_documents_source', sql`(${t.sourceType} is null) = (${t.sourceId} is null)`),
    check('stock_documents_status', sql`${t.status} in ('draft', 'posted')`),
    check(
      'stock_documents_transfer',
      sql`(${t.kind} = 'transfer') = (${t.toStoreId} is not null) and ${t.toStoreId} is distinct from ${t.storeId}`,
    ),
    check('stock_documents_posted', sql`(${t.status} = 'posted') = (${t.postedAt} is not null)`),
    uniqueIndex('stock_documents_reverses_idx').on(t.reverses),
    index('stock_documents_store_idx').on(t.storeId, t.createdAt),
    index('stock_documents_client_idx')
      .on(t.clientId, t.createdAt)
      .where(sql`${t.clientId} is not null`),
    index('stock_documents_source_idx')
      .on(t.sourceType, t.sourceId)
      .where(sql`${t.sourceType} is not null`),
  ],
)

/**
 * The ledger: every change of stock, ± whole units of a product in a store, at a unit cost, by a
 * posted document's line. Append-only (no UPDATE or DELETE for the server's role, and a trigger).
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    quantity: integer('quantity').notNull(),
    unitCost: bigint('unit_cost', { mode: 'number' }).notNull().default(0),
    documentId: uuid('document_id')
      .notNull()
      .references(() => stockDocuments.id),
    lineKey: text('line_key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    authorId: uuid('author_id'),
  },
  (t) => [
    check('stock_movements_quantity', sql`${t.quantity} <> 0`),
    index('stock_movements_product_store_idx').on(t.productId, t.storeId, t.at),
    index('stock_movements_document_idx').on(t.documentId),
  ],
)

/** On hand per product and store: the sum of its movements, kept by a trigger on stock_movements. */
export const stockBalances = pgTable(
  'stock_balances',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    onHand: integer('on_hand').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.productId, t.storeId] }), index('stock_balances_store_idx').on(t.storeId)],
)
