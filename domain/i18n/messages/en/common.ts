/** Words every screen uses (English: the source). */
export const common = {
  'app.name': 'Clubroom',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.edit': 'Edit',
  'common.delete': 'Delete',
  'common.loading': 'Loading…',
  'common.none': 'None',
  'common.search': 'Search',
  'language.name.hy': 'Հայերեն',
  'language.name.ru': 'Русский',
  'language.name.en': 'English',
  'language.label': 'Language',
  'lessons.count': '{count, plural, one {# lesson} other {# lessons}}',
} as const
