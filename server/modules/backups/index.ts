import { defineModule } from '../module'
import { backupFailed } from './alert-kinds'
import { backupJob } from './job'
import { backupsPolicies } from './policies'
import { backupRoutes } from './routes'

export { backupsPolicies } from './policies'
export { backupStatus, type BackupStatus } from './queries'
export { backupJob } from './job'

/**
 * Backups (issue #21): the nightly backup and "Back up now" in one portable format that both the
 * embedded database and PostgreSQL write and read (./archive/format.ts), their retention, the
 * owner's Backups screen; `npm run backup` and `npm run restore` (./cli.ts).
 */
export const backups = defineModule({
  name: 'backups',
  routes: [backupRoutes],
  policies: Object.values(backupsPolicies),
  audit: [{ area: 'settings', commands: ['backups.'] }],
  alertKinds: [backupFailed],
  jobs: [backupJob],
})
