import { createHash } from 'node:crypto'
import { createWriteStream, mkdirSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { queryRows, type Db, type Queryable } from '../../../../db/client'
import { appliedMigrations, columnsOf, ident, listTables, primaryKeyOf, serialSequences } from './catalog'
import {
  FORMAT,
  FORMAT_VERSION,
  NOT_BACKED_UP,
  dataFile,
  type BackupManifest,
  type SequenceEntry,
  type TableEntry,
} from './format'

/** Rows of one read: bounded by rows and by bytes (a client document may be 10 MB). */
const BATCH_ROWS = 2000
const BATCH_BYTES = 8 * 1024 * 1024

export interface DumpOptions {
  driver: 'postgres' | 'pglite'
  app: string
  /** The clock (tests). */
  now?: () => Date
}

/**
 * Writes every table of the database into `dir` (`data/<table>.jsonl`) from ONE snapshot (a
 * repeatable-read, read-only transaction: rows committed meanwhile are in no table, so the backup
 * is consistent), and returns the manifest (not yet written). Reads as whoever `db` acts as: the
 * app role may read every table.
 */
export async function dumpDatabase(db: Db, dir: string, opts: DumpOptions): Promise<BackupManifest> {
  mkdirSync(join(dir, 'data'), { recursive: true })
  return db.transaction(
    async (tx) => {
      // ISO timestamps in UTC, exact floats: the text is the same whoever reads it, wherever
      await tx.execute(sql`set local timezone = 'UTC'`)
      await tx.execute(sql`set local extra_float_digits = 3`)
      const [{ version }] = await queryRows<{ version: string }>(tx, sql`select current_setting('server_version') as version`)
      const excluded: readonly string[] = NOT_BACKED_UP
      const tables: TableEntry[] = []
      for (const name of await listTables(tx)) {
        if (excluded.includes(name)) continue
        tables.push(await dumpTable(tx, dir, name))
      }
      const sequences: SequenceEntry[] = []
      for (const s of await serialSequences(tx)) {
        if (excluded.includes(s.table)) continue
        const [v] = await queryRows<{ last_value: string | number; is_called: boolean }>(
          tx,
          sql`select last_value, is_called from ${sql.raw(s.sequence)}`,
        )
        sequences.push({ name: s.sequence, table: s.table, column: s.column, value: Number(v.last_value), called: v.is_called })
      }
      const [files] = await queryRows<{ count: string | number; bytes: string | number | null }>(
        tx,
        sql`select count(*) as count, sum(octet_length(data)) as bytes from attachments`,
      )
      return {
        format: FORMAT,
        version: FORMAT_VERSION,
        createdAt: (opts.now?.() ?? new Date()).toISOString(),
        source: { driver: opts.driver, app: opts.app, postgres: version },
        migrations: await appliedMigrations(tx),
        tables,
        sequences,
        attachments: { count: Number(files.count), bytes: Number(files.bytes ?? 0) },
        excluded: [...excluded],
      } satisfies BackupManifest
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

/** One table into its file, in primary-key order, a batch at a time (keyset pages: each read starts after the last key). */
async function dumpTable(tx: Queryable, dir: string, table: string): Promise<TableEntry> {
  const columns = await columnsOf(tx, table)
  const key = await primaryKeyOf(tx, table)
  const file = dataFile(table)
  const out = createWriteStream(join(dir, file))
  const hash = createHash('sha256')
  let rows = 0
  let bytes = 0
  const write = async (line: string) => {
    const buf = Buffer.from(line + '\n', 'utf8')
    hash.update(buf)
    bytes += buf.byteLength
    rows += 1
    if (!out.write(buf)) await once(out, 'drain')
  }
  try {
    const cols = sql.join(
      columns.map((c) => ident(c)),
      sql`, `,
    )
    if (key.length === 0) {
      // no key to page by (a small table): one read
      const all = await queryRows<{ j: string }>(
        tx,
        sql`select row_to_json(t)::text as j from (select ${cols} from ${ident(table)}) t`,
      )
      for (const r of all) await write(r.j)
    } else {
      const keyCols = sql.join(
        key.map((c) => ident(c)),
        sql`, `,
      )
      const keyJson = sql.join(
        key.map((c) => sql`${c}::text, t.${ident(c)}`),
        sql`, `,
      )
      // how many rows fit the byte budget, judged by the table's average row
      const [size] = await queryRows<{ avg: string | number | null }>(
        tx,
        sql`select avg(pg_column_size(t.*)) as avg from (select * from ${ident(table)} limit 200) t`,
      )
      const perRow = Math.max(1, Number(size.avg ?? 1) * 2.2)
      const limit = Math.max(1, Math.min(BATCH_ROWS, Math.floor(BATCH_BYTES / perRow)))
      let after: string | null = null
      for (;;) {
        const page: Array<{ j: string; k: string }> = await queryRows<{ j: string; k: string }>(
          tx,
          sql`select row_to_json(t)::text as j, json_build_object(${keyJson})::text as k
            from (select ${cols} from ${ident(table)}
              ${after === null ? sql`` : sql`where (${keyCols}) > (select ${keyCols} from json_populate_record(null::${ident(table)}, ${after}::json))`}
              order by ${keyCols} limit ${limit}) t`,
        )
        for (const r of page) await write(r.j)
        if (page.length < limit) break
        after = page[page.length - 1].k
      }
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return { name: table, file, columns, rows, bytes, sha256: hash.digest('hex') }
}
