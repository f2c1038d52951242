import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import type { Actor } from '../../../domain/roles'
import { Connection, SystemSource } from './connection'
import { describeTransaction } from './describe'
import type { ResolvedDoc } from './doc-registry'
import { CLOSE, MSG_SAVED, encodeUpdateMessage } from './protocol'
import { Room, type CollabSettings, type Entry, type RoomHost } from './room'

/**
 * The room's side of the group commit, without a database: the host collects what the room
 * enqueues, and the test decides when a batch is committed (`onCommitted`) or fails (`fail`).
 * Sockets are fakes that record every write (ws' fast path included), so the tests see exactly
 * which bytes reach which client, and when.
 */

/** A ws stand-in: `send` and the raw socket writes of the shared-frame path are both recorded. */
function fakeSocket() {
  const writes: Uint8Array[][] = [] // one entry per write (system call): the messages it carried
  const closed: number[] = []
  const ws = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    isPaused: false,
    send: (m: Uint8Array) => writes.push([m]),
    close: (code: number) => closed.push(code),
    terminate: () => closed.push(-1),
    pause: () => {},
    resume: () => {},
    _sender: { _state: 0, _queue: [] },
    _extensions: {},
    _socket: { writable: true, write: (frame: Buffer) => writes.push(unframe(frame)) },
  }
  return { ws: ws as unknown as WebSocket, writes, closed }
}

/** Server frames (unmasked, binary) back to their payloads. */
function unframe(frame: Buffer): Uint8Array[] {
  const out: Uint8Array[] = []
  let at = 0
  while (at < frame.length) {
    expect(frame[at]).toBe(0x82)
    let len = frame[at + 1]
    at += 2
    if (len === 126) {
      len = frame.readUInt16BE(at)
      at += 2
    } else if (len === 127) {
      len = frame.readUInt32BE(at) * 2 ** 32 + frame.readUInt32BE(at + 4)
      at += 8
    }
    out.push(new Uint8Array(frame.subarray(at, at + len)))
    at += len
  }
  return out
}

const actor = (id: string) => ({ id, login: id, name: id, role: 'owner', branchIds: [] }) as unknown as Actor
const limits = { messagesPerSecond: 500, updateBytesPerSecond: 1 << 20, updateBurstBytes: 8 << 20 }

function setup() {
  const queue: Entry[] = []
  const settings: CollabSettings = {
    maxMessageBytes: 512 * 1024,
    maxMessagesPerSecond: 500,
    updateBytesPerSecond: 1 << 20,
    updateBurstBytes: 8 << 20,
    idleUnloadMs: 60_000,
    snapshotEvery: 500,
    snapshotBytes: 4 << 20,
    snapshotOnUnload: 50,
    sessionRecheckMs: 60_000,
    pingMs: 30_000,
    projectDelayMs: 60_000,
    projectionSweepMs: 60_000,
    gapWaitMs: 300,
    maxBatch: 1000,
    commitIntervalMs: 0,
    headCheckMs: 5_000,
    awarenessRenewalMs: 2_000,
    syncSliceBytes: 64 * 1024,
  }
  const logged: string[] = []
  const host = {
    db: null,
    events: { emit: () => {} },
    logger: { error: (_o: unknown, m: string) => logged.push(m), warn: () => {}, info: () => {}, debug: () => {} },
    settings,
    fanout: null,
    enqueue: (e: Entry) => queue.push(e),
    dropRoom: () => {},
  } as unknown as RoomHost
  const resolved = {
    name: 'test:batch',
    key: 'batch',
    rawKey: 'batch',
    def: { type: 'test', init: () => {}, describe: (txn: Y.Transaction) => describeTransaction(txn) },
  } as unknown as ResolvedDoc
  const room = new Room(resolved, host)
  room.state = 'ready'
  const join = (id: string, ext = false) => {
    const s = fakeSocket()
    const conn = new Connection(s.ws, actor(id), `token-${id}`, false, limits, { saved: ext, notice: ext })
    room.addConn(conn)
    s.writes.length = 0 // the sync step 1 of the join
    return { conn, ...s }
  }
  /** One client's edit, as the update bytes its provider would send. */
  const editBy = (clientID: number, key: string, value: string) => {
    const d = new Y.Doc()
    d.clientID = clientID
    Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc))
    const before = Y.encodeStateVector(d)
    d.getMap('m').set(key, value)
    return Y.encodeStateAsUpdate(d, before)
  }
  /** The hub's part: assign seqs to the queued entries and hand them back as one committed batch. */
  let seq = 0
  const commit = () => {
    const batch = queue.splice(0)
    for (const e of batch) e.seq = ++seq
    room.onCommitted(batch)
    return batch
  }
  return { room, queue, join, editBy, commit, logged, close: () => room.destroy() }
}

const isUpdate = (m: Uint8Array) => m[0] === 0 && m[1] === 2
const isSaved = (m: Uint8Array) => m[0] === MSG_SAVED

