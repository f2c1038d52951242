import { defineJob, type JobSchedule } from '../../jobs/index'
import { completeBackup, openBackup } from './commands/run-backup'
import { backupFolder } from './files'
import { loadBackupSettings, type BackupRow, type BackupSettings } from './queries'

/** The nightly backup's cron pattern: every day at the settings' time. */
export function scheduleOf(settings: BackupSettings): JobSchedule | null {
  if (!settings.enabled) return null
  const [h, m] = settings.time.split(':').map(Number)
  return { cron: `${m} ${h} * * *`, timeZone: settings.effectiveTimeZone }
}

/**
 * The backup job: nightly at the owner's time in the center's time zone (03:00 by default), and
 * on demand ("Back up now"). An installation without a backups folder (an in-memory database)
 * has no schedule.
 */
export const backupJob = defineJob({
  name: 'backups.nightly',
  async schedule(ctx) {
    if (!backupFolder(ctx.config)) return null
    return scheduleOf(await loadBackupSettings(ctx.database.db))
  },
  start: (ctx, run) => openBackup(ctx, run),
  async run(ctx, run, opened) {
    await completeBackup(ctx, run, opened as BackupRow)
  },
})
