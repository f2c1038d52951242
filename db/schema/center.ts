import { sql } from 'drizzle-orm'
import { boolean, check, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

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
  /** Offered for booking (lessons, groups); false: kept but not booked (migration 0018). */
  bookable: boolean('bookable').notNull().default(true),
  /** Archived: kept for history, no longer offered. */
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/**
 * The center's own settings: one row per installation (`id` = 1, made by the migration). Its
 * default language (`hy`, `ru`, `en`: what a user without a language of their own, and a request
 * without one we speak, gets) and the currency its books are kept in (minor units).
 */
export const centerSettings = pgTable(
  'center_settings',
  {
    id: integer('id').primaryKey().default(1),
    defaultLocale: text('default_locale').notNull().default('hy'),
    currency: text('currency').notNull().default('AMD'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check('center_settings_one_row', sql`${t.id} = 1`),
    check('center_settings_locale', sql`${t.defaultLocale} in ('hy', 'ru', 'en')`),
    check('center_settings_currency', sql`${t.currency} in ('AMD', 'RUB', 'EUR', 'USD')`),
  ],
)
