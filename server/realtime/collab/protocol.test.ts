import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { Awareness } from 'y-protocols/awareness'
import {
  MSG_SAVED,
  applyAwarenessEntries,
  checkUpdate,
  decodeClientMessage,
  encodeSaved,
  encodeUpdateMessage,
  sanitizeAwareness,
} from './protocol'

const stateOf = (doc: Y.Doc) => (client: number) => Y.getState(doc.store, client)

function updatesOf(doc: Y.Doc, fn: () => void): Uint8Array[] {
  const out: Uint8Array[] = []
  const h = (u: Uint8Array) => out.push(u)
  doc.on('update', h)
  fn()
  doc.off('update', h)
  return out
}

describe('checkUpdate', () => {
  it('accepts an update whose dependencies the doc has', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    const [u1] = updatesOf(client, () => client.getText('t').insert(0, 'abc'))
    expect(checkUpdate(u1, stateOf(server))).toEqual({ missing: false, clients: [client.clientID], exact: true })
    Y.applyUpdate(server, u1)
    const [u2] = updatesOf(client, () => client.getText('t').insert(1, 'X'))
    expect(checkUpdate(u2, stateOf(server)).missing).toBe(false)
  })

  it('tells an update that holds only new structs (exact) from one that repeats what the doc has', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    const [u1] = updatesOf(client, () => client.getText('t').insert(0, 'abc'))
    const [u2] = updatesOf(client, () => client.getText('t').insert(3, 'd'))
    Y.applyUpdate(server, u1)
    expect(checkUpdate(u2, stateOf(server)).exact).toBe(true)
    // the client's whole state: 'abc' again, then 'd'
    const whole = Y.encodeStateAsUpdate(client)
    expect(checkUpdate(whole, stateOf(server))).toEqual({ missing: false, clients: [client.clientID], exact: false })
    Y.applyUpdate(server, u2)
    expect(checkUpdate(u2, stateOf(server)).exact).toBe(false)
  })

  it('refuses a gap in the same client clock', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    updatesOf(client, () => client.getText('t').insert(0, 'abc'))
    const [u2] = updatesOf(client, () => client.getText('t').insert(3, 'd'))
    expect(checkUpdate(u2, stateOf(server)).missing).toBe(true)
  })

  it("refuses an insert next to another client's content the doc never saw", () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const server = new Y.Doc()
    const [ua] = updatesOf(a, () => a.getText('t').insert(0, 'abc'))
    Y.applyUpdate(b, ua)
    const [ub] = updatesOf(b, () => b.getText('t').insert(1, 'X'))
    expect(checkUpdate(ub, stateOf(server)).missing).toBe(true)
    Y.applyUpdate(server, ua)
    expect(checkUpdate(ub, stateOf(server)).missing).toBe(false)
  })

  it('refuses deletions of content the doc never saw, and entries inside unseen parents', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const server = new Y.Doc()
    const [ua] = updatesOf(a, () => a.getMap('m').set('k', new Y.Map()))
    Y.applyUpdate(b, ua)
    const [del] = updatesOf(b, () => b.getMap('m').delete('k'))
    expect(checkUpdate(del, stateOf(server)).missing).toBe(true)
    const c = new Y.Doc()
    Y.applyUpdate(c, ua)
    const [child] = updatesOf(c, () => (c.getMap('m').get('k') as Y.Map<unknown>).set('x', 1))
    expect(checkUpdate(child, stateOf(server)).missing).toBe(true)
    Y.applyUpdate(server, ua)
    expect(checkUpdate(del, stateOf(server)).missing).toBe(false)
    expect(checkUpdate(child, stateOf(server)).missing).toBe(false)
  })

  it('throws on bytes that are not an update', () => {
    expect(() => checkUpdate(Uint8Array.from([9, 200, 1]), () => 0)).toThrow()
  })
})

