import { describe, expect, it } from 'vitest'
import { DEMO_CLOSURES, demoClosures } from './seed-data'

describe('the demo holidays', () => {
  it('are the country’s, dated in the school year', () => {
    const all = demoClosures('hy', 2026, '2026-10-15')
    expect(all).toHaveLength(DEMO_CLOSURES.hy.length)
    expect(all.find((c) => c.fromDate === '2026-12-31')?.toDate).toBe('2027-01-07')
  })

  it('leave out any over the weeks around the day the demo is made (a week back, two ahead)', () => {
    const names = (today: string) => demoClosures('en', 2026, today).map((c) => c.name)
    // the winter break runs 23 Dec – 6 Jan
    expect(names('2026-12-05')).toEqual(['Winter holidays', 'Pool maintenance'])
    expect(names('2026-12-08')).toEqual(['Winter holidays', 'Pool maintenance'])
    expect(names('2026-12-09')).toEqual(['Pool maintenance']) // 23 Dec is 14 days on
    expect(names('2026-12-28')).toEqual(['Pool maintenance'])
    expect(names('2027-01-13')).toEqual(['Pool maintenance']) // 6 Jan is 7 days back
    expect(names('2027-01-14')).toEqual(['Winter holidays', 'Pool maintenance'])
    // a one-day holiday on the day itself
    expect(demoClosures('hy', 2026, '2026-09-21').some((c) => c.fromDate === '2026-09-21')).toBe(false)
  })
})
