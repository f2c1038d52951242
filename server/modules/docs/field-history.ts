import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { DocChange } from '../../realtime/collab/describe'

/**
 * "Who changed this": per field of a live document, its last author and time, and one field's own
 * history. Both read `doc_updates` through its primary key (doc, seq) — only the one document's
 * updates, never a scan of every document — and expand each update's described `changes`.
 */

/** A dotted field path as the describers write them (`profile.firstName`, `lessons.<id>.teacherId`, `notes`). */
export const FIELD_PATH = /^[A-Za-z0-9_:-]{1,100}(\.[A-Za-z0-9_:-]{1,100}){0,7}$/

export interface FieldAuthor {
  path: string
  seq: number
  at: Date
  userId: string | null
  login: string | null
  name: string | null
}

/** The latest change of every path the document's history names (one row per path). */
export async function readFieldAuthors(db: Db, doc: string): Promise<FieldAuthor[]> {
  type Row = {
    path: string
    seq: string | number
    at: string | Date
    user_id: string | null
    login: string | null
    name: string | null
  }
  const rows = await db.execute(sql`
    select distinct on (c.value->>'path') c.value->>'path' as path, u.seq, u.at, u.user_id, us.login, us.name
    from doc_updates u
    cross join lateral jsonb_array_elements(case when jsonb_typeof(u.changes) = 'array' then u.changes else '[]'::jsonb end)
      with ordinality as c(value, n)
    left join users us on us.id = u.user_id
    where u.doc = ${doc} and c.value->>'path' is not null
    order by c.value->>'path', u.seq desc, c.n desc`)
  return rowsOf<Row>(rows).map((r) => ({
    path: r.path,
    seq: Number(r.seq),
    at: r.at instanceof Date ? r.at : new Date(r.at),
    userId: r.user_id,
    login: r.login,
    name: r.name,
  }))
}

export interface FieldHistoryItem {
  seq: number
  at: Date
  actor: { id: string; login: string; name: string } | null
  changes: DocChange[]
}

/**
 * The updates that touched `path`: a change of the field itself, of something inside it, or of
 * something it is inside (a lesson added whole sets its teacher: that change is narrowed to the
 * field's own before and after). Oldest or newest first, `limit` at a time after/before `cursor`.
 */
export async function readFieldHistory(
  db: Db,
  doc: string,
  path: string,
  opts: { order: 'asc' | 'desc'; cursor?: number; limit: number },
): Promise<{ items: FieldHistoryItem[]; nextCursor: number | null }> {
  const below = path + '.'
  const cursor =
    opts.cursor === undefined ? sql`` : opts.order === 'asc' ? sql`and u.seq > ${opts.cursor}` : sql`and u.seq < ${opts.cursor}`
  const order = opts.order === 'asc' ? sql`u.seq asc` : sql`u.seq desc`
  type Row = {
    seq: string | number
    at: string | Date
    user_id: string | null
    login: string | null
    name: string | null
    changes: DocChange[] | string | null
  }
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select u.seq, u.at, u.user_id, us.login, us.name,
        (select jsonb_agg(c.value order by c.n) from jsonb_array_elements(u.changes) with ordinality as c(value, n)
          where c.value->>'path' = ${path} or starts_with(c.value->>'path', ${below})
            or starts_with(${path}, (c.value->>'path') || '.')) as changes
      from doc_updates u
      left join users us on us.id = u.user_id
      where u.doc = ${doc} ${cursor} and jsonb_typeof(u.changes) = 'array'
        and exists (select 1 from jsonb_array_elements(u.changes) c
          where c->>'path' = ${path} or starts_with(c->>'path', ${below}) or starts_with(${path}, (c->>'path') || '.'))
      order by ${order}
      limit ${opts.limit + 1}`),
  )
  const page = rows.slice(0, opts.limit)
  const items: FieldHistoryItem[] = []
  for (const r of page) {
    const raw = typeof r.changes === 'string' ? (JSON.parse(r.changes) as DocChange[]) : (r.changes ?? [])
    const changes = raw.map((c) => narrow(c, path)).filter((c): c is DocChange => c !== null)
    if (!changes.length) continue
    items.push({
      seq: Number(r.seq),
      at: r.at instanceof Date ? r.at : new Date(r.at),
      actor: r.user_id ? { id: r.user_id, login: r.login ?? '', name: r.name ?? r.login ?? '' } : null,
      changes,
    })
  }
  return { items, nextCursor: rows.length > opts.limit ? Number(page[page.length - 1].seq) : null }
}

/** A change of something the field is inside, seen from the field (null: it did not touch the field). */
export function narrow(change: DocChange, path: string): DocChange | null {
  if (change.path === path || change.path.startsWith(path + '.')) return change
  const rest = path.slice(change.path.length + 1).split('.')
  const before = dig(change.before, rest)
  const after = dig(change.after, rest)
  if (before === undefined && after === undefined) return null
  if (JSON.stringify(before) === JSON.stringify(after)) return null
  const kind: DocChange['kind'] = before === undefined ? 'add' : after === undefined ? 'delete' : 'update'
  return { path, kind, before: before ?? null, after: after ?? null }
}

function dig(value: unknown, keys: string[]): unknown {
  let v = value
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined
    v = (v as Record<string, unknown>)[k]
  }
  return v
}

/** Rows of `db.execute` on either driver (postgres-js returns an array, PGlite `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return (result as { rows?: T[] }).rows ?? []
}
