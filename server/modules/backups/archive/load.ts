import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { sql } from 'drizzle-orm'
import { queryRows, type Db, type Queryable } from '../../../../db/client'
import { columnsOf, ident, listTables, parentsFirst } from './catalog'
import type { BackupManifest, TableEntry } from './format'

/** Rows of one INSERT: bounded by rows and by bytes. */
const BATCH_ROWS = 2000
const BATCH_BYTES = 8 * 1024 * 1024

/** A problem with the backup's contents (not with the database): the restore stops, nothing is kept. */
export class BackupContentError extends Error {}

/**
 * Loads an unpacked backup (`dir`) into a database whose schema is at the backup's migrations and
 * holds no data of its own: in one transaction, every table emptied and filled from its file
 * (parents before children, so foreign keys are checked as rows arrive), each file's SHA-256 and
 * row count checked against the manifest, the sequences set. Runs as the owner: the tables' own
 * triggers (the append-only trail's, the erased-documents guard) are off for the load, as the data
 * is the trail as it was, not a new edit.
 */
export async function loadDatabase(owner: Db, dir: string, manifest: BackupManifest): Promise<{ tables: number; rows: number }> {
  return owner.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`)
    const present = new Set(await listTables(tx))
    for (const t of manifest.tables) {
      if (!present.has(t.name)) throw new BackupContentError(`the backup has a table "${t.name}" that the restored schema lacks`)
    }
    const order = await parentsFirst(
      tx,
      manifest.tables.map((t) => t.name),
    )
    const byName = new Map(manifest.tables.map((t) => [t.name, t]))
    await setUserTriggers(tx, order, false)
    // children first: empty what the migrations wrote (the center's settings row)
    for (const name of [...order].reverse()) await tx.execute(sql`delete from ${ident(name)}`)
    let rows = 0
    for (const name of order) rows += await loadTable(tx, dir, byName.get(name) as TableEntry)
    for (const s of manifest.sequences) {
      if (!present.has(s.table)) continue
      // never below the ids loaded (a sequence read a moment after the snapshot may lag behind none, but be safe)
      await tx.execute(sql`select setval(pg_get_serial_sequence(${`public."${s.table.replace(/"/g, '""')}"`}, ${s.column}),
        greatest(${s.value}::bigint, (select coalesce(max(${ident(s.column)}), 0) from ${ident(s.table)})), ${s.called} or exists (select 1 from ${ident(s.table)}))`)
    }
    await forgetTransactionIds(tx, order)
    await setUserTriggers(tx, order, true)
    return { tables: order.length, rows }
  })
}

/**
 * The trail's rows carry the id of the transaction that wrote them (`xid`, migration 0022), which
 * the audit's checkpoints compare with a snapshot. Ids of the database the backup came from mean
 * nothing here (this server counts its own): restored rows are committed long before any new
 * checkpoint, which NULL says (as for rows written before 0022).
 */
async function forgetTransactionIds(tx: Queryable, tables: string[]) {
  const withXid = await queryRows<{ t: string }>(
    tx,
    sql`select table_name as t from information_schema.columns
      where table_schema = 'public' and column_name = 'xid' and udt_name = 'xid8'`,
  )
  for (const { t } of withXid) {
    if (!tables.includes(t)) continue
    await tx.execute(sql`update ${ident(t)} set xid = null where xid is not null`)
  }
}

/** Turns the tables' own triggers off or on (foreign keys stay checked: they are not user triggers). */
async function setUserTriggers(tx: Queryable, tables: string[], on: boolean) {
  const withTriggers = await queryRows<{ t: string }>(
    tx,
    sql`select distinct c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid
      where not g.tgisinternal and c.relnamespace = 'public'::regnamespace`,
  )
  for (const { t } of withTriggers) {
    if (!tables.includes(t)) continue
    await tx.execute(sql`alter table ${ident(t)} ${sql.raw(on ? 'enable' : 'disable')} trigger user`)
  }
}

/** One table from its file, a batch of lines per INSERT; checks the file's hash and row count. */
async function loadTable(tx: Queryable, dir: string, entry: TableEntry): Promise<number> {
  const columns = await columnsOf(tx, entry.name)
  const missing = entry.columns.filter((c) => !columns.includes(c))
  if (missing.length)
    throw new BackupContentError(
      `the backup's table "${entry.name}" has columns the restored schema lacks: ${missing.join(', ')}`,
    )
  const cols = sql.join(
    entry.columns.map((c) => ident(c)),
    sql`, `,
  )
  const hash = createHash('sha256')
  let rows = 0
  let batch: string[] = []
  let batchBytes = 0
  const flush = async () => {
    if (!batch.length) return
    await tx.execute(
      sql`insert into ${ident(entry.name)} (${cols}) select ${cols} from json_populate_recordset(null::${ident(entry.name)}, ${'[' + batch.join(',') + ']'}::json)`,
    )
    rows += batch.length
    batch = []
    batchBytes = 0
  }
  const stream = createReadStream(join(dir, entry.file))
  stream.on('data', (chunk) => hash.update(chunk))
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line) continue
    batch.push(line)
    batchBytes += line.length
    if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush()
  }
  await flush()
  if (hash.digest('hex') !== entry.sha256)
    throw new BackupContentError(`the backup's file ${entry.file} is damaged (its SHA-256 differs from the manifest's)`)
  if (rows !== entry.rows)
    throw new BackupContentError(`the backup's table "${entry.name}" has ${rows} rows, its manifest says ${entry.rows}`)
  return rows
}
