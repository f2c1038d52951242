import { sql } from 'drizzle-orm'
import { queryRows, type Db, type Queryable } from '../../../db/client'

/**
 * Projection watermarks (`doc_projections`): the last `doc_updates` seq whose effect is in a
 * document's relational rows. A projection run writes it in its own transaction; whatever is
 * behind its head — the instance died between the commit and the projection, a projection
 * failed — is projected again, whole, by the instance that loads the document next and by the
 * hub's periodic sweep. Projecting is idempotent, so two instances doing it at once is harmless.
 */

/** What one projection run covers. */
export interface ProjectionRun {
  /** The whole document was projected, as it was at seq `upTo` or later. */
  whole: boolean
  /** The head the document had in memory when the run read it. */
  upTo: number
  /**
   * For a run of changed parts only: the seqs whose changes it projected (this instance's
   * commits since its last run), ascending. The watermark moves only across seqs it covers, so
   * another instance's commits that were never projected keep it behind.
   */
  covered: number[]
}

/**
 * The document's watermark; creates it (0: nothing projected yet) on first use, so the sweep
 * knows the document from its first load on. One statement.
 */
export async function readWatermark(db: Db, doc: string): Promise<number> {
  const rows = await queryRows<{ seq: string | number }>(
    db,
    sql`with made as (insert into doc_projections (doc, seq) values (${doc}, 0) on conflict (doc) do nothing returning seq)
      select seq from made union all select seq from doc_projections where doc = ${doc}`,
  )
  return rows.length ? Number(rows[0].seq) : 0
}

/** Contiguous stretches of ascending seqs: [10, 11, 12, 15] → [[10, 12], [15, 15]]. */
export function stretches(seqs: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (const s of seqs) {
    const last = out[out.length - 1]
    if (last && s === last[1] + 1) last[1] = s
    else if (!last || s > last[1]) out.push([s, s])
  }
  return out
}

/**
 * Records a projection run, inside the projector's transaction when it passes its `tx`. A whole
 * run moves the watermark to `upTo` (never back); a partial run moves it only across the seqs it
 * covered that directly follow it.
 */
export async function markProjected(db: Queryable, doc: string, run: ProjectionRun): Promise<void> {
  if (run.whole) {
    await db.execute(sql`insert into doc_projections (doc, seq, at) values (${doc}, ${run.upTo}, now())
      on conflict (doc) do update set seq = greatest(doc_projections.seq, excluded.seq), at = now()`)
    return
  }
  for (const [from, to] of stretches(run.covered)) {
    await db.execute(
      sql`update doc_projections set seq = ${to}, at = now() where doc = ${doc} and seq >= ${from - 1} and seq < ${to}`,
    )
  }
}

/**
 * Documents whose log is ahead of their watermark, with how long ago the first update after the
 * watermark was written (a fresh commit's own projection is still on its way). With `recentMs`,
 * only documents updated in that window (the `at` index: cheap however many documents there
 * are); without, every projected document (one index probe each: run it rarely).
 */
export async function readLagging(
  db: Db,
  opts: { recentMs?: number } = {},
): Promise<Array<{ doc: string; seq: number; head: number; behindMs: number }>> {
  const heads =
    opts.recentMs !== undefined
      ? sql`select h.doc, p.seq, h.head from (select doc, max(seq) as head from doc_updates where at > now() - make_interval(secs => ${opts.recentMs / 1000}) group by doc) h
          join doc_projections p on p.doc = h.doc where h.head > p.seq`
      : sql`select p.doc, p.seq, h.head from doc_projections p
          cross join lateral (select max(u.seq) as head from doc_updates u where u.doc = p.doc) h
          where h.head > p.seq`
  const rows = await queryRows<{ doc: string; seq: string | number; head: string | number; behind_ms: string | number | null }>(
    db,
    sql`select l.doc, l.seq, l.head, (select extract(epoch from now() - u.at) * 1000 from doc_updates u where u.doc = l.doc and u.seq = l.seq + 1) as behind_ms
      from (${heads}) l`,
  )
  return rows.map((r) => ({
    doc: r.doc,
    seq: Number(r.seq),
    head: Number(r.head),
    behindMs: r.behind_ms === null ? Infinity : Number(r.behind_ms),
  }))
}
