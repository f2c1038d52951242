import { desc, eq, inArray, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { auditCheckpoints, users } from '../../../db/schema/index'
import type { Locale } from '../../../domain/i18n/locales'
import type { Actor } from '../../../domain/roles'
import type { AuditAreas } from './areas'
import { isId } from './labels'
import type { ChangeKind, Cut, RawItem, Source } from './window'

export interface ItemChange {
  path: string
  before: unknown
  after: unknown
  kind: ChangeKind
}

export interface Mark {
  status: 'verified' | 'queried'
  comment: string | null
  assignee: { id: string; login: string } | null
  by: { id: string; login: string } | null
  at: string
}

export interface FeedItem {
  id: number
  at: string
  actor: { id: string; login: string } | null
  area: string
  source: Source
  /** The command's action (`lessons.cancel`), or what was viewed (`document`, `roster`, `export`); null for a document. */
  action: string | null
  subject: { type: string; id: string | null; label: string | null }
  /** For a document update: the document and the update's seq (GET /api/docs/{name}/at?seq= shows it just before and after). */
  document: { name: string; seq: number } | null
  changes: ItemChange[]
  /** The reader may not see what changed (a medical file, to a reader without medical access): no before or after. */
  hidden: boolean
  /** Names of the ids in the changes' paths and values (a lesson's id → "Tue 16:00 Room 2", a teacher's id → their name). */
  names: Record<string, string>
  mark: Mark | null
}

const DOC_KIND: Record<string, ChangeKind> = {
  add: 'added',
  insert: 'added',
  update: 'changed',
  delete: 'removed',
  remove: 'removed',
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** A command's before → after, field by field (the top-level keys of its JSON). */
export function diffValues(before: unknown, after: unknown): ItemChange[] {
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {}
    const a = isObject(after) ? after : {}
    const out: ItemChange[] = []
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const bv = b[key]
      const av = a[key]
      if (JSON.stringify(bv) === JSON.stringify(av)) continue
      out.push({
        path: key,
        before: bv ?? null,
        after: av ?? null,
        kind: bv === undefined ? 'added' : av === undefined ? 'removed' : 'changed',
      })
    }
    return out
  }
  if (before === null && after === null) return []
  return [{ path: '', before, after, kind: before === null ? 'added' : after === null ? 'removed' : 'changed' }]
}

function changesOf(r: RawItem): ItemChange[] {
  if (r.source === 'command') return diffValues(r.before, r.after)
  if (r.source === 'view') return [{ path: 'viewed', before: null, after: r.action, kind: 'viewed' }]
  const list = Array.isArray(r.changes)
    ? (r.changes as Array<{ path: string; kind: string; before: unknown; after: unknown }>)
    : []
  return list.map((c) => ({
    path: c.path,
    before: c.before ?? null,
    after: c.after ?? null,
    kind: DOC_KIND[c.kind] ?? 'changed',
  }))
}

export function areaOf(areas: AuditAreas, r: RawItem): string {
  if (r.source === 'command') return areas.commandArea(r.action ?? '')
  if (r.source === 'view') return areas.viewArea()
  return areas.docArea(r.stype)
}

/**
 * A key an area might name besides uuids: a generated lesson's id (`g-<groupId>-20261124-1600`) —
 * letters, digits and dashes, at least one of each kind of the last two, no spaces, colons or dots.
 */
const isKey = (v: unknown): v is string =>
  typeof v === 'string' && /^[A-Za-z0-9_-]{12,120}$/.test(v) && /\d/.test(v) && v.includes('-')

/** Ids inside a value (a few levels down: a lesson added holds its teacher's and room's ids). */
function collectIds(v: unknown, into: Set<string>, depth = 0) {
  if (depth > 4) return
  if (isId(v) || isKey(v)) into.add(v)
  else if (Array.isArray(v)) for (const x of v) collectIds(x, into, depth + 1)
  else if (isObject(v)) for (const x of Object.values(v)) collectIds(x, into, depth + 1)
}

