import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { diffText, transformIndex } from './text-diff'

describe('diffText', () => {
  it('finds the one changed range', () => {
    expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' })
    expect(diffText('hello world', 'hello')).toEqual({ index: 5, remove: 6, insert: '' })
    expect(diffText('abc', 'axc')).toEqual({ index: 1, remove: 1, insert: 'x' })
    expect(diffText('same', 'same')).toBeNull()
    expect(diffText('', 'new')).toEqual({ index: 0, remove: 0, insert: 'new' })
  })

  it('handles repeated characters without overlapping prefix and suffix', () => {
    expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' })
    expect(diffText('aaaa', 'aa')).toEqual({ index: 2, remove: 2, insert: '' })
  })

  it('does not split emoji', () => {
    const e = diffText('a😀b', 'a😃b')!
    expect(e.insert).toBe('😃')
    expect(e.remove).toBe(2)
  })

  it('applied to a Y.Text reproduces the target', () => {
    const doc = new Y.Doc()
    const t = doc.getText('t')
    t.insert(0, 'The quick brown fox')
    for (const target of ['The quick red fox', 'A quick red fox jumps', '', 'x']) {
      const e = diffText(t.toString(), target)!
      doc.transact(() => {
        if (e.remove) t.delete(e.index, e.remove)
        if (e.insert) t.insert(e.index, e.insert)
      })
      expect(t.toString()).toBe(target)
    }
  })
})

describe('transformIndex', () => {
  it('moves a cursor through remote inserts and deletes', () => {
    expect(transformIndex([{ insert: 'ab' }], 3)).toBe(5)
    expect(transformIndex([{ retain: 5 }, { insert: 'ab' }], 3)).toBe(3)
    expect(transformIndex([{ retain: 3 }, { insert: 'ab' }], 3)).toBe(3)
    expect(transformIndex([{ retain: 3 }, { insert: 'ab' }], 3, true)).toBe(5)
    expect(transformIndex([{ delete: 2 }], 3)).toBe(1)
    expect(transformIndex([{ retain: 1 }, { delete: 5 }], 3)).toBe(1)
    expect(transformIndex([{ retain: 4 }, { delete: 2 }], 3)).toBe(3)
  })

  it('agrees with Yjs relative positions on a mixed delta', () => {
    const doc = new Y.Doc()
    const t = doc.getText('t')
    t.insert(0, '0123456789')
    const cursor = 6
    const rel = Y.createRelativePositionFromTypeIndex(t, cursor)
    let delta: Array<Record<string, unknown>> = []
    t.observe((ev) => (delta = ev.delta as Array<Record<string, unknown>>))
    doc.transact(() => {
      t.delete(1, 2) // 0 3456789
      t.insert(0, 'xy') // xy03456789
      t.delete(8, 1) // after the cursor
    })
    const expected = Y.createAbsolutePositionFromRelativePosition(rel, doc)!.index
    expect(transformIndex(delta, cursor)).toBe(expected)
  })
})
