import { and, sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import type { AuditAreas } from './areas'

/**
 * Where a checkpoint cuts the trail. A row (audit_log, doc_updates, medical_views: `trail_seq`, `xid`)
 * is BEFORE the checkpoint iff `trail_seq <= trailMax` and its transaction is visible in `snap`:
 *
 * - the checkpoint's transaction takes `snap` (pg_current_snapshot()) first, then reads the trail's
 *   sequence (`trailMax`), then takes its own transaction id (`xidHi`): every id handed out before
 *   is below it;
 * - a row numbered above trailMax took its number after the sequence was read, so after `snap` was
 *   taken: its transaction had not committed then (invisible) — it is after;
 * - a row numbered at or below trailMax is before iff its transaction had committed when `snap` was
 *   taken; those that had not (the few in flight) have xid ≥ xmin(snap) and, since a row's
 *   transaction takes its id before its number (clubroom_trail_next(), migration 0022), xid < xidHi.
 *
 * So "after the checkpoint" is two index range scans: trail_seq > trailMax, and xid in
 * [xmin(snap), xidHi) with the visibility test on those few rows. Rows written before migration 0022
 * have xid NULL: committed long before any checkpoint. Timestamps (`at` is the transaction's start)
 * and ids (given at insert, not at commit) alone would misplace a change that commits after the
 * checkpoint while having started before it.
 */
export interface Cut {
  snap: string
  trailMax: number
  xidHi: string
}

/** A lower or upper bound of the window: a checkpoint's cut, or a time (`at`, the transaction's start). */
export type Bound = { cut: Cut } | { at: Date } | null

/** Takes the cut of a checkpoint being closed: call first thing in its transaction (before it writes). */
export async function takeCut(tx: Queryable): Promise<Cut> {
  const [s] = await queryRows<{ snap: string }>(tx, sql`select pg_current_snapshot()::text as snap`)
  const [m] = await queryRows<{ v: string | number; called: boolean }>(
    tx,
    sql`select last_value as v, is_called as called from clubroom_trail_seq`,
  )
  // this transaction's own id, taken now: every id handed out before it is smaller (a snapshot's
  // xmax would not do: it is one past the last *completed* transaction, and a running one may be above it)
  const [h] = await queryRows<{ hi: string }>(tx, sql`select pg_current_xact_id()::text as hi`)
  const last = Number(m.v)
  return { snap: s.snap, trailMax: m.called ? last : last - 1, xidHi: h.hi }
}

/**
 * The conditions on a trail table aliased `t` that pick the rows after `since` and before `until`:
 * one list per index range to scan (two when `since` is a checkpoint: the rows numbered after it,
 * and the few in flight when it was closed). Each is a list of SQL conditions joined with `and`.
 */
export function windowRanges(since: Bound, until: Bound): SQL[][] {
  const upper: SQL[] = []
  if (until && 'cut' in until)
    upper.push(
      sql`t.trail_seq <= ${until.cut.trailMax}`,
      sql`(t.xid is null or pg_visible_in_snapshot(t.xid, ${until.cut.snap}::pg_snapshot))`,
    )
  else if (until) upper.push(sql`t.at < ${until.at.toISOString()}::timestamptz`)
  if (since && 'cut' in since) {
    const { snap, trailMax, xidHi } = since.cut
    return [
      [sql`t.trail_seq > ${trailMax}`, ...upper],
      [
        sql`t.xid >= pg_snapshot_xmin(${snap}::pg_snapshot)`,
        sql`t.xid < ${xidHi}::xid8`,
        sql`t.trail_seq <= ${trailMax}`,
        sql`not pg_visible_in_snapshot(t.xid, ${snap}::pg_snapshot)`,
        ...upper,
      ],
    ]
  }
  if (since) return [[sql`t.at >= ${since.at.toISOString()}::timestamptz`, ...upper]]
  return [upper]
}

export type Source = 'command' | 'document' | 'view'
export type ChangeKind = 'added' | 'changed' | 'removed' | 'viewed'

export interface FeedFilter {
  since: Bound
  until: Bound
  area?: string
  actorId?: string
  /** A document's name: its updates only. */
  doc?: string
  kind?: ChangeKind
  money?: boolean
}

/** One trail table as the feed reads it (aliased `t`). */
interface Stream {
  source: Source
  from: SQL
  actor: SQL
  select: SQL
  /** The stream's own conditions for the filter; null when the filter leaves the whole stream out. */
  conditions(f: FeedFilter, areas: AuditAreas): SQL[] | null
}

const DOC_KINDS: Record<Exclude<ChangeKind, 'viewed'>, string[]> = {
  added: ['add', 'insert'],
  changed: ['update'],
  removed: ['delete', 'remove'],
}

const STREAMS: Stream[] = [
  {
    source: 'command',
    from: sql`audit_log t`,
    actor: sql`t.actor_id`,
    select: sql`'command' as source, t.trail_seq as ts, t.at, t.actor_id::text as actor, t.action, t.entity as stype, t.entity_id as sid, t.before::text as before, t.after::text as after, null::text as changes, null::text as doc, null::bigint as dseq`,
    conditions(f, areas) {
      const c: SQL[] = []
      if (f.doc || f.kind === 'viewed') return null
      if (f.area) c.push(areas.commandCondition(sql`t.action`, f.area))
      if (f.money) c.push(areas.moneyCondition(sql`t.action`))
      if (f.kind === 'added') c.push(sql`t.before is null and t.after is not null`)
      if (f.kind === 'removed') c.push(sql`t.after is null and t.before is not null`)
      if (f.kind === 'changed') c.push(sql`(t.before is null) = (t.after is null)`)
      return c
    },
  },
  {
    source: 'document',
    from: sql`doc_updates t`,
    actor: sql`t.user_id`,
    select: sql`'document' as source, t.trail_seq as ts, t.at, t.user_id::text as actor, null::text as action, split_part(t.doc, ':', 1) as stype, substr(t.doc, strpos(t.doc, ':') + 1) as sid, null::text as before, null::text as after, t.changes::text as changes, t.doc, t.seq as dseq`,
    conditions(f, areas) {
      const c: SQL[] = []
      if (f.money || f.kind === 'viewed') return null
      if (f.area) c.push(areas.docCondition(sql`t.doc`, f.area))
      if (f.doc) c.push(sql`t.doc = ${f.doc}`)
      if (f.kind) {
        const ors = DOC_KINDS[f.kind].map((k) => sql`t.changes @> ${JSON.stringify([{ kind: k }])}::jsonb`)
        c.push(sql`(${sql.join(ors, sql` or `)})`)
      }
      return c
    },
  },
  {
    source: 'view',
    from: sql`medical_views t`,
    actor: sql`t.user_id`,
    select: sql`'view' as source, t.trail_seq as ts, t.at, t.user_id::text as actor, t.what as action, 'client-medical' as stype, t.client_id::text as sid, null::text as before, null::text as after, null::text as changes, null::text as doc, null::bigint as dseq`,
    conditions(f, areas) {
      if (f.money || f.doc || (f.kind && f.kind !== 'viewed')) return null
      if (f.area && !areas.viewsIn(f.area)) return null
      return []
    },
  },
]

export interface RawItem {
  source: Source
  ts: number
  at: Date
  actor: string | null
  action: string | null
  stype: string
  sid: string | null
  before: unknown
  after: unknown
  changes: unknown
  doc: string | null
  /** A document update's seq in its document. */
  seq: number | null
}

const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : (v ?? null))