describe('messages', () => {
  it('encodes saved as a Yjs state vector behind type 100', () => {
    const d = decoding.createDecoder(
      encodeSaved([
        [12345, 7],
        [99, 0],
      ]),
    )
    expect(decoding.readVarUint(d)).toBe(MSG_SAVED)
    expect(Y.decodeStateVector(decoding.readVarUint8Array(d))).toEqual(
      new Map([
        [12345, 7],
        [99, 0],
      ]),
    )
  })

  it('decodes the client messages the hub acts on', () => {
    const u = Uint8Array.from([1, 2, 3])
    expect(decodeClientMessage(encodeUpdateMessage(u))).toEqual({ type: 'update', update: u })
    expect(decodeClientMessage(Uint8Array.from([3]))).toEqual({ type: 'query-awareness' })
    expect(decodeClientMessage(Uint8Array.from([77]))).toEqual({ type: 'ignored' })
    expect(() => decodeClientMessage(Uint8Array.from([0, 9, 0]))).toThrow()
  })
})

describe('sanitizeAwareness', () => {
  const me = { id: 'u1', name: 'Anna', colour: '#123456' }
  function awarenessUpdate(entries: Array<[number, number, unknown]>): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, entries.length)
    for (const [id, clock, state] of entries) {
      encoding.writeVarUint(e, id)
      encoding.writeVarUint(e, clock)
      encoding.writeVarString(e, JSON.stringify(state))
    }
    return encoding.toUint8Array(e)
  }
  it('overwrites the identity and keeps the rest of the state', () => {
    const out = sanitizeAwareness(
      awarenessUpdate([[5, 2, { user: { id: 'boss', name: 'Boss', colour: '#fff', x: 1 }, cursor: 4 }]]),
      me,
      () => true,
    )
    expect(out).toEqual({ entries: [{ clientId: 5, clock: 2, state: { user: me, cursor: 4 } }], clientIds: [5] })
  })

  it('passes removals through and drops client ids the connection may not control', () => {
    const out = sanitizeAwareness(
      awarenessUpdate([
        [5, 3, null],
        [6, 1, { a: 1 }],
      ]),
      me,
      (id) => id === 5,
    )
    expect(out.entries).toEqual([{ clientId: 5, clock: 3, state: null }])
    expect(sanitizeAwareness(awarenessUpdate([[6, 1, {}]]), me, () => false)).toEqual({ entries: [], clientIds: [] })
  })

  it('applies parsed entries with the clock rules of y-protocols', () => {
    const awareness = new Awareness(new Y.Doc())
    awareness.setLocalState(null)
    const events: unknown[] = []
    awareness.on('update', (e: unknown, origin: unknown) => events.push([e, origin]))
    applyAwarenessEntries(awareness, [{ clientId: 7, clock: 0, state: { a: 1 } }], 'x') // clock 0 is not newer: ignored
    applyAwarenessEntries(awareness, [{ clientId: 7, clock: 1, state: { a: 1 } }], 'x')
    applyAwarenessEntries(awareness, [{ clientId: 7, clock: 1, state: { a: 2 } }], 'x') // same clock: ignored
    applyAwarenessEntries(awareness, [{ clientId: 7, clock: 2, state: { a: 2 } }], 'x')
    applyAwarenessEntries(awareness, [{ clientId: 7, clock: 2, state: null }], 'x') // removal at the same clock
    expect(events).toEqual([
      [{ added: [7], updated: [], removed: [] }, 'x'],
      [{ added: [], updated: [7], removed: [] }, 'x'],
      [{ added: [], updated: [], removed: [7] }, 'x'],
    ])
    expect(awareness.getStates().has(7)).toBe(false)
    awareness.destroy()
  })

  it('throws on malformed JSON', () => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, 1)
    encoding.writeVarString(e, '{nope')
    expect(() => sanitizeAwareness(encoding.toUint8Array(e), me, () => true)).toThrow()
  })
})
