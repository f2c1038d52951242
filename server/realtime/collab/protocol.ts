import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'

/**
 * The y-websocket wire protocol (what the stock `WebsocketProvider` speaks) plus two message
 * types of our own, which a stock client ignores unless it registers a handler:
 * - 100 `saved`: varUint8Array holding a Yjs-encoded state vector of the durable clocks of the
 *   connection's own client ids (compare your `doc.clientID`'s clock: saved when ≥ local clock);
 * - 101 `notice`: varString JSON `{"type":"read-only"|"read-write"|"resync","message":"…"}`.
 */
export const MSG_SYNC = 0
export const MSG_AWARENESS = 1
export const MSG_AUTH = 2
export const MSG_QUERY_AWARENESS = 3
export const MSG_SAVED = 100
export const MSG_NOTICE = 101

/** Close codes (4400–4499: the provider stops reconnecting; others: it retries). */
export const CLOSE = {
  sessionEnded: 4001,
  badRequest: 4400,
  forbidden: 4403,
  gone: 4410,
  tooLarge: 4413,
  tooMany: 4429,
  unavailable: 4500,
  goingAway: 1001,
} as const

export interface Notice {
  type: 'read-only' | 'read-write' | 'resync'
  message: string
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MSG_SYNC)
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1)
  encoding.writeVarUint8Array(e, stateVector)
  return encoding.toUint8Array(e)
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MSG_SYNC)
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** One broadcast buffer per update; the same bytes go to every connection. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MSG_SYNC)
  encoding.writeVarUint(e, syncProtocol.messageYjsUpdate)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MSG_AWARENESS)
  encoding.writeVarUint8Array(e, awarenessUpdate)
  return encoding.toUint8Array(e)
}

/** Yjs state-vector encoding (varUint count, then clientID/clock pairs) of the given clocks. */
export function encodeClocks(clocks: Iterable<[number, number]>): Uint8Array {
  const list = [...clocks]
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, list.length)
  for (const [client, clock] of list) {
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, clock)
  }
  return encoding.toUint8Array(e)
}

export function encodeSaved(clocks: Iterable<[number, number]>): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MSG_SAVED)
  encoding.writeVarUint8Array(e, encodeClocks(clocks))
  return encoding.toUint8Array(e)
}

export function encodeNotice(notice: Notice): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MSG_NOTICE)
  encoding.writeVarString(e, JSON.stringify(notice))
  return encoding.toUint8Array(e)
}

/** A decoded client message (only what the hub acts on). */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'ignored' }

/** Decodes one client message; throws on malformed bytes. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  const d = decoding.createDecoder(data)
  const type = decoding.readVarUint(d)
  switch (type) {
    case MSG_SYNC: {
      const sub = decoding.readVarUint(d)
      const payload = decoding.readVarUint8Array(d)
      if (sub === syncProtocol.messageYjsSyncStep1) return { type: 'sync-step1', stateVector: payload }
      if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) return { type: 'update', update: payload }
      throw new Error(`unknown sync message ${sub}`)
    }
    case MSG_AWARENESS:
      return { type: 'awareness', update: decoding.readVarUint8Array(d) }
    case MSG_QUERY_AWARENESS:
      return { type: 'query-awareness' }
    default:
      return { type: 'ignored' }
  }
}

/**
 * Would applying this update leave something pending (structs or deletions whose dependencies
 * the doc has not seen)? Checked on a decoded copy, before anything touches the doc, so a
 * refused update leaves no trace. Also returns the client ids whose structs the update carries.
 * @example checkUpdate(update, (client) => Y.getState(doc.store, client)).missing
 */
export function checkUpdate(update: Uint8Array, stateOf: (client: number) => number): { missing: boolean; clients: number[] } {
  const { structs, ds } = Y.decodeUpdate(update)
  const reach = new Map<number, number>()
  const state = (client: number) => reach.get(client) ?? stateOf(client)
  for (const s of structs) {
    if (s instanceof Y.Skip) return { missing: true, clients: [...reach.keys()] }
    const client = s.id.client
    const have = state(client)
    if (s.id.clock > have) return { missing: true, clients: [...reach.keys(), client] }
    reach.set(client, Math.max(have, s.id.clock + s.length))
  }
  const clients = [...reach.keys()]
  const known = (id: Y.ID) => id.clock < state(id.client)
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    if (s.origin && s.origin.client !== s.id.client && !known(s.origin)) return { missing: true, clients }
    if (s.rightOrigin && s.rightOrigin.client !== s.id.client && !known(s.rightOrigin)) return { missing: true, clients }
    const parent = s.parent as unknown
    if (parent instanceof Y.ID && parent.client !== s.id.client && !known(parent)) return { missing: true, clients }
  }
  for (const [client, ranges] of ds.clients) {
    const have = state(client)
    for (const r of ranges) if (r.clock + r.len > have) return { missing: true, clients }
  }
  return { missing: false, clients }
}

/**
 * Rewrites an awareness update: every non-null state gets `user` = the connection's identity,
 * and entries for client ids this connection may not speak for are dropped. Returns the new
 * update (null when nothing is left) and the client ids kept. Throws on malformed bytes or JSON.
 */
export function sanitizeAwareness(
  update: Uint8Array,
  user: { id: string; name: string; colour: string },
  mayControl: (clientId: number) => boolean,
): { update: Uint8Array | null; clientIds: number[] } {
  const d = decoding.createDecoder(update)
  const count = decoding.readVarUint(d)
  const kept: Array<[number, number, string]> = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d)
    const clock = decoding.readVarUint(d)
    const raw = decoding.readVarString(d)
    const state = JSON.parse(raw) as unknown
    if (!mayControl(clientId)) continue
    if (state === null) kept.push([clientId, clock, 'null'])
    else {
      const obj = typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : { value: state }
      kept.push([clientId, clock, JSON.stringify({ ...obj, user: { id: user.id, name: user.name, colour: user.colour } })])
    }
  }
  const clientIds = kept.map(([id]) => id)
  if (kept.length === 0) return { update: null, clientIds }
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, kept.length)
  for (const [clientId, clock, json] of kept) {
    encoding.writeVarUint(e, clientId)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, json)
  }
  return { update: encoding.toUint8Array(e), clientIds }
}
