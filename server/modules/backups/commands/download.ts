import { createReadStream, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { Config } from '../../../env'
import { authorize } from '../../../policies/policy'
import { backupFileSize, backupFolder, isBackupFileName } from '../files'
import { backupsPolicies, wholeCenter } from '../policies'
import { findBackup } from '../queries'

/**
 * Hands a backup file to an owner (`backups.download`). Taking a copy of everything the center
 * keeps is recorded (`backups.download`, with its audit row) before the file is sent.
 */
export async function downloadBackup(ctx: CommandContext, actor: Actor, config: Config, id: number) {
  authorize(actor, backupsPolicies.download, wholeCenter())
  const row = await findBackup(ctx.db, id)
  if (!row) throw NotFoundError('errors.backups.notFound')
  const folder = backupFolder(config)
  if (row.status !== 'ok' || row.deletedAt || !row.file || !folder || !isBackupFileName(row.file))
    throw NotFoundError('errors.backups.fileGone')
  const path = join(folder, row.file)
  const size = backupFileSize(folder, row.file)
  if (size === null || !existsSync(path)) throw NotFoundError('errors.backups.fileGone')
  await runCommand(ctx, 'backups.download', async () => ({
    result: null,
    entity: 'backup',
    entityId: String(row.id),
    after: { file: row.file, sizeBytes: size, sha256: row.sha256 },
  }))
  return { name: row.file, size, sha256: row.sha256, stream: createReadStream(path) }
}
