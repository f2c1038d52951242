import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { LiveEvents } from './live-events'
import { deleteLesson, lessonsOf, writeLesson } from './timetable'
import { TIMETABLE_MARKS } from './timetable-marks'
import { type TimetableChange, type WeekChange, type WeekLessons, subscribeTimetableChanges, subscribeWeekLessons } from './timetable-week'

const fields = {
  roomId: 'r1',
  start: '2026-11-30T10:00:00+01:00',
  end: '2026-11-30T11:00:00+01:00',
  activityId: 'a1',
  groupId: null,
  teacherId: 't1',
  status: 'planned',
  note: '',
}

afterEach(() => performance.clearMarks())

describe('subscribeWeekLessons', () => {
  it('reads the lessons at once, then only those a change touched; ours are local, the server’s not', () => {
    const doc = new Y.Doc()
    writeLesson(doc, 'l1', fields)
    const calls: Array<{ ids: string[]; local: boolean } | null> = []
    let week: WeekLessons | null = null
    const stop = subscribeWeekLessons(doc, (w, change: WeekChange | null) => {
      week = w
      calls.push(change && { ids: [...change.ids], local: change.local })
    })
    expect(calls).toEqual([null])
    expect(week!.list.map((l) => l.id)).toEqual(['l1'])

    const before = week!.list
    writeLesson(doc, 'l1', { note: 'moved' })
    expect(calls[1]).toEqual({ ids: ['l1'], local: true })
    expect(week!.byId.get('l1')?.note).toBe('moved')
    expect(week!.list).not.toBe(before)

    // someone else's update, applied as y-websocket applies it
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    writeLesson(other, 'l2', fields)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'provider')
    expect(calls[2]).toEqual({ ids: ['l2'], local: false })
    expect(performance.getEntriesByName(TIMETABLE_MARKS.docUpdate)).toHaveLength(1)
    expect(performance.getEntriesByName(TIMETABLE_MARKS.docRead)).toHaveLength(2)

    deleteLesson(doc, 'l1')
    expect(week!.list.map((l) => l.id)).toEqual(['l2'])

    stop()
    writeLesson(doc, 'l3', fields)
    expect(calls).toHaveLength(4)
  })

  it('knows a lesson whose fields have not all arrived', () => {
    const doc = new Y.Doc()
    const half = new Y.Map<unknown>()
    doc.transact(() => {
      lessonsOf(doc).set('half', half)
      half.set('roomId', 'r1')
    })
    let week: WeekLessons | null = null
    const stop = subscribeWeekLessons(doc, (w) => (week = w))
    expect(week!.partial.has('half')).toBe(true)
    writeLesson(doc, 'half', fields)
    expect(week!.partial.has('half')).toBe(false)
    stop()
  })
})

describe('subscribeTimetableChanges', () => {
  /** A stand-in for the app's Socket.IO connection: records listeners, lets the test emit. */
  function fakeLive() {
    const listeners = new Map<string, Array<(p: unknown) => void>>()
    const resync: Array<() => void> = []
    const live = {
      on: (event: string, fn: (p: unknown) => void) => {
        listeners.set(event, [...(listeners.get(event) ?? []), fn])
        return () => listeners.set(event, (listeners.get(event) ?? []).filter((f) => f !== fn))
      },
      onResync: (fn: () => void) => {
        resync.push(fn)
        return () => resync.splice(resync.indexOf(fn), 1)
      },
    }
    const emit = (event: string, payload: unknown) => (listeners.get(event) ?? []).forEach((f) => f(payload))
    return { live: live as unknown as LiveEvents, emit, resync, listeners }
  }

  it('says which changes concern the branch on screen, and stops listening when disposed', () => {
    const { live, emit, resync, listeners } = fakeLive()
    const seen: TimetableChange[] = []
    const stop = subscribeTimetableChanges(live, () => 'b1', (c) => seen.push(c))
    emit('entity.changed', { type: 'timetable', id: 'b2:2026-W49' })
    emit('entity.changed', { type: 'client', id: 'c1' })
    emit('entity.changed', { type: 'timetable', id: 'b1:2026-W49' })
    emit('entity.changed', { type: 'lesson', id: 'l1' })
    emit('alert.raised', { kind: 'room_clash' })
    emit('alert.raised', { kind: 'low_stock' })
    resync.forEach((f) => f())
    expect(seen).toEqual([
      { reprojected: true, lessonId: null },
      { reprojected: true, lessonId: 'l1' },
      { reprojected: false, lessonId: null },
      { reprojected: false, lessonId: null },
    ])
    stop()
    expect([...listeners.values()].every((l) => l.length === 0)).toBe(true)
    expect(resync).toHaveLength(0)
  })
})
