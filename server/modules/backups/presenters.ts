import { z } from '@hono/zod-openapi'
import { isMessageId } from '../../../domain/i18n/catalogue'
import { backupFileSize } from './files'
import type { BackupRow, BackupSettings } from './queries'

export const BackupSchema = z
  .object({
    id: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: z.enum(['running', 'ok', 'failed']),
    trigger: z.enum(['schedule', 'demand', 'cli']),
    file: z.string().nullable(),
    sizeBytes: z.number().nullable(),
    sha256: z.string().nullable(),
    encrypted: z.boolean(),
    /** Why it failed: a catalogue message id. */
    errorId: z.string().nullable(),
    /** Removed by the retention. */
    removed: z.boolean(),
    /** Its file is on this server (it can be downloaded here). */
    downloadable: z.boolean(),
  })
  .openapi('Backup')

export const BackupSettingsSchema = z
  .object({
    enabled: z.boolean(),
    time: z.string(),
    /** The zone the owner chose; null: the center's. */
    timeZone: z.string().nullable(),
    /** The center's zone (its first branch's). */
    centerTimeZone: z.string(),
    retention: z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
  })
  .openapi('BackupSettings')

export const BackupsSchema = z
  .object({
    backups: z.array(BackupSchema),
    settings: BackupSettingsSchema,
    /** The time zone the schedule and the dates are read in. */
    timeZone: z.string(),
    nextAt: z.string().nullable(),
    running: z.boolean(),
    /** Where the files are kept on the server (null: nowhere, an in-memory database). */
    folder: z.string().nullable(),
    /** Are new backups encrypted (BACKUP_KEY set)? */
    encryption: z.boolean(),
  })
  .openapi('Backups')

export function presentBackup(b: BackupRow, folder: string | null): z.infer<typeof BackupSchema> {
  const removed = b.deletedAt !== null
  return {
    id: b.id,
    startedAt: b.startedAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
    status: b.status,
    trigger: b.trigger,
    file: b.file,
    sizeBytes: b.sizeBytes,
    sha256: b.sha256,
    encrypted: b.encrypted,
    errorId: b.status === 'failed' ? (isMessageId(b.errorId) ? b.errorId : 'backups.error.failed') : null,
    removed,
    downloadable: b.status === 'ok' && !removed && !!b.file && !!folder && backupFileSize(folder, b.file) !== null,
  }
}

export function presentSettings(s: BackupSettings, centerTimeZone: string): z.infer<typeof BackupSettingsSchema> {
  return { enabled: s.enabled, time: s.time, timeZone: s.timeZone, centerTimeZone, retention: { ...s.retention } }
}
