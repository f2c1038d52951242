import { describe, expect, it } from 'vitest'
import { FIELD_PATH, narrow } from './field-history'

describe('one field’s history', () => {
  it('keeps the field’s own changes and those inside it as they are', () => {
    const own = { path: 'profile.lastName', kind: 'update' as const, before: 'a', after: 'b' }
    expect(narrow(own, 'profile.lastName')).toBe(own)
    const inside = { path: 'guardians.g1.phone', kind: 'update' as const, before: '1', after: '2' }
    expect(narrow(inside, 'guardians.g1')).toBe(inside)
  })

  it('narrows a change of what holds the field to the field', () => {
    const added = { path: 'lessons.L1', kind: 'add' as const, before: null, after: { teacherId: 't1', roomId: 'r1' } }
    expect(narrow(added, 'lessons.L1.teacherId')).toEqual({
      path: 'lessons.L1.teacherId',
      kind: 'add',
      before: null,
      after: 't1',
    })
    const removed = { path: 'lessons.L1', kind: 'delete' as const, before: { teacherId: 't1' }, after: null }
    expect(narrow(removed, 'lessons.L1.teacherId')).toEqual({
      path: 'lessons.L1.teacherId',
      kind: 'delete',
      before: 't1',
      after: null,
    })
    // the holder changed, the field did not (or is not in it)
    expect(
      narrow(
        { path: 'lessons.L1', kind: 'update', before: { teacherId: 't1' }, after: { teacherId: 't1' } },
        'lessons.L1.teacherId',
      ),
    ).toBeNull()
    expect(narrow({ path: 'lessons.L1', kind: 'add', before: null, after: { roomId: 'r1' } }, 'lessons.L1.teacherId')).toBeNull()
  })

  it('takes dotted paths only', () => {
    for (const ok of ['notes', 'profile.firstName', 'lessons.6f1c2a9e-0000-4000-8000-000000000000.teacherId'])
      expect(FIELD_PATH.test(ok)).toBe(true)
    for (const bad of ['', '.a', 'a.', 'a..b', "a' or 1=1", 'a b', 'a%b']) expect(FIELD_PATH.test(bad)).toBe(false)
  })
})
