import { openDatabase } from '../../../db/client'
import { ConfigError, loadConfig, type Config } from '../../env'
import { EventBus } from '../../events/bus'
import { INSTANCE, startRun } from '../../jobs/index'
import { createLogger } from '../../logger'
import { DecryptionError } from './archive/crypto'
import { BackupContentError } from './archive/load'
import { BackupFileError } from './archive/pack'
import { backupFolder } from './files'
import { backupJob } from './job'
import { listBackups } from './queries'
import { checkBackupFile, embeddedInUse, restoreBackup, RestoreRefused } from './restore'

/**
 * `npm run backup` and `npm run restore -- <file> [--force]` (scripts/backup.mjs, restore.mjs),
 * with the server's configuration (DATABASE_URL or DATA_DIR, BACKUP_DIR, BACKUP_KEY).
 * Exit codes: 0 done; 1 failed; 2 refused (nothing was changed); 3 the embedded database is open.
 */

const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)
const say = (line: string) => console.log(line)

async function backup(config: Config): Promise<number> {
  const folder = backupFolder(config)
  if (!folder) {
    console.error('No backups folder: set BACKUP_DIR (DATA_DIR is in memory).')
    return 2
  }
  if (!config.DATABASE_URL && embeddedInUse(config.DATA_DIR)) {
    console.error(
      `The server is running on the embedded database in ${config.DATA_DIR}: it makes the backups itself (nightly, and "Back up now" on the Backups screen).` +
        ' Stop the server to run npm run backup.' +
        ` (If no server is running, it stopped without closing: start it and stop it once, or remove ${config.DATA_DIR}/pglite/postmaster.pid.)`,
    )
    return 3
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, max: 2 })
  try {
    await database.migrate()
    const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL)
    const ctx = { database, config, logger, events: new EventBus(), instance: INSTANCE, now: () => new Date() }
    const run = await startRun(ctx, backupJob, { trigger: 'cli', requestId: `cli:backup:${INSTANCE}` })
    if (!run) {
      console.error('A backup is running already (another instance or the server): nothing was done.')
      return 2
    }
    await run.done
    const [row] = await listBackups(database.db, 1)
    if (row.status !== 'ok') {
      console.error(`The backup failed: ${row.errorDetail ?? row.errorId ?? 'unknown reason'}`)
      return 1
    }
    say(`Backed up ${row.rows ?? 0} rows of ${row.tables ?? 0} tables (${database.driver}) into`)
    say(`  ${folder}/${row.file}`)
    say(`  ${mb(row.sizeBytes ?? 0)}, SHA-256 ${row.sha256}${row.encrypted ? ', encrypted (BACKUP_KEY)' : ', not encrypted'}`)
    return 0
  } finally {
    await database.close()
  }
}

async function restore(config: Config, args: string[]): Promise<number> {
  const force = args.includes('--force')
  const check = args.includes('--check')
  const files = args.filter((a) => !a.startsWith('--'))
  if (files.length !== 1) {
    console.error('Usage: npm run restore -- <backup file> [--force]   (or --check <backup file> to verify it only)')
    return 2
  }
  const [file] = files
  if (check) {
    const m = await checkBackupFile(file, { key: config.BACKUP_KEY })
    say(`${file}: a good backup, made ${m.createdAt} on ${m.source.driver} by Clubroom ${m.source.app}`)
    say(
      `  ${m.tables.reduce((n, t) => n + t.rows, 0)} rows in ${m.tables.length} tables, ${m.attachments.count} uploaded documents (${mb(m.attachments.bytes)}), schema ${m.migrations.at(-1)}`,
    )
    return 0
  }
  const target = config.DATABASE_URL ? `PostgreSQL (DATABASE_URL)` : `the embedded database in ${config.DATA_DIR}`
  say(`Restoring ${file} into ${target}`)
  const report = await restoreBackup({
    file,
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    key: config.BACKUP_KEY,
    force,
    log: (l) => say(`  ${l}`),
  })
  say(
    `Restored ${report.rows} rows in ${report.tables} tables and ${report.attachments} uploaded documents. Start the server on it as usual.`,
  )
  return 0
}

/** Runs `backup` or `restore …`; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let config: Config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      return 2
    }
    throw e
  }
  const [command, ...args] = argv
  try {
    if (command === 'backup') return await backup(config)
    if (command === 'restore') return await restore(config, args)
    console.error('Usage: backup | restore <file> [--force] | restore --check <file>')
    return 2
  } catch (e) {
    if (e instanceof RestoreRefused || e instanceof BackupFileError || e instanceof DecryptionError) {
      console.error(`Not restored: ${e.message}`)
      return 2
    }
    if (e instanceof BackupContentError) {
      console.error(`Restore stopped, nothing was kept of it: ${e.message}`)
      return 1
    }
    console.error(`Failed: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
}
