import { randomUUID } from 'node:crypto'
import type { Server as HttpServer } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { createAdapter } from '@socket.io/redis-adapter'
import { Redis } from 'ioredis'
import { Server, type Socket } from 'socket.io'
import { hashToken } from '../../contracts/sessions'
import type { AppDeps } from '../../http/context'
import type { SessionHolder } from '../session-watch'
import { PresenceBoard, entityChangedAudience, type Audience } from './broadcaster'
import { accessKey, originAllowed, sessionToken } from './handshake'
import {
  UNAUTHENTICATED,
  type LiveEventName,
  type LiveEventPayloads,
  type ServerToClientEvents,
  type SubscribeAck,
} from '../../../domain/live-events'
import {
  MAX_ROOM_LENGTH,
  MAX_SUBSCRIPTIONS,
  allowedRooms,
  baseRooms,
  checkRoom,
  docRoom,
  userRoom,
  type LiveUser,
  type RoomRules,
} from './rooms'

/** How long a dropped connection may come back with its rooms and missed events (connection-state recovery). */
export const MAX_DISCONNECTION_MS = 2 * 60_000
/** Presence summaries are coalesced over this window (people open and close documents in bursts). */
const SUMMARY_DELAY_MS = 200
/** socket.io's disconnect reasons after which it keeps the session for recovery. */
const RECOVERABLE = new Set([
  'transport error',
  'transport close',
  'forced close',
  'ping timeout',
  'server shutting down',
  'forced server close',
])

/**
 * What the socket server needs from the areas, handed over at boot (server/boot/realtime.ts): it
 * runs no SQL and imports no module of its own. Sessions come with `deps.sessions`; entity and
 * document types with `deps.registry`.
 */
export interface SocketPorts {
  /** The ids of the active users the alert policy shows this alert to (its broadcast audience). */
  alertRecipients(alertId: string): Promise<string[]>
  /** The same audience with each one's language (theirs, else the center's default): each gets the alert's text in theirs. */
  alertAudience(alertId: string): Promise<Array<{ id: string; locale: 'hy' | 'ru' | 'en' }>>
  /** Names this deployment's channels on a shared Redis (the database's name). */
  channelName(): Promise<string>
}

/** What the server keeps on each socket (`socket.data`); restored with a recovered connection. */
export interface SocketData {
  user: LiveUser
  /** `accessKey(user)` when the socket connected. */
  accessKey: string
  /** Subject rooms the client asked for (kept across recovery and re-checked on access changes). */
  subscriptions: string[]
  /** Finds this socket's session token after a drop, for the recovery check (the token itself never enters `data`). */
  recoveryKey: string
}

/** Client → server events as they arrive: untrusted, validated by hand. */
interface UntrustedClientEvents {
  subscribe: (...args: unknown[]) => void
  unsubscribe: (...args: unknown[]) => void
}

/** Between server processes (through the Redis adapter). */
interface InterServerEvents {
  /** Re-check the sockets of this user: their access changed. */
  'clubroom:reauth': (userId: string, reason: string) => void
}

export type LiveServer = Server<UntrustedClientEvents, ServerToClientEvents, InterServerEvents, SocketData>
type LiveSocket = Socket<UntrustedClientEvents, ServerToClientEvents, InterServerEvents, SocketData>
type LiveAdapter = ReturnType<LiveServer['of']>['adapter']

/** Socket.IO live events on /socket.io. As a `SessionHolder`, the session watch closes the sockets of sessions that ended. */
export interface LiveEvents extends SessionHolder {
  /** The Socket.IO server (for modules that need more than `emitTo`). */
  io: LiveServer
  /**
   * Sends an event to one room or several (a socket in several gets it once), on every server
   * process. Adds the `eventId` and returns it ('' when given no room: an empty list sends nothing).
   * @example live.emitTo('role:manager', 'alert.raised', { id, kind: 'debt', subject: `client:${id}`, severity: 'warning', message })
   */
  emitTo<K extends LiveEventName>(room: string | string[], event: K, payload: LiveEventPayloads[K]): string
  /** Drops every connection (clients reconnect elsewhere), leaves Redis. Does not close the HTTP server. */
  close(): Promise<void>
}

