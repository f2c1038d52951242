import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { sql } from 'drizzle-orm'
import { WebSocketServer, type WebSocket } from 'ws'
import type * as Y from 'yjs'
import { queryRows } from '../../../db/client'
import type { AppDeps } from '../../http/context'
import type { Actor } from '../../../domain/roles'
import { authenticateUpgrade, revalidateSession } from './authenticate'
import { Connection } from './connection'
import type { DocChange } from './describe'
import { createRedisFanout } from './fanout'
import { Hub } from './hub'
import { NO_OBSERVER, type CollabObserver } from './observer'
import { CLOSE, EXTENSIONS, EXTENSIONS_PARAM, decodeClientMessage, type CloseReason } from './protocol'
import { isMessageId } from '../../../domain/i18n/catalogue'
import type { CollabSettings, Room } from './room'
import type { SessionHolder } from '../session-watch'

export type { CollabSettings } from './room'

/** Defaults of the hub's knobs. */
export const DEFAULT_COLLAB_SETTINGS: CollabSettings = {
  maxMessageBytes: 512 * 1024,
  maxMessagesPerSecond: 500,
  updateBytesPerSecond: 1024 * 1024,
  updateBurstBytes: 8 * 1024 * 1024,
  idleUnloadMs: 30_000,
  snapshotEvery: 500,
  snapshotBytes: 4 * 1024 * 1024,
  snapshotOnUnload: 50,
  sessionRecheckMs: 60_000,
  pingMs: 30_000,
  projectDelayMs: 100,
  projectionSweepMs: 3_000,
  gapWaitMs: 300,
  maxBatch: 1000,
  commitIntervalMs: 0,
  headCheckMs: 5_000,
  awarenessRenewalMs: 2_000,
  syncSliceBytes: 64 * 1024,
}

/** The path prefix the document server answers; every other upgrade is left to its owner. */
export const YJS_PREFIX = '/yjs/'

/** The y-websocket document server on /yjs/<docName>. As a `SessionHolder`, the session watch closes the connections of sessions that ended. */
export interface Collab extends SessionHolder {
  /**
   * Changes a document on behalf of a user, through the same path as a client's edit
   * (persisted with that user as author, described, broadcast). Resolves once durable with
   * the update's seq (null when `fn` changed nothing) and its described changes. The caller has
   * already decided the user may do this (commands authorize themselves).
   * @example await realtime.collab.applyAsUser('workspace:' + id, actor, (doc) => notesOf(doc).insert(0, 'Hi'))
   */
  applyAsUser(
    docName: string,
    actor: Pick<Actor, 'id'> | null,
    fn: (doc: Y.Doc) => void,
  ): Promise<{ seq: number | null; changes: DocChange[] }>
  /** The knobs (tests shorten timers). */
  readonly settings: CollabSettings
  /** Open documents and connections. */
  stats(): { docs: number; connections: number }
  /** Is this document in memory? */
  isLoaded(docName: string): boolean
  /** Re-checks every connection of a user now (also runs on `user.access_changed` / `session.ended`). */
  recheckUser(userId: string): Promise<void>
  /** Writes everything queued, closes every connection (1001) and frees the documents. */
  close(): Promise<void>
}

/** Namespaces the Redis channels: instances share documents only when they share the database. */
async function databaseName(deps: AppDeps): Promise<string> {
  const [row] = await queryRows<{ name: string }>(deps.database.db, sql`select current_database() as name`)
  return row?.name ?? 'clubroom'
}

function refuse(socket: Duplex, status: 401 | 403 | 503) {
  const text = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Service Unavailable'
  try {
    socket.end(`HTTP/1.1 ${status} ${text}\r\n\r\n`)
  } finally {
    socket.destroy()
  }
}

/**
 * Attaches the document server to the HTTP server: upgrades on /yjs/<docName> are authenticated
 * from the session cookie and served with the y-websocket protocol; other upgrades pass through.
 */
