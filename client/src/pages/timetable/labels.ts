/**
 * The timetable's words and days in the language shown now: clash kinds, lesson statuses and
 * attendance statuses through typed maps from each value to its catalogue id, and calendar days
 * (weekday and date) through domain/i18n/format.ts. Call these while rendering a component that
 * holds a LocaleController.
 *
 * The days here are already the branch's calendar days (`YYYY-MM-DD`, worked out in its time
 * zone by time.ts): they are formatted at noon UTC in UTC, so no zone can shift them to another day.
 */
import { renderAlertMessage } from '../../../../domain/alerts/messages'
import { ERASED_CLIENT_NAME } from '../../../../domain/clients/names'
import { isMessageId, type MessageId } from '../../../../domain/i18n/catalogue'
import { formatDay, formatDayMonth, formatNumber, formatWeekday } from '../../../../domain/i18n/format'
import type { AttendanceStatus, ClashKind, GenerateResult, LessonStatus, SentMessage } from '../../data/timetable'
import { currentLocale, t } from '../../i18n/locale'
import { formatMinutes } from './time'

const CLASH: Record<ClashKind, MessageId> = {
  room_clash: 'timetable.clash.room_clash',
  teacher_clash: 'timetable.clash.teacher_clash',
  over_capacity: 'timetable.clash.over_capacity',
}
const STATUS: Record<LessonStatus, MessageId> = {
  planned: 'timetable.status.planned',
  done: 'timetable.status.done',
  cancelled: 'timetable.status.cancelled',
}
/** The short mark after a lesson's time ("✓ done", "cancelled"); a planned lesson has none. */
const MARK: Record<LessonStatus, MessageId | null> = {
  planned: null,
  done: 'timetable.mark.done',
  cancelled: 'timetable.mark.cancelled',
}
const ATTENDANCE: Record<AttendanceStatus, MessageId> = {
  present: 'timetable.attendance.present',
  late: 'timetable.attendance.late',
  absent: 'timetable.attendance.absent',
  excused: 'timetable.attendance.excused',
  walk_in: 'timetable.attendance.walk_in',
}

/** A clash kind's name (an unknown kind as its words: "bus_clash" → "bus clash"). */
export const clashText = (k: string): string => (Object.hasOwn(CLASH, k) ? t(CLASH[k as ClashKind]) : k.replace(/_/g, ' '))
/** A lesson status's name ("Planned", "Done", "Cancelled"); an unknown one as it is. */
export const statusText = (s: string): string => (Object.hasOwn(STATUS, s) ? t(STATUS[s as LessonStatus]) : s)
/** "✓ done" / "cancelled" / "" (planned, or unknown). */
export function markText(s: string): string {
  const id = Object.hasOwn(MARK, s) ? MARK[s as LessonStatus] : null
  return id ? t(id) : ''
}
export const attendanceText = (s: AttendanceStatus): string => t(ATTENDANCE[s])

/** A message the server sent as id + parameters (a lesson's problem, why someone owes); an id this screen does not know, nothing. */
export const messageText = (m: SentMessage): string => (isMessageId(m.id) ? t(m.id, m.params) : '')

/** A lesson's problems, one sentence after another. */
export const problemsText = (problems: readonly SentMessage[]): string => problems.map(messageText).filter(Boolean).join('; ')

/** Why someone owes: the reasons, listed. */
export const reasonsText = (reasons: readonly SentMessage[]): string => reasons.map(messageText).filter(Boolean).join(', ')

/** "Cancelled: <the reason as typed>"; a cancelled lesson without a reason is just "Cancelled". */
export const cancelledText = (reason: string | null | undefined): string =>
  reason ? t('timetable.cancelled.reason', { reason }) : t('timetable.status.cancelled')

/** A clash Generate found, from its message id + parameters (the server's wording when this screen cannot word it). */
export const generatedClashText = (c: GenerateResult['clashes'][number]): string =>
  c.messageId ? renderAlertMessage(currentLocale(), c.messageId, c.params, c.message) : c.message

/** A number in the language shown. */
export const num = (n: number): string => formatNumber(n, currentLocale())

/** "16:00–17:30" (24-hour in every language). */
export const spanText = (startMin: number, endMin: number): string =>
  t('timetable.span', { start: formatMinutes(startMin), end: formatMinutes(endMin) })

const noon = (date: string) => new Date(`${date}T12:00:00Z`)

/** Capitalised: a weekday starting a label ("понедельник" → "Понедельник"). */
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** '2026-11-23' → "Mon 23" / "пн, 23" / "երկ, 23": the week grid's day headings (the toolbar says the month). */
export function dayHeading(date: string): string {
  return t('timetable.day.heading', {
    weekday: formatWeekday(noon(date), currentLocale(), 'UTC', 'short'),
    day: Number(date.slice(8, 10)),
  })
}

/** '2026-11-23' → "Mon, 23 Nov 2026" / "пн, 23 нояб. 2026 г." / "երկ, 23 նոյ, 2026 թ." (the lesson panel). */
export function dayShort(date: string): string {
  const locale = currentLocale()
  return t('timetable.day.short', { weekday: formatWeekday(noon(date), locale, 'UTC', 'short'), date: formatDay(date, locale) })
}

/**
 * '2026-11-23' → "Monday, 23 Nov" / "Понедельник, 23 нояб." / "Երկուշաբթի, 23 նոյ": a day of the
 * week on screen (the toolbar, the panel's days), whose year the date picker beside it shows.
 */
export function dayLong(date: string): string {
  const locale = currentLocale()
  return capitalised(
    t('timetable.day.long', { weekday: formatWeekday(noon(date), locale, 'UTC', 'long'), date: formatDayMonth(date, locale) }),
  )
}

/** An ISO week's label: "Week 48: 23 Nov – 29 Nov" (its Monday and Sunday; the date picker beside it has the year). */
export function weekLabel(week: string, monday: string, sunday: string): string {
  const locale = currentLocale()
  return t('timetable.toolbar.weekLabel', {
    week: Number(week.slice(6)),
    from: formatDayMonth(monday, locale),
    to: formatDayMonth(sunday, locale),
  })
}

/** A client's name as sent (roster, who owes), or an erased client's label in the language shown. */
export const clientNameText = (c: { name: string; erased?: boolean }): string => (c.erased ? t(ERASED_CLIENT_NAME) : c.name)
