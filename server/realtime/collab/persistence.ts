import { and, desc, eq, gt, inArray, lt, max, sql } from 'drizzle-orm'
import type { Db, Queryable } from '../../../db/client'
import { docSnapshots, docUpdates, users } from '../../../db/schema/index'
import type { DocChange } from './describe'

/**
 * The document store: an append-only update log with authors (doc_updates) plus snapshots
 * (doc_snapshots) for fast loading. Loading = latest snapshot + every later update.
 */

export interface StoredUpdate {
  seq: number
  update: Uint8Array
}

export interface LoadedDoc {
  snapshot: { seq: number; state: Uint8Array } | null
  /** Updates after the snapshot, in seq order. */
  updates: StoredUpdate[]
  /** Highest seq in the log (0 when empty). */
  lastSeq: number
}

/** Latest snapshot and the updates after it. Throws when the database does. */
export async function loadDocRows(db: Db, doc: string): Promise<LoadedDoc> {
  const [snap] = await db
    .select({ seq: docSnapshots.seq, state: docSnapshots.state })
    .from(docSnapshots)
    .where(eq(docSnapshots.doc, doc))
    .orderBy(desc(docSnapshots.seq))
    .limit(1)
  const from = snap?.seq ?? 0
  const updates = await readUpdatesAfter(db, doc, from)
  const lastSeq = updates.length ? updates[updates.length - 1].seq : from
  return { snapshot: snap ?? null, updates, lastSeq }
}

/** Updates with seq > `after`, in order. */
export async function readUpdatesAfter(db: Queryable, doc: string, after: number): Promise<StoredUpdate[]> {
  return db
    .select({ seq: docUpdates.seq, update: docUpdates.update })
    .from(docUpdates)
    .where(and(eq(docUpdates.doc, doc), gt(docUpdates.seq, after)))
    .orderBy(docUpdates.seq)
}

/** The highest seq of each given document's log (documents without updates are absent). */
export async function readHeads(db: Queryable, docs: string[]): Promise<Map<string, number>> {
  if (docs.length === 0) return new Map()
  const rows = await db
    .select({ doc: docUpdates.doc, seq: max(docUpdates.seq) })
    .from(docUpdates)
    .where(inArray(docUpdates.doc, docs))
    .groupBy(docUpdates.doc)
  return new Map(rows.map((r) => [r.doc, Number(r.seq ?? 0)]))
}

/** Transaction-scoped advisory locks on documents, always taken in name order (no deadlocks). */
async function lockDocs(tx: Queryable, docs: string[]) {
  const sorted = [...new Set(docs)].sort()
  if (sorted.length === 1) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'yjs:' + sorted[0]}, 0))`)
    return
  }
  const list = sql.join(
    sorted.map((d) => sql`${'yjs:' + d}`),
    sql`, `,
  )
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(d, 0)) from unnest(array[${list}]::text[]) as d`)
}

/** The postgres-js client under a drizzle handle, when there is one (not inside a drizzle transaction, not on PGlite). */
interface RawClient {
  unsafe(text: string, params: unknown[], opts: { prepare: boolean }): PromiseLike<unknown>
}
function rawClientOf(db: Queryable): RawClient | null {
  const client = (db as { $client?: unknown }).$client
  return client && typeof (client as Partial<RawClient>).unsafe === 'function' ? (client as RawClient) : null
}

