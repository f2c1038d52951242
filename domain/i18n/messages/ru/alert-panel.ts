import type { alertPanel as source } from '../en/alert-panel'

export const alertPanel: Record<keyof typeof source, string> = {
  'alertPanel.button':
    '{count, plural, =0 {Оповещения, непрочитанных нет} one {Оповещения, # непрочитанное} few {Оповещения, # непрочитанных} many {Оповещения, # непрочитанных} other {Оповещения, # непрочитанного}}',
  'alertPanel.badgeMore': '{count, number}+',
  'alertPanel.title': 'Оповещения',
  'alertPanel.summary': '{total, plural, other {Открыто: #}} · {unread, plural, =0 {все приняты} other {непрочитанных: #}}',
  'alertPanel.loading': 'Загрузка оповещений…',
  'alertPanel.loadFailed': 'Не удалось загрузить оповещения.',
  'alertPanel.retry': 'Повторить',
  'alertPanel.empty': 'Открытых оповещений нет. Когда что-то потребует внимания, оно появится здесь.',
  'alertPanel.truncated': 'Показаны последние {count, number}.',
  'alertPanel.severity.critical': 'Срочно',
  'alertPanel.severity.warning': 'Предупреждение',
  'alertPanel.severity.info': 'Для сведения',
  'alertPanel.acknowledge': 'Принять',
  'alertPanel.acknowledged': '{hasName, select, yes {Принято: {name}, {when}} other {Принято {when}}}',
  'alertPanel.open.client': 'Открыть карточку клиента',
  'alertPanel.open.timetable': 'Показать в расписании',
  'alertPanel.open.backups': 'Открыть резервные копии',
}
