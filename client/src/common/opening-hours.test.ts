import { describe, expect, it } from 'vitest'
import { summarizeHours } from './opening-hours'

describe('opening hours summary', () => {
  it('groups consecutive days with the same hours', () => {
    const wk = (o: string, c: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [o, c]]))
    expect(summarizeHours({ ...wk('08:00', '21:00'), sat: ['09:00', '18:00'] })).toBe('Mon–Fri 08:00–21:00, Sat 09:00–18:00')
    expect(summarizeHours({ mon: ['10:00', '12:00'], wed: ['10:00', '12:00'] })).toBe('Mon 10:00–12:00, Wed 10:00–12:00')
  })
  it('says when nothing is set', () => {
    expect(summarizeHours(null)).toBe('Not set')
    expect(summarizeHours({})).toBe('Closed')
  })
})
