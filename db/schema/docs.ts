import { sql } from 'drizzle-orm'
import { bigint, customType, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { xid8 } from './audit'
import { users } from './people'

/** bytea as Uint8Array on both drivers (postgres-js hands back Buffer, PGlite Uint8Array; both are Uint8Array). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => value,
})

/** One described change inside a document update, as the audit trail shows it. */
export interface DocChangeRow {
  path: string
  kind: 'add' | 'update' | 'delete' | 'insert' | 'remove'
  before: unknown
  after: unknown
}

/**
 * The append-only log of every Yjs update applied to a document, with its author and what it
 * changed in domain terms. Written before the update reaches anyone else; never deleted.
 * Append-only in the database (privileges and triggers, migration 0007); clubroom_erase_client()
 * empties an erased client's updates in place (seq, author and time stay). `doc` is the canonical
 * name (domain/docs/doc-names.ts).
 */
export const docUpdates = pgTable(
  'doc_updates',
  {
    doc: text('doc').notNull(),
    /** 1, 2, 3 … per document, in the order the updates were applied. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** The signed-in user whose session sent it (null only for system edits). */
    userId: uuid('user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    update: bytea('update').notNull(),
    changes: jsonb('changes').$type<DocChangeRow[]>().notNull(),
    /** Its place in the whole trail (one sequence with audit_log's, migration 0022). */
    trailSeq: bigint('trail_seq', { mode: 'number' })
      .notNull()
      .default(sql`clubroom_trail_next()`),
    /** The inserting transaction's id: which side of an audit checkpoint the update is on. */
    xid: xid8('xid').default(sql`pg_current_xact_id()`),
  },
  (t) => [
    primaryKey({ columns: [t.doc, t.seq] }),
    index('doc_updates_user_idx').on(t.userId, t.at),
    index('doc_updates_at_idx').on(t.at),
    uniqueIndex('doc_updates_trail_idx').on(t.trailSeq),
    index('doc_updates_xid_idx').on(t.xid),
    index('doc_updates_doc_at_idx').on(t.doc, t.at),
  ],
)

/** Full document states for fast loading: the state after every update up to `seq`. */
export const docSnapshots = pgTable(
  'doc_snapshots',
  {
    doc: text('doc').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    state: bytea('state').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.doc, t.seq] })],
)

/**
 * Each projected document's watermark: every update up to `seq` is reflected in its relational
 * rows (lessons, clients…). Written in the projection's own transaction (migration 0008); an
 * instance that loads a document, and the hub's periodic sweep, project from it to the head.
 */
export const docProjections = pgTable('doc_projections', {
  doc: text('doc').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
})
