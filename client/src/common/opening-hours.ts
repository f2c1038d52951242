import { formatWeekday } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import type { Room, Weekday } from '../data/types'
import { currentLocale, t } from '../i18n/locale'

const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** The short weekday name in a language (5 January 2026 is a Monday). */
const dayLabel = (d: Weekday, locale: Locale) =>
  formatWeekday(new Date(Date.UTC(2026, 0, 5 + DAYS.indexOf(d), 12)), locale, 'UTC', 'short')

/** "Mon–Fri 08:00–21:00, Sat 09:00–18:00" in the tab's language ("пн–пт 08:00–21:00, сб 09:00–18:00"). */
export function summarizeHours(hours: Room['openingHours'], locale: Locale = currentLocale()): string {
  if (!hours) return t('branches.hours.notSet')
  const parts: string[] = []
  let run: { from: Weekday; to: Weekday; span: string } | null = null
  const flush = () => {
    if (run) parts.push(`${dayLabel(run.from, locale)}${run.from === run.to ? '' : '–' + dayLabel(run.to, locale)} ${run.span}`)
    run = null
  }
  for (const d of DAYS) {
    const h = hours[d]
    const span = h ? `${h[0]}–${h[1]}` : null
    if (span && run && run.span === span) run.to = d
    else {
      flush()
      if (span) run = { from: d, to: d, span }
    }
  }
  flush()
  return parts.length ? parts.join(', ') : t('branches.hours.closed')
}
