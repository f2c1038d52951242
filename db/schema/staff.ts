import { sql } from 'drizzle-orm'
import { bigint, bigserial, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { branches } from './center'
import { bytea } from './docs'
import { users } from './people'

/**
 * Staff, payroll and lesson cost (server/modules/staff, issue #19). Pay never rewrites history:
 * a pay scheme is effective-dated (a change starts on a day and never alters earlier periods),
 * an approved payroll is a stored snapshot of its lines, and anything that changes after approval
 * is paid as a correction in a later payroll. Every amount is an integer in minor units.
 */

/**
 * A person who works for the center: a teacher (linked to the login the timetable names), a
 * receptionist, a cleaner without a login. Their payroll branch is the first of `branch_ids`.
 */
export const employees = pgTable(
  'employees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Their login, when they have one: a teacher's lessons are found by it (lessons.teacher_id). */
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    /** Positions as typed by the manager (teacher, receptionist, cleaner…). */
    positions: text('positions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Branches they work in; the first is where they are paid (fixed monthly pay, bonuses). */
    branchIds: uuid('branch_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    phone: text('phone'),
    email: text('email'),
    hiredOn: date('hired_on', { mode: 'string' }),
    leftOn: date('left_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('employees_user_idx')
      .on(t.userId)
      .where(sql`${t.userId} is not null`),
  ],
)

/** A manager's observation of an employee (append-only, stamped). */
export const employeeNotes = pgTable(
  'employee_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    text: text('text').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by'),
  },
  (t) => [index('employee_notes_employee_idx').on(t.employeeId, t.at)],
)

/** A document of an employee's file: a contract, a certificate. */
export const employeeDocuments = pgTable(
  'employee_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    /** contract | certificate | other */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('employee_documents_employee_idx').on(t.employeeId),
    check('employee_documents_kind', sql`${t.kind} in ('contract', 'certificate', 'other')`),
  ],
)

/**
 * A pay scheme of an employee from `valid_from` to `valid_to` (null: open). Its parts add up (a
 * combination): per lesson, per attending client, a share of the lesson's revenue (basis points),
 * hourly (lessons and other services by their minutes), fixed monthly (pro rata by days). Two
 * schemes of one employee never overlap; a change closes the open one the day before.
 */
export const paySchemes = pgTable(
  'pay_schemes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    perLesson: bigint('per_lesson', { mode: 'number' }).notNull().default(0),
    perClient: bigint('per_client', { mode: 'number' }).notNull().default(0),
    revenueBp: integer('revenue_bp').notNull().default(0),
    hourly: bigint('hourly', { mode: 'number' }).notNull().default(0),
    monthly: bigint('monthly', { mode: 'number' }).notNull().default(0),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('pay_schemes_employee_idx').on(t.employeeId, t.validFrom),
    check(
      'pay_schemes_rates',
      sql`${t.perLesson} >= 0 and ${t.perClient} >= 0 and ${t.revenueBp} between 0 and 10000 and ${t.hourly} >= 0 and ${t.monthly} >= 0`,
    ),
    check('pay_schemes_dates', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
)

/**
 * A bonus, a deduction or a correction of an employee, with its reason, on a day; paid by the
 * first approved payroll of its branch whose month is not before it (`payroll_id` once paid).
 */
export const payAdjustments = pgTable(
  'pay_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    on: date('on', { mode: 'string' }).notNull(),
    /** bonus | deduction | correction */
    kind: text('kind').notNull(),
    /** Positive for a bonus or a deduction (the kind says which way); a correction is signed. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /** The month a correction corrects (YYYY-MM). */
    corrects: text('corrects'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('pay_adjustments_branch_idx').on(t.branchId, t.on),
    check('pay_adjustments_kind', sql`${t.kind} in ('bonus', 'deduction', 'correction')`),
    check('pay_adjustments_amount', sql`${t.kind} = 'correction' or ${t.amount} > 0`),
  ],
)

/**
 * A service an employee gave outside the timetable's lessons (a consultation, a trial class, an
 * event's hosting): its minutes (paid by an hourly scheme), clients, and a fee agreed for it.
 */
export const staffServices = pgTable(
  'staff_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    on: date('on', { mode: 'string' }).notNull(),
    /** party | consultation | other */
    kind: text('kind').notNull(),
    minutes: integer('minutes').notNull(),
    clients: integer('clients').notNull().default(0),
    fee: bigint('fee', { mode: 'number' }).notNull().default(0),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('staff_services_branch_idx').on(t.branchId, t.on),
    check('staff_services_kind', sql`${t.kind} in ('party', 'consultation', 'other')`),
    check('staff_services_numbers', sql`${t.minutes} > 0 and ${t.clients} >= 0 and ${t.fee} >= 0`),
  ],
)

/** An approved payroll of a branch for a month: locked, its lines stored as computed then. */
export const payrolls = pgTable(
  'payrolls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    currency: text('currency').notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid('approved_by').notNull(),
  },
  (t) => [uniqueIndex('payrolls_branch_month_idx').on(t.branchId, t.month)],
)

/**
 * One explained line of an approved payroll: what it pays (a lesson's part, a month's fixed pay,
 * a service, an adjustment), for whom, on which day, with its attendees, rate and amount. A
 * teacher's service (`teacher_services`) is paid once per part: (service_id, kind) is unique.
 */
export const payrollLines = pgTable(
  'payroll_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    payrollId: uuid('payroll_id')
      .notNull()
      .references(() => payrolls.id),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    /** lesson | client | revenue | hourly | monthly | service | bonus | deduction | correction */
    kind: text('kind').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    serviceId: bigint('service_id', { mode: 'number' }),
    staffServiceId: uuid('staff_service_id'),
    adjustmentId: uuid('adjustment_id'),
    lessonId: text('lesson_id'),
    schemeId: uuid('scheme_id'),
    attendees: integer('attendees'),
    minutes: integer('minutes'),
    /** A rate in minor units (per lesson, client, hour or month) or, for `revenue`, basis points. */
    rate: bigint('rate', { mode: 'number' }),
    /** What the rate applies to: the lesson's revenue, the month's days paid of its days. */
    base: bigint('base', { mode: 'number' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The earlier month this line corrects (a lesson of an approved month changed after approval). */
    corrects: text('corrects'),
    reason: text('reason'),
  },
  (t) => [
    index('payroll_lines_payroll_idx').on(t.payrollId, t.employeeId),
    uniqueIndex('payroll_lines_service_idx')
      .on(t.serviceId, t.kind)
      .where(sql`${t.serviceId} is not null`),
    uniqueIndex('payroll_lines_adjustment_idx')
      .on(t.adjustmentId)
      .where(sql`${t.adjustmentId} is not null`),
    uniqueIndex('payroll_lines_staff_service_idx')
      .on(t.staffServiceId, t.kind)
      .where(sql`${t.staffServiceId} is not null`),
  ],
)

/** What a branch's lesson costs beyond its teacher and room: an overhead per hour (minor units), effective-dated. */
export const costSettings = pgTable(
  'cost_settings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    overheadPerHour: bigint('overhead_per_hour', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('cost_settings_branch_from_idx').on(t.branchId, t.validFrom),
    check('cost_settings_overhead', sql`${t.overheadPerHour} >= 0`),
  ],
)
