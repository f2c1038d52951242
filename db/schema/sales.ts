import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
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
import { products, stockDocuments, stores } from './stock'

/**
 * Sales at the point of sale (server/modules/sales, issue #18). A sale is paid in full when it is
 * made; its receipt is numbered per branch and year without gaps. Its lines keep the price and the
 * tax as computed on the day (never recomputed); its goods leave the store through the stock
 * ledger (a posted stock document of kind `sale`). A return is a new record pointing at the sale:
 * its lines, the money given back (a refund) and the goods back in the store (`sale_return`).
 * Amounts are whole minor units.
 */

/** The last receipt number of a branch and year (locked by `insert … on conflict do update`). */
export const saleCounters = pgTable(
  'sale_counters',
  {
    branchId: uuid('branch_id').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.year] })],
)

/** A sale: the branch and store, the buyer (null = a walk-in), the totals and how it was paid. */
export const sales = pgTable(
  'sales',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    /** The buyer; null for a walk-in. */
    clientId: uuid('client_id').references(() => clients.id),
    year: integer('year').notNull(),
    /** The receipt's number in its branch and year (no gaps). */
    number: integer('number').notNull(),
    currency: text('currency').notNull(),
    net: bigint('net', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    /** cash | card | transfer */
    method: text('method').notNull(),
    /** The cash-desk day (the branch's day when it was made). */
    day: date('day', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by'),
    /** One per click of "Pay": the same key again is the same sale. */
    idempotencyKey: text('idempotency_key'),
    /** The posted stock document that took its goods out of the store. */
    stockDocumentId: uuid('stock_document_id').references(() => stockDocuments.id),
  },
  (t) => [
    uniqueIndex('sales_number_idx').on(t.branchId, t.year, t.number),
    uniqueIndex('sales_idempotency_idx').on(t.idempotencyKey),
    index('sales_branch_day_idx').on(t.branchId, t.day),
    index('sales_client_idx')
      .on(t.clientId, t.day)
      .where(sql`${t.clientId} is not null`),
    check('sales_method', sql`${t.method} in ('cash', 'card', 'transfer')`),
    check('sales_amounts', sql`${t.net} + ${t.tax} = ${t.total} and ${t.total} >= 0`),
  ],
)

/** A line of a sale: a product × a quantity at its price of the day, with its tax as computed then. */
export const saleLines = pgTable(
  'sale_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    saleId: uuid('sale_id')
      .notNull()
      .references(() => sales.id),
    /** The line's place in the sale (0, 1, …): errors name `lines.<key>`. */
    lineKey: text('line_key').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** The product's name and SKU as sold. */
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    net: bigint('net', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    gross: bigint('gross', { mode: 'number' }).notNull(),
    taxRateId: uuid('tax_rate_id').references(() => taxRates.id),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    /** included | added | exempt */
    taxMode: text('tax_mode').notNull().default('exempt'),
  },
  (t) => [
    uniqueIndex('sale_lines_key_idx').on(t.saleId, t.lineKey),
    check('sale_lines_quantity', sql`${t.quantity} > 0`),
    check('sale_lines_amounts', sql`${t.net} + ${t.tax} = ${t.gross}`),
  ],
)

/** A return of some of a sale's goods, with the money given back (a refund) and the goods back in stock. */
export const saleReturns = pgTable(
  'sale_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    saleId: uuid('sale_id')
      .notNull()
      .references(() => sales.id),
    branchId: uuid('branch_id').notNull(),
    clientId: uuid('client_id'),
    /** The refund: gross given back, its tax, and how. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    method: text('method').notNull(),
    reason: text('reason'),
    day: date('day', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by'),
    stockDocumentId: uuid('stock_document_id').references(() => stockDocuments.id),
  },
  (t) => [
    index('sale_returns_sale_idx').on(t.saleId),
    index('sale_returns_branch_day_idx').on(t.branchId, t.day),
    check('sale_returns_method', sql`${t.method} in ('cash', 'card', 'transfer')`),
    check('sale_returns_amount', sql`${t.amount} >= 0`),
  ],
)

/** What a return brought back of each sale line, and its share of the line's money. */
export const saleReturnLines = pgTable(
  'sale_return_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => saleReturns.id),
    saleLineId: bigint('sale_line_id', { mode: 'number' })
      .notNull()
      .references(() => saleLines.id),
    quantity: integer('quantity').notNull(),
    net: bigint('net', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    gross: bigint('gross', { mode: 'number' }).notNull(),
  },
  (t) => [index('sale_return_lines_line_idx').on(t.saleLineId), check('sale_return_lines_quantity', sql`${t.quantity} > 0`)],
)
