import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

/**
 * Passes and payments (server/modules/passes). Every amount is a whole number of the currency's
 * minor unit (`bigint` in number mode, through domain/money.ts). Money records are never edited:
 * a refund, a correction or an undo is a new row that points back at what it corrects, so every
 * balance is the sum of its records.
 */

/** A tax rate (VAT 20 % included in the price, added on top, or exempt), attached to plans and products. */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Basis points: 20 % = 2000. */
    rateBp: integer('rate_bp').notNull(),
    /** included | added | exempt */
    mode: text('mode').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    check('tax_rates_mode', sql`${t.mode} in ('included', 'added', 'exempt')`),
    check('tax_rates_rate', sql`${t.rateBp} between 0 and 10000`),
  ],
)

/**
 * A pass plan (managers): what a pass of this kind covers, how many sessions, how long it lasts,
 * its rules. Its price lives in `pass_plan_prices`, effective-dated.
 */
export const passPlans = pgTable(
  'pass_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    activityIds: uuid('activity_ids').array().notNull(),
    /** Sessions in a pass; null = unlimited within its validity. */
    sessions: integer('sessions'),
    /** Valid for this many days from the start … */
    validDays: integer('valid_days'),
    /** … or until this date. */
    validUntil: date('valid_until', { mode: 'string' }),
    taxRateId: uuid('tax_rate_id').references(() => taxRates.id),
    /** An unexcused absence burns a session. */
    burnsUnexcused: boolean('burns_unexcused').notNull().default(false),
    /** Freeze rules: at most this many days in all, and this many freezes (0 = no freezing). */
    freezeMaxDays: integer('freeze_max_days').notNull().default(0),
    freezeMaxTimes: integer('freeze_max_times').notNull().default(0),
    /** Discounts in basis points: a sibling already holding a pass; a client holding a pass for another activity. */
    siblingDiscountBp: integer('sibling_discount_bp').notNull().default(0),
    multiActivityDiscountBp: integer('multi_activity_discount_bp').notNull().default(0),
    /** The branch that sells it; null = every branch. */
    branchId: uuid('branch_id'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check('pass_plans_sessions', sql`${t.sessions} is null or ${t.sessions} > 0`),
    check('pass_plans_validity', sql`${t.validDays} is not null and ${t.validDays} > 0 or ${t.validUntil} is not null`),
  ],
)

/** A plan's price from a day on: a price change adds a row and never rewrites past sales. */
export const passPlanPrices = pgTable(
  'pass_plan_prices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => passPlans.id),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('pass_plan_prices_plan_day_idx').on(t.planId, t.effectiveFrom),
    check('pass_plan_prices_price', sql`${t.price} >= 0`),
  ],
)

/**
 * A pass sold to a client. What the plan said on the day of the sale is copied here (activities,
 * sessions, rules), so a later change to the plan changes no pass already sold. `sessions_used`
 * is the sum of its visits' signs (`pass_visits`), kept in the same transaction under the row's
 * lock, and never above `sessions_total`.
 */
export const passes = pgTable(
  'passes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => passPlans.id),
    branchId: uuid('branch_id').notNull(),
    invoiceId: uuid('invoice_id'),
    activityIds: uuid('activity_ids').array().notNull(),
    /** null = unlimited. */
    sessionsTotal: integer('sessions_total'),
    sessionsUsed: integer('sessions_used').notNull().default(0),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** The last valid day, freezes included. */
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    /** The last valid day as sold (before any freeze). */
    soldValidUntil: date('sold_valid_until', { mode: 'string' }).notNull(),
    burnsUnexcused: boolean('burns_unexcused').notNull().default(false),
    freezeMaxDays: integer('freeze_max_days').notNull().default(0),
    freezeMaxTimes: integer('freeze_max_times').notNull().default(0),
    /** The gross price the client was charged for it (its invoice line). */
    price: bigint('price', { mode: 'number' }).notNull(),
    /** Ended by a refund or a cancelled invoice (no more write-offs). */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('passes_client_idx').on(t.clientId, t.validUntil),
    index('passes_client_starts_idx').on(t.clientId, t.startsOn),
    index('passes_valid_until_idx').on(t.validUntil),
    check(
      'passes_sessions_used',
      sql`${t.sessionsUsed} >= 0 and (${t.sessionsTotal} is null or ${t.sessionsUsed} <= ${t.sessionsTotal})`,
    ),
  ],
)

