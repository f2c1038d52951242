import { inArray, sql, type SQL } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { AuditLabeler } from '../module'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Is this an id (a uuid) the areas might name? */
export const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v)

/**
 * Labels from a table's rows by their uuid id: `label` is the SQL of the label (a client's name: an
 * erased client's row says so already). For an area's `labels` or `names`.
 * @example labels: { client: tableLabels(clients, clients.id, sql`${clients.firstName} || ' ' || ${clients.lastName}`) }
 */
export function tableLabels(table: PgTable, id: PgColumn, label: SQL | PgColumn): AuditLabeler {
  return async (db, ids) => {
    const wanted = [...new Set(ids.filter(isId))]
    if (!wanted.length) return new Map()
    const rows = await db
      .select({ id: sql<string>`${id}::text`, label: sql<string>`${label}` })
      .from(table)
      .where(inArray(id, wanted))
    return new Map(rows.map((r) => [r.id, r.label]))
  }
}

/**
 * Labels of documents whose key is `<id>:<rest>` (a timetable week `<branchId>:<YYYY-Www>`): the id's
 * label, then the rest.
 */
export function keyedLabels(labeler: AuditLabeler): AuditLabeler {
  return async (db, keys, locale) => {
    const split = keys.map((k) => ({ key: k, id: k.split(':')[0], rest: k.split(':').slice(1).join(':') }))
    const names = await labeler(
      db,
      split.map((s) => s.id),
      locale,
    )
    const out = new Map<string, string>()
    for (const s of split) {
      const name = names.get(s.id)
      if (name !== undefined) out.set(s.key, s.rest ? `${name} · ${s.rest}` : name)
    }
    return out
  }
}
