import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { foldHistory, mergeHistory, type DocHistoryItem } from './doc-history'
import { addTodo, describeWorkspaceChange, moveTodo, nextOrder, sortedTodos, todosOf } from './workspace'

function docWith(...texts: string[]) {
  const doc = new Y.Doc()
  texts.forEach((text, i) => addTodo(doc, `id${i}`, { text, order: i, createdAt: `2026-01-01T00:00:0${i}Z` }))
  return doc
}

describe('to-do order', () => {
  it('sorts by order, then creation time', () => {
    const doc = docWith('a', 'b', 'c')
    todosOf(doc).get('id2')!.set('order', -1)
    expect(sortedTodos(todosOf(doc)).map((t) => t.text)).toEqual(['c', 'a', 'b'])
  })

  it('moves one item between its new neighbours', () => {
    const doc = docWith('a', 'b', 'c', 'd')
    const list = () => sortedTodos(todosOf(doc))
    const move = (index: number, step: -1 | 1) => {
      const changes = moveTodo(list(), index, step)
      expect(changes.length).toBeLessThanOrEqual(1)
      for (const c of changes) c.map.set('order', c.order)
    }
    move(3, -1)
    expect(list().map((t) => t.text)).toEqual(['a', 'b', 'd', 'c'])
    move(0, 1)
    expect(list().map((t) => t.text)).toEqual(['b', 'a', 'd', 'c'])
    move(0, -1)
    expect(list().map((t) => t.text)).toEqual(['b', 'a', 'd', 'c'])
    move(1, -1)
    expect(list().map((t) => t.text)).toEqual(['a', 'b', 'd', 'c'])
    expect(nextOrder(list())).toBeGreaterThan(Math.max(...list().map((t) => t.order)))
  })

  it('moves past a neighbour with the same order', () => {
    const doc = docWith('a', 'b', 'c')
    todosOf(doc).get('id1')!.set('order', 0) // a and b tie
    for (const c of moveTodo(sortedTodos(todosOf(doc)), 2, -1)) c.map.set('order', c.order)
    expect(sortedTodos(todosOf(doc)).map((t) => t.text)).toEqual(['a', 'c', 'b'])
  })
})

describe('workspace history in words', () => {
  const text = (id: string) => ({ x: 'Call the plumber' })[id]
  it('describes to-do changes', () => {
    expect(describeWorkspaceChange({ path: 'todos.x', kind: 'add', before: null, after: { text: 'Call the plumber', done: false } }, text)).toBe('Added to-do “Call the plumber”')
    expect(describeWorkspaceChange({ path: 'todos.x', kind: 'delete', before: { text: 'Old' }, after: null }, text)).toBe('Deleted to-do “Old”')
    expect(describeWorkspaceChange({ path: 'todos.x.done', kind: 'update', before: false, after: true }, text)).toBe('Ticked “Call the plumber”')
    expect(describeWorkspaceChange({ path: 'todos.x.done', kind: 'update', before: true, after: false }, text)).toBe('Unticked “Call the plumber”')
    expect(describeWorkspaceChange({ path: 'todos.x.text', kind: 'update', before: 'Call', after: 'Call Bob' }, text)).toBe('Renamed to-do “Call” → “Call Bob”')
    expect(describeWorkspaceChange({ path: 'todos.y.order', kind: 'update', before: 1, after: 2 }, text)).toBe('Moved “a to-do”')
  })
  it('describes notes', () => {
    expect(describeWorkspaceChange({ path: 'notes', kind: 'insert', before: null, after: 'Buy chalk' }, text)).toBe('Notes: wrote “Buy chalk”')
    expect(describeWorkspaceChange({ path: 'notes', kind: 'remove', before: 'k', after: null }, text)).toBe('Notes: deleted “k”')
  })
})

describe('history rows', () => {
  const item = (seq: number, at: string, path: string, kind: 'insert' | 'update', actor = 'u1'): DocHistoryItem => ({
    seq,
    at,
    actor: { id: actor, login: actor },
    changes: [{ path, kind, before: null, after: String(seq) }],
  })

  it('merges pages newest first without duplicates', () => {
    const a = [item(5, '2026-01-01T10:00:05Z', 'notes', 'insert'), item(4, '2026-01-01T10:00:04Z', 'notes', 'insert')]
    const b = [item(6, '2026-01-01T10:00:06Z', 'notes', 'insert'), item(5, '2026-01-01T10:00:05Z', 'notes', 'insert')]
    expect(mergeHistory(a, b).map((i) => i.seq)).toEqual([6, 5, 4])
  })

  it('folds a burst of typing by one person into one row, not other changes', () => {
    const items = [
      item(5, '2026-01-01T10:00:05Z', 'notes', 'insert'),
      item(4, '2026-01-01T10:00:04Z', 'notes', 'insert'),
      item(3, '2026-01-01T10:00:03Z', 'notes', 'insert', 'u2'),
      item(2, '2026-01-01T10:00:02Z', 'todos.x.done', 'update'),
      item(1, '2026-01-01T09:00:00Z', 'notes', 'insert'),
    ]
    const rows = foldHistory(items)
    expect(rows.map((r) => [r.key, r.count])).toEqual([['5', 2], ['3', 1], ['2', 1], ['1', 1]])
    expect(rows[0].changes.map((c) => c.after)).toEqual(['4', '5'])
  })
})
