import { sql } from 'drizzle-orm'
import { integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** A branch (site) of the center. */
export const branches = pgTable('branches', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  address: text('address').notNull().default(''),
  phone: text('phone'),
  timezone: text('timezone').notNull().default('Europe/Berlin'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/** A room of a branch, with its capacity. */
export const rooms = pgTable('rooms', {
  id: uuid('id').primaryKey().defaultRandom(),
  branchId: uuid('branch_id')
    .notNull()
    .references(() => branches.id),
  name: text('name').notNull(),
  capacity: integer('capacity').notNull(),
  /** Cost of one hour of the room, in the center's currency. */
  hourlyCost: numeric('hourly_cost', { precision: 12, scale: 2 }).notNull().default('0'),
  equipment: text('equipment')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Opening hours per weekday, e.g. {"mon":["08:00","21:00"]}. */
  openingHours: jsonb('opening_hours').$type<Record<string, [string, string]>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})
