import { isoWeekOf, localDateTime } from '../../../domain/docs/timetable-week'

/** How many backups to keep: the newest of each of the last `daily` days, `weekly` weeks and `monthly` months. */
export interface Retention {
  daily: number
  weekly: number
  monthly: number
}

/**
 * The backups to keep (grandfather-father-son): the newest backup of each of the last `daily`
 * days that have one, of each of the last `weekly` ISO weeks and of each of the last `monthly`
 * months, judged in the center's time zone; and always every backup of the last 24 hours (a
 * backup made by hand before an upgrade is not thinned out by the next one the same day).
 * Everything else may go.
 * @example keepOf([{ id: 1, at: jan1 }, { id: 2, at: jan1Evening }, { id: 3, at: jan5 }], { daily: 7, weekly: 0, monthly: 0 }, 'Asia/Yerevan') // Set {2, 3}
 */
export function keepOf<T extends { id: number; at: Date }>(
  backups: readonly T[],
  keep: Retention,
  timeZone: string,
): Set<number> {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime())
  const out = new Set<number>()
  if (newestFirst.length) {
    const dayAgo = newestFirst[0].at.getTime() - 24 * 3_600_000
    for (const b of newestFirst) if (b.at.getTime() > dayAgo) out.add(b.id)
  }
  const local = newestFirst.map((b) => ({ id: b.id, date: localDateTime(timeZone, b.at).date }))
  const periods: Array<[number, (date: string) => string]> = [
    [keep.daily, (d) => d],
    [keep.weekly, (d) => isoWeekOf(d)],
    [keep.monthly, (d) => d.slice(0, 7)],
  ]
  for (const [count, periodOf] of periods) {
    const seen = new Set<string>()
    for (const b of local) {
      if (seen.size >= count) break
      const p = periodOf(b.date)
      if (seen.has(p)) continue
      seen.add(p)
      out.add(b.id)
    }
  }
  return out
}
