import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { branches } from './center'
import { clients } from './clients'
import { products, stockDocuments, stores } from './stock'
import { groups } from './timetable'

/**
 * Loans of textbooks and kits (server/modules/loans, issue #18): a product lent to a client, for a
 * course (a group) or not, out of a store until a due day. Issuing and returning each post a stock
 * document (`loan`, `loan_return`) through the stock area, named here; a loan is never edited
 * after its return, and a returned loan keeps its condition.
 */
export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    /** The store's branch (who may see and act on the loan). */
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    /** The course it is lent for. */
    groupId: uuid('group_id').references(() => groups.id),
    quantity: integer('quantity').notNull(),
    /** The last day it may be kept (overdue from the day after, in the branch's time zone). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid('issued_by'),
    issueDocumentId: uuid('issue_document_id').references(() => stockDocuments.id),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedBy: uuid('returned_by'),
    /** good | worn | damaged | lost (lost: nothing came back into the store) */
    condition: text('condition'),
    returnNote: text('return_note'),
    returnDocumentId: uuid('return_document_id').references(() => stockDocuments.id),
  },
  (t) => [
    check('loans_quantity', sql`${t.quantity} > 0`),
    check('loans_condition', sql`${t.condition} is null or ${t.condition} in ('good', 'worn', 'damaged', 'lost')`),
    check('loans_returned', sql`(${t.returnedAt} is null) = (${t.condition} is null)`),
    index('loans_client_idx').on(t.clientId, t.issuedAt),
    index('loans_branch_idx').on(t.branchId, t.issuedAt),
    index('loans_open_due_idx')
      .on(t.dueOn)
      .where(sql`${t.returnedAt} is null`),
  ],
)
