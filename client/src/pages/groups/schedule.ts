import { formatWeekday } from '../../../../domain/i18n/format'
import type { PatternSlot } from '../../data/groups'
import { currentLocale } from '../../i18n/locale'

/** A weekday's short name in the reader's language (ISO weekday 1 = Monday; 1 January 2024 was one). */
export const weekdayShort = (weekday: number) =>
  formatWeekday(new Date(Date.UTC(2024, 0, weekday, 12)), currentLocale(), 'UTC', 'short')
export const weekdayLong = (weekday: number) =>
  formatWeekday(new Date(Date.UTC(2024, 0, weekday, 12)), currentLocale(), 'UTC', 'long')

/** "Mon 16:00–17:00, Wed 16:00–17:00". */
export const scheduleText = (pattern: readonly PatternSlot[]) =>
  [...pattern]
    .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
    .map((s) => `${weekdayShort(s.weekday)} ${s.start}–${s.end}`)
    .join(', ')

/** Today as YYYY-MM-DD (the machine's day). */
export function todayIso(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** YYYY-MM-DD plus `days`. */
export function plusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