/**
 * A visit as the passes area counts it: one session written off a pass (`pass_id`), or owed
 * (`pass_id` null, `owed`) when the client had no usable pass. Written when a lesson is marked
 * done (each attending member, and unexcused absentees where the pass says so), at the front-desk
 * check-in, or for a make-up lesson. Undoing writes a row with sign −1 that points back
 * (`reversal_of`); settling an owed visit with a pass bought later reverses the owed row and
 * writes one on the pass.
 */
export const passVisits = pgTable(
  'pass_visits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id').notNull(),
    branchId: uuid('branch_id'),
    passId: uuid('pass_id'),
    owed: boolean('owed').notNull().default(false),
    /** lesson | absence | check_in | make_up */
    source: text('source').notNull(),
    lessonId: text('lesson_id'),
    activityId: uuid('activity_id'),
    /** The lesson completion that wrote it (undoing "done" reverses exactly these). */
    completionId: bigint('completion_id', { mode: 'number' }),
    makeUpCreditId: bigint('make_up_credit_id', { mode: 'number' }),
    /** The pass was chosen by hand (not the automatic choice). */
    chosen: boolean('chosen').notNull().default(false),
    sign: smallint('sign').notNull().default(1),
    reversalOf: bigint('reversal_of', { mode: 'number' }),
    /** The day of the visit (the lesson's day, or the check-in's), in the branch's time zone. */
    on: date('on', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').notNull(),
  },
  (t) => [
    index('pass_visits_client_idx').on(t.clientId, t.at),
    index('pass_visits_pass_idx').on(t.passId),
    index('pass_visits_lesson_idx').on(t.lessonId, t.clientId),
    index('pass_visits_owed_idx')
      .on(t.clientId)
      .where(sql`${t.owed}`),
    uniqueIndex('pass_visits_reversal_idx')
      .on(t.reversalOf)
      .where(sql`${t.reversalOf} is not null`),
    index('pass_visits_branch_at_idx').on(t.branchId, t.at),
    check('pass_visits_sign', sql`${t.sign} in (1, -1)`),
    check('pass_visits_source', sql`${t.source} in ('lesson', 'absence', 'check_in', 'make_up')`),
  ],
)

/** A freeze of a pass (extends its validity by `days`); a mass freeze's rows share its batch. */
export const passFreezes = pgTable(
  'pass_freezes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    passId: uuid('pass_id').notNull(),
    batchId: uuid('batch_id'),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    days: integer('days').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').notNull(),
    /** Resumed early: the days actually used (the rest given back to the freeze allowance). */
    resumedOn: date('resumed_on', { mode: 'string' }),
    resumedBy: uuid('resumed_by'),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: uuid('undone_by'),
  },
  (t) => [index('pass_freezes_pass_idx').on(t.passId), index('pass_freezes_batch_idx').on(t.batchId)],
)

/** A mass freeze (a closure, a holiday) of a group's or a branch's passes, undoable as one. */
export const freezeBatches = pgTable('freeze_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** group | branch */
  scope: text('scope').notNull(),
  groupId: uuid('group_id'),
  branchId: uuid('branch_id').notNull(),
  fromOn: date('from_on', { mode: 'string' }).notNull(),
  toOn: date('to_on', { mode: 'string' }).notNull(),
  reason: text('reason'),
  passes: integer('passes').notNull().default(0),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  by: uuid('by').notNull(),
  undoneAt: timestamp('undone_at', { withTimezone: true }),
  undoneBy: uuid('undone_by'),
})

/**
 * An invoice: numbered per branch and year without gaps (`invoice_counters`, locked in the sale's
 * transaction). Its totals are the sums of its lines; what is paid and due is the sum of its
 * payments and refunds. A cancelled invoice takes no payments.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    branchId: uuid('branch_id').notNull(),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    clientId: uuid('client_id').notNull(),
    /** The paying guardian (for a child), as on the day of the invoice: the family's debt shows on them. */
    payerName: text('payer_name'),
    payerPhone: text('payer_phone'),
    payerPhoneDigits: text('payer_phone_digits'),
    currency: text('currency').notNull(),
    net: bigint('net', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by'),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('invoices_number_idx').on(t.branchId, t.year, t.number),
    index('invoices_client_idx').on(t.clientId, t.issuedOn),
    index('invoices_payer_idx').on(t.payerPhoneDigits),
    index('invoices_due_idx').on(t.dueOn),
    check('invoices_totals', sql`${t.net} + ${t.tax} = ${t.total}`),
  ],
)

