import { describe, expect, it } from 'vitest'
import { keepOf } from './retention'

/** Backups every day at 03:00 in Yerevan (23:00 UTC the day before), the newest first. */
function nightly(days: number, from = '2026-12-31') {
  const out: Array<{ id: number; at: Date }> = []
  const end = new Date(`${from}T23:00:00Z`).getTime()
  for (let i = 0; i < days; i++) out.push({ id: i + 1, at: new Date(end - i * 86_400_000) })
  return out
}

describe('retention (the newest of each of the last N days, weeks, months)', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly of a year of nightly backups', () => {
    const all = nightly(365)
    const keep = keepOf(all, { daily: 7, weekly: 4, monthly: 12 }, 'Asia/Yerevan')
    expect([...keep].sort((a, b) => a - b).slice(0, 7)).toEqual([1, 2, 3, 4, 5, 6, 7])
    const local = (b: { at: Date }) => new Date(b.at.getTime() + 4 * 3_600_000).toISOString().slice(0, 10)
    const kept = all.filter((b) => keep.has(b.id))
    // every one of the 12 newest months keeps its newest backup
    const newestOfMonth = new Map<string, number>()
    for (const b of all) if (!newestOfMonth.has(local(b).slice(0, 7))) newestOfMonth.set(local(b).slice(0, 7), b.id)
    expect([...newestOfMonth.values()].slice(0, 12).every((id) => keep.has(id))).toBe(true)
    expect(new Set(kept.map((b) => local(b).slice(0, 7))).size).toBe(12)
    // a week's newest backup: Monday to Sunday (3 of the 4 newest weeks' are older than the dailies, or the same)
    expect(keep.size).toBeLessThanOrEqual(7 + 4 + 12)
    // and nothing else: of the last 60 days only the dailies and the weeks' and months' newest remain
    const oldDailies = all.slice(7, 60).filter((b) => keep.has(b.id))
    expect(oldDailies.length).toBeLessThanOrEqual(3 + 2)
    expect(all.length - keep.size).toBeGreaterThan(300)
  })

  it('judges days in the center’s time zone, and keeps the newest of a day with several', () => {
    const backups = [
      { id: 1, at: new Date('2026-03-01T19:30:00Z') }, // 23:30 in Yerevan on the 1st
      { id: 2, at: new Date('2026-03-01T20:30:00Z') }, // 00:30 on the 2nd there
      { id: 3, at: new Date('2026-03-01T10:00:00Z') },
      { id: 4, at: new Date('2026-03-05T10:00:00Z') }, // the newest, days later
    ]
    expect([...keepOf(backups, { daily: 3, weekly: 0, monthly: 0 }, 'Asia/Yerevan')].sort()).toEqual([1, 2, 4])
    expect([...keepOf(backups, { daily: 3, weekly: 0, monthly: 0 }, 'UTC')].sort()).toEqual([2, 4])
  })

  it('keeps every backup of the last 24 hours (one made by hand is not thinned out the same day)', () => {
    const backups = [
      { id: 1, at: new Date('2026-03-01T23:00:00Z') }, // the nightly one
      { id: 2, at: new Date('2026-03-02T09:00:00Z') }, // by hand, before an upgrade
      { id: 3, at: new Date('2026-03-02T12:00:00Z') },
    ]
    expect([...keepOf(backups, { daily: 1, weekly: 0, monthly: 0 }, 'Asia/Yerevan')].sort()).toEqual([1, 2, 3])
    expect([...keepOf(backups, { daily: 0, weekly: 0, monthly: 0 }, 'UTC')].sort()).toEqual([1, 2, 3])
  })

  it('always keeps the newest backup, even with nothing to keep', () => {
    expect([...keepOf(nightly(3), { daily: 0, weekly: 0, monthly: 0 }, 'UTC')]).toEqual([1])
    expect(keepOf([], { daily: 7, weekly: 4, monthly: 12 }, 'UTC').size).toBe(0)
  })
})