async function loginsOf(db: Queryable, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter(isId)
  if (!wanted.length) return new Map()
  const rows = await db.select({ id: users.id, login: users.login }).from(users).where(inArray(users.id, wanted))
  return new Map(rows.map((r) => [r.id, r.login]))
}

/** The latest mark of each of these changes (a later mark supersedes an earlier one). */
export async function latestMarks(db: Queryable, tss: number[]): Promise<Map<number, Mark>> {
  if (!tss.length) return new Map()
  const rows = await queryRows<{
    ts: string
    status: 'verified' | 'queried'
    comment: string | null
    assignee: string | null
    by: string | null
    at: Date | string
  }>(
    db,
    sql`select distinct on (trail_seq) trail_seq as ts, status, comment, assignee_id::text as assignee, "by"::text as "by", at
        from audit_marks where trail_seq in (${sql.join(
          tss.map((t) => sql`${t}::bigint`),
          sql`, `,
        )}) order by trail_seq, id desc`,
  )
  const logins = await loginsOf(
    db,
    rows.flatMap((r) => [r.assignee, r.by].filter((x): x is string => !!x)),
  )
  const who = (id: string | null) => (id ? { id, login: logins.get(id) ?? '' } : null)
  return new Map(
    rows.map((r) => [
      Number(r.ts),
      {
        status: r.status,
        comment: r.comment,
        assignee: who(r.assignee),
        by: who(r.by),
        at: new Date(r.at).toISOString(),
      },
    ]),
  )
}

/**
 * Trail rows as the audit shows them to this reader: author, area, subject with its label, field
 * changes with the names of the ids in them, the latest mark. A change in an area whose content the
 * reader may not see (a medical file without medical access) says only that its subject changed.
 */
export async function presentItems(
  db: Queryable,
  areas: AuditAreas,
  rows: RawItem[],
  actor: Actor,
  locale: Locale,
): Promise<FeedItem[]> {
  const marks = await latestMarks(
    db,
    rows.map((r) => r.ts),
  )
  const logins = await loginsOf(
    db,
    rows.flatMap((r) => (r.actor ? [r.actor] : [])),
  )
  const prepared = rows.map((r) => {
    const area = areaOf(areas, r)
    const hidden = r.source !== 'view' && !areas.contentVisible(area, actor)
    const changes = hidden ? [] : changesOf(r)
    const ids = new Set<string>()
    for (const c of changes) {
      // ids in the path too: `lessons.<lessonId>.teacherId` names the lesson
      for (const seg of c.path.split('.')) if (isId(seg) || isKey(seg)) ids.add(seg)
      collectIds(c.before, ids)
      collectIds(c.after, ids)
    }
    return { r, area, hidden, changes, ids }
  })
  // subject labels, by subject type, from the areas that label it
  const byType = new Map<string, Set<string>>()
  for (const p of prepared) if (p.r.sid) byType.set(p.r.stype, (byType.get(p.r.stype) ?? new Set()).add(p.r.sid))
  const labels = new Map<string, string>()
  for (const [type, ids] of byType) {
    for (const labeler of areas.labelersOf(type)) {
      for (const [id, label] of await labeler(db, [...ids], locale)) labels.set(`${type}:${id}`, label)
    }
  }
  // names of the ids in the values
  const allIds = [...new Set(prepared.flatMap((p) => [...p.ids]))]
  const names = new Map<string, string>()
  if (allIds.length)
    for (const namer of areas.namers) for (const [id, name] of await namer(db, allIds, locale)) names.set(id, name)
  return prepared.map(({ r, area, hidden, changes, ids }) => ({
    id: r.ts,
    at: r.at.toISOString(),
    actor: r.actor ? { id: r.actor, login: logins.get(r.actor) ?? '' } : null,
    area,
    source: r.source,
    action: r.action,
    subject: { type: r.stype, id: r.sid, label: r.sid ? (labels.get(`${r.stype}:${r.sid}`) ?? null) : null },
    document: r.doc && r.seq !== null ? { name: r.doc, seq: r.seq } : null,
    changes,
    hidden,
    names: Object.fromEntries([...ids].flatMap((id) => (names.has(id) ? [[id, names.get(id) as string]] : []))),
    mark: marks.get(r.ts) ?? null,
  }))
}

