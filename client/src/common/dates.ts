import { formatDate, formatDateTime as formatDateTimeIn, formatTime, formatWeekday } from '../../../domain/i18n/format'
import { currentLocale, t } from '../i18n/locale'

/**
 * Dates and times on screen, in the tab's language (domain/i18n/format.ts): 24-hour times in every
 * language. The time zone is the branch's where the caller knows it, else the browser's.
 */

/** The browser's time zone (screens that show no branch's time). */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

/** "Tuesday, 3 Mar 2026" / "вторник, 3 мар. 2026 г." / "3 մրտ, 2026 թ., երեքշաբթի": the weekday and the date, ordered by the language. */
export function formatLongDate(d: Date, timeZone = localTimeZone()): string {
  const locale = currentLocale()
  return t('common.date.long', { weekday: formatWeekday(d, locale, timeZone), date: formatDate(d, locale, timeZone) })
}

/** "3 Mar 2026, 14:05" in the tab's language. */
export const formatDateTime = (iso: string | Date, timeZone = localTimeZone()): string =>
  formatDateTimeIn(typeof iso === 'string' ? new Date(iso) : iso, currentLocale(), timeZone)

/** "14:05" for today (today in `timeZone`), else the date and time. */
export function formatWhen(iso: string, now: Date = new Date(), timeZone = localTimeZone()): string {
  const d = new Date(iso)
  const locale = currentLocale()
  const sameDay = formatDate(d, locale, timeZone) === formatDate(now, locale, timeZone)
  return sameDay ? formatTime(d, locale, timeZone) : formatDateTime(d, timeZone)
}

/** "Good morning" / "Good afternoon" / "Good evening" for the hour ("Hello" in the small hours), in the tab's language. */
export function greeting(d: Date = new Date()): string {
  const h = d.getHours()
  return t(
    h < 5
      ? 'common.greeting.night'
      : h < 12
        ? 'common.greeting.morning'
        : h < 18
          ? 'common.greeting.afternoon'
          : 'common.greeting.evening',
  )
}

/** datetime-local value ("2026-03-03T09:30") → ISO with offset, or undefined. */
export function localToIso(v: string): string | undefined {
  if (!v) return undefined
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/** ISO → datetime-local value in the browser's zone. */
export function isoToLocal(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
