import { randomUUID } from 'node:crypto'
import type { Namespace, Server, Socket } from 'socket.io'
import {
  WALL_FORBIDDEN,
  WALL_NAMESPACE,
  WALL_UNAUTHENTICATED,
  type WallPart,
  type WallSignedOut,
  type WallUpdate,
  type WallWatchAck,
} from '../../../domain/wall'
import type { AppDeps } from '../../http/context'
import { roleAllows } from '../../policies/policy'
import { sessionToken } from '../../realtime/socket/handshake'
import { passAlerts } from '../passes/index'
import { loanAlerts } from '../loans/index'
import { checklistAlerts } from '../checklists/index'
import { stockAlerts } from '../stock/index'
import { wallPolicies } from './policies'
import { liveWallTokenIds, touchWallToken, wallBranchList } from './queries'
import { PARTS_OF_ALERT, partsOfChange, wallParts, wallSnapshot } from './snapshot'
import { viewerBranches, viewerOfToken, wallRefusal, type WallViewer } from './viewer'

/** Changes arriving within this window are computed together (a lesson marked done writes a burst). */
export const COALESCE_MS = 15
/** How often this instance re-checks the tokens and sessions behind its walls (a revocation it did not hear of). */
export const SWEEP_MS = 2_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const WALL_KINDS: ReadonlySet<string> = new Set([
  ...Object.keys(passAlerts),
  ...Object.keys(stockAlerts),
  ...Object.keys(loanAlerts),
  ...Object.keys(checklistAlerts),
])

interface WallSocketData {
  viewer: WallViewer
  /** The session behind a signed-in user's wall (re-checked by the sweep). */
  session?: string
  branchId?: string
}
interface ServerEvents {
  'wall.update': (u: WallUpdate) => void
  'wall.signed_out': (s: WallSignedOut & { eventId: string }) => void
}
interface ClientEvents {
  watch: (...args: unknown[]) => void
}
type WallSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, WallSocketData>
type WallNamespace = Namespace<ClientEvents, ServerEvents, Record<string, never>, WallSocketData>

export const wallRoom = (branchId: string) => `wall:${branchId.toLowerCase()}`
const tokenRoom = (id: string) => `token:${id}`
const userRoom = (id: string) => `user:${id}`

const refusal = (code: string) => Object.assign(new Error(code), { data: { code } })

/**
 * The wall's namespace `/wall` on the app's Socket.IO server (and its Redis adapter, so a change
 * heard here reaches the walls connected to other instances). A screen signs in with a wall token
 * (`auth.token`) or the session cookie; `watch` puts it in its branch's room and answers with the
 * snapshot; each committed change that touches a wall is computed ONCE here (the parts it touched)
 * and sent to that room. Revoking a token or ending a session signs its screens out.
 */
