import { describe, expect, it } from 'vitest'
import { formatMonthYear } from '../../../domain/i18n/format'
import { type ActivityProgress, monthOf, monthlySeries, monthsBetween, progressOf } from './progress'

const activity = (id: string, timeline: ActivityProgress['timeline']): ActivityProgress => ({
  activityId: id,
  activity: id,
  marked: timeline?.length ?? 0,
  attended: 0,
  attendanceRate: null,
  averageGrade: null,
  lastComments: [],
  timeline,
})

describe('progress over time', () => {
  it('puts a lesson in its month in the branch’s time zone', () => {
    expect(monthOf('2026-01-31T21:30:00Z', 'Asia/Yerevan')).toBe('2026-02')
    expect(monthOf('2026-01-31T21:30:00Z', 'UTC')).toBe('2026-01')
  })

  it('lists every month between two, across a year', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
  })

  it('rolls the journal up by month, per activity, gaps kept', () => {
    const s = monthlySeries(
      [
        activity('robotics', [
          { at: '2026-01-10T10:00:00Z', attended: true, grade: 4 },
          { at: '2026-01-17T10:00:00Z', attended: false, grade: null },
          { at: '2026-03-07T10:00:00Z', attended: true, grade: 5 },
        ]),
        activity('chess', [{ at: '2026-02-02T10:00:00Z', attended: true, grade: null }]),
      ],
      'UTC',
    )
    expect(s.months).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(s.attendance).toEqual([
      [50, null, 100],
      [null, 100, null],
    ])
    expect(s.grades).toEqual([
      [4, null, 5],
      [null, null, null],
    ])
    expect(s.graded).toBe(true)
  })

  it('has nothing to draw without a timeline (an older server)', () => {
    expect(monthlySeries([activity('x', undefined)], 'UTC').months).toEqual([])
    expect(progressOf([null, 'x', { activityId: 'a' }])).toEqual([{ activityId: 'a' }])
  })

  it('names a month in each language', () => {
    expect(formatMonthYear('2026-12', 'en')).toBe('Dec 2026')
    expect(formatMonthYear('2026-12', 'ru')).toBe('дек. 2026 г.')
    expect(formatMonthYear('2026-12', 'hy')).toBe('2026 թ. դեկ')
  })
})
