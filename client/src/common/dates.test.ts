import { describe, expect, it } from 'vitest'
import { greeting, isoToLocal, localToIso } from './dates'

describe('dates', () => {
  it('greets by the hour', () => {
    expect(greeting(new Date(2026, 2, 3, 9))).toBe('Good morning')
    expect(greeting(new Date(2026, 2, 3, 14))).toBe('Good afternoon')
    expect(greeting(new Date(2026, 2, 3, 20))).toBe('Good evening')
  })
  it('round-trips datetime-local values', () => {
    const iso = localToIso('2026-03-03T09:30')!
    expect(isoToLocal(iso)).toBe('2026-03-03T09:30')
    expect(localToIso('')).toBeUndefined()
    expect(isoToLocal('garbage')).toBe('')
  })
})
