import type { auditHighlight as en } from '../en/audit-highlight'

/** "Highlight since audit" in the timetable and client file, and the queried changes in the workspace. */
export const auditHighlight: Record<keyof typeof en, string> = {
  'audit.highlight.error.restricted': 'Изменения этого документа не выделяются: его содержимое закрыто.',
  'audit.highlight.toggle': 'Выделить после аудита',
  'audit.highlight.toggleHint': 'Обвести то, что добавлено или изменено после закрытия последнего аудита',
  'audit.highlight.legend.since': 'Обведено: изменено после аудита, закрытого {date} пользователем {login}',
  'audit.highlight.legend.sinceUnknown': 'Обведено: изменено после аудита, закрытого {date}',
  'audit.highlight.legend.start': 'Обведено: изменено с самого начала (ни один аудит ещё не закрыт)',
  'audit.highlight.removed':
    '{count, plural, one {# занятие удалено} few {# занятия удалено} many {# занятий удалено} other {# занятия удалено}}',
  'audit.highlight.nothing': 'С тех пор ничего не изменилось.',
  'audit.highlight.loading': 'Ищем изменения после аудита…',
  'audit.highlight.failed': 'Не удалось загрузить изменения после аудита.',
  'audit.highlight.changed': 'Изменено после аудита',
  'audit.highlight.fields':
    '{count, plural, one {# поле изменено} few {# поля изменено} many {# полей изменено} other {# поля изменено}}',
  'audit.queried.title': 'Вопросы к вам',
  'audit.queried.intro': 'У аудитора есть вопросы по этим изменениям. Проверьте каждое и ответьте аудитору.',
  'audit.queried.changedBy': 'Изменил(а) {login}, {time}',
  'audit.queried.by': 'Вопрос задал(а) {login}, {time}',
  'audit.queried.comment': 'Комментарий аудитора',
  'audit.queried.noComment': 'Без комментария.',
  'audit.queried.open': 'Открыть',
  'audit.queried.more':
    '{count, plural, one {ещё # изменение} few {ещё # изменения} many {ещё # изменений} other {ещё # изменения}}',
  'audit.queried.someone': 'кто-то',
}
