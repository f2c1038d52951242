import { describe, expect, it } from 'vitest'
import { reportPeriod } from './period'

describe('reportPeriod', () => {
  const now = new Date('2026-12-04T10:00:00Z')
  it('this and last month, this year, the last twelve months', () => {
    expect(reportPeriod('thisMonth', 'UTC', now)).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(reportPeriod('lastMonth', 'UTC', now)).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(reportPeriod('thisYear', 'UTC', now)).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(reportPeriod('last12', 'UTC', now)).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(reportPeriod('last12', 'UTC', new Date('2026-03-10T10:00:00Z'))).toEqual({ from: '2025-04-01', to: '2026-03-31' })
    expect(reportPeriod('lastMonth', 'UTC', new Date('2026-01-10T10:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' })
  })
  it('takes today in the branch’s time zone', () => {
    expect(reportPeriod('thisMonth', 'Asia/Yerevan', new Date('2026-11-30T22:30:00Z'))).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    })
  })
})
