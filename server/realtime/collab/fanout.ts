import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../../logger'

/**
 * Several instances: every open document's committed updates and its awareness are published
 * on a Redis channel per document; every instance holding the document applies them and
 * forwards them to its own connections. Only the instance that received an update from its
 * client persists it, so a published update is already durable.
 */
export interface FanoutHandler {
  /** Committed updates (seq, bytes) from another instance. */
  onRemoteUpdates(list: Array<{ seq: number; update: Uint8Array }>): void
  /** An awareness update from another instance's connections. */
  onRemoteAwareness(update: Uint8Array): void
  /** Another instance just opened the document and wants our connections' awareness. */
  onAwarenessQuery(): void
}

/**
 * Instance-wide orders that are not about one open document's content: re-check a user's
 * connections (signed out, deactivated, password changed), close them all so that they come back
 * with new access (roles or branches changed), and drop a document whose history was replaced
 * (erasure). Every instance acts on them for its own connections.
 */
export type ControlMessage =
  | { kind: 'recheck-user'; userId: string }
  | { kind: 'reconnect-user'; userId: string }
  | { kind: 'evict'; doc: string; reason: string }

export interface Fanout {
  readonly instanceId: string
  /** Receives other instances' control messages (one handler). */
  onControl(handler: (msg: ControlMessage) => void): void
  publishControl(msg: ControlMessage): void
  subscribe(doc: string, handler: FanoutHandler): Promise<void>
  unsubscribe(doc: string, handler: FanoutHandler): Promise<void>
  publishUpdates(doc: string, list: Array<{ seq: number; update: Uint8Array }>): void
  publishAwareness(doc: string, update: Uint8Array): void
  publishAwarenessQuery(doc: string): void
  close(): Promise<void>
}

const KIND_UPDATES = 0
const KIND_AWARENESS = 1
const KIND_QUERY = 2

/**
 * Redis pub/sub fan-out (one publishing and one subscribing connection per process). Channels
 * are `clubroom:<namespace>:yjs:<doc>`; the namespace (the database name) keeps deployments that
 * share a Redis apart.
 */
export function createRedisFanout(url: string, namespace: string, logger: Logger): Fanout {
  const instanceId = randomUUID()
  const pub = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false })
  const sub = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false })
  for (const [name, r] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    r.on('error', (err) => logger.warn({ err, conn: name }, 'redis (document fan-out) error'))
  }
  const handlers = new Map<string, FanoutHandler>()
  const prefix = `clubroom:${namespace}:yjs:`
  const channelOf = (doc: string) => prefix + doc
  const controlChannel = `clubroom:${namespace}:collab-control`
  let controlHandler: ((msg: ControlMessage) => void) | null = null
  sub.subscribe(controlChannel).catch((err) => logger.error({ err }, 'could not subscribe to the document control channel'))

  sub.on('messageBuffer', (channelBuf: Buffer, message: Buffer) => {
    const channel = channelBuf.toString()
    if (channel === controlChannel) return void onControlMessage(message)
    if (!channel.startsWith(prefix)) return
    const handler = handlers.get(channel.slice(prefix.length))
    if (!handler) return
    try {
      const d = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength))
      if (decoding.readVarString(d) === instanceId) return
      const kind = decoding.readVarUint(d)
      if (kind === KIND_UPDATES) {
        const n = decoding.readVarUint(d)
        const list: Array<{ seq: number; update: Uint8Array }> = []
        for (let i = 0; i < n; i++) list.push({ seq: decoding.readVarUint(d), update: decoding.readVarUint8Array(d) })
        handler.onRemoteUpdates(list)
      } else if (kind === KIND_AWARENESS) handler.onRemoteAwareness(decoding.readVarUint8Array(d))
      else if (kind === KIND_QUERY) handler.onAwarenessQuery()
    } catch (err) {
      logger.error({ err, channel }, 'bad document fan-out message')
    }
  })

  function onControlMessage(message: Buffer) {
    try {
      const { from, msg } = JSON.parse(message.toString('utf8')) as { from: string; msg: ControlMessage }
      if (from === instanceId || !controlHandler) return
      if (msg?.kind === 'recheck-user' && typeof msg.userId === 'string')
        controlHandler({ kind: 'recheck-user', userId: msg.userId })
      else if (msg?.kind === 'reconnect-user' && typeof msg.userId === 'string')
        controlHandler({ kind: 'reconnect-user', userId: msg.userId })
      else if (msg?.kind === 'evict' && typeof msg.doc === 'string' && typeof msg.reason === 'string')
        controlHandler({ kind: 'evict', doc: msg.doc, reason: msg.reason })
    } catch (err) {
      logger.error({ err }, 'bad document control message')
    }
  }

  const publish = (doc: string, write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, instanceId)
    write(e)
    pub
      .publish(channelOf(doc), Buffer.from(encoding.toUint8Array(e)))
      .catch((err) => logger.error({ err, doc }, 'document fan-out publish failed'))
  }

  return {
    instanceId,
    onControl(handler) {
      controlHandler = handler
    },
    publishControl(msg) {
      pub
        .publish(controlChannel, JSON.stringify({ from: instanceId, msg }))
        .catch((err) => logger.error({ err, msg }, 'document control publish failed'))
    },
    async subscribe(doc, handler) {
      handlers.set(doc, handler)
      await sub.subscribe(channelOf(doc))
    },
    async unsubscribe(doc, handler) {
      if (handlers.get(doc) !== handler) return // a newer holder of the same document took over
      handlers.delete(doc)
      await sub.unsubscribe(channelOf(doc))
    },
    publishUpdates(doc, list) {
      publish(doc, (e) => {
        encoding.writeVarUint(e, KIND_UPDATES)
        encoding.writeVarUint(e, list.length)
        for (const { seq, update } of list) {
          encoding.writeVarUint(e, seq)
          encoding.writeVarUint8Array(e, update)
        }
      })
    },
    publishAwareness(doc, update) {
      publish(doc, (e) => {
        encoding.writeVarUint(e, KIND_AWARENESS)
        encoding.writeVarUint8Array(e, update)
      })
    },
    publishAwarenessQuery(doc) {
      publish(doc, (e) => encoding.writeVarUint(e, KIND_QUERY))
    },
    async close() {
      handlers.clear()
      controlHandler = null
      await Promise.allSettled([sub.quit(), pub.quit()])
    },
  }
}
