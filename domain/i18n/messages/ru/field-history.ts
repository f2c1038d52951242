import type { fieldHistory as en } from '../en/field-history'

/** «Кто изменил»: последний автор поля при наведении, его история по щелчку. */
export const fieldHistory: Record<keyof typeof en, string> = {
  'errors.field.docPath': 'Это не поле документа (путь через точку, например profile.firstName)',
  'fieldHistory.changedBy': 'Изменил(а) {name}, {time}',
  'fieldHistory.byNobody': 'система',
  'fieldHistory.openWithAuthor': 'История: изменил(а) {name}, {time}',
  'fieldHistory.title': 'История: {field}',
  'fieldHistory.loading': 'Загрузка…',
  'fieldHistory.empty': 'Это поле ещё не меняли.',
  'fieldHistory.more': 'Более ранние изменения',
  'fieldHistory.close': 'Закрыть',
  'fieldHistory.failed': 'Не удалось загрузить историю.',
  'fieldHistory.set': 'Указано: {after}',
  'fieldHistory.changed': '{before} → {after}',
  'fieldHistory.cleared': 'Очищено (было: {before})',
  'fieldHistory.wrote': 'Написал(а) «{text}»',
  'fieldHistory.deletedText': 'Удалил(а) «{text}»',
  'fieldHistory.emptyValue': '(пусто)',
  'fieldHistory.yes': 'да',
  'fieldHistory.no': 'нет',
  'fieldHistory.unknown': 'неизвестно',
  'fieldHistory.who': 'Кто',
  'fieldHistory.when': 'Когда',
  'fieldHistory.what': 'Изменение',
}
