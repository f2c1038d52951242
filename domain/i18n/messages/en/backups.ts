/**
 * Backups: the owner's Backups screen, the failed-backup alert and the reasons a backup failed.
 */
export const backups = {
  'backups.nav.label': 'Backups',
  'backups.nav.description': 'Copies of everything the center keeps, nightly and on demand.',
  'errors.backups.ownerOnly': 'Only an owner of the whole center manages backups',
  'backups.error.failed': 'The backup failed',
  'backups.error.diskFull': 'The disk is full',
  'backups.error.folderNotWritable': 'The backups folder cannot be written to',
  'backups.error.noFolder': 'No backups folder is set (BACKUP_DIR)',
  'backups.error.interrupted': 'The server stopped during the backup',
} as const
