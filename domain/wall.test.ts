import { describe, expect, it } from 'vitest'
import { applyWallUpdate, changePercent, nowAndNext, type WallRoom, type WallSnapshot } from './wall'

const lesson = (id: string, from: string, to: string) => ({
  id,
  roomId: 'r',
  startsAt: `2026-12-03T${from}:00Z`,
  endsAt: `2026-12-03T${to}:00Z`,
  status: 'planned',
  groupName: id,
  activityName: null,
  color: null,
  present: 0,
  expected: 8,
})
const at = (hhmm: string) => Date.parse(`2026-12-03T${hhmm}:00Z`)

describe('nowAndNext', () => {
  const room: WallRoom = {
    id: 'r',
    name: 'Lab',
    capacity: 12,
    lessons: [lesson('a', '10:00', '11:00'), lesson('b', '11:30', '12:30')],
  }
  it('the lesson on now and the one after it', () => {
    expect(nowAndNext(room, at('10:15'))).toMatchObject({ now: { id: 'a' }, next: { id: 'b' } })
  })
  it('between lessons: none now, the next one', () => {
    expect(nowAndNext(room, at('11:10'))).toMatchObject({ now: null, next: { id: 'b' } })
  })
  it('after the last: nothing', () => {
    expect(nowAndNext(room, at('12:30'))).toEqual({ now: null, next: null })
  })
})

describe('applyWallUpdate', () => {
  const wall = {
    branch: { id: 'b1', name: 'Central', timeZone: 'Europe/Berlin' },
    branches: [],
    currency: 'EUR',
    today: '2026-12-03',
    generatedAt: '2026-12-03T10:00:00.000Z',
    rooms: [],
    totals: { checkIns: 1, checkInsLastWeek: 0, revenue: 0, revenueLastWeek: 0, perHour: [], perHourLastWeek: [] },
    flags: { items: [], counts: {} },
    runningOut: [],
  } satisfies WallSnapshot
  const totals = (checkIns: number) => ({ ...wall.totals, checkIns })

  it('replaces the parts an update carries and keeps the others', () => {
    const stamps = {}
    const next = applyWallUpdate(wall, stamps, {
      branchId: 'b1',
      today: '2026-12-03',
      generatedAt: '2026-12-03T10:00:01.000Z',
      parts: { totals: totals(2) },
    })
    expect(next.totals.checkIns).toBe(2)
    expect(next.rooms).toBe(wall.rooms)
    expect(stamps).toEqual({ totals: '2026-12-03T10:00:01.000Z' })
  })
  it('drops a part older than the one held (updates crossing on the wire), and another branch’s', () => {
    const stamps = { totals: '2026-12-03T10:00:05.000Z' }
    const older = { branchId: 'b1', today: '2026-12-03', generatedAt: '2026-12-03T10:00:02.000Z', parts: { totals: totals(9) } }
    expect(applyWallUpdate(wall, stamps, older)).toBe(wall)
    expect(applyWallUpdate(wall, {}, { ...older, generatedAt: '2026-12-03T09:59:00.000Z' })).toBe(wall)
    expect(applyWallUpdate(wall, {}, { ...older, branchId: 'b2', generatedAt: '2026-12-03T10:01:00.000Z' })).toBe(wall)
  })
})

describe('changePercent', () => {
  it('signed whole percent against a week before; nothing to compare with: null', () => {
    expect(changePercent(12, 10)).toBe(20)
    expect(changePercent(5, 10)).toBe(-50)
    expect(changePercent(3, 0)).toBeNull()
  })
})
