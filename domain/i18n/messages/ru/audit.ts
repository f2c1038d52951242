import type { audit as source } from '../en/audit'

export const audit: Record<keyof typeof source, string> = {
  'audit.page.title': 'Аудит',
  'audit.page.lead': 'Все изменения, сделанные в Clubroom: кто, что и когда. Сначала новые.',
  'audit.page.loadFailed': 'Не удалось загрузить журнал аудита.',
  'audit.filters.label': 'Фильтр журнала аудита',
  'audit.filters.actor': 'Кто (логин)',
  'audit.filters.actorPlaceholder': 'например, manager',
  'audit.filters.entity': 'Что',
  'audit.filters.entityPlaceholder': 'например, user',
  'audit.filters.since': 'Начиная с',
  'audit.filters.apply': 'Применить',
  'audit.filters.clear': 'Сбросить',
  'audit.table.label': 'Журнал аудита',
  'audit.table.when': 'Когда',
  'audit.table.who': 'Кто',
  'audit.table.action': 'Действие',
  'audit.table.on': 'Объект',
  'audit.table.changes': 'Изменения',
  'audit.table.system': 'система',
  'audit.table.empty': 'Под эти фильтры ничего не подходит.',
  'audit.table.more': 'и ещё {count, number}',
}