export async function attachCollab(
  http: Server,
  deps: AppDeps,
  overrides: Partial<CollabSettings> = {},
  /** Told about updates, group commits and acknowledgements (the metrics). */
  observer: CollabObserver = NO_OBSERVER,
): Promise<Collab> {
  const { logger, events, database, config } = deps
  const settings: CollabSettings = { ...DEFAULT_COLLAB_SETTINGS, ...overrides }
  const fanout = config.REDIS_URL ? createRedisFanout(config.REDIS_URL, await databaseName(deps), logger) : null
  const docTypes = deps.registry.docTypes
  const hub = new Hub(database.db, events, logger, settings, fanout, docTypes, observer)
  // ws refuses frames beyond maxPayload itself (1009); up to it we check and close with 4413
  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes * 2, perMessageDeflate: false })
  let closing = false
  const pending = new Set<Promise<unknown>>()
  const track = <T>(p: Promise<T>) => {
    pending.add(p)
    void p.finally(() => pending.delete(p)).catch(() => {})
    return p
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!(req.url ?? '').startsWith(YJS_PREFIX)) return // Socket.IO and others handle theirs
    socket.on('error', () => socket.destroy())
    if (closing) return refuse(socket, 503)
    void track(handleUpgrade(req, socket, head))
  }
  http.on('upgrade', onUpgrade)

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    let auth
    try {
      auth = await authenticateUpgrade(req, deps)
    } catch (err) {
      logger.error({ err }, 'upgrade authentication failed')
      return refuse(socket, 503)
    }
    if (!auth.ok) return refuse(socket, auth.status)
    if (closing || socket.destroyed) return refuse(socket, 503)
    const { actor, token } = auth
    wss.handleUpgrade(req, socket, head, (ws) => void track(serve(ws, req, actor, token)))
  }

  async function serve(ws: WebSocket, req: IncomingMessage, actor: Actor, token: string) {
    let name: string
    let asked: string[]
    try {
      const url = new URL(req.url ?? '/', 'http://x')
      name = decodeURIComponent(url.pathname.slice(YJS_PREFIX.length))
      asked = (url.searchParams.get(EXTENSIONS_PARAM) ?? '').split(',')
    } catch {
      ws.close(CLOSE.badRequest, 'collab.refused.badName' satisfies CloseReason)
      return
    }
    const resolved = docTypes.resolve(name)
    if (!resolved.ok) {
      ws.close(CLOSE.badRequest, resolved.reason)
      return
    }
    if (!docTypes.canAccess(actor, 'read', resolved.doc)) {
      ws.close(CLOSE.forbidden, 'collab.closed.forbidden' satisfies CloseReason)
      return
    }
    const limits = {
      messagesPerSecond: settings.maxMessagesPerSecond,
      updateBytesPerSecond: settings.updateBytesPerSecond,
      updateBurstBytes: settings.updateBurstBytes,
    }
    const extensions = { saved: asked.includes(EXTENSIONS.saved), notice: asked.includes(EXTENSIONS.notice) }
    const conn = new Connection(ws, actor, token, !docTypes.canAccess(actor, 'write', resolved.doc), limits, extensions)
    let room: Room | null = null
    ws.on('pong', () => (conn.alive = true))
    ws.on('error', (err) => logger.debug({ err }, 'document socket error'))
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (conn.closed) return
      const bytes = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null
      if (!bytes) return cutOff(conn, CLOSE.malformed, 'collab.closed.malformed', name, 'binary messages only')
      if (bytes.byteLength > settings.maxMessageBytes) return conn.close(CLOSE.tooLarge, 'collab.closed.tooLarge')
      // many messages slow the connection's reading down; they never close it
      const pause = conn.pacer.note()
      if (pause) conn.pauseReading(pause)
      if (conn.queue) conn.queue.push(bytes)
      else if (room) handle(room, conn, bytes)
    })
    ws.on('close', () => {
      conn.closed = true
      room?.removeConn(conn)
    })
    // messages that arrive meanwhile wait in conn.queue
    let missing: CloseReason | null
    try {
      missing = (await resolved.doc.def.missing?.({ db: deps.database.db, key: resolved.doc.key })) ?? null
    } catch (err) {
      logger.error({ err, doc: name }, 'document subject check failed')
      conn.close(CLOSE.unavailable, 'collab.closed.unavailable')
      return
    }
    if (missing) {
      conn.close(CLOSE.badRequest, missing)
      return
    }
    if (resolved.doc.def.onOpen) {
      let refusal: CloseReason | null
      try {
        refusal = await resolved.doc.def.onOpen({ db: deps.database.db, actor, key: resolved.doc.key, name })
      } catch (err) {
        logger.error({ err, doc: name }, 'document open check failed')
        conn.close(CLOSE.unavailable, 'collab.closed.unavailable')
        return
      }
      if (refusal) {
        conn.close(CLOSE.gone, refusal)
        return
      }
    }
    // the subject checks may have learned the document's state (a posted stock document is read-only)
    conn.readOnly = !docTypes.canAccess(actor, 'write', resolved.doc)
    try {
      room = await hub.open(resolved.doc)
    } catch {
      conn.close(CLOSE.unavailable, 'collab.closed.unavailable')
      return
    }
    if (conn.closed) {
      room.maybeIdle()
      return
    }
    room.addConn(conn)
    const queued = conn.queue ?? []
    conn.queue = null
    for (const bytes of queued) {
      if (conn.closed) break
      handle(room, conn, bytes)
    }
  }

  /** Closes an abusive connection with a code the client reconnects from, and says who and why in the log. */
  function cutOff(conn: Connection, code: number, reason: CloseReason, doc: string, why: string, err?: unknown) {
    logger.warn({ err, doc, userId: conn.userId, login: conn.actor.login, code, reason }, 'closed a document connection: ' + why)
    conn.close(code, reason)
  }

  function handle(room: Room, conn: Connection, bytes: Uint8Array) {
    if (room.state !== 'ready') return
    let message
    try {
      message = decodeClientMessage(bytes)
    } catch (err) {
      return cutOff(conn, CLOSE.malformed, 'collab.closed.malformed', room.name, 'malformed message', err)
    }
    if (message.type === 'update' && !conn.updateBudget.take(message.update.byteLength)) {
      return cutOff(
        conn,
        CLOSE.flood,
        'collab.closed.flood',
        room.name,
        `more than ${settings.updateBytesPerSecond} bytes of changes per second`,
      )
    }
    try {
      switch (message.type) {
        case 'sync-step1':
          room.replyStep1(conn, message.stateVector)
          break
        case 'update': {
          conn.used = true
          const started = performance.now()
          room.receiveUpdate(conn, message.update)
          observer.updateApplied((performance.now() - started) / 1000)
          break
        }
        case 'awareness':
          room.receiveAwareness(conn, message.update)
          break
        case 'query-awareness':
          room.sendAwarenessTo(conn)
          break
      }
    } catch (err) {
      cutOff(conn, CLOSE.malformed, 'collab.closed.malformed', room.name, 'malformed message', err)
    }
  }

  // ── access changes, session checks, keepalive ────────────────────────────

  async function recheck(conns: Connection[]) {
    const byToken = new Map<string, Connection[]>()
    for (const c of conns) {
      if (c.closed) continue
      const list = byToken.get(c.token) ?? []
      list.push(c)
      byToken.set(c.token, list)
    }
    for (const [token, list] of byToken) {
      let actor: Actor | null
      try {
        actor = await revalidateSession(deps, token)
      } catch (err) {
        logger.warn({ err }, 'could not re-validate a document session')
        continue
      }
      for (const conn of list) {
        if (conn.closed) continue
        if (!actor) {
          conn.close(CLOSE.sessionEnded, 'collab.closed.sessionEnded')
          continue
        }
        conn.setActor(actor)
        const room = findRoomOf(conn)
        if (!room) continue
        if (!docTypes.canAccess(actor, 'read', room.resolved)) conn.close(CLOSE.forbidden, 'collab.closed.noLongerAllowed')
        else if (!docTypes.canAccess(actor, 'write', room.resolved)) room.makeReadOnly(conn)
        else room.makeWritable(conn)
      }
    }
  }

  function findRoomOf(conn: Connection): Room | null {
    for (const { room } of hub.rooms.values()) if (room.conns.has(conn)) return room
    return null
  }

  async function recheckUser(userId: string) {
    await recheck([...hub.connections()].filter((c) => c.userId === userId))
  }

  /** Closes every connection of a user here (4002): their access changed, the client reconnects with the new one. */
  function reconnectUser(userId: string) {
    for (const conn of [...hub.connections()])
      if (conn.userId === userId) conn.close(CLOSE.accessChanged, 'collab.closed.accessChanged')
  }

  // a sign-out, deactivation or password change here re-checks the user's connections on every
  // instance; a role or branch change closes them all (they come back with the new access)
  const accessChanged = (userId: string, reconnect = false) => {
    if (reconnect) reconnectUser(userId)
    else void track(recheckUser(userId))
    fanout?.publishControl({ kind: reconnect ? 'reconnect-user' : 'recheck-user', userId })
  }
  const offBus = [
    events.on('user.access_changed', ({ userId, active, reconnect }) => accessChanged(userId, !!reconnect && active)),
    events.on('session.ended', ({ userId }) => accessChanged(userId)),
  ]
  fanout?.onControl((msg) => {
    if (msg.kind === 'recheck-user') void track(recheckUser(msg.userId))
    else if (msg.kind === 'reconnect-user') reconnectUser(msg.userId)
    else void track(evictLocal(msg.doc, msg.reason))
  })

  /** Closes a document's connections on this instance and forgets it without a snapshot. */
  async function evictLocal(docName: string, reason: string) {
    // (told over Redis by another instance: only a message id is sent on to the browser)
    const said: CloseReason = isMessageId(reason) ? reason : 'collab.closed.gone'
    const entry = hub.rooms.get(docName)
    if (!entry) return
    const room = await entry.ready.catch(() => null)
    if (!room) return
    for (const conn of [...room.conns]) conn.close(CLOSE.gone, said)
    room.destroy()
  }
  const sessionTimer = setInterval(() => void track(recheck([...hub.connections()])), settings.sessionRecheckMs)
  sessionTimer.unref()
  const pingTimer = setInterval(() => {
    for (const conn of hub.connections()) {
      if (!conn.alive) {
        conn.ws.terminate()
        continue
      }
      conn.alive = false
      try {
        conn.ws.ping()
      } catch {
        conn.ws.terminate()
      }
    }
  }, settings.pingMs)
  pingTimer.unref()
  /**
   * Runs `job` at most once every `every()` ms and never twice at once; a cheap 250 ms tick re-reads
   * the setting, so it can be changed at runtime. Nothing starts once the server is closing.
   */
  function periodically(every: () => number, what: string, job: () => Promise<unknown>): NodeJS.Timeout {
    let last = Date.now()
    let running = false
    const timer = setInterval(
      () => {
        if (running || closing || Date.now() - last < every()) return
        running = true
        void track(job())
          .catch((err) => logger.warn({ err }, `${what} failed`))
          .finally(() => {
            running = false
            last = Date.now()
          })
      },
      Math.min(250, every()),
    )
    timer.unref()
    return timer
  }
  // with several instances, open documents are compared with their log every headCheckMs
  const headTimer = fanout
    ? periodically(
        () => settings.headCheckMs,
        'document head check',
        () => hub.checkHeads(),
      )
    : null
  // projections that never ran (an instance died first, a projection failed) are caught up
  const sweepTimer = periodically(
    () => settings.projectionSweepMs,
    'projection sweep',
    () => hub.sweepProjections(),
  )

  const collab: Collab = {
    settings,
    applyAsUser(docName, actor, fn) {
      const resolved = docTypes.resolve(docName)
      if (!resolved.ok) return Promise.reject(new Error(resolved.reason))
      return hub.applyAsUser(resolved.doc, actor, fn)
    },
    stats: () => ({ docs: hub.rooms.size, connections: [...hub.connections()].length }),
    isLoaded: (docName) => hub.rooms.has(docName),
    recheckUser,
    *sessionHashes() {
      for (const conn of hub.connections()) if (!conn.closed) yield conn.sessionHash
    },
    endSessions(hashes) {
      for (const conn of [...hub.connections()])
        if (hashes.has(conn.sessionHash)) conn.close(CLOSE.sessionEnded, 'collab.closed.sessionEnded')
    },
    *usedSessions() {
      for (const conn of hub.connections()) {
        if (!conn.used) continue
        conn.used = false
        yield conn.sessionHash
      }
    },
    async close() {
      if (closing) return
      closing = true
      http.off('upgrade', onUpgrade)
      for (const off of offBus) off()
      clearInterval(sessionTimer)
      clearInterval(pingTimer)
      if (headTimer) clearInterval(headTimer)
      clearInterval(sweepTimer)
      await hub.drain()
      for (const conn of [...hub.connections()]) conn.close(CLOSE.goingAway, 'collab.closed.goingAway')
      await Promise.allSettled([...pending])
      await hub.drain()
      // what this instance committed is projected before it goes (else the next sweep would, later)
      await Promise.allSettled([...hub.rooms.values()].map(({ ready }) => ready.then((room) => room.settleProjection())))
      for (const { room, ready } of [...hub.rooms.values()]) {
        await ready.catch(() => {})
        room.destroy()
      }
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((r) => wss.close(() => r()))
      await fanout?.close()
      if ((deps as { docs?: unknown }).docs === writer) Object.assign(deps, { docs: undefined })
    },
  }
  // commands edit documents through `deps.docs` (AppDeps' DocWriter: resolves once durable)
  const writer = {
    applyAsUser: async (docName: string, actor: Pick<Actor, 'id'> | null, fn: (doc: Y.Doc) => void): Promise<void> => {
      await collab.applyAsUser(docName, actor, fn)
    },
    /** Closes a document's connections and forgets it without a snapshot (its history was replaced). */
    evict: async (docName: string, reason: CloseReason): Promise<void> => {
      fanout?.publishControl({ kind: 'evict', doc: docName, reason })
      await evictLocal(docName, reason)
    },
    preload: (docName: string): void => {
      if (closing) return
      const resolved = docTypes.resolve(docName)
      if (resolved.ok) hub.preload(resolved.doc)
    },
  }
  Object.assign(deps, { docs: writer })
  return collab
}
