import { describe, expect, it } from 'vitest'
import { auditUrl, changeFromSearch, filtersFromSearch, hasFilters, isMoment, isoToZoned, zonedToIso } from './audit'

describe('the audit’s filters in the URL', () => {
  it('reads the filters, dropping unknown kinds and empty values', () => {
    expect(filtersFromSearch('?area=timetable&actor=manager&kind=changed&money=true&change=12&doc=')).toEqual({
      area: 'timetable',
      actor: 'manager',
      kind: 'changed',
      money: true,
    })
    expect(filtersFromSearch('?kind=exploded&money=yes')).toEqual({})
  })
  it('writes them back, with the change shown; a round trip keeps them', () => {
    const f = { since: '3', until: '4', area: 'clients', doc: 'client:c1', kind: 'removed' as const, money: true }
    const url = auditUrl(f, 42)
    expect(url).toBe('/audit?since=3&until=4&area=clients&doc=client%3Ac1&kind=removed&money=true&change=42')
    expect(filtersFromSearch(url.slice('/audit'.length))).toEqual(f)
    expect(changeFromSearch(url.slice('/audit'.length))).toBe(42)
    expect(auditUrl({})).toBe('/audit')
  })
  it('the change shown is a number or none', () => {
    expect(changeFromSearch('?change=abc')).toBeNull()
    expect(changeFromSearch('')).toBeNull()
  })
  it('tells filters from the window, and moments from checkpoints', () => {
    expect(hasFilters({ since: '3' })).toBe(false)
    expect(hasFilters({ money: true })).toBe(true)
    expect(isMoment('2026-11-03T05:30:00.000Z')).toBe(true)
    expect(isMoment('3')).toBe(false)
    expect(isMoment('start')).toBe(false)
  })
})

describe('from/to in the center’s time zone', () => {
  it('reads a wall time in the zone', () => {
    expect(zonedToIso('2026-11-03T09:30', 'Asia/Yerevan')).toBe('2026-11-03T05:30:00.000Z')
    expect(zonedToIso('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z')
    expect(zonedToIso('2026-01-01T09:00', 'Europe/Berlin')).toBe('2026-01-01T08:00:00.000Z')
    expect(zonedToIso('nonsense', 'UTC')).toBeUndefined()
  })
  it('shows a moment as the wall time there', () => {
    expect(isoToZoned('2026-11-03T05:30:00Z', 'Asia/Yerevan')).toBe('2026-11-03T09:30')
    expect(isoToZoned('2026-07-01T07:00:00Z', 'Europe/Berlin')).toBe('2026-07-01T09:00')
    expect(isoToZoned(null, 'UTC')).toBe('')
    expect(isoToZoned('x', 'UTC')).toBe('')
  })
})
