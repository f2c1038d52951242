import type { backups as source } from '../en/backups'

export const backups: Record<keyof typeof source, string> = {
  'backups.nav.label': 'Պահուստային պատճեններ',
  'backups.nav.description': 'Կենտրոնի բոլոր տվյալների պատճենները՝ ամեն գիշեր և ըստ պահանջի։',
  'errors.backups.ownerOnly': 'Պահուստային պատճենները կառավարում է միայն ամբողջ կենտրոնի սեփականատերը',
  'backups.error.failed': 'Պատճենումը ձախողվեց',
  'backups.error.diskFull': 'Սկավառակը լցված է',
  'backups.error.folderNotWritable': 'Պատճենների թղթապանակում հնարավոր չէ գրել',
  'backups.error.noFolder': 'Պատճենների թղթապանակը նշված չէ (BACKUP_DIR)',
  'backups.error.interrupted': 'Սերվերը կանգ առավ պատճենման ընթացքում',
}
