import { io, type Socket } from 'socket.io-client'

/** An alert as broadcast by the server (fields beyond id/kind/message are optional). */
export interface AlertPayload {
  id: string
  kind?: string
  severity?: 'info' | 'warning' | 'critical' | string
  message?: string
  entity?: string
  entityId?: string
}

/** Server → client Socket.IO events and their payloads. */
export interface LiveEventMap {
  'alert.raised': AlertPayload
  'alert.cleared': AlertPayload
  'entity.changed': { type: string; id: string; action?: string; [k: string]: unknown }
  presence: unknown
  'session.ended': { userId?: string; reason?: string }
}

export type LiveStatus = 'connecting' | 'connected' | 'disconnected'

/**
 * The app's one Socket.IO connection (owned by crm-app; components never call io()).
 * Subscriptions return a disposer.
 * @example const off = live.on('entity.changed', (e) => e.type === 'user' && reload())
 */
export class LiveEvents {
  readonly socket: Socket
  status: LiveStatus = 'connecting'
  private statusListeners = new Set<(s: LiveStatus) => void>()
  private reconnectListeners = new Set<() => void>()

  constructor(socket: Socket = io({ withCredentials: true, transports: ['websocket', 'polling'] })) {
    this.socket = socket
    let wasConnected = false
    socket.on('connect', () => {
      this.setStatus('connected')
      // we may have missed events while away: let subscribers refetch their snapshots
      if (wasConnected) for (const l of this.reconnectListeners) l()
      wasConnected = true
    })
    socket.on('disconnect', () => this.setStatus('disconnected'))
    socket.on('connect_error', () => this.setStatus('disconnected'))
  }

  on<K extends keyof LiveEventMap>(event: K, listener: (payload: LiveEventMap[K]) => void): () => void {
    const fn = listener as (payload: unknown) => void
    this.socket.on(event as string, fn)
    return () => void this.socket.off(event as string, fn)
  }

  /** Called after a reconnect (not the first connect). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => void this.reconnectListeners.delete(listener)
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => void this.statusListeners.delete(listener)
  }

  close() {
    this.socket.removeAllListeners()
    this.socket.disconnect()
    this.statusListeners.clear()
    this.reconnectListeners.clear()
  }

  private setStatus(s: LiveStatus) {
    if (s === this.status) return
    this.status = s
    for (const l of this.statusListeners) l(s)
  }
}

/**
 * Calls `onChange` when an entity of one of these types changes, and after a reconnect
 * (events may have been missed). Returns a disposer.
 * @example this.off = subscribeEntityChanges(live, ['user'], () => this.load())
 */
export function subscribeEntityChanges(live: LiveEvents | null | undefined, types: string[], onChange: () => void): () => void {
  if (!live) return () => {}
  const offChange = live.on('entity.changed', (e) => {
    if (e && types.includes(e.type)) onChange()
  })
  const offReconnect = live.onReconnect(onChange)
  return () => {
    offChange()
    offReconnect()
  }
}
