import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type WebSocket as WsSocket, WebSocket, WebSocketServer } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { type LiveDoc, MSG_NOTICE, MSG_SAVED, computeSavedState, describeClose, openDoc, presenceFrom } from './live-doc'

/**
 * A tiny stand-in for the document server: speaks the y-websocket sync protocol and sends our
 * "saved" (100) and "notice" (101) messages when a test asks. Rooms by name; a name starting
 * with "close-<code>" is refused with that close code.
 */
class FakeServer {
  wss!: WebSocketServer
  docs = new Map<string, Y.Doc>()
  sockets: WsSocket[] = []
  /** client ids seen per socket (what "saved" reports on) */
  clients = new Map<WsSocket, Set<number>>()
  autoAck = false
  /** The `ext` parameter of each connection (the extensions the client asked for). */
  asked: Array<string | null> = []
  /** sync messages received (sub-type: 0 step 1, 1 step 2, 2 update), per socket */
  received = new Map<WsSocket, number[]>()

  async start() {
    this.wss = new WebSocketServer({ port: 0 })
    await new Promise<void>((r) => this.wss.once('listening', () => r()))
    this.wss.on('connection', (ws, req) => {
      const url = new URL(req.url ?? '/', 'http://x')
      const name = decodeURIComponent(url.pathname.slice(1))
      this.asked.push(url.searchParams.get('ext'))
      const m = /^close-(\d+)/.exec(name)
      if (m) return ws.close(Number(m[1]), 'test')
      const doc = this.docs.get(name) ?? new Y.Doc()
      this.docs.set(name, doc)
      this.sockets.push(ws)
      this.clients.set(ws, new Set())
      ws.on('message', (data: Buffer) => {
        const d = decoding.createDecoder(new Uint8Array(data))
        const type = decoding.readVarUint(d)
        if (type !== 0) return
        this.received.set(ws, [...(this.received.get(ws) ?? []), new Uint8Array(data)[1]])
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 0)
        const before = Y.encodeStateVector(doc)
        syncProtocol.readSyncMessage(d, e, doc, ws)
        if (encoding.length(e) > 1) ws.send(encoding.toUint8Array(e))
        for (const [client] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
          if ((Y.decodeStateVector(before).get(client) ?? 0) < Y.getState(doc.store, client)) this.clients.get(ws)!.add(client)
        }
        if (this.autoAck) this.ack(ws, doc)
      })
      // ask the client for its state, like the real server
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      syncProtocol.writeSyncStep1(e, doc)
      ws.send(encoding.toUint8Array(e))
    })
  }

  get url() {
    return `ws://127.0.0.1:${(this.wss.address() as { port: number }).port}`
  }

  ack(ws: WsSocket, doc: Y.Doc) {
    const clocks = [...this.clients.get(ws)!].map((c) => [c, Y.getState(doc.store, c)] as const)
    const sv = encoding.createEncoder()
    encoding.writeVarUint(sv, clocks.length)
    for (const [c, k] of clocks) {
      encoding.writeVarUint(sv, c)
      encoding.writeVarUint(sv, k)
    }
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MSG_SAVED)
    encoding.writeVarUint8Array(e, encoding.toUint8Array(sv))
    ws.send(encoding.toUint8Array(e))
  }

  notice(ws: WsSocket, notice: object) {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MSG_NOTICE)
    encoding.writeVarString(e, JSON.stringify(notice))
    ws.send(encoding.toUint8Array(e))
  }

  async stop() {
    for (const ws of this.sockets) ws.terminate()
    await new Promise<void>((r) => this.wss.close(() => r()))
  }
}

const server = new FakeServer()
const open: LiveDoc[] = []
const user = { id: '11111111-1111-4111-8111-111111111111', name: 'Anna Petrova' }

function openTest(name: string, extra: Partial<Parameters<typeof openDoc>[1]> = {}) {
  const live = openDoc(name, { user, url: server.url, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, ...extra })
  open.push(live)
  return live
}

const until = (live: LiveDoc, ok: () => boolean) =>
  vi.waitFor(() => {
    if (!ok()) throw new Error(`not yet: ${live.savedState} synced=${live.synced} closed=${live.closed?.code}`)
  }, { timeout: 3000, interval: 10 })

beforeAll(() => server.start())
afterEach(() => {
  for (const l of open.splice(0)) l.destroy()
  server.autoAck = false
})
afterAll(() => server.stop())

