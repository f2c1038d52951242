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

/**
 * Does this JavaScript engine carry the language's date and number data? Node does for all three;
 * Debian's Chromium (and other browsers built with a reduced ICU) has no Armenian data and would
 * silently fall back to US English ("Dec 3, 2026", "1,500,000"). Then Armenian dates are composed
 * from the CLDR names below, and Armenian numbers take Russian separators (the same as Armenian's:
 * a no-break space between groups, a decimal comma).
 */
const hasData = new Map<Locale, boolean>()
function intlHasData(locale: Locale): boolean {
  let has = hasData.get(locale)
  if (has === undefined) {
    has = Intl.DateTimeFormat.supportedLocalesOf([TAGS[locale]]).length > 0
    hasData.set(locale, has)
  }
  return has
}

function dateFormat(locale: Locale, timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(
    `d|${locale}|${timeZone}|${JSON.stringify(opts)}`,
    () => new Intl.DateTimeFormat(TAGS[locale], { ...opts, timeZone }),
  )
}

/** CLDR's Armenian month and weekday names (weeks from Monday), for engines without Armenian data. */
const HY_MONTHS_SHORT = ['հնվ', 'փտվ', 'մրտ', 'ապր', 'մյս', 'հնս', 'հլս', 'օգս', 'սեպ', 'հոկ', 'նոյ', 'դեկ']
const HY_WEEKDAYS_LONG = ['երկուշաբթի', 'երեքշաբթի', 'չորեքշաբթի', 'հինգշաբթի', 'ուրբաթ', 'շաբաթ', 'կիրակի']
const HY_WEEKDAYS_SHORT = ['երկ', 'երք', 'չրք', 'հնգ', 'ուր', 'շբթ', 'կիր']
const EN_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** A point in time's calendar fields in a time zone (from a language-neutral formatter). */
function fieldsOf(d: Date, timeZone: string) {
  const f = cached(
    `fields|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  )
  const p: Record<string, string> = {}
  for (const part of f.formatToParts(d)) p[part.type] = part.value
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: EN_WEEKDAYS.indexOf(p.weekday),
    time: `${p.hour}:${p.minute}`,
  }
}

/** Armenian as CLDR writes it ("3 դեկ, 2026 թ.", "3 դեկ, 2026 թ., 14:05"), for engines without Armenian data. */
export const armenianWithoutIntlData = {
  date(d: Date, timeZone: string): string {
    const f = fieldsOf(d, timeZone)
    return `${f.day} ${HY_MONTHS_SHORT[f.month - 1]}, ${f.year} թ.`
  },
  dateTime(d: Date, timeZone: string): string {
    return `${armenianWithoutIntlData.date(d, timeZone)}, ${fieldsOf(d, timeZone).time}`
  },
  weekday(d: Date, timeZone: string, width: 'long' | 'short'): string {
    const i = fieldsOf(d, timeZone).weekday
    return (width === 'long' ? HY_WEEKDAYS_LONG : HY_WEEKDAYS_SHORT)[i]
  },
  /** "A, B և C": CLDR's Armenian conjunction list (an engine without the data says "A, B, and C"). */
  list(items: readonly string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} և ${items[items.length - 1]}`
  },
}

const listFormats = new Map<Locale, Intl.ListFormat>()
let hyLists: boolean | undefined

/**
 * Names joined by the language's rules: "A, B and C" / "A, B и C" / "A, B և C" (composed from
 * CLDR's Armenian pattern where the engine has no Armenian list data).
 */
export function formatList(items: readonly string[], locale: Locale): string {
  if (locale === 'hy' && !(hyLists ??= Intl.ListFormat.supportedLocalesOf([TAGS.hy]).length > 0))
    return armenianWithoutIntlData.list(items)
  let f = listFormats.get(locale)
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(TAGS[locale], { type: 'conjunction', style: 'long' })))
  return f.format(items)
}

/** A point in time as a date ("3 Dec 2026" / "3 дек. 2026 г." / "3 դեկ, 2026 թ."). */
export function formatDate(d: Date, locale: Locale, timeZone: string): string {
  if (locale === 'hy' && !intlHasData('hy')) return armenianWithoutIntlData.date(d, timeZone)
  return dateFormat(locale, timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(d)
}

/** A point in time as a 24-hour time ("14:05"). */
export function formatTime(d: Date, locale: Locale, timeZone: string): string {
  if (locale === 'hy' && !intlHasData('hy')) return fieldsOf(d, timeZone).time
  return dateFormat(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)
}

/** Date and 24-hour time. */
export function formatDateTime(d: Date, locale: Locale, timeZone: string): string {
  if (locale === 'hy' && !intlHasData('hy')) return armenianWithoutIntlData.dateTime(d, timeZone)
  return dateFormat(locale, timeZone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d)
}

/** The weekday's name ("Monday" / "понедельник" / "երկուշաբթի"); `short` for the grid's columns. */
export function formatWeekday(d: Date, locale: Locale, timeZone: string, width: 'long' | 'short' = 'long'): string {
  if (locale === 'hy' && !intlHasData('hy')) return armenianWithoutIntlData.weekday(d, timeZone, width)
  return dateFormat(locale, timeZone, { weekday: width }).format(d)
}

/**
 * A calendar day (`YYYY-MM-DD`, no time zone: a birth date, a holiday) in the reader's language.
 * @example formatDay('2026-12-03', 'ru') // '3 дек. 2026 г.'
 */
export const formatDay = (iso: string, locale: Locale): string => formatDate(new Date(`${iso}T12:00:00Z`), locale, 'UTC')

/**
 * A calendar day (`YYYY-MM-DD`) without its year ("3 Dec" / "3 дек." / "3 դեկ"), for a date whose
 * year is shown beside it (a week's Monday and Sunday).
 */
export function formatDayMonth(iso: string, locale: Locale): string {
  const d = new Date(`${iso}T12:00:00Z`)
  if (locale === 'hy' && !intlHasData('hy')) {
    const f = fieldsOf(d, 'UTC')
    return `${f.day} ${HY_MONTHS_SHORT[f.month - 1]}`
  }
  return dateFormat(locale, 'UTC', { day: 'numeric', month: 'short' }).format(d)
}

/** A month (`YYYY-MM`) with its year, for a chart's axis ("Dec 2026" / "дек. 2026 г." / "2026 թ. դեկ", as CLDR orders it). */
export function formatMonthYear(ym: string, locale: Locale): string {
  const d = new Date(`${ym}-15T12:00:00Z`)
  if (locale === 'hy' && !intlHasData('hy')) {
    const f = fieldsOf(d, 'UTC')
    return `${f.year} թ. ${HY_MONTHS_SHORT[f.month - 1]}`
  }
  return dateFormat(locale, 'UTC', { month: 'short', year: 'numeric' }).format(d)
}

/** The tag numbers are formatted with: Armenian's separators are Russian's where the engine lacks Armenian data. */
const numberTag = (locale: Locale): string => (locale === 'hy' && !intlHasData('hy') ? TAGS.ru : TAGS[locale])

/** A number in the reader's language (grouping and decimal separators). */
export const formatNumber = (n: number, locale: Locale): string =>
  cached(`n|${locale}`, () => new Intl.NumberFormat(numberTag(locale))).format(n)

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
      new Intl.NumberFormat(numberTag(locale), {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  )
  return f.format(minor / 10 ** digits)
}