export interface CheckpointRow {
  id: number
  closedAt: Date
  closedBy: string | null
  note: string | null
  cut: Cut
  summary: unknown
}

const toCheckpoint = (r: typeof auditCheckpoints.$inferSelect): CheckpointRow => ({
  id: r.id,
  closedAt: r.closedAt,
  closedBy: r.closedBy,
  note: r.note,
  cut: { snap: r.snap, trailMax: r.trailMax, xidHi: r.xidHi },
  summary: r.summary,
})

export async function findCheckpoint(db: Queryable, id: number): Promise<CheckpointRow | null> {
  const [r] = await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.id, id)).limit(1)
  return r ? toCheckpoint(r) : null
}

/** The checkpoint before this one (or the latest, without one). */
export async function previousCheckpoint(db: Queryable, beforeId?: number): Promise<CheckpointRow | null> {
  const [r] = await db
    .select()
    .from(auditCheckpoints)
    .where(beforeId === undefined ? undefined : sql`${auditCheckpoints.id} < ${beforeId}`)
    .orderBy(desc(auditCheckpoints.id))
    .limit(1)
  return r ? toCheckpoint(r) : null
}

/** Checkpoints, newest first, with who closed them. */
export async function listCheckpoints(db: Queryable, limit: number, cursor?: number) {
  const rows = await db
    .select({ c: auditCheckpoints, login: users.login })
    .from(auditCheckpoints)
    .leftJoin(users, eq(users.id, auditCheckpoints.closedBy))
    .where(cursor === undefined ? undefined : sql`${auditCheckpoints.id} < ${cursor}`)
    .orderBy(desc(auditCheckpoints.id))
    .limit(limit + 1)
  return { rows: rows.slice(0, limit).map((r) => ({ ...toCheckpoint(r.c), login: r.login })), more: rows.length > limit }
}

/**
 * Labels of documents by name (`client:<id>` → the client's name, `timetable:<branch>:<week>` →
 * "Central · 2026-W48"), from the areas that label their type, in the reader's language.
 */
export async function documentLabels(
  db: Queryable,
  areas: AuditAreas,
  docs: readonly string[],
  locale: Locale,
): Promise<Map<string, string>> {
  const byType = new Map<string, Map<string, string>>() // type → key → doc name
  for (const doc of docs) {
    const at = doc.indexOf(':')
    if (at < 1) continue
    const type = doc.slice(0, at)
    byType.set(type, (byType.get(type) ?? new Map()).set(doc.slice(at + 1), doc))
  }
  const out = new Map<string, string>()
  for (const [type, keys] of byType)
    for (const labeler of areas.labelersOf(type))
      for (const [key, label] of await labeler(db, [...keys.keys()], locale)) {
        const doc = keys.get(key)
        if (doc) out.set(doc, label)
      }
  return out
}

/** A summary's documents with their labels for this reader (null: nothing labels it, or it is gone). */
export async function withDocumentLabels<S extends { topDocuments: Array<{ doc: string; count: number }> }>(
  db: Queryable,
  areas: AuditAreas,
  summaries: S[],
  locale: Locale,
): Promise<Array<S & { topDocuments: Array<{ doc: string; count: number; label: string | null }> }>> {
  const labels = await documentLabels(
    db,
    areas,
    summaries.flatMap((s) => s.topDocuments.map((d) => d.doc)),
    locale,
  )
  return summaries.map((s) => ({
    ...s,
    topDocuments: s.topDocuments.map((d) => ({ ...d, label: labels.get(d.doc) ?? null })),
  }))
}
