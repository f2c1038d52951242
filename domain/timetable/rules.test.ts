import { describe, expect, it } from 'vitest'
import { findClashes, lessonRowFrom, planLessons, type ActivityInfo, type GroupInfo, type RoomInfo } from './rules'

const B = '00000000-0000-4000-8000-0000000000b1'
const B2 = '00000000-0000-4000-8000-0000000000b2'
const R1 = '00000000-0000-4000-8000-0000000000a1'
const R2 = '00000000-0000-4000-8000-0000000000a2'
const RX = '00000000-0000-4000-8000-0000000000a9'
const ACT = '00000000-0000-4000-8000-0000000000c1'
const T1 = '00000000-0000-4000-8000-0000000000d1'
const T2 = '00000000-0000-4000-8000-0000000000d2'
const G1 = '00000000-0000-4000-8000-0000000000e1'
const GDEL = '00000000-0000-4000-8000-0000000000e9'

const rooms = new Map<string, RoomInfo>([
  [R1, { id: R1, branchId: B, capacity: 10, name: 'Lab' }],
  [R2, { id: R2, branchId: B, capacity: 4, name: 'Music' }],
  [RX, { id: RX, branchId: B2, capacity: 20, name: 'Pool' }],
])
const groups = new Map<string, GroupInfo>([
  [G1, { id: G1, deleted: false, memberCount: 6, capacity: null, activityId: ACT, name: 'Robotics A' }],
  [GDEL, { id: GDEL, deleted: true, memberCount: 0, capacity: null, activityId: ACT, name: 'Old group' }],
])
const activities = new Map<string, ActivityInfo>([[ACT, { id: ACT, maxGroupSize: 12, name: 'Robotics', durationMinutes: 60 }]])
const ctx = { branchId: B, weekStart: '2026-11-23', weekEnd: '2026-11-29', rooms, groups, activities }
const lesson = (over: Record<string, unknown> = {}) => ({
  roomId: R1,
  start: '2026-11-23T16:00:00+01:00',
  end: '2026-11-23T17:00:00+01:00',
  activityId: ACT,
  groupId: G1,
  teacherId: T1,
  status: 'planned',
  note: '',
  ...over,
})

