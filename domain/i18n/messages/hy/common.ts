import type { common as source } from '../en/common'

export const common: Record<keyof typeof source, string> = {
  'app.name': 'Clubroom',
  'common.save': 'Պահպանել',
  'common.cancel': 'Չեղարկել',
  'common.close': 'Փակել',
  'common.edit': 'Խմբագրել',
  'common.delete': 'Ջնջել',
  'common.loading': 'Բեռնվում է…',
  'common.none': 'Ոչ մեկը',
  'common.search': 'Որոնել',
  'language.name.hy': 'Հայերեն',
  'language.name.ru': 'Русский',
  'language.name.en': 'English',
  'language.label': 'Լեզու',
  'lessons.count': '{count, plural, one {# դաս} other {# դաս}}',
}