/**
 * Attaches Socket.IO to the HTTP server on /socket.io: session-cookie handshake with an Origin check,
 * rooms by user, role, branch and subject, bus events → rooms, and the Redis adapter when REDIS_URL is set.
 * Other upgrade requests (/yjs/*) are left alone (`destroyUpgrade: false`).
 * @example const live = await attachSocket(http, deps); live.emitTo('branch:…', 'entity.changed', { type: 'room', id, action: 'create' })
 */
export async function attachSocket(http: HttpServer, deps: AppDeps, ports: SocketPorts): Promise<LiveEvents> {
  const { config, logger, database, events, sessions } = deps
  const log = logger.child({ area: 'socket.io' })
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, log) : null
  const key = redis ? `clubroom:${await ports.channelName()}` : undefined

  const io: LiveServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    // leave /yjs/* and any other upgrade to their own handlers
    destroyUpgrade: false,
    // clients only send small subscribe/unsubscribe messages
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: MAX_DISCONNECTION_MS, skipMiddlewares: false },
    allowRequest: (req, done) => {
      const ok = originAllowed(req.headers, !!(req.socket as TLSSocket).encrypted, config.PUBLIC_URL)
      if (!ok) log.warn({ origin: req.headers.origin }, 'cross-origin socket.io handshake refused')
      done(ok ? null : 'cross_origin', ok)
    },
    ...(redis ? { adapter: createAdapter(redis.pub, redis.sub, { key }) } : {}),
  })
  const nsp = io.of('/')

  /** Session tokens of live sockets, and of dropped ones that may still be recovered. */
  const liveTokens = new WeakMap<LiveSocket, string>()
  /** The session token hash of each live socket (what the session watch checks). */
  const liveHashes = new WeakMap<LiveSocket, string>()
  const parked = new Map<string, { token: string; timer: NodeJS.Timeout }>()
  const docTypes = deps.registry.docTypes
  const rules: RoomRules = { docTypes, entities: deps.registry.liveEntities }
  const board = new PresenceBoard(docTypes)
  const pendingScopes = new Set<string>()
  let summaryTimer: NodeJS.Timeout | null = null

  function emitToAudience<K extends LiveEventName>(audience: Audience, event: K, payload: LiveEventPayloads[K]): string {
    // io.to([]) would mean everyone: an empty audience sends nothing
    if ('rooms' in audience && audience.rooms.length === 0) return ''
    // shutting down: a late event (an audience looked up meanwhile) would publish on a closed Redis connection
    if (closing) return ''
    const eventId = randomUUID()
    const body = { ...payload, eventId } as Parameters<ServerToClientEvents[K]>[0]
    const target = 'everyone' in audience ? io : io.to(audience.rooms)
    ;(target.emit as (ev: K, p: typeof body) => boolean)(event, body)
    return eventId
  }
  /**
   * The document an entity's changes also go to, when its type must look it up (a lesson's week,
   * `findDoc`), or null. Remembered for a minute (a burst of events about one lesson asks once; a
   * lesson rarely changes weeks), at most 10,000 entities.
   */
  const docOfEntity = new Map<string, { doc: string; at: number }>()
  async function findDoc(findDocOf: (db: typeof database.db, id: string) => Promise<string | null>, type: string, id: string) {
    const cacheKey = `${type}:${id}`
    const known = docOfEntity.get(cacheKey)
    if (known && Date.now() - known.at < 60_000) return known.doc
    const doc = await findDocOf(database.db, id)
    docOfEntity.delete(cacheKey)
    if (!doc) return null
    if (docOfEntity.size >= 10_000) docOfEntity.delete(docOfEntity.keys().next().value as string)
    docOfEntity.set(cacheKey, { doc, at: Date.now() })
    return doc
  }
  function emitTo<K extends LiveEventName>(room: string | string[], event: K, payload: LiveEventPayloads[K]): string {
    return emitToAudience({ rooms: typeof room === 'string' ? [room] : room }, event, payload)
  }
  function emitToSocket<K extends LiveEventName>(socket: LiveSocket, event: K, payload: LiveEventPayloads[K]) {
    const body = { ...payload, eventId: randomUUID() } as Parameters<ServerToClientEvents[K]>[0]
    ;(socket.emit as (ev: K, p: typeof body) => boolean)(event, body)
  }

  // A recovered connection replays missed events *before* the middleware runs, so check the
  // session here: only a still-valid session of the same user with unchanged access is resumed;
  // anything else becomes a fresh connection (and the middleware then refuses or re-rooms it).
  guardRecovery(nsp.adapter, async (data) => {
    const entry = data?.recoveryKey ? parked.get(data.recoveryKey) : undefined
    if (!data?.user || !entry) return false
    const found = await sessions.find(entry.token)
    if (!found || found.actor.id !== data.user.id) return false
    // the session's actor carries the user's current roles and branches
    return accessKey(found.actor) === data.accessKey
  })

  // Every connection, recovered ones included: the session cookie decides who this is.
  io.use(async (socket, next) => {
    try {
      const token = sessionToken(socket.handshake.headers.cookie)
      const user = token ? ((await sessions.find(token))?.actor ?? null) : null
      if (!token || !user) return next(refusal(UNAUTHENTICATED))
      const previous = socket.recovered ? (socket.data as Partial<SocketData>) : undefined
      if (previous?.recoveryKey) unpark(previous.recoveryKey)
      // a recovered socket of someone else (another sign-in in the same tab) starts from scratch
      const subscriptions = previous?.user?.id === user.id ? (previous.subscriptions ?? []) : []
      socket.data = { user, accessKey: accessKey(user), subscriptions, recoveryKey: randomUUID() }
      liveTokens.set(socket, token)
      liveHashes.set(socket, hashToken(token))
      next()
    } catch (err) {
      log.error({ err }, 'socket.io handshake failed')
      next(refusal('unavailable'))
    }
  })

  io.on('connection', (socket) => {
    syncRooms(socket)
    socket.on('subscribe', (...args) => onSubscribe(socket, args))
    socket.on('unsubscribe', (...args) => onUnsubscribe(socket, args))
    socket.on('disconnect', (reason) => {
      const token = liveTokens.get(socket)
      liveTokens.delete(socket)
      // (the Redis adapter cannot recover connections: nothing to park)
      if (!redis && token && RECOVERABLE.has(reason) && socket.data.recoveryKey) park(socket.data.recoveryKey, token)
    })
    // what is already open, for the scopes this user may see
    for (const scope of board.scopes()) {
      const docs = board.summaryFor(socket.data.user, scope)
      if (docs.length) emitToSocket(socket, 'presence.summary', { scope, docs })
    }
  })

  function park(recoveryKey: string, token: string) {
    const timer = setTimeout(() => parked.delete(recoveryKey), MAX_DISCONNECTION_MS + 5_000)
    timer.unref()
    parked.set(recoveryKey, { token, timer })
  }
  function unpark(recoveryKey: string) {
    const entry = parked.get(recoveryKey)
    if (entry) clearTimeout(entry.timer)
    parked.delete(recoveryKey)
  }

  /** Puts the socket in exactly the rooms its user may be in now; drops subscriptions it lost. */
  function syncRooms(socket: LiveSocket) {
    const { rooms, subscriptions } = allowedRooms(rules, socket.data.user, socket.data.subscriptions)
    socket.data.subscriptions = subscriptions
    for (const room of socket.rooms) if (room !== socket.id && !rooms.has(room)) void socket.leave(room)
    void socket.join([...rooms])
  }

  function onSubscribe(socket: LiveSocket, args: unknown[]) {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (res: SubscribeAck) => void) : null
    const reply = (res: SubscribeAck) => {
      try {
        ack?.(res)
      } catch {
        /* a broken ack is the client's problem */
      }
    }
    try {
      const check = checkRoom(rules, socket.data.user, args[0])
      if (!check.ok) return reply(check)
      const { room } = check
      if (!socket.data.subscriptions.includes(room) && !baseRooms(socket.data.user).includes(room)) {
        if (socket.data.subscriptions.length >= MAX_SUBSCRIPTIONS) return reply({ ok: false, error: 'too_many_rooms' })
        socket.data.subscriptions.push(room)
      }
      void socket.join(room)
      reply({ ok: true })
      if (room.startsWith('doc:')) {
        const doc = room.slice(4)
        const people = board.get(doc)
        if (people) emitToSocket(socket, 'presence', { doc, users: people })
      }
    } catch (err) {
      log.error({ err }, 'subscribe failed')
      reply({ ok: false, error: 'invalid_payload' })
    }
  }

  function onUnsubscribe(socket: LiveSocket, args: unknown[]) {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (res: SubscribeAck) => void) : null
    const reply = (res: SubscribeAck) => {
      try {
        ack?.(res)
      } catch {
        /* ignore */
      }
    }
    const payload = args[0]
    const room = typeof payload === 'object' && payload !== null ? (payload as { room?: unknown }).room : undefined
    if (typeof room !== 'string' || room.length > MAX_ROOM_LENGTH) return reply({ ok: false, error: 'invalid_payload' })
    const i = socket.data.subscriptions.indexOf(room)
    if (i >= 0) socket.data.subscriptions.splice(i, 1)
    // the rooms the server assigned stay
    if (room !== socket.id && !baseRooms(socket.data.user).includes(room)) void socket.leave(room)
    reply({ ok: true })
  }

  /** Tells one socket its session is over, then disconnects it (the packets go out in this order). */
  function endSocket(socket: LiveSocket, reason: string) {
    emitToSocket(socket, 'session.ended', { userId: socket.data.user.id, reason })
    socket.disconnect()
  }

  /** Re-checks this process's sockets of a user: refreshed rooms, or session.ended + disconnect. */
  async function reauthUser(userId: string, reason: string) {
    const ids = nsp.adapter.rooms.get(userRoom(userId))
    const sockets = [...(ids ?? [])].map((id) => nsp.sockets.get(id)).filter((s): s is LiveSocket => !!s)
    for (const socket of sockets) {
      try {
        const token = liveTokens.get(socket)
        // a re-check is not a use of the session: last_seen_at stays
        const user = token ? ((await sessions.find(token, { touch: false }))?.actor ?? null) : null
        if (!socket.connected) continue
        if (!user) {
          endSocket(socket, reason)
          continue
        }
        socket.data.user = user
        socket.data.accessKey = accessKey(user)
        syncRooms(socket)
      } catch (err) {
        log.error({ err, userId }, 'socket re-check failed')
      }
    }
  }

  async function sendSummary(scope: string) {
    const audience = board.audience(scope)
    if (!('rooms' in audience) || audience.rooms.length === 0) return
    try {
      for (const s of await io.in(audience.rooms).fetchSockets()) {
        if (s.data.user) s.emit('presence.summary', { scope, docs: board.summaryFor(s.data.user, scope), eventId: randomUUID() })
      }
    } catch (err) {
      log.warn({ err, scope }, 'presence summary not sent')
    }
  }

  function schedulePresenceSummary(scope: string) {
    pendingScopes.add(scope)
    if (summaryTimer) return
    summaryTimer = setTimeout(() => {
      summaryTimer = null
      // each reader gets the documents they may open (a week of another branch is not theirs to see)
      for (const s of pendingScopes) void sendSummary(s)
      pendingScopes.clear()
    }, SUMMARY_DELAY_MS)
    summaryTimer.unref()
  }

  // Other processes ask us to re-check our sockets of a user.
  io.on('clubroom:reauth', (userId, reason) => {
    if (typeof userId === 'string' && typeof reason === 'string') void reauthUser(userId, reason)
  })

  // Bus → rooms. Handlers never throw into the bus (that would fail the HTTP request that emitted).
  const safe =
    <T>(name: string, fn: (payload: T) => void) =>
    (payload: T) => {
      try {
        fn(payload)
      } catch (err) {
        log.error({ err, event: name }, 'socket.io broadcast failed')
      }
    }
  const offs = [
    events.on(
      'entity.changed',
      safe('entity.changed', (e) => {
        const { type, id, action } = e
        const payload = { type, id, action, ...(e.branchId ? { branchId: e.branchId } : {}) }
        // a lesson also goes to its week document's room: the event does not name the week, the lessons table does
        const entity = Object.hasOwn(rules.entities, type) ? rules.entities[type] : undefined
        if (entity?.findDoc && e.branchId) {
          void findDoc(entity.findDoc, type, id).then(
            (doc) => emitToAudience(entityChangedAudience(e, rules.entities, doc), 'entity.changed', payload),
            (err) => {
              log.warn({ err, type, id }, 'document lookup failed; sent to the branch only')
              emitToAudience(entityChangedAudience(e, rules.entities), 'entity.changed', payload)
            },
          )
          return
        }
        emitToAudience(entityChangedAudience(e, rules.entities), 'entity.changed', payload)
      }),
    ),
    events.on(
      'alert.raised',
      safe('alert.raised', (a) => {
        const { id, kind, subject, severity, message, messageId, params, messages } = a
        // its branch, time and time zone when the raise knew them (the panel places it without a refetch)
        const where = {
          ...('branchId' in a ? { branchId: a.branchId } : {}),
          ...(a.raisedAt ? { raisedAt: a.raisedAt } : {}),
          ...(a.timeZone ? { timeZone: a.timeZone } : {}),
        }
        // to each user the alert policy shows it to (role, branch, a teacher's own lessons), never a
        // whole role; each user's room gets the message in that user's language
        void ports.alertAudience(id).then(
          (audience) => {
            const byLocale = new Map<(typeof audience)[number]['locale'], string[]>()
            for (const r of audience) {
              const rooms = byLocale.get(r.locale)
              if (rooms) rooms.push(userRoom(r.id))
              else byLocale.set(r.locale, [userRoom(r.id)])
            }
            for (const [locale, rooms] of byLocale) {
              const text = messages?.[locale] ?? message
              emitTo(rooms, 'alert.raised', { id, kind, subject, severity, message: text, messageId, params, ...where })
            }
          },
          (err) => log.warn({ err, alertId: id }, 'alert audience lookup failed; not sent'),
        )
      }),
    ),
    events.on(
      'alert.cleared',
      safe('alert.cleared', (a) => {
        const { id, kind, subject } = a
        const where = 'branchId' in a ? { branchId: a.branchId } : {}
        void ports.alertRecipients(id).then(
          (ids) => emitTo(ids.map(userRoom), 'alert.cleared', { id, kind, subject, ...where }),
          (err) => log.warn({ err, alertId: id }, 'alert audience lookup failed; not sent'),
        )
      }),
    ),
    events.on(
      'alert.acknowledged',
      safe('alert.acknowledged', (a) => {
        const { id, kind, subject, acknowledgedAt, acknowledgedBy, acknowledgedByName } = a
        // to the alert's own audience: everyone who lists it sees it is no longer unread
        void ports.alertRecipients(id).then(
          (ids) =>
            emitTo(ids.map(userRoom), 'alert.acknowledged', {
              id,
              kind,
              subject,
              acknowledgedAt,
              acknowledgedBy,
              acknowledgedByName,
            }),
          (err) => log.warn({ err, alertId: id }, 'alert audience lookup failed; not sent'),
        )
      }),
    ),
    events.on(
      'doc.presence',
      safe('doc.presence', ({ doc, users }) => {
        if (typeof doc !== 'string' || !Array.isArray(users)) return
        const scope = board.set(doc, users)
        emitTo(docRoom(doc), 'presence', { doc, users: board.get(doc) ?? [] })
        if (scope) schedulePresenceSummary(scope)
      }),
    ),
    events.on(
      'session.ended',
      safe('session.ended', ({ userId, reason }) => {
        // the event and then the disconnect reach every process in this order (one Redis connection)
        emitTo(userRoom(userId), 'session.ended', { userId, reason })
        io.in(userRoom(userId)).disconnectSockets()
      }),
    ),
    events.on(
      'user.access_changed',
      safe('user.access_changed', ({ userId, active, reconnect }) => {
        // roles or branches changed: every socket of the user, on every process, is dropped and
        // comes back (the client reconnects) into the rooms of its new access
        if (reconnect && active) return void io.in(userRoom(userId)).disconnectSockets()
        const reason = active ? 'session_revoked' : 'deactivated'
        void reauthUser(userId, reason)
        if (redis) io.serverSideEmit('clubroom:reauth', userId, reason)
      }),
    ),
  ]

  let closing: Promise<void> | null = null
  return {
    io,
    emitTo,
    *sessionHashes() {
      for (const socket of nsp.sockets.values()) {
        const hash = liveHashes.get(socket)
        if (hash && socket.connected) yield hash
      }
    },
    endSessions(hashes, reason) {
      for (const socket of [...nsp.sockets.values()]) {
        const hash = liveHashes.get(socket)
        if (hash && hashes.has(hash) && socket.connected) endSocket(socket, reason)
      }
    },
    close() {
      closing ??= (async () => {
        for (const off of offs) off()
        if (summaryTimer) clearTimeout(summaryTimer)
        // close the transports, not the namespace: clients see a dropped connection and reconnect
        io.engine.close()
        for (const { timer } of parked.values()) clearTimeout(timer)
        parked.clear()
        board.clear()
        try {
          await nsp.adapter.close()
        } catch (err) {
          log.warn({ err }, 'socket.io adapter close failed')
        }
        if (redis) await Promise.allSettled([redis.pub.quit(), redis.sub.quit()])
      })()
      return closing
    },
  }
}

