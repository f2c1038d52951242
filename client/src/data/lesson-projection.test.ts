import { describe, expect, it } from 'vitest'
import { reuseUnchangedRows, rowSignature } from './lesson-projection'
import type { LessonRow } from './timetable'

const row = (id: string, patch: Partial<LessonRow> = {}): LessonRow => ({
  id,
  roomId: 'r1',
  start: '2026-11-30T09:00:00.000Z',
  end: '2026-11-30T10:00:00.000Z',
  activityId: 'a1',
  groupId: 'g1',
  teacherId: 't1',
  status: 'planned',
  note: '',
  valid: true,
  problems: [],
  clashes: [],
  memberCount: 4,
  capacity: 8,
  red: false,
  owing: [],
  ...patch,
})

describe('reuseUnchangedRows', () => {
  it('keeps the previous row object where nothing the grid shows changed, and takes the new one elsewhere', () => {
    const prev = new Map([
      ['l1', row('l1')],
      ['l2', row('l2')],
    ])
    const fresh = [row('l1'), row('l2', { clashes: ['room_clash'] })]
    const next = reuseUnchangedRows(prev, fresh)!
    expect(next.get('l1')).toBe(prev.get('l1'))
    expect(next.get('l2')).toBe(fresh[1])
  })

  it('is null when no row changed (nothing to render), and not when one came or went', () => {
    const prev = new Map([['l1', row('l1')]])
    expect(reuseUnchangedRows(prev, [row('l1')])).toBeNull()
    expect(reuseUnchangedRows(prev, [row('l1'), row('l2')])?.size).toBe(2)
    expect(reuseUnchangedRows(prev, [])?.size).toBe(0)
  })

  it('tells owing apart by client and reason (its message and parameters)', () => {
    const owes = (id: string, params?: Record<string, string>) =>
      row('l1', { red: true, owing: [{ clientId: 'c1', name: 'Ann', reasons: [{ id, params }] }] })
    expect(rowSignature(owes('passes.owing.unpaid'))).not.toBe(rowSignature(owes('passes.owing.expired')))
    expect(rowSignature(owes('passes.owing.unpaid', { activity: 'Chess' }))).not.toBe(
      rowSignature(owes('passes.owing.unpaid', { activity: 'Art' })),
    )
    expect(rowSignature(owes('passes.owing.unpaid', { activity: 'Chess' }))).toBe(
      rowSignature(owes('passes.owing.unpaid', { activity: 'Chess' })),
    )
  })

  it('tells problems apart by message and parameters', () => {
    const bad = (params: Record<string, string>) =>
      row('l1', { valid: false, problems: [{ id: 'timetable.problem.groupDeleted', params }] })
    expect(rowSignature(bad({ group: 'A' }))).not.toBe(rowSignature(bad({ group: 'B' })))
  })
})
