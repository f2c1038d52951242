import { describe, expect, it } from 'vitest'
import type { DocLesson, LessonRow } from '../../data/timetable'
import { columnsFor, filterLessons, hourRange, mergeLessons, neighbour, newMergeCache, placeLessons, sameLesson } from './layout'

const TZ = 'Europe/Berlin'
const lesson = (id: string, roomId: string, start: string, end: string, extra: Partial<DocLesson> = {}): DocLesson => ({
  id,
  roomId,
  start: `2026-11-23T${start}:00+01:00`,
  end: `2026-11-23T${end}:00+01:00`,
  activityId: 'act',
  groupId: null,
  teacherId: 't1',
  status: 'planned',
  note: '',
  ...extra,
})
const row = (id: string, patch: Partial<LessonRow>): LessonRow => ({
  id,
  roomId: null,
  start: null,
  end: null,
  activityId: null,
  groupId: null,
  teacherId: null,
  status: 'planned',
  note: '',
  valid: true,
  problems: [],
  clashes: [],
  memberCount: 5,
  capacity: 12,
  red: false,
  owing: [],
  ...patch,
})

describe('timetable view model', () => {
  it('places the same lessons in the same order whichever order they come in (the grid moves no block)', () => {
    const ls = [
      lesson('a', 'r2', '16:00', '17:00'),
      lesson('b', 'r1', '18:00', '19:00'),
      lesson('c', 'r1', '09:00', '10:00'),
      lesson('d', 'r2', '08:00', '09:00'),
    ]
    const cols = columnsFor(['2026-11-23'], ['r1', 'r2'])
    const order = (list: DocLesson[]) => placeLessons(mergeLessons(list, new Map(), TZ).lessons, cols).map((p) => p.lesson.id)
    expect(order(ls)).toEqual(['c', 'b', 'd', 'a'])
    expect(order([...ls].reverse())).toEqual(['c', 'b', 'd', 'a'])
  })

  it("reads a time written in UTC (the projection) as the same wall time as one written with the zone's offset (the document)", () => {
    const doc = mergeLessons([lesson('a', 'r1', '16:00', '17:00')], new Map(), TZ).lessons[0]
    const utc = mergeLessons(
      [lesson('a', 'r1', '16:00', '17:00', { start: '2026-11-23T15:00:00.000Z', end: '2026-11-23T16:00:00.000Z' })],
      new Map(),
      TZ,
    ).lessons[0]
    expect([utc.date, utc.startMin, utc.endMin]).toEqual([doc.date, doc.startMin, doc.endMin])
  })

  it('takes positions from the document and flags from the projection', () => {
    const { lessons, unplaced } = mergeLessons(
      [lesson('a', 'r1', '16:00', '17:00'), lesson('b', 'r1', '09:00', '10:00', { start: 'garbage' })],
      new Map([['a', row('a', { clashes: ['room_clash'], red: true, status: 'done', start: '2026-11-23T10:00:00+01:00' })]]),
      TZ,
    )
    expect(lessons).toHaveLength(1)
    expect(lessons[0]).toMatchObject({
      id: 'a',
      date: '2026-11-23',
      startMin: 960,
      endMin: 1020,
      clashes: ['room_clash'],
      red: true,
      status: 'done',
      memberCount: 5,
    })
    expect(unplaced.map((u) => u.lesson.id)).toEqual(['b'])
  })

  it('redoes only the lessons whose document values or projection row changed', () => {
    const cache = newMergeCache()
    const a = lesson('a', 'r1', '16:00', '17:00')
    const b = lesson('b', 'r1', '18:00', '19:00')
    const rows = new Map([
      ['a', row('a', {})],
      ['b', row('b', {})],
    ])
    const first = mergeLessons([a, b], rows, TZ, cache)
    expect(mergeLessons([a, b], rows, TZ, cache)).toBe(first) // nothing changed: the same result
    const moved = { ...b, start: '2026-11-23T18:30:00+01:00' }
    const second = mergeLessons([a, moved], rows, TZ, cache)
    expect(second.lessons[0]).toBe(first.lessons[0])
    expect(second.lessons[1]).toMatchObject({ id: 'b', startMin: 18 * 60 + 30 })
    const flagged = new Map([...rows, ['a', row('a', { clashes: ['room_clash'] })]])
    const third = mergeLessons([a, moved], flagged, TZ, cache)
    expect(third.lessons[0]).toMatchObject({ id: 'a', clashes: ['room_clash'], startMin: 960 })
    expect(third.lessons[1]).toBe(second.lessons[1])
    expect(mergeLessons([a], flagged, TZ, cache).lessons.map((l) => l.id)).toEqual(['a'])
  })

  it('lays out columns day-major and places lessons side by side when they overlap', () => {
    const cols = columnsFor(['2026-11-23', '2026-11-24'], ['r1', 'r2'])
    expect(cols.map((c) => `${c.dayIndex}:${c.roomId}`)).toEqual(['0:r1', '0:r2', '1:r1', '1:r2'])
    const { lessons } = mergeLessons(
      [
        lesson('a', 'r1', '16:00', '17:00'),
        lesson('b', 'r1', '16:30', '17:30'),
        lesson('c', 'r1', '17:30', '18:00'),
        lesson('d', 'r2', '16:00', '17:00'),
        lesson('x', 'r9', '16:00', '17:00'),
      ],
      new Map(),
      TZ,
    )
    const placed = placeLessons(lessons, cols)
    const by = Object.fromEntries(placed.map((p) => [p.lesson.id, p]))
    expect(by.a).toMatchObject({ col: 0, lane: 0, lanes: 2 })
    expect(by.b).toMatchObject({ col: 0, lane: 1, lanes: 2 })
    expect(by.c).toMatchObject({ col: 0, lane: 0, lanes: 1 })
    expect(by.d).toMatchObject({ col: 1, lane: 0, lanes: 1 })
    expect(by.x).toBeUndefined() // a room not shown
  })

  it('filters by room, teacher, activity and group', () => {
    const { lessons } = mergeLessons(
      [lesson('a', 'r1', '16:00', '17:00'), lesson('b', 'r2', '16:00', '17:00', { teacherId: 't2', groupId: 'g1' })],
      new Map(),
      TZ,
    )
    expect(filterLessons(lessons, { roomId: '', teacherId: 't2', activityId: '', groupId: '' }).map((l) => l.id)).toEqual(['b'])
    expect(filterLessons(lessons, { roomId: 'r1', teacherId: '', activityId: '', groupId: '' }).map((l) => l.id)).toEqual(['a'])
    expect(filterLessons(lessons, { roomId: '', teacherId: '', activityId: '', groupId: 'g1' }).map((l) => l.id)).toEqual(['b'])
  })

  it('shows the opening hours, widened to the lessons', () => {
    expect(hourRange([['08:00', '21:00'], ['09:00', '18:00'], undefined], [])).toEqual([480, 1260])
    const { lessons } = mergeLessons([lesson('a', 'r1', '07:30', '08:30'), lesson('b', 'r1', '21:00', '21:45')], new Map(), TZ)
    expect(hourRange([['08:00', '21:00']], lessons)).toEqual([420, 1320])
    expect(hourRange([], [])).toEqual([480, 1260])
  })

  it('moves the keyboard selection to neighbours', () => {
    const cols = columnsFor(['2026-11-23'], ['r1', 'r2', 'r3'])
    const { lessons } = mergeLessons(
      [
        lesson('a', 'r1', '09:00', '10:00'),
        lesson('b', 'r1', '11:00', '12:00'),
        lesson('c', 'r3', '11:30', '12:00'),
        lesson('d', 'r3', '08:00', '08:30'),
      ],
      new Map(),
      TZ,
    )
    const placed = placeLessons(lessons, cols)
    expect(neighbour(placed, null, 'down')).toBe('a')
    expect(neighbour(placed, 'a', 'down')).toBe('b')
    expect(neighbour(placed, 'b', 'up')).toBe('a')
    expect(neighbour(placed, 'a', 'up')).toBe('a')
    expect(neighbour(placed, 'b', 'right')).toBe('c') // skips the empty room, closest in time
    expect(neighbour(placed, 'a', 'right')).toBe('d')
    expect(neighbour(placed, 'c', 'left')).toBe('b')
  })
})

describe('sameLesson', () => {
  it('compares every field, times as instants', () => {
    const l = lesson('a', 'r1', '10:00', '11:00', { note: 'bring shoes' })
    const r = row('a', {
      roomId: 'r1',
      start: '2026-11-23T09:00:00Z',
      end: '2026-11-23T10:00:00.000Z',
      activityId: 'act',
      teacherId: 't1',
      note: 'bring shoes',
    })
    expect(sameLesson(l, r)).toBe(true)
    expect(sameLesson({ ...l, roomId: 'r2' }, r)).toBe(false)
    expect(sameLesson({ ...l, end: '2026-11-23T11:15:00+01:00' }, r)).toBe(false)
    expect(sameLesson({ ...l, status: 'done' }, r)).toBe(false)
    expect(sameLesson({ ...l, groupId: 'g1' }, r)).toBe(false)
    expect(sameLesson(l, { ...r, start: null })).toBe(false)
  })
})
