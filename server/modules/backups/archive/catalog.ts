import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql, type SQL } from 'drizzle-orm'
import { MIGRATIONS_FOLDER, queryRows, type Queryable } from '../../../../db/client'

/** What the backup reads of PostgreSQL's catalogue, the same on both engines (schema `public`). */

/** An identifier, quoted for SQL. */
export const ident = (name: string): SQL => sql.raw(`"${name.replace(/"/g, '""')}"`)

/** The tables of the schema, by name. */
export async function listTables(db: Queryable): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`,
  )
  return rows.map((r) => r.name)
}

/** A table's stored columns (not generated, not dropped), in order. */
export async function columnsOf(db: Queryable, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select a.attname as name from pg_attribute a
      where a.attrelid = ${`public.${quoteRaw(table)}`}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by a.attnum`,
  )
  return rows.map((r) => r.name)
}

/** A table's primary key columns, in the key's order (empty without one). */
export async function primaryKeyOf(db: Queryable, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select a.attname as name
      from pg_index i cross join lateral unnest(i.indkey) with ordinality as k(attnum, n)
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where i.indrelid = ${`public.${quoteRaw(table)}`}::regclass and i.indisprimary
      order by k.n`,
  )
  return rows.map((r) => r.name)
}

/** The sequences behind columns' defaults (bigserial ids), with their table and column. */
export async function serialSequences(db: Queryable): Promise<Array<{ table: string; column: string; sequence: string }>> {
  return queryRows(
    db,
    sql`select c.relname as "table", a.attname as "column", pg_get_serial_sequence(format('public.%I', c.relname), a.attname) as "sequence"
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and pg_get_serial_sequence(format('public.%I', c.relname), a.attname) is not null
      order by 1, 2`,
  )
}

/**
 * The tables in an order where every table comes after the tables its foreign keys point to
 * (parents first), so that rows load with their constraints checked. Ties by name.
 */
export async function parentsFirst(db: Queryable, tables: string[]): Promise<string[]> {
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      where k.contype = 'f' and c.relnamespace = 'public'::regnamespace and c.oid <> p.oid`,
  )
  const wanted = new Set(tables)
  const parents = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const e of edges) if (wanted.has(e.child) && wanted.has(e.parent)) parents.get(e.child)?.add(e.parent)
  const out: string[] = []
  const placed = new Set<string>()
  const pending = [...tables].sort()
  while (pending.length) {
    const i = pending.findIndex((t) => [...(parents.get(t) ?? [])].every((p) => placed.has(p)))
    // a cycle of foreign keys: load the rest in name order (no such cycle in Clubroom's schema)
    const [next] = pending.splice(i === -1 ? 0 : i, 1)
    out.push(next)
    placed.add(next)
  }
  return out
}

/** The migrations this code knows, in order (tag and its `when`, which drizzle stores as `created_at`). */
export function knownMigrations(folder = MIGRATIONS_FOLDER): Array<{ tag: string; when: number }> {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string; when: number }>
  }
  return journal.entries.map((e) => ({ tag: e.tag, when: e.when }))
}

/** The migrations applied to the database, by tag (a `created_at` this code does not know is `unknown:<millis>`). */
export async function appliedMigrations(db: Queryable): Promise<string[]> {
  const exists = await queryRows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`)
  if (!exists[0]?.t) return []
  const rows = await queryRows<{ at: string | number }>(
    db,
    sql`select created_at as at from drizzle.__drizzle_migrations order by created_at, id`,
  )
  const byWhen = new Map(knownMigrations().map((m) => [m.when, m.tag]))
  return rows.map((r) => byWhen.get(Number(r.at)) ?? `unknown:${String(r.at)}`)
}

/** A name as it goes inside a quoted regclass literal. */
function quoteRaw(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
