import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { describeTransaction, type DocChange } from './describe'

/** Runs `fn` as one transaction on `doc` and returns what the describer made of it. */
function described(doc: Y.Doc, fn: () => void): DocChange[] {
  let out: DocChange[] = []
  const handler = (txn: Y.Transaction) => (out = describeTransaction(txn))
  doc.on('afterTransaction', handler)
  doc.transact(fn)
  doc.off('afterTransaction', handler)
  return out
}

const lesson = (fields: Record<string, unknown>) => {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) m.set(k, v)
  return m
}

describe('describeTransaction', () => {
  it('reports a whole new entry once, as an add with its fields', () => {
    const doc = new Y.Doc()
    const todos = doc.getMap<Y.Map<unknown>>('todos')
    expect(
      described(doc, () => {
        const t = lesson({ text: 'Call', done: false })
        todos.set('t1', t)
        t.set('order', 3) // changed inside the same transaction: still one add
      }),
    ).toEqual([{ path: 'todos.t1', kind: 'add', before: null, after: { text: 'Call', done: false, order: 3 } }])
  })

  it('reports field updates with before and after', () => {
    const doc = new Y.Doc()
    const todos = doc.getMap<Y.Map<unknown>>('todos')
    doc.transact(() => todos.set('t1', lesson({ text: 'Call', done: false })))
    expect(
      described(doc, () => {
        todos.get('t1')!.set('done', true)
        todos.get('t1')!.set('text', 'Call Anna')
        todos.get('t1')!.set('note', 'new field')
      }),
    ).toEqual([
      { path: 'todos.t1.done', kind: 'update', before: false, after: true },
      { path: 'todos.t1.text', kind: 'update', before: 'Call', after: 'Call Anna' },
      { path: 'todos.t1.note', kind: 'add', before: null, after: 'new field' },
    ])
  })

  it('reports a deletion with the full value it had (deleted content is read before GC)', () => {
    const doc = new Y.Doc({ gc: true })
    const todos = doc.getMap<Y.Map<unknown>>('todos')
    doc.transact(() => todos.set('t1', lesson({ text: 'Call', done: false })))
    doc.transact(() => todos.get('t1')!.set('done', true))
    expect(
      described(doc, () => {
        todos.get('t1')!.set('text', 'changed then deleted')
        todos.delete('t1')
      }),
    ).toEqual([{ path: 'todos.t1', kind: 'delete', before: { text: 'Call', done: true }, after: null }])
  })

  it('reports a replaced value as an update with both values', () => {
    const doc = new Y.Doc()
    const cells = doc.getMap<unknown>('cells')
    doc.transact(() => cells.set('a', lesson({ room: 'R1' })))
    expect(described(doc, () => cells.set('a', 'plain'))).toEqual([
      { path: 'cells.a', kind: 'update', before: { room: 'R1' }, after: 'plain' },
    ])
    expect(described(doc, () => cells.set('a', 'plain'))).toEqual([])
  })

  it('summarises text edits as inserted and removed runs', () => {
    const doc = new Y.Doc()
    const notes = doc.getText('notes')
    expect(described(doc, () => notes.insert(0, 'hello world'))).toEqual([
      { path: 'notes', kind: 'insert', before: null, after: 'hello world' },
    ])
    expect(
      described(doc, () => {
        notes.delete(0, 6)
        notes.insert(5, '!')
      }),
    ).toEqual([
      { path: 'notes', kind: 'remove', before: 'hello ', after: null },
      { path: 'notes', kind: 'insert', before: null, after: '!' },
    ])
    expect(notes.toString()).toBe('world!')
    // typed and deleted within one transaction: nothing to tell
    expect(
      described(doc, () => {
        notes.insert(0, 'tmp')
        notes.delete(0, 3)
      }),
    ).toEqual([])
  })

  it('reports separate runs separately, and does not walk the whole text to find them', () => {
    const doc = new Y.Doc()
    const notes = doc.getText('notes')
    for (let i = 0; i < 2000; i++) doc.transact(() => notes.insert(Math.floor(i / 2), String.fromCharCode(97 + (i % 26))))
    const changes = described(doc, () => {
      notes.insert(0, 'AB')
      notes.insert(notes.length, 'YZ')
      notes.delete(1000, 3)
    })
    expect(changes.map((c) => c.kind)).toEqual(['remove', 'insert', 'insert'])
    expect(
      changes
        .filter((c) => c.kind === 'insert')
        .map((c) => c.after)
        .sort(),
    ).toEqual(['AB', 'YZ'])
    expect((changes[0].before as string).length).toBe(3)
  })

  it('cuts very long text in described values', () => {
    const doc = new Y.Doc()
    const [change] = described(doc, () => doc.getText('notes').insert(0, 'x'.repeat(5000)))
    expect((change.after as string).length).toBe(1001)
  })

  it('describes array inserts and removals with their values', () => {
    const doc = new Y.Doc()
    const list = doc.getArray<unknown>('list')
    expect(described(doc, () => list.push(['a', 'b']))).toEqual([
      { path: 'list', kind: 'insert', before: null, after: ['a', 'b'] },
    ])
    expect(described(doc, () => list.delete(0, 1))).toEqual([{ path: 'list', kind: 'remove', before: ['a'], after: null }])
  })

  it('describes remote transactions the same way (what the server applies)', () => {
    const a = new Y.Doc()
    a.getMap<Y.Map<unknown>>('todos').set('t1', lesson({ text: 'x' }))
    const server = new Y.Doc()
    let out: DocChange[] = []
    server.on('afterTransaction', (txn: Y.Transaction) => (out = describeTransaction(txn)))
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a))
    expect(out).toEqual([{ path: 'todos.t1', kind: 'add', before: null, after: { text: 'x' } }])
  })
})
