import { describe, expect, it } from 'vitest'
import { subjectLink } from './crm-audit-queries'

describe('where a queried change is seen', () => {
  it('links a client’s file and a week of the timetable', () => {
    expect(subjectLink({ type: 'client', id: 'c1' })).toBe('/clients/c1')
    expect(subjectLink({ type: 'timetable', id: '6f1c2a52-9a43-4d6e-8a7b-0c1d2e3f4a5b:2026-W10' })).toBe(
      '/timetable?branch=6f1c2a52-9a43-4d6e-8a7b-0c1d2e3f4a5b&date=2026-03-02&view=week',
    )
  })
  it('links nothing else', () => {
    expect(subjectLink({ type: 'timetable', id: 'nonsense' })).toBeNull()
    expect(subjectLink({ type: 'pass', id: 'p1' })).toBeNull()
    expect(subjectLink({ type: 'client', id: null })).toBeNull()
  })
})
