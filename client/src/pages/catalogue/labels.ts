import { formatDay, formatMoney, formatNumber, MINOR_DIGITS } from '../../../../domain/i18n/format'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { currentCenter } from '../../data/auth'
import type { ActivityCategory, ActivityType } from '../../data/catalogue'
import { currentLocale, t } from '../../i18n/locale'

/** Words the setup screens share: types, categories, ages, money, days. */

export const typeLabel = (type: ActivityType) => t(`setup.type.${type}` as MessageId)
export const categoryLabel = (c: ActivityCategory) => t(`setup.category.${c}` as MessageId)

/** "6–10", "from 6", "up to 10", or "any age". */
export function ageRange(min: number | null, max: number | null): string {
  if (min != null && max != null) return t('setup.age.range', { min, max })
  if (min != null) return t('setup.age.from', { min })
  if (max != null) return t('setup.age.upTo', { max })
  return t('setup.age.any')
}

/** A decimal in the center's currency ("15.00") as money in the reader's language. */
export function money(value: string | number): string {
  const amount = Number(value)
  if (!Number.isFinite(amount)) return String(value)
  const currency = currentCenter()?.currency
  if (!currency) return formatNumber(amount, currentLocale())
  return formatMoney(Math.round(amount * 10 ** MINOR_DIGITS[currency]), currency, currentLocale())
}

/** A calendar day (YYYY-MM-DD) in the reader's language. */
export const day = (iso: string) => formatDay(iso, currentLocale())

/** A span of days: one day, or "from – to". */
export const daySpan = (from: string, to: string) =>
  from === to ? day(from) : t('setup.days.span', { from: day(from), to: day(to) })

/** A whole number in the reader's language. */
export const num = (n: number) => formatNumber(n, currentLocale())
