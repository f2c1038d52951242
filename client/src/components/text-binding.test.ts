import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyTextDiff } from './text-binding'

describe('applyTextDiff', () => {
  it('turns the text into the new value with the smallest change', () => {
    const doc = new Y.Doc()
    const t = doc.getText('t')
    t.insert(0, 'hello world')
    const deltas: unknown[] = []
    t.observe((e) => deltas.push(e.delta))
    applyTextDiff(t, 'hello brave world')
    expect(t.toString()).toBe('hello brave world')
    expect(deltas).toEqual([[{ retain: 6 }, { insert: 'brave ' }]])
    applyTextDiff(t, 'hello brave world')
    expect(deltas).toHaveLength(1)
  })

  it('keeps a concurrent edit of someone else (no "replace all")', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.getText('t').insert(0, 'Likes drawing.')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    // both edit at once from the same starting text
    applyTextDiff(a.getText('t'), 'Likes drawing. Shy at first.')
    applyTextDiff(b.getText('t'), 'Really likes drawing.')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(a.getText('t').toString()).toBe('Really likes drawing. Shy at first.')
    expect(b.getText('t').toString()).toBe(a.getText('t').toString())
  })
})
