import { describe, expect, it } from 'vitest'
import { addDays, isoWeekOf, isoWeekday, mondayOf, parseTimetableKey, zonedDateTime, zonedTimesOn } from './timetable-week'

describe('timetable week codec', () => {
  it('computes ISO weeks, including year boundaries', () => {
    expect(isoWeekOf('2026-11-27')).toBe('2026-W48')
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53')
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01')
    expect(mondayOf('2026-W48')).toBe('2026-11-23')
    expect(mondayOf('2025-W01')).toBe('2024-12-30')
    expect(addDays('2026-11-30', 2)).toBe('2026-12-02')
    expect(isoWeekday('2026-11-29')).toBe(7)
  })

  it('parses document keys and refuses malformed ones', () => {
    const id = '3f1c2d4e-0000-4000-8000-000000000001'
    expect(parseTimetableKey(`${id}:2026-W48`)).toEqual({ branchId: id, week: '2026-W48' })
    expect(parseTimetableKey(`${id}:2026-W54`)).toBeNull()
    expect(parseTimetableKey(`${id}:2025-W53`)).toBeNull() // 2025 has 52 ISO weeks
    expect(parseTimetableKey(`${id}:2020-W53`)).not.toBeNull()
    expect(parseTimetableKey('nope:2026-W48')).toBeNull()
    expect(parseTimetableKey(`${id}:2026-W48:x`)).toBeNull()
  })

  it('turns local wall-clock times into ISO date-times with the zone offset', () => {
    expect(zonedDateTime('2026-11-23', '16:00', 'Europe/Berlin')).toBe('2026-11-23T16:00:00+01:00')
    expect(zonedDateTime('2026-07-06', '09:30', 'Europe/Berlin')).toBe('2026-07-06T09:30:00+02:00')
    expect(zonedDateTime('2026-07-06', '09:30', 'America/New_York')).toBe('2026-07-06T09:30:00-04:00')
    expect(new Date(zonedDateTime('2026-11-23', '16:00', 'Europe/Berlin')).toISOString()).toBe('2026-11-23T15:00:00.000Z')
  })
})

describe('zoned times of one date', () => {
  it('agrees with zonedDateTime on ordinary days and on the days clocks change', () => {
    for (const [date, tz] of [
      ['2026-11-23', 'Europe/Berlin'],
      ['2027-03-28', 'Europe/Berlin'],
      ['2027-10-31', 'Europe/Berlin'],
      ['2027-03-14', 'America/New_York'],
      ['2027-04-04', 'Australia/Adelaide'],
      ['2027-01-11', 'Asia/Kathmandu'],
      ['2027-01-11', 'UTC'],
    ]) {
      const at = zonedTimesOn(date, tz)
      for (const time of ['00:00', '01:30', '02:30', '03:00', '9:15', '16:00', '23:45'])
        expect(at(time)).toBe(zonedDateTime(date, time, tz))
    }
    // the days Berlin changes its clocks (offsets are cached per quarter hour)
    expect(zonedTimesOn('2027-03-28', 'Europe/Berlin')('01:30')).toBe('2027-03-28T01:30:00+01:00')
    expect(zonedTimesOn('2027-03-28', 'Europe/Berlin')('03:00')).toBe('2027-03-28T03:00:00+02:00')
    expect(zonedTimesOn('2027-10-31', 'Europe/Berlin')('01:30')).toBe('2027-10-31T01:30:00+02:00')
    expect(zonedTimesOn('2027-10-31', 'Europe/Berlin')('03:00')).toBe('2027-10-31T03:00:00+01:00')
  })
})
