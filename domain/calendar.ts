import { isIsoWeek } from './docs/doc-names'

/**
 * Calendar values as staff type them: a value that matches the pattern but is not a real one
 * (`2026-02-31`, `24:00`, `2026-W54`) is not a date, time or week. Shared by the server's input
 * checks (server/http/values.ts), the timetable rules and the client's forms.
 */

/** Years a date may carry: wide enough for birth dates and long plans, narrow enough for every driver. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2200

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `YYYY-MM-DD` names a day that exists (in the allowed years). */
export function isRealDate(value: string): boolean {
  const m = DATE_RE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

/** Whether `HH:MM` is a time of day, 00:00–23:59. */
export function isRealTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
}

/** Whether `YYYY-Www` is a week its ISO year has (domain/docs/doc-names.ts), in the allowed years. */
export function isRealWeek(value: string): boolean {
  if (!isIsoWeek(value)) return false
  const y = Number(value.slice(0, 4))
  return y >= MIN_YEAR && y <= MAX_YEAR
}

const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/

/** Whether an ISO 8601 date-time with a zone (`Z` or `±HH:MM`) is a real moment. */
export function isRealDateTime(value: string): boolean {
  const m = DATE_TIME_RE.exec(value)
  return m !== null && isRealDate(m[1]) && !Number.isNaN(Date.parse(value))
}
