import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { branches, rooms } from './center'
import { bytea } from './docs'

/**
 * Production control (server/modules/checklists, issue #20): checklist templates of a branch or a
 * room (items: a tick, a number in a range, a text), with a schedule (daily, weekly on a weekday,
 * monthly on a day) and the role responsible; each due checklist is made from its template on its
 * day and filled as the live document `checklist:<id>`; submitting locks it and keeps its values.
 */
export const checklistTemplates = pgTable(
  'checklist_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    /** The room it is of (null: the whole branch). */
    roomId: uuid('room_id').references(() => rooms.id),
    name: text('name').notNull(),
    /** The items, in order: `{ key, text, kind: 'tick' | 'number' | 'text', min?, max?, unit? }`. */
    items: jsonb('items').notNull(),
    /** daily | weekly | monthly */
    schedule: text('schedule').notNull(),
    /** Weekly: ISO weekday 1 (Monday) … 7. */
    weekday: integer('weekday'),
    /** Monthly: day of the month 1 … 28. */
    monthDay: integer('month_day'),
    /** The local time of its day by which it must be submitted (HH:MM). */
    dueTime: text('due_time').notNull().default('12:00'),
    responsibleRole: text('responsible_role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check('checklist_templates_schedule', sql`${t.schedule} in ('daily', 'weekly', 'monthly')`),
    check('checklist_templates_weekday', sql`${t.weekday} is null or ${t.weekday} between 1 and 7`),
    check('checklist_templates_month_day', sql`${t.monthDay} is null or ${t.monthDay} between 1 and 28`),
    index('checklist_templates_branch_idx').on(t.branchId),
  ],
)

/** A checklist due on a day, made from its template (its name and items copied as they were that day). */
export const checklists = pgTable(
  'checklists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => checklistTemplates.id),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    roomId: uuid('room_id').references(() => rooms.id),
    name: text('name').notNull(),
    items: jsonb('items').notNull(),
    responsibleRole: text('responsible_role').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** The instant it is due (its day's due time in the branch's time zone). */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** open | submitted */
    status: text('status').notNull().default('open'),
    /** Once submitted: ok | failed (an item ticked failed or a number out of its range). */
    result: text('result'),
    /** Once submitted: the values as they were, by item key (`{ value, note, by, byName, at }`). */
    values: jsonb('values'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('checklists_template_day').on(t.templateId, t.dueOn),
    check('checklists_status', sql`${t.status} in ('open', 'submitted')`),
    check('checklists_result', sql`${t.result} is null or ${t.result} in ('ok', 'failed')`),
    index('checklists_branch_due_idx').on(t.branchId, t.dueOn),
    index('checklists_open_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'open'`),
  ],
)

/** A photo taken while filling a checklist (an item's, or the checklist's as a whole). */
export const checklistPhotos = pgTable(
  'checklist_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checklistId: uuid('checklist_id')
      .notNull()
      .references(() => checklists.id, { onDelete: 'cascade' }),
    itemKey: text('item_key'),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('checklist_photos_checklist_idx').on(t.checklistId)],
)
