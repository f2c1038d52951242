import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '../i18n/locale'
import { formatDateTime, formatLongDate, formatWhen, greeting, isoToLocal, localToIso } from './dates'

describe('dates', () => {
  afterEach(() => setLocale('en'))

  it('greets by the hour, in the tab’s language', () => {
    setLocale('en')
    expect(greeting(new Date(2026, 2, 3, 9))).toBe('Good morning')
    expect(greeting(new Date(2026, 2, 3, 14))).toBe('Good afternoon')
    expect(greeting(new Date(2026, 2, 3, 20))).toBe('Good evening')
    setLocale('ru')
    expect(greeting(new Date(2026, 2, 3, 9))).toBe('Доброе утро')
    setLocale('hy')
    expect(greeting(new Date(2026, 2, 3, 20))).toBe('Բարի երեկո')
  })

  it('shows 24-hour times in every language (no AM/PM), in the given time zone', () => {
    const at = '2026-03-03T17:05:00Z'
    setLocale('en')
    expect(formatDateTime(at, 'Asia/Yerevan')).toMatch(/3 Mar 2026.*21:05/)
    expect(formatDateTime(at, 'Asia/Yerevan')).not.toMatch(/PM|AM/i)
    setLocale('ru')
    expect(formatDateTime(at, 'Asia/Yerevan')).toMatch(/3 мар.*2026.*21:05/)
    expect(formatWhen(at, new Date('2026-03-03T18:00:00Z'), 'UTC')).toBe('17:05')
    setLocale('hy')
    expect(formatLongDate(new Date(at), 'Asia/Yerevan')).toMatch(/^3 .*2026.*, երեքշաբթի$/)
    setLocale('en')
    expect(formatLongDate(new Date(at), 'Asia/Yerevan')).toBe('Tuesday, 3 Mar 2026')
  })

  it('round-trips datetime-local values', () => {
    const iso = localToIso('2026-03-03T09:30')!
    expect(isoToLocal(iso)).toBe('2026-03-03T09:30')
    expect(localToIso('')).toBeUndefined()
    expect(isoToLocal('garbage')).toBe('')
  })
})
