import { formatDay, formatMoney, formatMonthYear, formatNumber, type Currency } from '../../../../domain/i18n/format'
import { currentCenter } from '../../data/auth'
import type { PayScheme } from '../../data/staff'
import { currentLocale, t } from '../../i18n/locale'

/** The center's currency (AMD when the server did not say). */
export const currency = (): Currency => currentCenter()?.currency ?? 'AMD'

/** Minor units as money in the center's currency and the language shown. */
export const money = (minor: number): string => formatMoney(minor, currency(), currentLocale())

/** A day (YYYY-MM-DD) in the language shown. */
export const day = (iso: string): string => formatDay(iso, currentLocale())

/** A month (YYYY-MM) in the language shown. */
export const month = (ym: string): string => formatMonthYear(ym, currentLocale())

/** Minutes as hours with one decimal ("12.5 h"). */
export const hours = (minutes: number): string =>
  t('staff.screens.hours', { hours: formatNumber(Math.round(minutes / 6) / 10, currentLocale()) })

/** A scheme in words: "3 000 ֏ a lesson + 10 % of revenue". */
export function schemeWords(s: Pick<PayScheme, 'perLesson' | 'perClient' | 'revenueBp' | 'hourly' | 'monthly'>): string {
  const parts: string[] = []
  if (s.perLesson) parts.push(t('staff.screens.rate.perLesson', { amount: money(s.perLesson) }))
  if (s.perClient) parts.push(t('staff.screens.rate.perClient', { amount: money(s.perClient) }))
  if (s.revenueBp) parts.push(t('staff.screens.rate.revenue', { percent: formatNumber(s.revenueBp / 100, currentLocale()) }))
  if (s.hourly) parts.push(t('staff.screens.rate.hourly', { amount: money(s.hourly) }))
  if (s.monthly) parts.push(t('staff.screens.rate.monthly', { amount: money(s.monthly) }))
  return parts.join(' + ')
}

/** A scheme's dates: "from 1 Oct 2026 to 15 Nov 2026" or "from 16 Nov 2026". */
export const schemeDates = (s: Pick<PayScheme, 'validFrom' | 'validTo'>): string =>
  s.validTo
    ? t('staff.screens.scheme.fromTo', { from: day(s.validFrom), to: day(s.validTo) })
    : t('staff.screens.scheme.from', { from: day(s.validFrom) })
