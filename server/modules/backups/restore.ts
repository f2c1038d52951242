import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { MIGRATIONS_FOLDER, openDatabase, queryRows, type Database, type Db } from '../../../db/client'
import { appliedMigrations, ident, knownMigrations, listTables } from './archive/catalog'
import { NOT_BACKED_UP, type BackupManifest } from './archive/format'
import { BackupContentError, loadDatabase } from './archive/load'
import { recordedChecksum, sha256OfFile, unpackBackup } from './archive/pack'

/** Why a restore would not start, or stopped before changing anything it could not undo. */
export class RestoreRefused extends Error {}

export interface RestoreOptions {
  /** The backup file. */
  file: string
  /** The target: PostgreSQL (postgres://…), else the embedded database in `dataDir`. */
  url?: string
  dataDir: string
  /** BACKUP_KEY, for an encrypted backup. */
  key?: string
  /** Replace a database that holds data. */
  force?: boolean
  /** Where to unpack (default: the system's temporary folder). */
  scratchDir?: string
  log?: (line: string) => void
}

export interface RestoreReport {
  manifest: BackupManifest
  tables: number
  rows: number
  attachments: number
  /** Migrations run after the data was in (the backup was made by an older version). */
  upgradedWith: string[]
}

/** Tables whose rows the migrations themselves write (a new database has them): not a sign of data. */
const MIGRATION_ROWS: Record<string, number> = { center_settings: 1 }

