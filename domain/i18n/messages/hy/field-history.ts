import type { fieldHistory as en } from '../en/field-history'

/** «Ով է փոխել». դաշտի վերջին հեղինակը՝ մկնիկը պահելիս, պատմությունը՝ սեղմելիս։ */
export const fieldHistory: Record<keyof typeof en, string> = {
  'errors.field.docPath': 'Փաստաթղթի դաշտ չէ (կետերով ուղի, օրինակ՝ profile.firstName)',
  'fieldHistory.changedBy': 'Փոխել է {name}, {time}',
  'fieldHistory.byNobody': 'համակարգը',
  'fieldHistory.openWithAuthor': 'Պատմություն. փոխել է {name}, {time}',
  'fieldHistory.title': 'Պատմություն՝ {field}',
  'fieldHistory.loading': 'Բեռնվում է…',
  'fieldHistory.empty': 'Այս դաշտը դեռ չի փոխվել։',
  'fieldHistory.more': 'Ավելի վաղ փոփոխություններ',
  'fieldHistory.close': 'Փակել',
  'fieldHistory.failed': 'Չհաջողվեց բեռնել պատմությունը։',
  'fieldHistory.set': 'Նշվել է՝ {after}',
  'fieldHistory.changed': '{before} → {after}',
  'fieldHistory.cleared': 'Մաքրվել է (եղել է՝ {before})',
  'fieldHistory.wrote': 'Գրել է «{text}»',
  'fieldHistory.deletedText': 'Ջնջել է «{text}»',
  'fieldHistory.emptyValue': '(դատարկ)',
  'fieldHistory.yes': 'այո',
  'fieldHistory.no': 'ոչ',
  'fieldHistory.unknown': 'անհայտ',
  'fieldHistory.who': 'Ով',
  'fieldHistory.when': 'Երբ',
  'fieldHistory.what': 'Փոփոխություն',
}
