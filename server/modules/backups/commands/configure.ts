import { eq, sql } from 'drizzle-orm'
import { backupSettings } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import { authorize } from '../../../policies/policy'
import { backupsPolicies, wholeCenter } from '../policies'
import { loadBackupSettings, type BackupSettings } from '../queries'

export interface BackupSettingsInput {
  enabled?: boolean
  time?: string
  /** null: the center's time zone. */
  timeZone?: string | null
  keepDaily?: number
  keepWeekly?: number
  keepMonthly?: number
}

/** Changes the backup schedule and retention (`backups.configure`, an owner): one transaction with its audit row. */
export async function configureBackups(ctx: CommandContext, actor: Actor, input: BackupSettingsInput): Promise<BackupSettings> {
  authorize(actor, backupsPolicies.configure, wholeCenter())
  return runCommand(ctx, 'backups.configure', async (tx) => {
    await tx.insert(backupSettings).values({ id: 1 }).onConflictDoNothing()
    await tx.execute(sql`select 1 from backup_settings where id = 1 for update`)
    const before = await loadBackupSettings(tx)
    await tx
      .update(backupSettings)
      .set({
        enabled: input.enabled ?? before.enabled,
        time: input.time ?? before.time,
        timeZone: input.timeZone === undefined ? before.timeZone : input.timeZone,
        keepDaily: input.keepDaily ?? before.retention.daily,
        keepWeekly: input.keepWeekly ?? before.retention.weekly,
        keepMonthly: input.keepMonthly ?? before.retention.monthly,
        updatedAt: sql`now()`,
        updatedBy: actor.id,
      })
      .where(eq(backupSettings.id, 1))
    const after = await loadBackupSettings(tx)
    return { result: after, entity: 'backup_settings', entityId: null, before, after }
  })
}
