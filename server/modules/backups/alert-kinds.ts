import { alertKind } from '../../contracts/alerts'

/** A backup failed: the owners must know (the next successful backup clears it). */
export const backupFailed = alertKind({ kind: 'backup_failed', severity: 'critical', roles: ['owner'] })

/** The one cause of the backup alert (there is one backup job). */
export const BACKUP_ALERT_SUBJECT = 'backups'
