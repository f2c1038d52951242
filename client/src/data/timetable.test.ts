import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeStateInSlices } from '../../../domain/docs/update-encoding'
import { isWholeLesson, lessonsOf, readLesson, writeLesson } from './timetable'

describe('isWholeLesson', () => {
  it('is true once every field has arrived (groupId may be missing), false for a lesson cut by a slice', () => {
    const doc = new Y.Doc()
    const fields = { roomId: 'r1', start: '2026-11-30T10:00:00+01:00', end: '2026-11-30T11:00:00+01:00', activityId: 'a1', teacherId: 't1', status: 'planned', note: '' }
    for (let i = 0; i < 300; i++) writeLesson(doc, `l${i}`, { ...fields, groupId: i % 2 ? 'g1' : null, note: `lesson ${i}` })
    // a lesson another y-websocket client wrote without a group
    const bare = new Y.Map<unknown>()
    doc.transact(() => {
      lessonsOf(doc).set('bare', bare)
      for (const [k, v] of Object.entries(fields)) bare.set(k, v)
    })
    expect([...lessonsOf(doc).values()].every((m) => isWholeLesson(m))).toBe(true)

    // the week arriving in small slices: lessons are cut, and once whole they read as in the source
    const { slices, last } = encodeStateInSlices(doc, Y.encodeStateVector(new Y.Doc()), 500)
    const target = new Y.Doc()
    let cut = 0
    for (const s of slices) {
      Y.applyUpdate(target, s)
      for (const [id, m] of lessonsOf(target).entries()) {
        if (!(m instanceof Y.Map)) continue
        if (isWholeLesson(m)) expect(readLesson(id, m)).toEqual(readLesson(id, lessonsOf(doc).get(id) as Y.Map<unknown>))
        else cut++
      }
    }
    expect(cut).toBeGreaterThan(0)
    Y.applyUpdate(target, last)
    expect([...lessonsOf(target).values()].every((m) => isWholeLesson(m))).toBe(true)
  })
})

describe('readLesson', () => {
  it('reads a cancelled lesson’s reason from its own field, and an old document’s "Cancelled: …" note as its reason', () => {
    const doc = new Y.Doc()
    const fields = { roomId: 'r1', start: '2026-11-30T10:00:00+01:00', end: '2026-11-30T11:00:00+01:00', activityId: 'a1', teacherId: 't1' }
    writeLesson(doc, 'new', { ...fields, status: 'cancelled', note: 'Bring kits' })
    doc.transact(() => lessonsOf(doc).get('new')!.set('cancelReason', 'Teacher ill'))
    writeLesson(doc, 'old', { ...fields, status: 'cancelled', note: 'Cancelled: Pool closed' })
    writeLesson(doc, 'planned', { ...fields, status: 'planned', note: 'Cancelled: maybe' })
    const read = (id: string) => readLesson(id, lessonsOf(doc).get(id)!)
    expect(read('new')).toMatchObject({ status: 'cancelled', note: 'Bring kits', cancelReason: 'Teacher ill' })
    expect(read('old')).toMatchObject({ status: 'cancelled', note: '', cancelReason: 'Pool closed' })
    expect(read('planned')).toMatchObject({ status: 'planned', note: 'Cancelled: maybe', cancelReason: null })
  })
})
