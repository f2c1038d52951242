import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { Awareness } from 'y-protocols/awareness'
import { equalityDeep } from 'lib0/function'
import * as time from 'lib0/time'
import { CLOSE, EXTENSIONS, EXTENSIONS_PARAM, MSG_NOTICE, MSG_SAVED } from '../../../domain/docs/protocol'
import type { MessageId } from '../../../domain/i18n/catalogue'

/**
 * The y-websocket wire protocol (what the stock `WebsocketProvider` speaks) plus two message
 * types of our own, `saved` (100) and `notice` (101), sent only to clients that ask for them
 * (`?ext=saved,notice`), and our close codes: these are shared with the browser and described
 * in domain/docs/protocol.ts.
 */
export { CLOSE, EXTENSIONS, EXTENSIONS_PARAM, MSG_NOTICE, MSG_SAVED }

export const MSG_SYNC = 0
export const MSG_AWARENESS = 1
export const MSG_AUTH = 2
export const MSG_QUERY_AWARENESS = 3

/** A notice: its kind, and what to tell the user as a catalogue message id (the client words it in its language). */
export interface Notice {
  type: 'read-only' | 'read-write' | 'resync'
  messageId: MessageId
}

/**
 * Why a connection is closed, as the close frame's reason: a catalogue message id (the client
 * words it in its language; the code says what to do), never an English text.
 */
export type CloseReason = MessageId

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
      if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate)
        return { type: 'update', update: payload }
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
 * refused update leaves no trace. Also returns the client ids whose structs the update carries,
 * and whether its structs are `exact`: each client's start right at the doc's state for it, so
 * that the update holds nothing the doc already has (its bytes can be stored and sent as they
 * came; deletions of already deleted items are harmless either way).
 * @example checkUpdate(update, (client) => Y.getState(doc.store, client)).missing
 */
export function checkUpdate(
  update: Uint8Array,
  stateOf: (client: number) => number,
): { missing: boolean; clients: number[]; exact: boolean } {
  const { structs, ds } = Y.decodeUpdate(update)
  const reach = new Map<number, number>()
  let exact = true
  for (const s of structs) {
    if (s instanceof Y.Skip) return { missing: true, clients: [...reach.keys()], exact: false }
    const client = s.id.client
    const reached = reach.get(client)
    const have = reached ?? stateOf(client)
    if (s.id.clock > have) return { missing: true, clients: [...reach.keys(), client], exact: false }
    if (s.id.clock < have) exact = false
    reach.set(client, Math.max(have, s.id.clock + s.length))
  }
  const clients = [...reach.keys()]
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    if (s.origin && s.origin.client !== s.id.client && !knownId(s.origin, reach, stateOf))
      return { missing: true, clients, exact }
    if (s.rightOrigin && s.rightOrigin.client !== s.id.client && !knownId(s.rightOrigin, reach, stateOf))
      return { missing: true, clients, exact }
    const parent = s.parent as unknown
    if (parent instanceof Y.ID && parent.client !== s.id.client && !knownId(parent, reach, stateOf))
      return { missing: true, clients, exact }
  }
  for (const [client, ranges] of ds.clients) {
    const have = reach.get(client) ?? stateOf(client)
    for (const r of ranges) if (r.clock + r.len > have) return { missing: true, clients, exact }
  }
  return { missing: false, clients, exact }
}

function knownId(id: Y.ID, reach: Map<number, number>, stateOf: (client: number) => number): boolean {
  return id.clock < (reach.get(id.client) ?? stateOf(id.client))
}

/** One decoded awareness entry. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  state: Record<string, unknown> | null
}

/**
 * Reads an awareness update from a connection: every non-null state gets `user` = the
 * connection's identity, and entries for client ids it may not speak for are dropped. Returns
 * the parsed entries (applied with `applyAwarenessEntries`, so JSON is parsed once) and the
 * client ids kept. Throws on malformed bytes or JSON.
 */
export function sanitizeAwareness(
  update: Uint8Array,
  user: { id: string; name: string; colour: string },
  mayControl: (clientId: number) => boolean,
): { entries: AwarenessEntry[]; clientIds: number[] } {
  const d = decoding.createDecoder(update)
  const count = decoding.readVarUint(d)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d)
    const clock = decoding.readVarUint(d)
    if (!mayControl(clientId)) {
      // not this connection's (the stock provider echoes every state it receives): skipped unread
      decoding.readVarUint8Array(d)
      continue
    }
    const state = JSON.parse(decoding.readVarString(d)) as unknown
    if (state === null) entries.push({ clientId, clock, state: null })
    else {
      const obj = typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : { value: state }
      obj.user = { id: user.id, name: user.name, colour: user.colour }
      entries.push({ clientId, clock, state: obj })
    }
  }
  return { entries, clientIds: entries.map((e) => e.clientId) }
}

/**
 * `applyAwarenessUpdate` of y-protocols for entries already parsed (same clock rules, same
 * `change` / `update` events).
 */
export function applyAwarenessEntries(awareness: Awareness, entries: AwarenessEntry[], origin: unknown): void {
  const now = time.getUnixTime()
  const added: number[] = []
  const updated: number[] = []
  const filteredUpdated: number[] = []
  const removed: number[] = []
  for (const entry of entries) {
    const { clientId, state } = entry
    let clock = entry.clock
    const meta = awareness.meta.get(clientId)
    const prev = awareness.states.get(clientId)
    const current = meta === undefined ? 0 : meta.clock
    if (!(current < clock || (current === clock && state === null && awareness.states.has(clientId)))) continue
    if (state === null) {
      if (clientId === awareness.clientID && awareness.getLocalState() != null) clock++
      else awareness.states.delete(clientId)
    } else awareness.states.set(clientId, state)
    awareness.meta.set(clientId, { clock, lastUpdated: now })
    if (meta === undefined && state !== null) added.push(clientId)
    else if (meta !== undefined && state === null) removed.push(clientId)
    else if (state !== null) {
      if (!equalityDeep(state, prev)) filteredUpdated.push(clientId)
      updated.push(clientId)
    }
  }
  if (added.length || filteredUpdated.length || removed.length)
    awareness.emit('change', [{ added, updated: filteredUpdated, removed }, origin])
  if (added.length || updated.length || removed.length) awareness.emit('update', [{ added, updated, removed }, origin])
}