export function attachWall(io: Server, deps: AppDeps): { close(): Promise<void> } {
  const { database, events, sessions, logger, config } = deps
  const db = database.db
  const log = logger.child({ area: 'wall' })
  const nsp = io.of(WALL_NAMESPACE) as unknown as WallNamespace
  const shared = !!config.REDIS_URL

  nsp.use((socket: WallSocket, next) => {
    void (async () => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined
      if (auth?.token !== undefined) {
        const viewer = await viewerOfToken(db, auth.token)
        if (!viewer || viewer.kind !== 'token') return next(refusal(WALL_UNAUTHENTICATED))
        void touchWallToken(db, viewer.tokenId).catch(() => {})
        socket.data = { viewer }
        return next()
      }
      const token = sessionToken(socket.handshake.headers.cookie)
      const actor = token ? ((await sessions.find(token))?.actor ?? null) : null
      if (!token || !actor) return next(refusal(WALL_UNAUTHENTICATED))
      if (!roleAllows(actor, wallPolicies.read)) return next(refusal(WALL_FORBIDDEN))
      socket.data = { viewer: { kind: 'user', actor }, session: token }
      next()
    })().catch((err: unknown) => {
      log.error({ err }, 'wall handshake failed')
      next(refusal('unavailable'))
    })
  })

  nsp.on('connection', (socket: WallSocket) => {
    const v = socket.data.viewer
    void socket.join(v.kind === 'token' ? tokenRoom(v.tokenId) : userRoom(v.actor.id))
    socket.on('watch', (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: WallWatchAck) => void) : () => {}
      void watch(socket, args[0]).then(ack, (err: unknown) => {
        log.error({ err }, 'wall watch failed')
        ack({ ok: false, error: 'unavailable' })
      })
    })
  })

  async function watch(socket: WallSocket, payload: unknown): Promise<WallWatchAck> {
    const asked = typeof payload === 'object' && payload !== null ? (payload as { branchId?: unknown }).branchId : undefined
    if (asked !== undefined && asked !== null && (typeof asked !== 'string' || !UUID.test(asked)))
      return { ok: false, error: 'invalid_payload' }
    const viewer = socket.data.viewer
    const branches = await wallBranchList(db, viewerBranches(viewer))
    const branchId = typeof asked === 'string' ? asked.toLowerCase() : branches[0]?.id
    if (!branchId) return { ok: false, error: 'not_found' }
    if (wallRefusal(viewer, branchId)) return { ok: false, error: 'forbidden' }
    // in the room first, then the snapshot: a change after it reaches us, one before is in it
    for (const room of socket.rooms) if (room.startsWith('wall:')) void socket.leave(room)
    await socket.join(wallRoom(branchId))
    socket.data.branchId = branchId
    const snapshot = await wallSnapshot(db, branchId)
    if (!snapshot) return { ok: false, error: 'not_found' }
    return { ok: true, snapshot: { ...snapshot, branches } }
  }

  // ── changes → the walls of their branch, each part computed once ──
  const pending = new Map<string, Set<WallPart>>()
  let timer: NodeJS.Timeout | null = null
  let closed = false

  /** Is anybody's wall of this branch listening? Locally known; with other instances, assume so. */
  const watched = (branchId: string) => shared || (nsp.adapter.rooms.get(wallRoom(branchId))?.size ?? 0) > 0

  function schedule(branchId: string | null | undefined, parts: readonly WallPart[]) {
    if (closed || !parts.length) return
    const targets = branchId ? [branchId.toLowerCase()] : watchedBranches()
    for (const b of targets) {
      if (!watched(b)) continue
      const set = pending.get(b) ?? new Set<WallPart>()
      for (const p of parts) set.add(p)
      pending.set(b, set)
    }
    if (pending.size && !timer) {
      timer = setTimeout(() => void flush(), COALESCE_MS)
      timer.unref()
    }
  }

  /** The branches whose walls this instance holds (a change of no branch: a center-wide flag). */
  function watchedBranches(): string[] {
    return [...nsp.adapter.rooms.keys()].filter((r) => r.startsWith('wall:')).map((r) => r.slice(5))
  }

  async function flush() {
    timer = null
    const batch = [...pending]
    pending.clear()
    for (const [branchId, parts] of batch) {
      try {
        const update = await wallParts(db, branchId, parts)
        if (update && !closed) nsp.to(wallRoom(branchId)).emit('wall.update', { ...update, eventId: randomUUID() })
      } catch (err) {
        log.warn({ err, branchId }, 'wall update not computed')
      }
    }
  }

  function signOut(room: string, reason: WallSignedOut['reason']) {
    // the notice and then the disconnect, in this order on every instance (one adapter channel)
    nsp.to(room).emit('wall.signed_out', { reason, eventId: randomUUID() })
    nsp.in(room).disconnectSockets(true)
  }

  const offs = [
    events.on('entity.changed', (e) => {
      try {
        schedule(e.branchId, partsOfChange(e.type))
      } catch (err) {
        log.warn({ err }, 'wall change not scheduled')
      }
    }),
    events.on('alert.raised', (a) => {
      if (WALL_KINDS.has(a.kind)) schedule(a.branchId, PARTS_OF_ALERT)
    }),
    events.on('alert.cleared', (a) => {
      if (WALL_KINDS.has(a.kind)) schedule(a.branchId, PARTS_OF_ALERT)
    }),
    events.on('wall.token_revoked', ({ id }) => signOut(tokenRoom(id), 'revoked')),
    events.on('session.ended', ({ userId }) => signOut(userRoom(userId), 'session_ended')),
    // a session of theirs ended (signed out, deactivated), or their roles or branches changed
    events.on('user.access_changed', ({ userId, reconnect }) => void recheckUser(userId, !!reconnect)),
  ]

  /**
   * This instance's walls of a user: those whose session is gone are signed out; with `reconnect`
   * (roles or branches changed) the others are dropped and come back with what they may see now.
   * (Other instances' walls: their sweep finds an ended session within seconds.)
   */
  async function recheckUser(userId: string, reconnect: boolean) {
    try {
      for (const s of await nsp.in(userRoom(userId)).local.fetchSockets()) {
        const session = s.data.session
        const ok = session ? !!(await sessions.find(session, { touch: false })) : false
        if (!ok) {
          s.emit('wall.signed_out', { reason: 'session_ended', eventId: randomUUID() })
          s.disconnect(true)
        } else if (reconnect) s.disconnect(true)
      }
    } catch (err) {
      log.warn({ err, userId }, 'wall re-check failed')
    }
  }

  // ── the sweep: tokens revoked and sessions ended that no event told this instance about ──
  let sweeping = false
  const sweepTimer = setInterval(() => {
    if (sweeping || closed) return
    sweeping = true
    void sweep()
      .catch((err: unknown) => log.warn({ err }, 'wall sweep failed'))
      .finally(() => (sweeping = false))
  }, SWEEP_MS)
  sweepTimer.unref()

  async function sweep() {
    const sockets = [...nsp.sockets.values()]
    const tokenIds = [...new Set(sockets.flatMap((s) => (s.data.viewer?.kind === 'token' ? [s.data.viewer.tokenId] : [])))]
    const live = await liveWallTokenIds(db, tokenIds)
    const sessionsOk = new Map<string, boolean>()
    for (const s of sockets) {
      const token = s.data.session
      if (token && !sessionsOk.has(token)) sessionsOk.set(token, !!(await sessions.find(token, { touch: false })))
    }
    for (const s of sockets) {
      const v = s.data.viewer
      const gone = v?.kind === 'token' ? !live.has(v.tokenId) : s.data.session ? sessionsOk.get(s.data.session) === false : false
      if (!gone || !s.connected) continue
      s.emit('wall.signed_out', { reason: v.kind === 'token' ? 'revoked' : 'session_ended', eventId: randomUUID() })
      s.disconnect(true)
    }
  }

  return {
    close() {
      closed = true
      for (const off of offs) off()
      if (timer) clearTimeout(timer)
      clearInterval(sweepTimer)
      pending.clear()
      return Promise.resolve()
    },
  }
}
