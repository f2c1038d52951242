import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { and, eq, ne, sql } from 'drizzle-orm'
import { backups } from '../../../../db/schema/index'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { runCommand, type CommandContext } from '../../../http/command'
import type { JobContext, JobRun } from '../../../jobs/index'
import { clearAlert, raiseAlert } from '../../alerts/index'
import { BACKUP_ALERT_SUBJECT, backupFailed } from '../alert-kinds'
import { backupFolder, makeBackupFile, type MadeBackup } from '../files'
import { findBackup, type BackupRow } from '../queries'
import { pruneBackups } from './prune'

/** A failure we can name to the owner (the rest is `backups.error.failed`, with the technical reason kept beside it). */
export class BackupFailure extends Error {
  constructor(
    readonly messageId: MessageId,
    detail: string,
  ) {
    super(detail)
  }
}

/** The reason a backup failed, as a catalogue message. */
export function failureMessage(err: unknown): MessageId {
  if (err instanceof BackupFailure) return err.messageId
  const code = (err as { code?: string } | null)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'backups.error.diskFull'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'backups.error.folderNotWritable'
  return 'backups.error.failed'
}

const commandContext = (ctx: JobContext, run: JobRun): CommandContext => ({
  db: ctx.database.db,
  events: ctx.events,
  actor: run.actor ?? null,
  requestId: run.requestId ?? `job:backups:${ctx.now().toISOString()}`,
  audited: false,
})

/** What a crashed run left in the folder: its scratch folder and its half-written file. */
function removeLeftovers(folder: string) {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return
  }
  for (const n of names)
    if (n.startsWith('.scratch-') || n.endsWith('.partial')) rmSync(join(folder, n), { recursive: true, force: true })
}

/**
 * A backup's first step: its row opened, with its audit row (`backups.start`), in the asking
 * request's command when a request asked (the caller holds the backup job's claim: no other backup
 * runs anywhere, so a row still "running" is one whose server died, and is closed as such).
 */
export async function openBackup(ctx: JobContext, run: JobRun): Promise<BackupRow> {
  return runCommand(run.command ?? commandContext(ctx, run), 'backups.start', async (tx) => {
    await tx
      .update(backups)
      .set({ status: 'failed', finishedAt: sql`now()`, errorId: 'backups.error.interrupted', errorDetail: 'the server stopped' })
      .where(eq(backups.status, 'running'))
    const [row] = await tx
      .insert(backups)
      .values({
        trigger: run.trigger,
        requestedBy: run.actor?.id ?? null,
        instance: ctx.instance,
        driver: ctx.database.driver,
        encrypted: Boolean(ctx.config.BACKUP_KEY),
        startedAt: ctx.now(),
      })
      .returning()
    return { result: row, entity: 'backup', entityId: String(row.id), after: { trigger: run.trigger, slot: run.slot } }
  })
}

/**
 * The rest of a backup: the file made (./files.ts), the row closed with the outcome
 * (`backups.finish`): on success the backup alert is cleared and the retention applied; on
 * failure the owners are alerted (`backup_failed`, the reason as a message id) and the error
 * thrown on (the job counts it).
 */
export async function completeBackup(ctx: JobContext, run: JobRun, opened: BackupRow): Promise<BackupRow> {
  const command = commandContext(ctx, run)
  const { database, config } = ctx
  const folder = backupFolder(config)
  let made: MadeBackup
  try {
    if (!folder) throw new BackupFailure('backups.error.noFolder', 'no backups folder: set BACKUP_DIR (DATA_DIR is in memory)')
    removeLeftovers(folder)
    made = await makeBackupFile(database, folder, { key: config.BACKUP_KEY, now: ctx.now })
  } catch (err) {
    const errorId = failureMessage(err)
    const detail = err instanceof Error ? err.message : String(err)
    await runCommand(command, 'backups.finish', async (tx) => {
      await tx
        .update(backups)
        .set({ status: 'failed', finishedAt: ctx.now(), errorId, errorDetail: detail.slice(0, 2000) })
        .where(eq(backups.id, opened.id))
      const raised = await raiseAlert(tx, {
        kind: backupFailed,
        subject: BACKUP_ALERT_SUBJECT,
        message: { id: 'backups.alert.failed', params: { reason: { messages: [{ id: errorId }] } } },
        details: { backupId: opened.id, errorId },
        by: run.actor?.id ?? null,
      })
      return {
        result: null,
        entity: 'backup',
        entityId: String(opened.id),
        after: { status: 'failed', errorId },
        events: raised ? [raised] : [],
      }
    })
    throw err
  }
  await runCommand(command, 'backups.finish', async (tx) => {
    await tx
      .update(backups)
      .set({
        status: 'ok',
        finishedAt: ctx.now(),
        file: made.file,
        sizeBytes: made.sizeBytes,
        sha256: made.sha256,
        encrypted: made.encrypted,
        tables: made.tables,
        rows: made.rows,
      })
      .where(and(eq(backups.id, opened.id), ne(backups.status, 'ok')))
    const cleared = await clearAlert(tx, backupFailed.kind, BACKUP_ALERT_SUBJECT, run.actor?.id ?? null)
    return {
      result: null,
      entity: 'backup',
      entityId: String(opened.id),
      after: { status: 'ok', file: made.file, sizeBytes: made.sizeBytes, sha256: made.sha256, encrypted: made.encrypted },
      events: cleared ? [cleared] : [],
    }
  })
  await pruneBackups(commandContext(ctx, run), folder, ctx.instance)
  return (await findBackup(database.db, opened.id)) as BackupRow
}

/** One whole backup (`npm run backup`, tests): opened, then completed. */
export async function runBackup(ctx: JobContext, run: JobRun): Promise<BackupRow> {
  return completeBackup(ctx, run, await openBackup(ctx, run))
}