describe('saved state', () => {
  it('is saved when the server has our clock, saving before, offline when disconnected', () => {
    expect(computeSavedState(true, 5, 5)).toBe('saved')
    expect(computeSavedState(true, 0, 0)).toBe('saved')
    expect(computeSavedState(true, 6, 5)).toBe('saving')
    expect(computeSavedState(false, 5, 5)).toBe('offline')
  })

  it('is read-only, never "saved", for a reader, connected or not', () => {
    expect(computeSavedState(true, 0, 0, true)).toBe('read-only')
    expect(computeSavedState(true, 5, 5, true)).toBe('read-only')
    expect(computeSavedState(true, 6, 5, true)).toBe('read-only')
    expect(computeSavedState(false, 5, 5, true)).toBe('read-only')
  })
})

describe('close codes', () => {
  it('stops for good on bad name, forbidden, too large and session end; retries the rest', () => {
    for (const code of [4001, 4400, 4403, 4410, 4413]) expect(describeClose(code).terminal).toBe(true)
    for (const code of [4002, 4429, 4500, 1006, 1001, 1007, 1008]) expect(describeClose(code).terminal).toBe(false)
  })

  it('says why as a message id: the server\'s reason when it is one, never its other text', () => {
    expect(describeClose(4400, 'timetable.doc.noSuchBranch').messageId).toBe('timetable.doc.noSuchBranch')
    expect(describeClose(4400, 'No such branch').messageId).toBe('collab.closed.badRequest')
    expect(describeClose(4403, 'collab.closed.noLongerAllowed').messageId).toBe('collab.closed.noLongerAllowed')
    expect(describeClose(4410, 'collab.refused.clientErased').messageId).toBe('collab.refused.clientErased')
    expect(describeClose(4001, 'anything').messageId).toBe('collab.closed.sessionEnded')
    expect(describeClose(1008).messageId).toBe('collab.closed.flood')
    expect(describeClose(1006).messageId).toBeNull()
  })
})

describe('presence', () => {
  it('lists connections with a user, ourselves first, then by name', () => {
    const states = new Map<number, Record<string, unknown>>([
      [3, { user: { id: 'b', name: 'Zoe', colour: '#000000' } }],
      [1, { user: { id: 'a', name: 'Anna', colour: '#111111' }, focus: 'notes' }],
      [2, { user: { id: 'c', name: 'Mark', colour: '#222222' } }],
      [4, {}],
    ])
    const p = presenceFrom(states, 2)
    expect(p.map((e) => [e.clientId, e.self, e.focus])).toEqual([[2, true, null], [1, false, 'notes'], [3, false, null]])
  })
})

