import { sql } from 'drizzle-orm'
import { bigserial, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { branches } from './center'
import { bytea } from './docs'

/**
 * The document package of a branch and a period (server/modules/document-package, issue #20): the
 * period's invoices, receipts, cash-desk days, tax report, payroll and payslips, stock movements and
 * inventory results, production control and closed audits as PDF with a CSV index, in one ZIP kept
 * here (`data`). Made at month close by the scheduler, or on demand; regenerating makes a new row.
 */
export const documentPackages = pgTable(
  'document_packages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** running | ok | failed */
    status: text('status').notNull().default('running'),
    /** schedule | demand */
    trigger: text('trigger').notNull(),
    /** The language its documents are in (the center's). */
    locale: text('locale').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    fileName: text('file_name'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    /** How many documents the ZIP holds (the index not counted). */
    documents: integer('documents'),
    data: bytea('data'),
    error: text('error'),
  },
  (t) => [
    check('document_packages_status', sql`${t.status} in ('running', 'ok', 'failed')`),
    check('document_packages_trigger', sql`${t.trigger} in ('schedule', 'demand')`),
    check('document_packages_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    index('document_packages_branch_period_idx').on(t.branchId, t.periodFrom, t.createdAt),
  ],
)
