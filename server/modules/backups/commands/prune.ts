import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { inArray } from 'drizzle-orm'
import { backups } from '../../../../db/schema/index'
import { runCommand, type CommandContext } from '../../../http/command'
import { removeBackupFile } from '../files'
import { keepOf } from '../retention'
import { keptBackups, loadBackupSettings } from '../queries'

const hostOf = (instance: string) => instance.slice(0, instance.lastIndexOf(':'))

/**
 * Applies the retention (`backups.prune`, one transaction with its audit row): the successful
 * backups the retention does not keep lose their file (and its .sha256) and are marked deleted.
 * A file on another machine's disk (several instances without a shared BACKUP_DIR) is left to it.
 */
export async function pruneBackups(ctx: CommandContext, folder: string, instance: string): Promise<number[]> {
  const settings = await loadBackupSettings(ctx.db)
  const kept = await keptBackups(ctx.db)
  const keep = keepOf(
    kept.map((b) => ({ id: b.id, at: b.startedAt })),
    settings.retention,
    settings.effectiveTimeZone,
  )
  const here = hostOf(instance)
  const drop = kept.filter((b) => !keep.has(b.id) && b.file && (hostOf(b.instance) === here || existsSync(join(folder, b.file))))
  if (!drop.length) return []
  const ids = await runCommand(ctx, 'backups.prune', async (tx) => {
    const ids = drop.map((b) => b.id)
    await tx.update(backups).set({ deletedAt: new Date() }).where(inArray(backups.id, ids))
    return {
      result: ids,
      entity: 'backup',
      entityId: null,
      after: { deleted: drop.map((b) => ({ id: b.id, file: b.file })), retention: settings.retention },
    }
  })
  // the files go once the rows say so (a failed removal leaves a file the list no longer offers, never the reverse)
  for (const b of drop) removeBackupFile(folder, b.file as string)
  return ids
}
