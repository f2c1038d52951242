import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Database } from '../../../db/client'
import type { Config } from '../../env'
import { ROOT } from '../../paths'
import { dumpDatabase } from './archive/dump'
import { checksumFile, packBackup } from './archive/pack'

/**
 * Where this installation keeps its backups: BACKUP_DIR, else DATA_DIR/backups; none for an
 * in-memory database (tests) without BACKUP_DIR.
 */
export function backupFolder(config: Pick<Config, 'BACKUP_DIR' | 'DATA_DIR'>): string | null {
  if (config.BACKUP_DIR) return resolve(config.BACKUP_DIR)
  if (config.DATA_DIR.startsWith('memory://')) return null
  return resolve(config.DATA_DIR, 'backups')
}

/** A backup's file name: when it was made (UTC, to the millisecond), and `.enc` when encrypted. */
export function backupFileName(at: Date, encrypted: boolean): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '-')
  return `clubroom-${stamp}.tar.gz${encrypted ? '.enc' : ''}`
}

/** A name that is one of ours (nothing else in the folder is ever served or removed). */
export const isBackupFileName = (name: string): boolean => /^clubroom-\d{8}T\d{6}-\d{3}Z\.tar\.gz(\.enc)?$/.test(name)

let appVersion: string | null = null
/** Clubroom's version (package.json), recorded in each backup. */
export function clubroomVersion(): string {
  appVersion ??= (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
  return appVersion
}

export interface MadeBackup {
  file: string
  path: string
  sizeBytes: number
  sha256: string
  encrypted: boolean
  tables: number
  rows: number
}

/**
 * Makes one backup file in `folder`: the database dumped from one snapshot into a scratch folder
 * beside it (same disk), packed (and encrypted with `key`), the scratch removed whatever happens.
 */
export async function makeBackupFile(
  database: Database,
  folder: string,
  opts: { key?: string; now?: () => Date },
): Promise<MadeBackup> {
  mkdirSync(folder, { recursive: true })
  const at = opts.now?.() ?? new Date()
  const file = backupFileName(at, Boolean(opts.key))
  const scratch = join(folder, `.scratch-${randomBytes(6).toString('hex')}`)
  try {
    const manifest = await dumpDatabase(database.db, scratch, { driver: database.driver, app: clubroomVersion(), now: () => at })
    const path = join(folder, file)
    const { sizeBytes, sha256 } = await packBackup(scratch, manifest, path, opts.key)
    return {
      file,
      path,
      sizeBytes,
      sha256,
      encrypted: Boolean(opts.key),
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((n, t) => n + t.rows, 0),
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** Removes a backup file and its checksum file (missing ones are fine). */
export function removeBackupFile(folder: string, file: string): void {
  if (!isBackupFileName(file)) return
  rmSync(join(folder, file), { force: true })
  rmSync(checksumFile(join(folder, file)), { force: true })
}

/** The size of a backup file on this machine's disk, or null when it is not here. */
export function backupFileSize(folder: string, file: string): number | null {
  try {
    return statSync(join(folder, file)).size
  } catch {
    return null
  }
}
