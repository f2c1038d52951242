import { describe, expect, it } from 'vitest'
import { clientSections, docBranch, docKind, flatten, lessonRows, touched, valueKeyOf } from './audit-doc'

describe('what a change touched', () => {
  const teacher = [{ path: 'lessons.a.teacherId', kind: 'changed' as const }]
  it('a field changed: its cell on both sides, not its row nor other cells', () => {
    expect(touched('lessons.a.teacherId', teacher, 'before')).toBe(true)
    expect(touched('lessons.a.teacherId', teacher, 'after')).toBe(true)
    expect(touched('lessons.a', teacher, 'after')).toBe(false)
    expect(touched('lessons.a.roomId', teacher, 'after')).toBe(false)
    expect(touched('lessons.ab.teacherId', teacher, 'after')).toBe(false)
  })
  it('a lesson added: its row and cells in After only; removed: in Before only', () => {
    const added = [{ path: 'lessons.b', kind: 'added' as const }]
    expect(touched('lessons.b', added, 'after')).toBe(true)
    expect(touched('lessons.b.start', added, 'after')).toBe(true)
    expect(touched('lessons.b', added, 'before')).toBe(false)
    const removed = [{ path: 'lessons.c', kind: 'removed' as const }]
    expect(touched('lessons.c', removed, 'before')).toBe(true)
    expect(touched('lessons.c', removed, 'after')).toBe(false)
  })
  it('a value shown whole (a list) is touched by a change inside it', () => {
    const c = [{ path: 'traits.tags.1', kind: 'added' as const }]
    expect(touched('traits.tags', c, 'after', true)).toBe(true)
    expect(touched('traits.tags', c, 'after')).toBe(false)
  })
  it('a view touches nothing', () => {
    expect(touched('x', [{ path: 'x', kind: 'viewed' }], 'after')).toBe(false)
  })
})

describe('documents laid out', () => {
  it('knows the kinds of documents and a week’s branch', () => {
    expect(docKind('timetable:b1:2026-W10')).toBe('timetable')
    expect(docKind('client:c1')).toBe('client')
    expect(docKind('workspace:u1')).toBe('other')
    expect(docBranch('timetable:b1:2026-W10')).toBe('b1')
    expect(docBranch('client:c1')).toBeNull()
  })
  it('a week’s lessons by start time, missing fields empty', () => {
    const rows = lessonRows({
      lessons: {
        z: { start: '2026-03-03T12:00:00Z', end: '2026-03-03T13:00:00Z', roomId: 'r', teacherId: 't', activityId: 'a', status: 'done', note: '' },
        y: { start: '2026-03-02T12:00:00Z', roomId: 'r2', groupId: 'g' },
        bad: 'x',
      },
      generated: {},
    })
    expect(rows.map((r) => r.id)).toEqual(['y', 'z'])
    expect(rows[0]).toMatchObject({ path: 'lessons.y', groupId: 'g', status: 'planned', teacherId: '' })
    expect(lessonRows(null)).toEqual([])
  })
  it('flattens a tree to paths, lists of values whole', () => {
    expect(flatten({ a: { b: 1, c: ['x', 'y'], d: [] }, e: [{ f: true }] })).toEqual([
      { path: 'a.b', key: 'b', value: 1 },
      { path: 'a.c', key: 'c', value: ['x', 'y'] },
      { path: 'e.0.f', key: 'f', value: true },
    ])
  })
  it('a client file in the file’s order of sections, empty ones left out', () => {
    const s = clientSections({ zeta: { q: 1 }, notes: 'hello', profile: { firstName: 'Ani' }, traits: {} })
    expect(s.map((x) => x.key)).toEqual(['profile', 'notes', 'zeta'])
    expect(s[1].rows).toEqual([{ path: 'notes', key: 'notes', value: 'hello' }])
  })
  it('names a value by its last key that is not an index or an id', () => {
    expect(valueKeyOf('guardians.0.phone')).toBe('phone')
    expect(valueKeyOf('traits.tags.3')).toBe('tags')
    expect(valueKeyOf('observations.1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed')).toBe('observations')
  })
})
