import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatDateEntry, isRealDay, parseDateEntry, parseTimeEntry } from './date-entry'
import { LOCALES } from './locales'

const today = new Date('2026-12-03T12:00:00Z')
const day = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

describe('dates as people type them', () => {
  it('shows a day in the language’s order: day first, dots in Armenian and Russian, slashes in English', () => {
    expect(formatDateEntry('2026-12-03', 'hy')).toBe('03.12.2026')
    expect(formatDateEntry('2026-12-03', 'ru')).toBe('03.12.2026')
    expect(formatDateEntry('2026-12-03', 'en')).toBe('03/12/2026')
    expect(formatDateEntry('', 'en')).toBe('')
    expect(formatDateEntry(null, 'ru')).toBe('')
  })

  it('reads back every day it shows, in every language', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...LOCALES), (iso, locale) => {
        expect(parseDateEntry(formatDateEntry(iso, locale), today)).toBe(iso)
      }),
    )
  })

  it('understands the ways people type a date', () => {
    for (const typed of [
      '3.12.2026',
      '03/12/2026',
      '3-12-2026',
      '3 12 2026',
      '03122026',
      '2026-12-03',
      ' 3 . 12 . 2026 ',
      '3.12.26',
    ])
      expect(parseDateEntry(typed, today), typed).toBe('2026-12-03')
    // a two-figure year: the nearest, up to ten years ahead
    expect(parseDateEntry('1.1.98', today)).toBe('1998-01-01')
    expect(parseDateEntry('1.1.36', today)).toBe('2036-01-01')
    expect(parseDateEntry('1.1.37', today)).toBe('1937-01-01')
  })

  it('refuses what is not a day of the calendar', () => {
    for (const typed of [
      '31.04.2026',
      '29.02.2026',
      '0.1.2026',
      '1.13.2026',
      '12/31/2026',
      'tomorrow',
      '1.2',
      '1.2.2026.5',
      '123.1.2026',
      '1.1.202',
    ])
      expect(parseDateEntry(typed, today), typed).toBeNull()
    expect(parseDateEntry('29.02.2028', today)).toBe('2028-02-29')
    expect(parseDateEntry('', today)).toBeNull()
    expect(isRealDay('2026-02-29')).toBe(false)
  })
})

describe('times as people type them', () => {
  it('reads 24-hour times however they are typed', () => {
    const cases: Record<string, string> = {
      '14:05': '14:05',
      '14.05': '14:05',
      '9:5': '09:05',
      '1405': '14:05',
      '905': '09:05',
      '9': '09:00',
      '0:00': '00:00',
      '23:59': '23:59',
    }
    for (const [typed, hhmm] of Object.entries(cases)) expect(parseTimeEntry(typed), typed).toBe(hhmm)
  })

  it('refuses what is not a time of day', () => {
    for (const typed of ['24:00', '12:60', '2 PM', 'noon', '12345', '', '1:2:3']) expect(parseTimeEntry(typed), typed).toBeNull()
  })

  it('reads back every time of day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
        expect(parseTimeEntry(hhmm)).toBe(hhmm)
      }),
    )
  })
})
