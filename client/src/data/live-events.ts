import { io, type Socket } from 'socket.io-client'
import type {
  ClientToServerEvents,
  LiveEvent,
  LiveEventName,
  ServerToClientEvents,
  SubscribeAck,
} from '../../../domain/live-events'

export type { LiveEvent, LiveEventName } from '../../../domain/live-events'

export type LiveStatus = 'connecting' | 'connected' | 'disconnected'

/** How many recent event ids we remember to drop repeats (delivery is at-least-once). */
const SEEN_MAX = 500
/** After the server drops us (our roles or branches changed), we connect again after this long. */
export const RECONNECT_AFTER_SERVER_DISCONNECT_MS = 500

/**
 * The app's one Socket.IO connection (owned by crm-app; components never call io()).
 * Events are de-duplicated by `eventId`. Subscriptions return a disposer.
 * @example const off = live.on('entity.changed', (e) => e.type === 'user' && reload())
 */
export class LiveEvents {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>
  status: LiveStatus = 'connecting'
  private statusListeners = new Set<(s: LiveStatus) => void>()
  private resyncListeners = new Set<() => void>()
  private seen = new Set<string>()
  /** The listeners of each event name (one socket handler per name). */
  private listeners = new Map<string, Set<(payload: never) => void>>()
  /** subject rooms we asked for, re-joined after a fresh (not recovered) reconnect */
  private rooms = new Map<string, number>()
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private closed = false

  constructor(
    options: { onUnauthenticated?: () => void } = {},
    socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ withCredentials: true, transports: ['websocket', 'polling'] }),
  ) {
    this.socket = socket
    let connectedBefore = false
    socket.on('connect', () => {
      this.setStatus('connected')
      if (connectedBefore && !socket.recovered) {
        for (const room of this.rooms.keys()) socket.emit('subscribe', { room }, () => {})
        // we may have missed events while away: let subscribers refetch their snapshots
        for (const l of this.resyncListeners) l()
      }
      connectedBefore = true
    })
    socket.on('disconnect', (reason) => {
      this.setStatus('disconnected')
      // socket.io does not reconnect after the server dropped us. The server does that when our
      // roles or branches changed (come back with the new access) or our session ended (then
      // `session.ended` came first and the app has closed us; if not, the new handshake is
      // refused as `unauthenticated` and the app shows the sign-in page).
      if (reason === 'io server disconnect' && !this.closed) {
        this.reconnectTimer = setTimeout(() => {
          this.reconnectTimer = null
          if (!this.closed) socket.connect()
        }, RECONNECT_AFTER_SERVER_DISCONNECT_MS)
      }
    })
    socket.on('connect_error', (err) => {
      this.setStatus('disconnected')
      if (err.message === 'unauthenticated') options.onUnauthenticated?.()
    })
  }

  /**
   * Listens to one server event. Each event reaches every listener once: a repeat of an eventId is
   * dropped once for all of them (one socket handler per event name fans out to its listeners;
   * deduping in each listener's own handler would let only the first listener hear an event).
   */
  on<K extends LiveEventName>(event: K, listener: (payload: LiveEvent<K>) => void): () => void {
    let listeners = this.listeners.get(event)
    if (!listeners) {
      const set = new Set<(payload: never) => void>()
      listeners = set
      this.listeners.set(event, set)
      // socket.io's typed `on` cannot see through the generic K; the map guarantees the payload type
      const s = this.socket as unknown as { on(e: string, f: unknown): void }
      s.on(event, (payload: LiveEvent<K>) => {
        const id = payload?.eventId
        if (id) {
          if (this.seen.has(id)) return
          this.seen.add(id)
          if (this.seen.size > SEEN_MAX) this.seen.delete(this.seen.values().next().value as string)
        }
        for (const l of [...set]) (l as (p: LiveEvent<K>) => void)(payload)
      })
    }
    const l = listener as (payload: never) => void
    listeners.add(l)
    return () => void listeners.delete(l)
  }

  /**
   * Joins a subject room (`doc:<name>`, `client:<id>`…) while the disposer is not called.
   * Resolves with the server's answer.
   */
  subscribe(room: string): { ack: Promise<SubscribeAck>; dispose: () => void } {
    this.rooms.set(room, (this.rooms.get(room) ?? 0) + 1)
    const ack = new Promise<SubscribeAck>((resolve) => this.socket.emit('subscribe', { room }, resolve))
    let disposed = false
    return {
      ack,
      dispose: () => {
        if (disposed) return
        disposed = true
        const n = (this.rooms.get(room) ?? 1) - 1
        if (n > 0) this.rooms.set(room, n)
        else {
          this.rooms.delete(room)
          this.socket.emit('unsubscribe', { room }, () => {})
        }
      },
    }
  }

  /** Called after a reconnect that did not replay missed events: refetch what you show. */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener)
    return () => void this.resyncListeners.delete(listener)
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => void this.statusListeners.delete(listener)
  }

  close() {
    this.closed = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.socket.removeAllListeners()
    this.listeners.clear()
    this.socket.disconnect()
    this.statusListeners.clear()
    this.resyncListeners.clear()
  }

  private setStatus(s: LiveStatus) {
    if (s === this.status) return
    this.status = s
    for (const l of this.statusListeners) l(s)
  }
}

/**
 * Calls `onChange` when an entity of one of these types changes, and after a reconnect that
 * may have missed events. Returns a disposer.
 * @example this.off = subscribeEntityChanges(live, ['user'], () => this.load())
 */
export function subscribeEntityChanges(live: LiveEvents | null | undefined, types: string[], onChange: () => void): () => void {
  if (!live) return () => {}
  const offChange = live.on('entity.changed', (e) => {
    if (types.includes(e.type)) onChange()
  })
  const offResync = live.onResync(onChange)
  return () => {
    offChange()
    offResync()
  }
}
