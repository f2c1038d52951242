import { sql } from 'drizzle-orm'
import { bigint, bigserial, customType, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './people'

/** A transaction id (xid8), as text (both drivers hand it back as a string). */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' })

/** A snapshot (pg_snapshot) as its text form `xmin:xmax:xip,…`. */
export const pgSnapshot = customType<{ data: string; driverData: string }>({ dataType: () => 'pg_snapshot' })

/**
 * One row per state-changing command, written in the command's own transaction. Append-only:
 * the app role may not UPDATE, DELETE or TRUNCATE it and triggers refuse it for everyone
 * (migration 0007); only clubroom_erase_client() redacts a row's before/after.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /**
     * Its place in the whole trail (audit_log, doc_updates, medical_views): one sequence, numbers in
     * insert order (migration 0022). The audit's changes feed is ordered by it.
     */
    trailSeq: bigint('trail_seq', { mode: 'number' })
      .notNull()
      .default(sql`clubroom_trail_next()`),
    /** The inserting transaction's id: which side of a checkpoint the row is on (server/modules/audit/window.ts). */
    xid: xid8('xid').default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    uniqueIndex('audit_log_trail_idx').on(t.trailSeq),
    index('audit_log_xid_idx').on(t.xid),
  ],
)

/**
 * An audit closed (issue #16): who closed it, when, and where it cuts the trail. A change is before it
 * iff its trail_seq ≤ trail_max and its transaction is visible in `snap` (taken first in the closing
 * transaction; the sequence read right after it); xid_hi bounds the transactions that were still
 * running then. Append-only (migration 0022).
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  closedBy: uuid('closed_by').references(() => users.id),
  note: text('note'),
  snap: pgSnapshot('snap').notNull(),
  trailMax: bigint('trail_max', { mode: 'number' }).notNull(),
  xidHi: xid8('xid_hi').notNull(),
  summary: jsonb('summary').notNull().default({}),
})

/** An auditor's mark on one change (verified / queried); a later mark supersedes it. Append-only. */
export const auditMarks = pgTable(
  'audit_marks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The change marked: its place in the trail. */
    trailSeq: bigint('trail_seq', { mode: 'number' }).notNull(),
    status: text('status').$type<'verified' | 'queried'>().notNull(),
    comment: text('comment'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    by: uuid('by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_marks_change_idx').on(t.trailSeq, t.id), index('audit_marks_assignee_idx').on(t.assigneeId, t.id)],
)
