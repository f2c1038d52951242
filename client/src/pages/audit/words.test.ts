import { describe, expect, it } from 'vitest'
import { momentOf } from './words'

describe('a moment typed as a date and a time', () => {
  const form = (entries: Record<string, string>) => {
    const d = new FormData()
    for (const [k, v] of Object.entries(entries)) d.set(k, v)
    return d
  }
  it('joins the date and the time', () => {
    expect(momentOf(form({ fromDate: '2026-11-03', fromTime: '09:30' }), 'from')).toBe('2026-11-03T09:30')
  })
  it('a date alone is its start, or the start of the next day for an end', () => {
    expect(momentOf(form({ toDate: '2026-12-31', toTime: '' }), 'to')).toBe('2026-12-31T00:00')
    expect(momentOf(form({ toDate: '2026-12-31' }), 'to', true)).toBe('2027-01-01T00:00')
  })
  it('no date, no moment', () => {
    expect(momentOf(form({ fromTime: '09:30' }), 'from')).toBeNull()
    expect(momentOf(form({ fromDate: 'nonsense' }), 'from')).toBeNull()
  })
})