describe('openDoc against a y-websocket server', () => {
  it('syncs, shows "saving" after a local edit and "saved" once the server acknowledges it', async () => {
    const live = openTest('workspace:saved')
    await until(live, () => live.synced && live.savedState === 'saved')
    // the server sends `saved` and notices only to clients that ask: we do
    expect(server.asked.at(-1)).toBe('saved,notice')
    live.doc.getText('notes').insert(0, 'hello')
    expect(live.savedState).toBe('saving')
    const ws = server.sockets.at(-1)!
    await vi.waitFor(() => expect(server.docs.get('workspace:saved')!.getText('notes').toString()).toBe('hello'))
    server.ack(ws, server.docs.get('workspace:saved')!)
    await until(live, () => live.savedState === 'saved')
  })

  it('sends each local edit once and never sends the server\'s own updates back; Yjs encodes no update for the document', async () => {
    const live = openTest('workspace:forward')
    await until(live, () => live.synced)
    const ws = server.sockets.at(-1)!
    const serverDoc = server.docs.get('workspace:forward')!
    // nobody listens to 'update': Yjs does not encode the transactions it applies from the server
    expect((live.doc as unknown as { _observers: Map<string, unknown> })._observers.has('update')).toBe(false)
    await vi.waitFor(() => expect(server.received.get(ws)?.length).toBeGreaterThanOrEqual(2)) // step 1 and step 2
    const before = server.received.get(ws)!.length
    // the server's update arrives and is applied, and nothing goes back
    const other = new Y.Doc()
    other.getMap('todos').set('t1', 'from someone else')
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(other))
    ws.send(encoding.toUint8Array(e))
    await vi.waitFor(() => expect(live.doc.getMap('todos').get('t1')).toBe('from someone else'))
    // a local edit goes out once, as an update the server applies
    live.doc.getText('notes').insert(0, 'mine')
    await vi.waitFor(() => expect(serverDoc.getText('notes').toString()).toBe('mine'))
    await new Promise((r) => setTimeout(r, 50))
    expect(server.received.get(ws)!.slice(before)).toEqual([2])
    expect(serverDoc.getMap('todos').get('t1')).toBeUndefined()
  })

  it('is offline while disconnected and keeps the change, then saves it on reconnect', async () => {
    server.autoAck = true
    const live = openTest('workspace:offline')
    await until(live, () => live.synced)
    live.provider.disconnect()
    await until(live, () => live.savedState === 'offline')
    live.doc.getText('notes').insert(0, 'kept')
    expect(live.savedState).toBe('offline')
    live.provider.connect()
    await until(live, () => live.savedState === 'saved')
    expect(server.docs.get('workspace:offline')!.getText('notes').toString()).toBe('kept')
  })

  it('lists ourselves in presence with our colour and focus', async () => {
    const a = openTest('workspace:presence')
    await until(a, () => a.synced)
    expect(a.presence[0]).toMatchObject({ self: true, user: { id: user.id, name: 'Anna Petrova' } })
    expect(a.presence[0].user.colour).toMatch(/^#[0-9a-f]{6}$/)
    a.setFocus('notes')
    expect(a.presence[0].focus).toBe('notes')
  })

  it('turns read-only on the server\'s notice and back on read-write', async () => {
    const live = openTest('workspace:ro')
    await until(live, () => live.synced)
    const ws = server.sockets.at(-1)!
    expect(live.savedState).toBe('saved')
    server.notice(ws, { type: 'read-only', messageId: 'collab.notice.readOnly' })
    await until(live, () => live.readOnly)
    expect(live.notice?.messageId).toBe('collab.notice.readOnly')
    expect(live.savedState).toBe('read-only')
    server.notice(ws, { type: 'read-write', messageId: 'collab.notice.readWrite' })
    await until(live, () => !live.readOnly)
    expect(live.savedState).toBe('saved')
    expect(live.notice?.messageId).toBe('collab.notice.readWrite')
    // a notice without an id (an older server) is known by its kind; an unknown id is not shown
    server.notice(ws, { type: 'resync', message: 'Sending them again.' })
    await until(live, () => live.notice?.type === 'resync')
    expect(live.notice?.messageId).toBe('collab.notice.resync')
    server.notice(ws, { type: 'later', messageId: 'no.such.message' })
    await until(live, () => live.notice?.type === 'later')
    expect(live.notice?.messageId).toBeNull()
  })

  it('opened read-only stays read-only, whatever the server says', async () => {
    const live = openTest('workspace:opened-ro', { readOnly: true })
    await until(live, () => live.synced)
    expect(live.readOnly).toBe(true)
    expect(live.savedState).toBe('read-only')
    server.notice(server.sockets.at(-1)!, { type: 'read-write', messageId: 'collab.notice.readWrite' })
    await until(live, () => live.notice?.type === 'read-write')
    expect(live.savedState).toBe('read-only')
  })

  it('stops reconnecting when refused with 4403', async () => {
    const live = openTest('close-4403:x')
    await until(live, () => live.closed !== null)
    expect(live.closed).toEqual({ code: 4403, messageId: 'collab.closed.forbidden' })
    expect(live.provider.shouldConnect).toBe(false)
  })

  it('reconnects by itself when the server closes with 4002 (the user\'s access changed)', async () => {
    const onSessionEnded = vi.fn()
    const live = openTest('workspace:access', { onSessionEnded })
    await until(live, () => live.synced)
    const first = server.sockets.at(-1)!
    first.close(4002, 'access changed')
    await vi.waitFor(() => expect(server.sockets.at(-1)).not.toBe(first), { timeout: 5_000 })
    await until(live, () => live.connected)
    expect(live.closed).toBeNull()
    expect(onSessionEnded).not.toHaveBeenCalled()
  })

  it('reports a session that ended (4001)', async () => {
    const onSessionEnded = vi.fn()
    const live = openTest('close-4001:x', { onSessionEnded })
    await until(live, () => live.closed !== null)
    expect(onSessionEnded).toHaveBeenCalledTimes(1)
    expect(live.provider.shouldConnect).toBe(false)
  })
})
