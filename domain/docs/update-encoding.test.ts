import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeStateInSlices, encodeTransactionUpdate } from './update-encoding'

/** Every transaction of `doc`: Yjs' own 'update' bytes and ours, side by side. */
function recordBoth(doc: Y.Doc) {
  const ours: Array<Uint8Array | null> = []
  const theirs: Uint8Array[] = []
  doc.on('afterTransactionCleanup', (tr: Y.Transaction) => ours.push(encodeTransactionUpdate(tr)))
  doc.on('update', (u: Uint8Array) => theirs.push(u))
  return { ours: () => ours.filter((x): x is Uint8Array => x !== null), theirs: () => theirs }
}

function lessonInto(lessons: Y.Map<Y.Map<unknown>>, id: string, room: string, hour: number) {
  const m = new Y.Map<unknown>()
  m.set('roomId', room)
  m.set('start', `2026-11-30T${String(hour).padStart(2, '0')}:00:00+01:00`)
  m.set('end', `2026-11-30T${String(hour).padStart(2, '0')}:50:00+01:00`)
  m.set('status', 'planned')
  m.set('note', '')
  lessons.set(id, m)
}

/** A week edited by three people: lessons added, moved, renamed, deleted, and a text note typed and cut. */
function busyWeek(): Y.Doc {
  const docs = [1, 2, 3].map((id) => {
    const d = new Y.Doc()
    d.clientID = id * 1000
    return d
  })
  const sync = () => {
    for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  }
  const [a, b, c] = docs
  a.transact(() => {
    for (let i = 0; i < 200; i++) lessonInto(a.getMap('lessons'), `l${i}`, `room-${i % 7}`, 8 + (i % 12))
  })
  sync()
  b.transact(() => {
    for (let i = 0; i < 200; i += 3) (b.getMap('lessons').get(`l${i}`) as Y.Map<unknown>).set('roomId', 'room-x')
  })
  c.getText('notes').insert(0, 'Bring the chess clocks. Room 4 heating is broken.')
  c.transact(() => {
    for (let i = 1; i < 200; i += 5) c.getMap('lessons').delete(`l${i}`)
  })
  sync()
  c.getText('notes').delete(5, 10)
  a.transact(() => lessonInto(a.getMap('lessons'), 'late', 'room-1', 20))
  sync()
  return a
}

describe('encodeTransactionUpdate', () => {
  it('gives the bytes of Yjs’ own update event for local transactions of every kind', () => {
    const doc = new Y.Doc()
    const rec = recordBoth(doc)
    const lessons = doc.getMap<Y.Map<unknown>>('lessons')
    doc.transact(() => {
      for (let i = 0; i < 20; i++) lessonInto(lessons, `l${i}`, 'r1', 9 + i)
    })
    lessons.get('l3')!.set('roomId', 'r2') // overwrite: a deletion and an insertion
    lessons.delete('l4') // deletion only
    const text = doc.getText('notes')
    text.insert(0, 'hello world')
    text.insert(5, ',') // merges with its neighbours at cleanup
    text.delete(0, 3)
    doc.getArray('todo').push([{ id: 't1', done: false }, 'x'])
    doc.getArray('todo').delete(1, 1)
    doc.transact(() => {}) // changes nothing: no update
    expect(rec.ours()).toEqual(rec.theirs())
    expect(rec.ours().length).toBe(8)
  })

  it('gives the same bytes for remote updates applied to the document, and for nested transactions', () => {
    const source = busyWeek()
    const doc = new Y.Doc()
    const rec = recordBoth(doc)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), 'remote')
    // a write made by an observer while a transaction is being cleaned up
    doc.getMap('flags').observe(() => {
      if (!doc.getMap('flags').has('seen')) doc.getMap('flags').set('seen', true)
    })
    doc.getMap('flags').set('x', 1)
    expect(rec.ours()).toEqual(rec.theirs())
    expect(rec.ours().length).toBe(3)
  })
})

describe('encodeStateInSlices', () => {
  const same = (a: Y.Doc, b: Y.Doc) => {
    expect(b.getMap('lessons').toJSON()).toEqual(a.getMap('lessons').toJSON())
    expect(b.getText('notes').toString()).toBe(a.getText('notes').toString())
    expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a))
    // nothing pending, deletions included: the full states are equal
    expect(b.store.pendingStructs).toBeNull()
    expect(Y.encodeStateAsUpdate(b)).toEqual(Y.encodeStateAsUpdate(a))
  }

  it('cuts a document into slices that, applied in order, give the same document', () => {
    const source = busyWeek()
    const whole = Y.encodeStateAsUpdate(source)
    const { slices, last } = encodeStateInSlices(source, Y.encodeStateVector(new Y.Doc()), 2_000)
    expect(slices.length).toBeGreaterThan(3)
    // each slice holds whole structs up to about the size asked for (one struct may pass it)
    for (const s of slices) expect(s.length).toBeLessThan(2_000 + 200)
    const target = new Y.Doc()
    for (const s of slices) Y.applyUpdate(target, s)
    Y.applyUpdate(target, last)
    same(source, target)
    // and the pieces are about the size of the whole
    const total = [...slices, last].reduce((n, s) => n + s.length, 0)
    expect(total).toBeLessThan(whole.length * 1.1)
  })

  it('sends only what the peer lacks', () => {
    const source = busyWeek()
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(source))
    source.transact(() => {
      for (let i = 0; i < 40; i++) lessonInto(source.getMap('lessons'), `n${i}`, 'room-9', 8 + (i % 12))
    })
    source.getMap('lessons').delete('l0')
    const { slices, last } = encodeStateInSlices(source, Y.encodeStateVector(peer), 1_000)
    expect(slices.length).toBeGreaterThan(0)
    for (const s of slices) Y.applyUpdate(peer, s)
    Y.applyUpdate(peer, last)
    same(source, peer)
  })

  it('is one update, with no slices, when everything fits', () => {
    const source = busyWeek()
    const { slices, last } = encodeStateInSlices(source, Y.encodeStateVector(new Y.Doc()), 10_000_000)
    expect(slices).toEqual([])
    expect(last).toEqual(Y.encodeStateAsUpdate(source))
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(source))
    const nothing = encodeStateInSlices(source, Y.encodeStateVector(peer), 100)
    expect(nothing.slices).toEqual([])
    expect(nothing.last).toEqual(Y.encodeStateAsUpdate(source, Y.encodeStateVector(peer)))
  })

  it('converges whatever order the slices arrive in', () => {
    const source = busyWeek()
    const { slices, last } = encodeStateInSlices(source, Y.encodeStateVector(new Y.Doc()), 1_500)
    const target = new Y.Doc()
    for (const s of [...slices].reverse()) Y.applyUpdate(target, s)
    Y.applyUpdate(target, last)
    same(source, target)
  })
})