/** `insert … values ($1, …), ($6, …)` for a number of rows (one prepared statement per row count). */
const insertText = new Map<number, string>()
function insertTextFor(rows: number): string {
  let text = insertText.get(rows)
  if (!text) {
    const values = Array.from({ length: rows }, (_, i) => {
      const p = i * 5
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::text::jsonb)`
    })
    text = `insert into doc_updates (doc, seq, user_id, update, changes) values ${values.join(', ')}`
    if (rows <= 64) insertText.set(rows, text)
  }
  return text
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength)
}

export interface AppendGroup {
  doc: string
  /** The highest seq this process knows for the doc (the next rows follow it). */
  lastSeq: number
  rows: Array<{ userId: string | null; update: Uint8Array; changes: DocChange[] }>
}

/**
 * One multi-row INSERT into doc_updates: each group's rows after its base seq. On PostgreSQL
 * outside a transaction it goes straight to postgres-js as a prepared statement: the group commit
 * runs once per tick, and drizzle's query building and result mapping were a fifth of the
 * server's side of each commit (bench/notes.md); the parameters are built in one pass, without
 * row objects. Elsewhere (a transaction, PGlite) it is an SQL template through drizzle, which
 * builds the same statement. Either way one statement, its own transaction or the caller's.
 * (`changes` goes as text, cast by PostgreSQL: no client-side JSON serializer is involved.)
 */
function insertGroups(q: Queryable, groups: AppendGroup[], bases: number[]): PromiseLike<unknown> {
  const raw = rawClientOf(q)
  if (raw) {
    const params: unknown[] = []
    let rows = 0
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]
      for (let j = 0; j < g.rows.length; j++) {
        const r = g.rows[j]
        params.push(g.doc, bases[i] + 1 + j, r.userId, asBuffer(r.update), JSON.stringify(r.changes))
      }
      rows += g.rows.length
    }
    return raw.unsafe(insertTextFor(rows), params, { prepare: rows <= 64 })
  }
  const values = groups.flatMap((g, i) =>
    g.rows.map(
      (r, j) => sql`(${g.doc}, ${bases[i] + 1 + j}, ${r.userId}, ${asBuffer(r.update)}, ${JSON.stringify(r.changes)}::jsonb)`,
    ),
  )
  return q.execute(sql`insert into doc_updates (doc, seq, user_id, update, changes) values ${sql.join(values, sql`, `)}`)
}

const firstSeqs = (bases: number[]) => bases.map((b) => b + 1)

/**
 * Appends the updates of one tick, for any number of documents, in ONE transaction and ONE
 * multi-row INSERT. Seqs continue from `lastSeq`; with `verifySeq` (other instances write too)
 * the documents are locked and the seqs continue from the log's own maximum read under the lock.
 * Returns the first seq assigned to each group.
 */
export function appendUpdates(db: Db, groups: AppendGroup[], opts: { verifySeq: boolean }): Promise<number[]> {
  if (!opts.verifySeq) {
    // one writer (this process): the seqs it knows are the log's; a single INSERT is its own
    // transaction (one round trip). Another writer would show up as a key conflict, and the
    // caller retries with verifySeq.
    const bases = groups.map((g) => g.lastSeq)
    return Promise.resolve(insertGroups(db, groups, bases)).then(() => firstSeqs(bases))
  }
  return db.transaction(async (tx) => {
    const docs = groups.map((g) => g.doc)
    await lockDocs(tx, docs)
    const heads = await readHeads(tx, docs)
    const bases = groups.map((g) => Math.max(g.lastSeq, heads.get(g.doc) ?? 0))
    await insertGroups(tx, groups, bases)
    return firstSeqs(bases)
  })
}

/**
 * Stores a snapshot of the state after `seq`, unless one at or after `seq` exists already
 * (checked under the document's lock, so a slow writer never replaces a newer snapshot).
 * Returns whether it was written.
 */
export async function writeSnapshot(db: Db, doc: string, seq: number, state: Uint8Array): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockDocs(tx, [doc])
    const [row] = await tx
      .select({ seq: max(docSnapshots.seq) })
      .from(docSnapshots)
      .where(eq(docSnapshots.doc, doc))
    if (row?.seq != null && Number(row.seq) >= seq) return false
    await tx.insert(docSnapshots).values({ doc, seq, state })
    return true
  })
}

export interface HistoryItem {
  seq: number
  at: Date
  actor: { id: string; login: string } | null
  changes: DocChange[]
}

/** The described changes of a document, newest first, `limit` at a time below `cursor`. */
export async function readHistory(
  db: Db,
  doc: string,
  opts: { cursor?: number; limit: number },
): Promise<{ items: HistoryItem[]; nextCursor: number | null }> {
  const rows = await db
    .select({
      seq: docUpdates.seq,
      at: docUpdates.at,
      userId: docUpdates.userId,
      login: users.login,
      changes: docUpdates.changes,
    })
    .from(docUpdates)
    .leftJoin(users, eq(users.id, docUpdates.userId))
    .where(opts.cursor !== undefined ? and(eq(docUpdates.doc, doc), lt(docUpdates.seq, opts.cursor)) : eq(docUpdates.doc, doc))
    .orderBy(desc(docUpdates.seq))
    .limit(opts.limit + 1)
  const page = rows.slice(0, opts.limit)
  return {
    items: page.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.userId ? { id: r.userId, login: r.login ?? '' } : null,
      changes: r.changes ?? [],
    })),
    nextCursor: rows.length > opts.limit ? page[page.length - 1].seq : null,
  }
}
