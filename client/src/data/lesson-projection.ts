/**
 * The lessons projection of a week (`GET /api/lessons`): clashes, red groups, validity and member
 * counts, which the server works out from the week document within a second of an edit.
 */
import { type LessonRow, addDays, fetchLessons, messageKey } from './timetable'

/**
 * The projection of the week starting on Monday `monday`, with a day of slack each side: lessons
 * near midnight may sit in the neighbouring UTC day.
 */
export const fetchWeekProjection = (branchId: string, monday: string, signal?: AbortSignal): Promise<LessonRow[]> =>
  fetchLessons(branchId, addDays(monday, -1), addDays(monday, 7), signal)

/** What of a projection row the grid shows (two rows with one signature look the same). */
export function rowSignature(r: LessonRow): string {
  const owing = r.owing.map((o) => `${o.clientId}:${o.reasons.map(messageKey).join(',')}`).join(';')
  return `${r.roomId}|${r.start}|${r.end}|${r.activityId}|${r.groupId}|${r.teacherId}|${r.status}|${r.valid}|${r.problems.map(messageKey).join(';')}|${r.clashes.join(';')}|${r.memberCount}|${r.capacity}|${r.red}|${owing}`
}

/**
 * Fresh rows by id, keeping the previous row object where nothing the grid shows changed (so
 * unchanged lessons are not redone); null when no row changed at all (nothing to render).
 * @example const next = reuseUnchangedRows(this.projection, rows); if (next) this.projection = next
 */
export function reuseUnchangedRows(prev: ReadonlyMap<string, LessonRow>, rows: readonly LessonRow[]): Map<string, LessonRow> | null {
  let same = prev.size === rows.length
  const next = new Map<string, LessonRow>()
  for (const r of rows) {
    const old = prev.get(r.id)
    const keep = old && rowSignature(old) === rowSignature(r)
    if (!keep) same = false
    next.set(r.id, keep ? old : r)
  }
  return same ? null : next
}
