import { sql } from 'drizzle-orm'
import { bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

import { bytea } from './docs'

/**
 * A client (a child or an adult). The live file is the document `client:<id>`; this row is its
 * projection for lists and search, plus what commands own (status history, erasure).
 */
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    phone: text('phone'),
    /** Digits only, for duplicate detection and search. */
    phoneDigits: text('phone_digits'),
    email: text('email'),
    status: text('status').notNull().default('lead'),
    leaveReason: text('leave_reason'),
    /** How they heard of the center (LEAD_SOURCES) and an optional note. */
    source: text('source'),
    sourceNote: text('source_note'),
    consent: boolean('consent').notNull().default(false),
    branchId: uuid('branch_id'),
    /** Red flags shown in lists: file_incomplete, allergy, … */
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * Name, phones, guardian names and phones, lower-cased, with the transliterations and the
     * grams of their words: the trigram search target (server/modules/clients/search.ts).
     */
    searchText: text('search_text').notNull().default(''),
    // the name's sort key in each reader's order (sort_key_hy, _ru, _en) is a column that migration
    // 0012 generates from the name (domain/clients/sort-key.ts): not declared here, so no select,
    // insert or export of a client carries it; only the list's order reads it (search.ts, sortKeyOf)
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    index('clients_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // the list's orders: newest first here; by name in each reader's order (and of the rows holding
    // Cyrillic or Armenian letters) on the generated sort keys, indexed by migration 0012
    index('clients_created_idx').on(t.createdAt, t.id),
    index('clients_phone_idx').on(t.phoneDigits),
    index('clients_birth_idx').on(t.birthDate),
  ],
)

/** A guardian of a client (projection of the file's guardians). Same phone = same guardian: that links a family. */
export const clientGuardians = pgTable(
  'client_guardians',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** Key of the guardian inside the client's document. */
    key: text('key').notNull(),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    phone: text('phone').notNull(),
    phoneDigits: text('phone_digits').notNull(),
    email: text('email'),
    canPickUp: boolean('can_pick_up').notNull().default(true),
  },
  (t) => [index('client_guardians_client_idx').on(t.clientId, t.key), index('client_guardians_phone_idx').on(t.phoneDigits)],
)

/** Status changes of a client, with the reason on leaving (feeds retention and teacher reports). */
export const clientStatusHistory = pgTable(
  'client_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** On leaving: a leave reason's code (LEAVE_REASONS); otherwise null. */
    reason: text('reason'),
    /** What was typed with the change (on leaving, beside the reason). */
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by'),
  },
  (t) => [
    index('client_status_history_client_idx').on(t.clientId, t.at),
    index('client_status_history_to_idx').on(t.toStatus, t.at),
  ],
)

/** Achievements, awards, penalties, certificates and diplomas of a client. */
export const clientRecords = pgTable(
  'client_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    activity: text('activity'),
    date: date('date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('client_records_client_idx').on(t.clientId, t.date)],
)

/** Uploaded documents (PDF, JPEG, PNG ≤ 10 MB), stored in the database with their SHA-256. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id').references(() => clientRecords.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('attachments_client_idx').on(t.clientId)],
)

/** Every view of medical data (document opened, roster subset shown, export), not only changes. */
export const medicalViews = pgTable(
  'medical_views',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id').notNull(),
    userId: uuid('user_id').notNull(),
    what: text('what').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('medical_views_client_idx').on(t.clientId, t.at)],
)

/** The medical summary teachers may see through the roster (allergies and emergency instructions only). */
export const clientMedicalSummary = pgTable('client_medical_summary', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  allergies: text('allergies').notNull().default(''),
  emergencyInstructions: text('emergency_instructions').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Center-wide settings managers edit (registration's mandatory fields, age categories). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/** Erasures: the one record that stays of an anonymised client's personal data. */
export const erasures = pgTable('erasures', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  clientId: uuid('client_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  by: uuid('by').notNull(),
  reason: text('reason').notNull(),
  details: jsonb('details'),
})