/** The tables that hold a center's rows (the backup machinery's own and the migrations' rows aside). */
export async function tablesWithData(db: Db): Promise<string[]> {
  const out: string[] = []
  const skip: readonly string[] = NOT_BACKED_UP
  for (const t of await listTables(db)) {
    if (skip.includes(t)) continue
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from ${ident(t)} limit 2) x`)
    if (n > (MIGRATION_ROWS[t] ?? 0)) out.push(t)
  }
  return out
}

/** Is the embedded database in `dataDir` open (a server running on it: PGlite's postmaster.pid while open)? */
export const embeddedInUse = (dataDir: string): boolean => existsSync(join(dataDir, 'pglite', 'postmaster.pid'))

/**
 * A migrations folder with only the backup's migrations (of this code's, in its order): the schema
 * is made as it was when the backup was taken, the data goes into it, and the newer migrations run
 * over it.
 */
function migrationsOf(tags: readonly string[], scratch: string): string {
  const dir = join(scratch, 'migrations')
  mkdirSync(join(dir, 'meta'), { recursive: true })
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>
  }
  journal.entries = journal.entries.filter((e) => tags.includes(e.tag))
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal))
  for (const e of journal.entries) cpSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(dir, `${e.tag}.sql`))
  return dir
}

/** Runs a migrations folder on the owner's handle (either engine). */
async function migrateWith(database: Database, folder: string) {
  if (database.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator')
    await migrate(database.db as never, { migrationsFolder: folder })
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator')
    await migrate(database.db as never, { migrationsFolder: folder })
  }
}

/**
 * Empties the database of everything Clubroom made (its tables, functions and migrations record),
 * as the owner: the append-only trail's triggers refuse to empty a table, not to drop it.
 */
async function dropClubroomSchema(db: Db) {
  await db.execute(sql`drop schema if exists drizzle cascade`)
  for (const t of await listTables(db)) await db.execute(sql`drop table if exists ${ident(t)} cascade`)
  const fns = await queryRows<{ f: string }>(
    db,
    sql`select p.oid::regprocedure::text as f from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname like 'clubroom%'`,
  )
  for (const { f } of fns) await db.execute(sql.raw(`drop function if exists ${f} cascade`))
}

/**
 * Restores a backup file into a database (embedded or PostgreSQL): checks the file (its `.sha256`,
 * its encryption, its manifest and schema version), refuses a database that holds data unless
 * `force`, then rebuilds the schema from the migrations up to the backup's, loads the data in one
 * transaction (each table's checksum and row count verified), sets the sequences, checks every
 * uploaded document against its SHA-256, and runs the migrations newer than the backup.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreReport> {
  const log = opts.log ?? (() => {})
  if (!existsSync(opts.file)) throw new RestoreRefused(`no such file: ${opts.file}`)
  const recorded = recordedChecksum(opts.file)
  if (recorded) {
    if ((await sha256OfFile(opts.file)) !== recorded)
      throw new RestoreRefused('the backup file does not match its .sha256 (damaged or changed): not restored')
    log('checksum: matches the .sha256 file')
  }
  if (!opts.url && embeddedInUse(opts.dataDir))
    throw new RestoreRefused(
      `the embedded database in ${opts.dataDir} is open (a server is running on it): stop the server first` +
        ` (if none is running, it stopped without closing: remove ${join(opts.dataDir, 'pglite', 'postmaster.pid')})`,
    )
  const scratch = mkdtempSync(join(opts.scratchDir ?? tmpdir(), 'clubroom-restore-'))
  try {
    const manifest = await unpackBackup(opts.file, scratch, opts.key)
    log(
      `backup: made ${manifest.createdAt} on ${manifest.source.driver} (PostgreSQL ${manifest.source.postgres}), Clubroom ${manifest.source.app}`,
    )
    const known = knownMigrations().map((m) => m.tag)
    if (manifest.migrations.some((tag) => !known.includes(tag)))
      throw new RestoreRefused(
        `the backup was made by a newer or different version of Clubroom (its schema: ${manifest.migrations.at(-1) ?? 'none'}): restore it with that version or a newer one`,
      )
    const target = await openDatabase({ url: opts.url, dataDir: opts.dataDir, max: 1, appRole: false })
    try {
      const withData = await tablesWithData(target.db)
      if (withData.length && !opts.force)
        throw new RestoreRefused(
          `the target database holds data (${withData.slice(0, 5).join(', ')}${withData.length > 5 ? ', …' : ''}): restore into an empty database, or add --force to replace it`,
        )
      if (withData.length) log(`--force: replacing a database that holds data (${withData.length} tables)`)
      await dropClubroomSchema(target.db)
      await migrateWith(target, migrationsOf(manifest.migrations, scratch))
      log(`schema: made by the migrations up to ${manifest.migrations.at(-1) ?? 'none'}`)
      const loaded = await loadDatabase(target.db, scratch, manifest)
      log(`data: ${loaded.rows} rows in ${loaded.tables} tables, each file's checksum verified`)
      const [files] = await queryRows<{ n: number; bad: number }>(
        target.db,
        sql`select count(*)::int as n, count(*) filter (where encode(sha256(data), 'hex') <> sha256)::int as bad from attachments`,
      )
      if (files.bad > 0 || files.n !== manifest.attachments.count)
        throw new BackupContentError(
          `uploaded documents: ${files.bad} of ${files.n} do not match their SHA-256 (the backup lists ${manifest.attachments.count})`,
        )
      log(`uploaded documents: ${files.n}, each matching its SHA-256`)
      await target.migrate()
      const upgradedWith = (await appliedMigrations(target.db)).filter((tag) => !manifest.migrations.includes(tag))
      if (upgradedWith.length) log(`schema: upgraded with ${upgradedWith.join(', ')}`)
      return { manifest, tables: loaded.tables, rows: loaded.rows, attachments: files.n, upgradedWith }
    } finally {
      await target.close()
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * Checks a backup file without touching any database: its `.sha256`, its decryption (with `key`),
 * its manifest, and every table file against the manifest's SHA-256 and row count.
 */
export async function checkBackupFile(file: string, opts: { key?: string; scratchDir?: string } = {}): Promise<BackupManifest> {
  if (!existsSync(file)) throw new RestoreRefused(`no such file: ${file}`)
  const recorded = recordedChecksum(file)
  if (recorded && (await sha256OfFile(file)) !== recorded)
    throw new RestoreRefused('the backup file does not match its .sha256 (damaged or changed)')
  const scratch = mkdtempSync(join(opts.scratchDir ?? tmpdir(), 'clubroom-check-'))
  try {
    const manifest = await unpackBackup(file, scratch, opts.key)
    for (const t of manifest.tables) {
      const path = join(scratch, t.file)
      if (!existsSync(path)) throw new BackupContentError(`the backup lacks ${t.file}`)
      if ((await sha256OfFile(path)) !== t.sha256) throw new BackupContentError(`the backup's file ${t.file} is damaged`)
      const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).length
      if (lines !== t.rows)
        throw new BackupContentError(`the backup's table "${t.name}" has ${lines} rows, its manifest says ${t.rows}`)
    }
    return manifest
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