describe('Room: broadcasts follow the group commit', () => {
  it('sends nothing of an update before it is durable, then the batch in one write per connection', () => {
    const t = setup()
    const a = t.join('a')
    const b = t.join('b')
    const c = t.join('c')
    const ua = t.editBy(101, 'x', 'from a')
    const ub = t.editBy(102, 'y', 'from b')
    t.room.receiveUpdate(a.conn, ua)
    t.room.receiveUpdate(b.conn, ub)
    expect(t.queue).toHaveLength(2)
    // applied in memory, queued for the database: nobody has heard of either yet
    for (const s of [a, b, c]) expect(s.writes).toEqual([])
    t.commit()
    // the bystander gets both updates, in order, in one write; each author only the other's
    expect(c.writes).toHaveLength(1)
    expect(c.writes[0]).toEqual([encodeUpdateMessage(ua), encodeUpdateMessage(ub)])
    expect(a.writes).toEqual([[encodeUpdateMessage(ub)]])
    expect(b.writes).toEqual([[encodeUpdateMessage(ua)]])
    t.close()
  })

  it('puts an author’s `saved` first, in the same write as the others’ updates (only for a client that asked)', () => {
    const t = setup()
    const a = t.join('a', true)
    const b = t.join('b')
    const ua = t.editBy(201, 'x', '1')
    const ub = t.editBy(202, 'y', '2')
    t.room.receiveUpdate(a.conn, ua)
    t.room.receiveUpdate(b.conn, ub)
    t.commit()
    expect(a.writes).toHaveLength(1)
    const [saved, update] = a.writes[0]
    expect(isSaved(saved)).toBe(true)
    const d = decoding.createDecoder(saved)
    decoding.readVarUint(d)
    expect(Y.decodeStateVector(decoding.readVarUint8Array(d)).get(201)).toBe(1)
    expect(update).toEqual(encodeUpdateMessage(ub))
    // the stock client hears only the sync protocol
    expect(b.writes).toEqual([[encodeUpdateMessage(ua)]])
    t.close()
  })

  it('a batch of one goes out as before: one message to everyone but its author', () => {
    const t = setup()
    const a = t.join('a')
    const others = [t.join('b'), t.join('c'), t.join('d')]
    const u = t.editBy(301, 'x', 'solo')
    t.room.receiveUpdate(a.conn, u)
    t.commit()
    expect(a.writes).toEqual([])
    for (const o of others) expect(o.writes).toEqual([[encodeUpdateMessage(u)]])
    t.close()
  })

  it('a failed write broadcasts nothing of the batch and closes every connection (4500: the clients reconnect and resend)', () => {
    const t = setup()
    const a = t.join('a')
    const b = t.join('b')
    t.room.receiveUpdate(a.conn, t.editBy(401, 'x', 'lost?'))
    t.room.receiveUpdate(b.conn, t.editBy(402, 'y', 'lost?'))
    const batch = t.queue.splice(0)
    let rejected = 0
    for (const e of batch) e.done = { resolve: () => {}, reject: () => rejected++ }
    t.room.fail(new Error('insert failed'), batch)
    expect(rejected).toBe(2)
    for (const s of [a, b]) {
      expect(s.writes.flat().filter(isUpdate)).toEqual([])
      expect(s.closed).toEqual([CLOSE.unavailable])
    }
    expect(t.room.state).toBe('failed')
    expect(t.logged.join()).toContain('could not save document updates')
  })

  it('a client that joins while a batch is unwritten gets its sync reply only once the batch is durable', () => {
    const t = setup()
    const a = t.join('a')
    t.room.receiveUpdate(a.conn, t.editBy(501, 'x', 'pending'))
    const late = t.join('late')
    t.room.replyStep1(late.conn, new Uint8Array([0]))
    expect(late.writes).toEqual([])
    t.commit()
    const got = late.writes.flat()
    // the sync step 2 with the committed edit; and the batch itself
    expect(got.some((m) => m[0] === 0 && m[1] === 1)).toBe(true)
    const d = new Y.Doc()
    for (const m of got) {
      const dec = decoding.createDecoder(m)
      decoding.readVarUint(dec)
      decoding.readVarUint(dec)
      Y.applyUpdate(d, decoding.readVarUint8Array(dec))
    }
    expect(d.getMap('m').get('x')).toBe('pending')
    t.close()
  })
})

describe('Room: what a client update stores', () => {
  it('keeps the bytes that came when they hold only new content, the new part when they repeat, nothing when all is known', () => {
    const t = setup()
    const a = t.join('a')
    const d = new Y.Doc()
    d.clientID = 601
    const updates: Uint8Array[] = []
    d.on('update', (u: Uint8Array) => updates.push(u))
    d.getMap('m').set('x', '1')
    d.getMap('m').set('y', '2')
    // the first edit as it came
    t.room.receiveUpdate(a.conn, updates[0])
    expect(t.queue.map((e) => e.update)).toEqual([updates[0]])
    // the client's whole state (the first edit again, and the second): only the second is stored
    t.room.receiveUpdate(a.conn, Y.encodeStateAsUpdate(d))
    expect(t.queue).toHaveLength(2)
    const stored = Y.decodeUpdate(t.queue[1].update)
    expect(stored.structs.map((s) => [s.id.client, s.id.clock])).toEqual([[601, 1]])
    expect(t.queue[1].clocks).toEqual([[601, 2]])
    // everything again: nothing new, nothing stored
    t.room.receiveUpdate(a.conn, Y.encodeStateAsUpdate(d))
    expect(t.queue).toHaveLength(2)
    const replay = new Y.Doc()
    for (const e of t.queue) Y.applyUpdate(replay, e.update)
    expect(replay.getMap('m').toJSON()).toEqual({ x: '1', y: '2' })
    t.close()
  })

  it('a server-side edit is still stored from the doc’s own update event', async () => {
    const t = setup()
    const done = t.room.applyEdit(new SystemSource('u1'), (doc) => doc.getMap('m').set('z', 'server'))
    expect(t.queue).toHaveLength(1)
    const replay = new Y.Doc()
    Y.applyUpdate(replay, t.queue[0].update)
    expect(replay.getMap('m').get('z')).toBe('server')
    t.commit()
    await expect(done).resolves.toMatchObject({ seq: 1 })
    t.close()
  })
})
