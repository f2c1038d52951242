import type { backups as source } from '../en/backups'

export const backups: Record<keyof typeof source, string> = {
  'backups.nav.label': 'Резервные копии',
  'backups.nav.description': 'Копии всех данных центра: каждую ночь и по запросу.',
  'errors.backups.ownerOnly': 'Резервными копиями управляет только владелец всего центра',
  'backups.error.failed': 'Резервное копирование не удалось',
  'backups.error.diskFull': 'Диск заполнен',
  'backups.error.folderNotWritable': 'В папку резервных копий нельзя записать',
  'backups.error.noFolder': 'Папка для резервных копий не задана (BACKUP_DIR)',
  'backups.error.interrupted': 'Сервер остановился во время резервного копирования',
}