/** An invoice's line, with its net, tax and gross as computed on the day of the sale. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    invoiceId: uuid('invoice_id').notNull(),
    /** pass | product | fee */
    kind: text('kind').notNull(),
    passId: uuid('pass_id'),
    planId: uuid('plan_id'),
    /** What was sold, as named on the day (a plan's or product's name). */
    description: text('description').notNull(),
    quantity: integer('quantity').notNull().default(1),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    /** The discount taken off (sibling, several activities), in minor units, and why. */
    discount: bigint('discount', { mode: 'number' }).notNull().default(0),
    discountReason: text('discount_reason'),
    net: bigint('net', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    gross: bigint('gross', { mode: 'number' }).notNull(),
    taxRateId: uuid('tax_rate_id'),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    taxMode: text('tax_mode').notNull().default('exempt'),
  },
  (t) => [
    index('invoice_lines_invoice_idx').on(t.invoiceId),
    index('invoice_lines_pass_idx')
      .on(t.passId)
      .where(sql`${t.passId} is not null`),
    check('invoice_lines_totals', sql`${t.net} + ${t.tax} = ${t.gross}`),
  ],
)

/** The last invoice number of a branch in a year: locked (`for update`) by each sale. */
export const invoiceCounters = pgTable(
  'invoice_counters',
  {
    branchId: uuid('branch_id').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.year] })],
)

/**
 * A payment to an invoice (cash, card, bank transfer, or the client's credit). `idempotency_key`
 * makes a double click one payment. The part above what was due, when the cashier chose to keep
 * it as the client's credit, is `credit`.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id').notNull(),
    clientId: uuid('client_id').notNull(),
    branchId: uuid('branch_id').notNull(),
    /** Applied to the invoice. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Kept as the client's credit (an overpayment the cashier chose to keep). */
    credit: bigint('credit', { mode: 'number' }).notNull().default(0),
    /** cash | card | transfer | credit */
    method: text('method').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The cash-desk day it belongs to (the branch's local date). */
    day: date('day', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').notNull(),
  },
  (t) => [
    uniqueIndex('payments_idempotency_idx').on(t.idempotencyKey),
    index('payments_invoice_idx').on(t.invoiceId),
    index('payments_client_idx').on(t.clientId, t.at),
    index('payments_branch_day_idx').on(t.branchId, t.day),
    check('payments_amount', sql`${t.amount} > 0 and ${t.credit} >= 0`),
    check('payments_method', sql`${t.method} in ('cash', 'card', 'transfer', 'credit')`),
  ],
)

/**
 * A refund: money given back on an invoice (pro rata to a pass's unused sessions, or an amount),
 * never more than was paid on it. A refund of a pass ends the pass.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id').notNull(),
    passId: uuid('pass_id'),
    clientId: uuid('client_id').notNull(),
    branchId: uuid('branch_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The tax inside the amount (the line's proportion), for the tax report. */
    tax: bigint('tax', { mode: 'number' }).notNull().default(0),
    /** Unused sessions it paid back (pro rata), or null for an amount. */
    sessions: integer('sessions'),
    method: text('method').notNull(),
    reason: text('reason'),
    idempotencyKey: text('idempotency_key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').notNull(),
  },
  (t) => [
    uniqueIndex('refunds_idempotency_idx').on(t.idempotencyKey),
    index('refunds_invoice_idx').on(t.invoiceId),
    index('refunds_client_idx').on(t.clientId, t.at),
    index('refunds_branch_day_idx').on(t.branchId, t.day),
    check('refunds_amount', sql`${t.amount} > 0`),
  ],
)

/** A cash-desk day of a branch, closed: its totals as they were, and no back-dated payment after. */
export const cashDays = pgTable(
  'cash_days',
  {
    branchId: uuid('branch_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    totals: jsonb('totals').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid('closed_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.day] })],
)

/** A wall token: a read-only sign-in for the dashboard screen on a TV (one branch or all); only the hash is kept. */
export const wallTokens = pgTable('wall_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** null = every branch. */
  branchId: uuid('branch_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by').notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
})

/** The passes area's settings (one row, id = 1): when a pass counts as running out, when invoices fall due. */
export const passSettings = pgTable(
  'pass_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** A pass is running out at or below this many sessions left … */
    runningOutSessions: integer('running_out_sessions').notNull().default(2),
    /** … or when it expires within this many days. */
    runningOutDays: integer('running_out_days').notNull().default(7),
    /** An invoice falls due this many days after it is issued. */
    invoiceDueDays: integer('invoice_due_days').notNull().default(7),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [check('pass_settings_one_row', sql`${t.id} = 1`)],
)
