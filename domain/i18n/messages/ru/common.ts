import type { common as source } from '../en/common'

export const common: Record<keyof typeof source, string> = {
  'app.name': 'Clubroom',
  'common.save': 'Сохранить',
  'common.cancel': 'Отмена',
  'common.close': 'Закрыть',
  'common.edit': 'Изменить',
  'common.delete': 'Удалить',
  'common.loading': 'Загрузка…',
  'common.none': 'Нет',
  'common.search': 'Поиск',
  'language.name.hy': 'Հայերեն',
  'language.name.ru': 'Русский',
  'language.name.en': 'English',
  'language.label': 'Язык',
  'lessons.count': '{count, plural, one {# занятие} few {# занятия} many {# занятий} other {# занятия}}',
}
