import { io, type Socket } from 'socket.io-client'
import {
  WALL_FORBIDDEN,
  WALL_NAMESPACE,
  WALL_UNAUTHENTICATED,
  applyWallUpdate,
  type WallPart,
  type WallSignedOut,
  type WallSnapshot,
  type WallUpdate,
  type WallWatchAck,
} from '../../../domain/wall'
import { api } from './api'

export type { WallSnapshot } from '../../../domain/wall'

/** Where a wall's connection stands. */
export type WallState =
  | { status: 'connecting' }
  | { status: 'live'; wall: WallSnapshot }
  /** Connection lost: the last copy stays on screen while it comes back (and re-syncs). */
  | { status: 'reconnecting'; wall: WallSnapshot | null }
  | { status: 'signed_out'; reason: WallSignedOut['reason'] }
  | { status: 'forbidden' }

/** After the server drops us (our access changed), we come back after this long. */
const COME_BACK_MS = 1_000
/** A screen retries a lost connection at most this far apart (a server restart, a network drop). */
const RETRY_MAX_MS = 5_000

/**
 * Follows one branch's wall over Socket.IO (namespace `/wall`), with a wall token or the session
 * cookie: the whole snapshot on every connect and reconnect (`watch`), then the parts each change
 * touched (`wall.update`). Survives network drops and server restarts; stops when signed out.
 * No polling. Returns the disposer.
 * @example const off = followWall({ token }, (s) => (this.state = s))
 */
export function followWall(
  opts: { token?: string | null; branchId?: string | null },
  listener: (state: WallState) => void,
): () => void {
  const socket: Socket = io(WALL_NAMESPACE, {
    // its own connection: its retry pace and sign-out are the screen's, not the app's
    forceNew: true,
    withCredentials: true,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: RETRY_MAX_MS,
    ...(opts.token ? { auth: { token: opts.token } } : {}),
  })
  let wall: WallSnapshot | null = null
  let stamps: Partial<Record<WallPart, string>> = {}
  let done = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const seen = new Set<string>()
  const emit = (s: WallState) => {
    if (!done) listener(s)
  }
  const stop = (s: WallState) => {
    emit(s)
    done = true
    socket.disconnect()
  }

  socket.on('connect', () => {
    socket.emit('watch', { branchId: opts.branchId ?? null }, (ack: WallWatchAck) => {
      if (!ack.ok) return ack.error === 'forbidden' || ack.error === 'not_found' ? stop({ status: 'forbidden' }) : undefined
      wall = ack.snapshot
      stamps = {}
      emit({ status: 'live', wall })
    })
  })
  socket.on('wall.update', (u: WallUpdate) => {
    if (!wall || (u.eventId && seen.has(u.eventId))) return
    if (u.eventId) {
      seen.add(u.eventId)
      if (seen.size > 200) seen.delete(seen.values().next().value as string)
    }
    const next = applyWallUpdate(wall, stamps, u)
    if (next === wall) return
    wall = next
    emit({ status: 'live', wall })
  })
  socket.on('wall.signed_out', (s: WallSignedOut) => stop({ status: 'signed_out', reason: s.reason }))
  socket.on('connect_error', (err: Error) => {
    if (err.message === WALL_UNAUTHENTICATED) return stop({ status: 'signed_out', reason: opts.token ? 'revoked' : 'session_ended' })
    if (err.message === WALL_FORBIDDEN) return stop({ status: 'forbidden' })
    emit({ status: 'reconnecting', wall })
  })
  socket.on('disconnect', (reason) => {
    if (done) return
    emit({ status: 'reconnecting', wall })
    // socket.io does not come back by itself after the server dropped us (our access changed)
    if (reason === 'io server disconnect') timer = setTimeout(() => !done && socket.connect(), COME_BACK_MS)
  })

  return () => {
    done = true
    if (timer) clearTimeout(timer)
    socket.removeAllListeners()
    socket.disconnect()
  }
}

/** A wall token as the list gives it (the secret is never listed). */
export interface WallToken {
  id: string
  name: string
  branchId: string | null
  createdAt: string
  createdBy: string
  revokedAt: string | null
  lastSeenAt: string | null
}

export const listWallTokens = () => api<{ items: WallToken[] }>('GET', '/api/wall-tokens').then((r) => r.items)

/** Creates a token: `url` (with the token) is shown this once. */
export const createWallToken = (name: string, branchId: string | null) =>
  api<{ token: string; url: string; wallToken: WallToken }>('POST', '/api/wall-tokens', { name, branchId })

export const revokeWallToken = (id: string) => api<null>('DELETE', `/api/wall-tokens/${encodeURIComponent(id)}`)
