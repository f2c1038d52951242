import { describe, expect, it } from 'vitest'
import { formatMinutes, offsetAt, parseMinutes, snap, snapDown, todayIn, zoned, zonedIso } from './time'

describe('wall-clock time in a branch zone', () => {
  it('reads the day and minutes of an ISO date-time in the zone', () => {
    expect(zoned('2026-11-23T16:00:00+01:00', 'Europe/Berlin')).toEqual({ date: '2026-11-23', minutes: 960 })
    // written with another offset, still Berlin wall time
    expect(zoned('2026-11-23T15:00:00Z', 'Europe/Berlin')).toEqual({ date: '2026-11-23', minutes: 960 })
    expect(zoned('2026-11-23T23:30:00Z', 'Europe/Berlin')).toEqual({ date: '2026-11-24', minutes: 30 })
    expect(zoned('not a date', 'Europe/Berlin')).toBeNull()
  })

  it('follows daylight saving time', () => {
    expect(offsetAt('Europe/Berlin', Date.parse('2026-07-01T12:00:00Z'))).toBe(120)
    expect(offsetAt('Europe/Berlin', Date.parse('2026-01-01T12:00:00Z'))).toBe(60)
    expect(zonedIso('2026-07-01', 9 * 60, 'Europe/Berlin')).toBe('2026-07-01T09:00:00+02:00')
    expect(zonedIso('2026-11-23', 16 * 60, 'Europe/Berlin')).toBe('2026-11-23T16:00:00+01:00')
    // the night the clocks go forward (29 March 2026, 02:00 → 03:00)
    expect(zonedIso('2026-03-29', 4 * 60, 'Europe/Berlin')).toBe('2026-03-29T04:00:00+02:00')
    expect(zonedIso('2026-03-29', 60, 'Europe/Berlin')).toBe('2026-03-29T01:00:00+01:00')
  })

  it('round-trips every quarter hour of a day', () => {
    for (let m = 0; m < 1440; m += 15) {
      if (m >= 120 && m < 180) continue // 02:00–03:00 does not exist that night
      const iso = zonedIso('2026-03-29', m, 'Europe/Berlin')
      expect(zoned(iso, 'Europe/Berlin')).toEqual({ date: '2026-03-29', minutes: m })
    }
  })

  it('rolls minutes past midnight into the next day', () => {
    expect(zonedIso('2026-11-23', 1440, 'UTC')).toBe('2026-11-24T00:00:00+00:00')
  })

  it('formats, parses and snaps minutes', () => {
    expect(formatMinutes(960)).toBe('16:00')
    expect(formatMinutes(545)).toBe('09:05')
    expect(parseMinutes('9:05')).toBe(545)
    expect(parseMinutes('24:00')).toBe(1440)
    expect(parseMinutes('12:75')).toBeNull()
    expect(snapDown(547, 15)).toBe(540)
    expect(snap(553, 15)).toBe(555)
  })

  it('knows the date in the zone', () => {
    expect(todayIn('Europe/Berlin', new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24')
  })
})
