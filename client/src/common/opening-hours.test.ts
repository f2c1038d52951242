import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '../i18n/locale'
import { summarizeHours } from './opening-hours'

describe('opening hours summary', () => {
  afterEach(() => setLocale('en'))
  const wk = (o: string, c: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [o, c]]))

  it('groups consecutive days with the same hours', () => {
    setLocale('en')
    expect(summarizeHours({ ...wk('08:00', '21:00'), sat: ['09:00', '18:00'] })).toBe('Mon–Fri 08:00–21:00, Sat 09:00–18:00')
    expect(summarizeHours({ mon: ['10:00', '12:00'], wed: ['10:00', '12:00'] })).toBe('Mon 10:00–12:00, Wed 10:00–12:00')
  })
  it('names the days in the tab’s language', () => {
    setLocale('ru')
    expect(summarizeHours({ ...wk('08:00', '21:00'), sat: ['09:00', '18:00'] })).toBe('пн–пт 08:00–21:00, сб 09:00–18:00')
    expect(summarizeHours(null)).toBe('Не заданы')
    setLocale('hy')
    expect(summarizeHours({})).toBe('Փակ է')
  })
  it('says when nothing is set', () => {
    setLocale('en')
    expect(summarizeHours(null)).toBe('Not set')
    expect(summarizeHours({})).toBe('Closed')
  })
})
