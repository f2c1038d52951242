import { lineSentence, plainLines, type PlainFormat, type PlainLine } from '../../../../domain/audit/plain-change'
import { isMessageId } from '../../../../domain/i18n/catalogue'
import { currentCenter } from '../../data/auth'
import type { AuditChange } from '../../data/audit'
import { currentLocale, t } from '../../i18n/locale'

/** The words of the Audit screens: areas, kinds, a change's lines (domain/audit/plain-change). */

/** The plain-words format for the language shown, in `timeZone`. */
export function plainFormat(timeZone: string): PlainFormat {
  return {
    t: (id, params) => t(id, params),
    locale: currentLocale(),
    timeZone,
    currency: currentCenter()?.currency ?? 'AMD',
  }
}

/** An area's name in the language shown (its code when the catalogue has none: a newer server). */
export function areaName(area: string): string {
  const id = `audit.area.${area}`
  return isMessageId(id) ? t(id) : area
}

/** A change's lines in words. */
export const changeLines = (item: AuditChange, f: PlainFormat): PlainLine[] => plainLines(item, f)

/** A change's lines as sentences ("teacher: Anna → Karen"). */
export const changeSentences = (item: AuditChange, f: PlainFormat): string[] => plainLines(item, f).map((l) => lineSentence(l, f))