function toRaw(r: Record<string, unknown>): RawItem {
  return {
    source: r.source as Source,
    ts: Number(r.ts),
    at: r.at instanceof Date ? r.at : new Date(String(r.at)),
    actor: (r.actor as string | null) ?? null,
    action: (r.action as string | null) ?? null,
    stype: String(r.stype),
    sid: (r.sid as string | null) ?? null,
    before: parse(r.before),
    after: parse(r.after),
    changes: parse(r.changes),
    doc: (r.doc as string | null) ?? null,
    seq: r.dseq === null || r.dseq === undefined ? null : Number(r.dseq),
  }
}

/**
 * Trail rows in the window and the filter, in trail order from a position: `asc` after `from`
 * (oldest first, for stepping forward), `desc` before it. Every part is an index range scan on
 * trail_seq (or xid for the checkpoint's in-flight rows), cut at `limit`, then merged.
 */
export async function readTrail(
  db: Queryable,
  areas: AuditAreas,
  f: FeedFilter,
  pos: { dir: 'asc' | 'desc'; from?: number },
  limit: number,
): Promise<RawItem[]> {
  const dir = pos.dir === 'asc' ? sql`asc` : sql`desc`
  const position =
    pos.from === undefined ? [] : [pos.dir === 'asc' ? sql`t.trail_seq > ${pos.from}` : sql`t.trail_seq < ${pos.from}`]
  const parts: SQL[] = []
  for (const s of STREAMS) {
    const own = s.conditions(f, areas)
    if (own === null) continue
    if (f.actorId) own.push(sql`${s.actor} = ${f.actorId}::uuid`)
    for (const range of windowRanges(f.since, f.until)) {
      const where = and(...range, ...position, ...own) ?? sql`true`
      parts.push(sql`(select ${s.select} from ${s.from} where ${where} order by t.trail_seq ${dir} limit ${limit})`)
    }
  }
  if (!parts.length) return []
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select * from (${sql.join(parts, sql` union all `)}) x order by ts ${dir} limit ${limit}`,
  )
  return rows.map(toRaw)
}

/** One trail row by its place, in whichever table it is. */
export async function readTrailRow(db: Queryable, ts: number): Promise<RawItem | null> {
  const parts = STREAMS.map((s) => sql`(select ${s.select} from ${s.from} where t.trail_seq = ${ts})`)
  const [row] = await queryRows<Record<string, unknown>>(db, sql`${sql.join(parts, sql` union all `)} limit 1`)
  return row ? toRaw(row) : null
}

/** Several trail rows by their places. */
export async function readTrailRows(db: Queryable, tss: number[]): Promise<RawItem[]> {
  if (!tss.length) return []
  const list = sql`(${sql.join(
    tss.map((t) => sql`${t}::bigint`),
    sql`, `,
  )})`
  const parts = STREAMS.map((s) => sql`(select ${s.select} from ${s.from} where t.trail_seq in ${list})`)
  const rows = await queryRows<Record<string, unknown>>(db, sql`${sql.join(parts, sql` union all `)}`)
  return rows.map(toRaw)
}

export interface WindowCounts {
  byArea: Map<string, number>
  byActor: Map<string, number>
  byDoc: Map<string, number>
  total: number
}

/** Counts of the window's changes per area, per author and per document (a scan of the window only). */
export async function countWindow(db: Queryable, areas: AuditAreas, f: FeedFilter): Promise<WindowCounts> {
  const areaOf: Record<Source, SQL> = {
    command: areas.commandAreaCase(sql`t.action`),
    document: areas.docAreaCase(sql`t.doc`),
    view: sql`${areas.viewArea()}`,
  }
  const parts: SQL[] = []
  for (const s of STREAMS) {
    const own = s.conditions(f, areas)
    if (own === null) continue
    if (f.actorId) own.push(sql`${s.actor} = ${f.actorId}::uuid`)
    const doc = s.source === 'document' ? sql`t.doc` : sql`null::text`
    for (const range of windowRanges(f.since, f.until)) {
      const where = and(...range, ...own) ?? sql`true`
      parts.push(
        sql`(select ${areaOf[s.source]}::text as area, ${s.actor}::text as actor, ${doc} as doc, count(*)::int as n from ${s.from} where ${where} group by 1, 2, 3)`,
      )
    }
  }
  const out: WindowCounts = { byArea: new Map(), byActor: new Map(), byDoc: new Map(), total: 0 }
  if (!parts.length) return out
  const rows = await queryRows<{ area: string; actor: string | null; doc: string | null; n: number }>(
    db,
    sql.join(parts, sql` union all `),
  )
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n)
  for (const r of rows) {
    const n = Number(r.n)
    out.total += n
    add(out.byArea, r.area, n)
    add(out.byActor, r.actor ?? '', n)
    if (r.doc) add(out.byDoc, r.doc, n)
  }
  return out
}
