import { desc, eq, inArray, isNull, and } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { backupSettings, backups } from '../../../db/schema/index'
import { isMessageId, type MessageId } from '../../../domain/i18n/catalogue'
import { centerTimeZone } from '../center/index'
import type { Retention } from './retention'

export type BackupRow = typeof backups.$inferSelect

/** The last backup, as the System screen shows it (task F reads it). */
export interface BackupStatus {
  /** When the last finished backup ended (null: none yet). */
  at: Date | null
  /** Whether it succeeded (null: none yet). */
  ok: boolean | null
  /** Its file name inside the backups folder (null when it failed or none). */
  file: string | null
  sizeBytes: number | null
  /** Why it failed, as a message id (null when it succeeded). */
  error: MessageId | null
  /** Is a backup running now? */
  running: boolean
  /** When the last successful backup ended (null: never). */
  lastOkAt: Date | null
}

/** The last backup's outcome, and whether one is running. */
export async function backupStatus(db: Queryable): Promise<BackupStatus> {
  const [last] = await db
    .select()
    .from(backups)
    .where(inArray(backups.status, ['ok', 'failed']))
    .orderBy(desc(backups.startedAt), desc(backups.id))
    .limit(1)
  const [lastOk] = await db
    .select({ at: backups.finishedAt })
    .from(backups)
    .where(eq(backups.status, 'ok'))
    .orderBy(desc(backups.startedAt), desc(backups.id))
    .limit(1)
  const running = await db.select({ id: backups.id }).from(backups).where(eq(backups.status, 'running')).limit(1)
  return {
    at: last?.finishedAt ?? null,
    ok: last ? last.status === 'ok' : null,
    file: last?.status === 'ok' ? last.file : null,
    sizeBytes: last?.status === 'ok' ? last.sizeBytes : null,
    error: last?.status === 'failed' ? (isMessageId(last.errorId) ? last.errorId : 'backups.error.failed') : null,
    running: running.length > 0,
    lastOkAt: lastOk?.at ?? null,
  }
}

/** The latest backups, newest first. */
export async function listBackups(db: Queryable, limit = 100): Promise<BackupRow[]> {
  return db.select().from(backups).orderBy(desc(backups.startedAt), desc(backups.id)).limit(limit)
}

/** One backup by id. */
export async function findBackup(db: Queryable, id: number): Promise<BackupRow | null> {
  const [row] = await db.select().from(backups).where(eq(backups.id, id)).limit(1)
  return row ?? null
}

/** Successful backups whose file is still kept (what the retention judges). */
export async function keptBackups(db: Queryable): Promise<BackupRow[]> {
  return db
    .select()
    .from(backups)
    .where(and(eq(backups.status, 'ok'), isNull(backups.deletedAt)))
    .orderBy(desc(backups.startedAt))
}

/** The schedule and retention in force. */
export interface BackupSettings {
  enabled: boolean
  /** 'HH:MM', every day. */
  time: string
  /** The zone the owner chose; null: the center's. */
  timeZone: string | null
  /** The zone in force (the chosen one, else the center's: its first branch's; UTC with no branch). */
  effectiveTimeZone: string
  retention: Retention
  updatedAt: Date | null
}

export const DEFAULT_SETTINGS = { enabled: true, time: '03:00', retention: { daily: 7, weekly: 4, monthly: 12 } } as const

/** The backup settings (the defaults until the owner changes them). */
export async function loadBackupSettings(db: Queryable): Promise<BackupSettings> {
  const [row] = await db.select().from(backupSettings).where(eq(backupSettings.id, 1)).limit(1)
  const timeZone = row?.timeZone ?? null
  return {
    enabled: row?.enabled ?? DEFAULT_SETTINGS.enabled,
    time: row?.time ?? DEFAULT_SETTINGS.time,
    timeZone,
    effectiveTimeZone: timeZone ?? (await centerTimeZone(db)),
    retention: row
      ? { daily: row.keepDaily, weekly: row.keepWeekly, monthly: row.keepMonthly }
      : { ...DEFAULT_SETTINGS.retention },
    updatedAt: row?.updatedAt ?? null,
  }
}