describe('lesson rules', () => {
  it('accepts a well-formed lesson', () => {
    const row = lessonRowFrom('l1', lesson(), ctx)
    expect(row.valid).toBe(true)
    expect(row.startsAt?.toISOString()).toBe('2026-11-23T15:00:00.000Z')
  })

  it('flags a lesson ending before it starts, in another branch’s room, for a deleted group', () => {
    expect(lessonRowFrom('l', lesson({ end: '2026-11-23T15:00:00+01:00' }), ctx).problems).toContainEqual({
      id: 'timetable.problem.endsBeforeStart',
    })
    expect(lessonRowFrom('l', lesson({ roomId: RX }), ctx).problems).toContainEqual({
      id: 'timetable.problem.roomOfOtherBranch',
      params: { room: 'Pool' },
    })
    expect(lessonRowFrom('l', lesson({ groupId: GDEL }), ctx).problems).toContainEqual({
      id: 'timetable.problem.groupDeleted',
      params: { group: 'Old group' },
    })
    expect(lessonRowFrom('l', lesson({ start: 'tomorrow' }), ctx).valid).toBe(false)
    expect(
      lessonRowFrom('l', lesson({ start: '2026-12-23T16:00:00+01:00', end: '2026-12-23T17:00:00+01:00' }), ctx).problems,
    ).toContainEqual({ id: 'timetable.problem.notThisWeek' })
  })

  it('finds room and teacher double bookings and over-capacity groups; cancelled lessons never clash', () => {
    const a = lessonRowFrom('a', lesson(), ctx)
    const b = lessonRowFrom(
      'b',
      lesson({ teacherId: T2, start: '2026-11-23T16:30:00+01:00', end: '2026-11-23T17:30:00+01:00' }),
      ctx,
    )
    const c = lessonRowFrom(
      'c',
      lesson({ roomId: R2, groupId: null, start: '2026-11-23T16:45:00+01:00', end: '2026-11-23T17:15:00+01:00' }),
      ctx,
    )
    const d = lessonRowFrom(
      'd',
      lesson({ roomId: R2, teacherId: T2, groupId: G1, start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T11:00:00+01:00' }),
      ctx,
    )
    const clashes = findClashes([a, b, c, d], rooms, groups, activities)
    const of = (kind: string) =>
      clashes
        .filter((x) => x.kind === kind)
        .map((x) => x.lessonId)
        .sort()
    expect(of('room_clash')).toEqual(['a', 'b'])
    expect(of('teacher_clash')).toEqual(['a', 'c'])
    expect(of('over_capacity')).toEqual(['d']) // 6 members in a room for 4
    const cancelled = { ...b, status: 'cancelled' }
    expect(findClashes([a, cancelled], rooms, groups, activities).filter((x) => x.kind === 'room_clash')).toHaveLength(0)
    // back to back is not a clash
    const e = lessonRowFrom('e', lesson({ start: '2026-11-23T17:00:00+01:00', end: '2026-11-23T18:00:00+01:00' }), ctx)
    expect(findClashes([a, e], rooms, groups, activities)).toHaveLength(0)
  })

  it('writes clash messages in the branch’s local time, naming what clashes', () => {
    const a = lessonRowFrom('a', lesson(), ctx)
    const b = lessonRowFrom(
      'b',
      lesson({ groupId: null, teacherId: T2, start: '2026-11-23T16:30:00+01:00', end: '2026-11-23T17:30:00+01:00' }),
      ctx,
    )
    const c = lessonRowFrom(
      'c',
      lesson({ roomId: R2, groupId: null, start: '2026-11-23T16:45:00+01:00', end: '2026-11-23T17:15:00+01:00' }),
      ctx,
    )
    const names = { teachers: new Map([[T1, 'Tess Teacher']]), timeZones: new Map([[B, 'Europe/Berlin']]) }
    const clashes = findClashes([a, b, c], rooms, groups, activities, names)
    const message = (kind: string, id: string) => clashes.find((x) => x.kind === kind && x.lessonId === id)?.message
    expect(message('room_clash', 'a')).toBe('Room Lab double-booked Mon 23 Nov 16:00–17:00: Robotics A and Robotics')
    expect(message('room_clash', 'b')).toBe('Room Lab double-booked Mon 23 Nov 16:30–17:30: Robotics and Robotics A')
    expect(message('teacher_clash', 'c')).toBe('Tess Teacher double-booked Mon 23 Nov 16:45–17:15: Robotics and Robotics A')
    // only: the same clashes, reported for the lessons asked about
    expect(
      findClashes([a, b, c], rooms, groups, activities, names, (id) => id === 'b').map((x) => `${x.kind} ${x.lessonId}`),
    ).toEqual(['room_clash b'])
    expect(
      findClashes([a, b, c], rooms, groups, activities, names, (id, kind) => id === 'a' && kind === 'teacher_clash').map(
        (x) => `${x.kind} ${x.lessonId} ${x.others}`,
      ),
    ).toEqual(['teacher_clash a c'])
  })

  it('plans a weekly pattern over a term, skipping closures, with stable ids', () => {
    const g = {
      id: G1,
      branchId: B,
      activityId: ACT,
      teacherId: T1,
      roomId: R1,
      pattern: [
        { weekday: 1, start: '16:00', end: '17:00' },
        { weekday: 3, start: '16:00', end: '17:00' },
      ],
      termStart: '2026-11-01',
      termEnd: '2026-12-31',
    }
    const plan = planLessons(
      [g],
      [{ branchId: B, fromDate: '2026-11-25', toDate: '2026-11-25' }],
      '2026-11-23',
      '2026-12-06',
      'Europe/Berlin',
    )
    expect(plan.map((p) => p.date)).toEqual(['2026-11-23', '2026-11-30', '2026-12-02'])
    expect(plan[0].week).toBe('2026-W48')
    expect(plan[0].data.start).toBe('2026-11-23T16:00:00+01:00')
    expect(planLessons([g], [], '2026-11-23', '2026-11-23', 'Europe/Berlin')[0].id).toBe(plan[0].id)
    expect(planLessons([g], [], '2027-01-04', '2027-01-10', 'Europe/Berlin')).toHaveLength(0) // after the term
  })
})

describe('a lesson written with an impossible date', () => {
  it('is flagged, never rolled over into another day or sent to the database', () => {
    const ctx = {
      branchId: 'b',
      weekStart: '2026-02-23',
      weekEnd: '2026-03-01',
      rooms: new Map(),
      groups: new Map(),
      activities: new Map(),
    }
    for (const start of ['2026-02-31T10:00:00Z', '0000-01-01T10:00:00Z', '2026-02-29T10:00:00+04:00']) {
      const row = lessonRowFrom('x', { start, end: '2026-03-01T11:00:00Z', status: 'planned' }, ctx)
      expect(row.startsAt, start).toBeNull()
      expect(row.problems, start).toContainEqual({ id: 'timetable.problem.badStart' })
    }
    expect(
      lessonRowFrom('y', { start: '2026-02-28T10:00:00+04:00', end: '2026-02-28T11:00:00+04:00' }, ctx).startsAt?.toISOString(),
    ).toBe('2026-02-28T06:00:00.000Z')
  })
})
