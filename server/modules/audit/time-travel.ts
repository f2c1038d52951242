import { sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { queryRows, type Queryable } from '../../../db/client'

/**
 * Applies to `ydoc` a document's state as of `time`: every update whose transaction started at or
 * before then (the last of them by (doc, at), then everything up to its seq), from the latest
 * snapshot at or before that seq; or as of `seq`: just after that update (seq - 1: just before it). Three index lookups: (doc, at), the snapshot by (doc, seq), the
 * updates by (doc, seq). Returns the seq and time of the last update applied (0 and null: none yet).
 */
export async function docAsOf(
  db: Queryable,
  ydoc: Y.Doc,
  doc: string,
  as: { time: Date } | { seq: number },
): Promise<{ seq: number; at: Date | null }> {
  const [last] = await queryRows<{ seq: string | number; at: Date | string }>(
    db,
    'time' in as
      ? sql`select seq, at from doc_updates where doc = ${doc} and at <= ${as.time.toISOString()}::timestamptz order by at desc, seq desc limit 1`
      : sql`select seq, at from doc_updates where doc = ${doc} and seq <= ${as.seq} order by seq desc limit 1`,
  )
  if (!last) return { seq: 0, at: null }
  const seq = Number(last.seq)
  const [snap] = await queryRows<{ seq: string | number; state: Uint8Array }>(
    db,
    sql`select seq, state from doc_snapshots where doc = ${doc} and seq <= ${seq} order by seq desc limit 1`,
  )
  const from = snap ? Number(snap.seq) : 0
  if (snap) Y.applyUpdate(ydoc, toBytes(snap.state))
  const rows = await queryRows<{ update: Uint8Array }>(
    db,
    sql`select update from doc_updates where doc = ${doc} and seq > ${from} and seq <= ${seq} order by seq`,
  )
  for (const r of rows) Y.applyUpdate(ydoc, toBytes(r.update))
  return { seq, at: new Date(last.at) }
}

/** bytea as bytes, whichever driver read it (a Buffer, a Uint8Array, or `\x…` hex text). */
function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v
  if (typeof v === 'string' && v.startsWith('\\x')) return Buffer.from(v.slice(2), 'hex')
  throw new Error('unexpected bytea value')
}