function refusal(message: string): Error {
  return Object.assign(new Error(message), { data: { code: message } })
}

/** Wraps the adapter's session restore with a check of our own (see the call site). */
function guardRecovery(adapter: LiveAdapter, allow: (data: Partial<SocketData> | undefined) => Promise<boolean>) {
  const restore = adapter.restoreSession.bind(adapter)
  type Restored = Awaited<ReturnType<LiveAdapter['restoreSession']>>
  // socket.io treats a null session as "not recoverable" (its own adapters return null too)
  const none = null as unknown as Restored
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset)
    if (!session) return none
    try {
      return (await allow(session.data as Partial<SocketData> | undefined)) ? session : none
    } catch {
      return none
    }
  }
}

/**
 * Two Redis connections (publish, subscribe) for the adapter. Fails startup when Redis does not
 * answer: a process that silently missed the other processes' events would be worse.
 */
async function connectRedis(url: string, log: AppDeps['logger']) {
  const pub = new Redis(url, { lazyConnect: true })
  const sub = pub.duplicate()
  for (const [name, client] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    client.on('error', (err) => log.warn({ err: err.message, client: name }, 'redis connection problem'))
  }
  try {
    await pub.connect()
    await sub.connect()
  } catch (err) {
    pub.disconnect()
    sub.disconnect()
    throw new Error(`REDIS_URL is set but Redis does not answer (${(err as Error).message})`, { cause: err })
  }
  return { pub, sub }
}
