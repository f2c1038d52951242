import type { Locale } from './locales'

/**
 * Dates, times, numbers and money in the reader's language and the branch's time zone, the same in
 * every screen, PDF and CSV. Times are 24-hour in all three languages; weeks start on Monday.
 */

/** The currencies a center may keep its books in (AMD by default). */
export const CURRENCIES = ['AMD', 'RUB', 'EUR', 'USD'] as const
export type Currency = (typeof CURRENCIES)[number]

/**
 * Minor units per major unit as the books keep them. The dram's luma is not used in practice: AMD
 * amounts are whole drams (ISO 4217 still lists two decimals, Intl would show them).
 */
export const MINOR_DIGITS: Record<Currency, number> = { AMD: 0, RUB: 2, EUR: 2, USD: 2 }

/** The BCP 47 tag Intl gets for a language (regional conventions of the centers' countries). */
const TAGS: Record<Locale, string> = { hy: 'hy-AM', ru: 'ru-RU', en: 'en-GB' }
export const intlTag = (locale: Locale): string => TAGS[locale]

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined
  if (!f) cache.set(key, (f = make()))
  return f
}

function dateFormat(locale: Locale, timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(
    `d|${locale}|${timeZone}|${JSON.stringify(opts)}`,
    () => new Intl.DateTimeFormat(TAGS[locale], { ...opts, timeZone }),
  )
}

/** A point in time as a date ("3 Dec 2026" / "3 дек. 2026 г." / "3 դեկ, 2026 թ."). */
export const formatDate = (d: Date, locale: Locale, timeZone: string): string =>
  dateFormat(locale, timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(d)

/** A point in time as a 24-hour time ("14:05"). */
export const formatTime = (d: Date, locale: Locale, timeZone: string): string =>
  dateFormat(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)

/** Date and 24-hour time. */
export const formatDateTime = (d: Date, locale: Locale, timeZone: string): string =>
  dateFormat(locale, timeZone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d)

/** The weekday's name ("Monday" / "понедельник" / "երկուշաբթի"); `short` for the grid's columns. */
export const formatWeekday = (d: Date, locale: Locale, timeZone: string, width: 'long' | 'short' = 'long'): string =>
  dateFormat(locale, timeZone, { weekday: width }).format(d)

/**
 * A calendar day (`YYYY-MM-DD`, no time zone: a birth date, a holiday) in the reader's language.
 * @example formatDay('2026-12-03', 'ru') // '3 дек. 2026 г.'
 */
export const formatDay = (iso: string, locale: Locale): string =>
  dateFormat(locale, 'UTC', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${iso}T12:00:00Z`))

/** A number in the reader's language (grouping and decimal separators). */
export const formatNumber = (n: number, locale: Locale): string =>
  cached(`n|${locale}`, () => new Intl.NumberFormat(TAGS[locale])).format(n)

/**
 * An amount in minor units (integers, as the books keep them) in the center's currency.
 * @example formatMoney(15000, 'AMD', 'hy') // '15 000 ֏' (whole drams); formatMoney(123456, 'RUB', 'ru') // '1 234,56 ₽'
 */
export function formatMoney(minor: number, currency: Currency, locale: Locale): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError('money is an integer number of minor units')
  const digits = MINOR_DIGITS[currency]
  const f = cached(
    `m|${locale}|${currency}`,
    () =>
      new Intl.NumberFormat(TAGS[locale], {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  )
  return f.format(minor / 10 ** digits)
}
