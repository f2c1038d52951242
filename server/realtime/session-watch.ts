import { TOUCH_EVERY_MS } from '../contracts/sessions'
import type { AppDeps } from '../http/context'

/**
 * Live connections whose sessions the watch keeps an eye on (the document server, Socket.IO).
 * Each instance watches its own connections only.
 */
export interface SessionHolder {
  /** The token hashes of the sessions behind this instance's open connections. */
  sessionHashes(): Iterable<string>
  /** Closes every connection of these sessions: they ended. */
  endSessions(hashes: ReadonlySet<string>, reason: string): void
  /** Sessions whose connections were used (a document edit) since the last call. */
  usedSessions?(): Iterable<string>
}

export interface SessionWatchOptions {
  /** How often the open connections' sessions are checked (a session that ended is closed within about this). */
  intervalMs: number
  /** How often the rows of ended sessions are deleted. */
  purgeEveryMs: number
}

export const DEFAULT_SESSION_WATCH: SessionWatchOptions = { intervalMs: 1_000, purgeEveryMs: 60_000 }

export interface SessionWatch {
  /** One pass now (tests); resolves when done. */
  sweep(): Promise<void>
  stop(): Promise<void>
}

/**
 * The sweep that makes sessions end everywhere, even when nothing tells us: every `intervalMs`
 * the sessions behind this instance's open connections are looked up by primary key, and the
 * connections of any that expired (idle or maximum lifetime), was deleted or whose user was
 * deactivated are closed. Sign-out, deactivation, password resets and role changes close
 * connections at once through events (and the Redis control channel); the sweep is what catches
 * expiry, which has no event, and anything an event missed. Edits made over a document
 * connection count as a use of the session (last_seen_at, at most once a minute). Every
 * `purgeEveryMs` the rows of ended sessions are deleted (any instance may; it is idempotent).
 */
export function watchSessions(deps: AppDeps, holders: SessionHolder[], options: Partial<SessionWatchOptions> = {}): SessionWatch {
  const { intervalMs, purgeEveryMs } = { ...DEFAULT_SESSION_WATCH, ...options }
  const { sessions, logger } = deps
  const log = logger.child({ area: 'sessions' })
  /** When each session was last marked used by us. */
  const touchedAt = new Map<string, number>()
  let lastPurge = Date.now()
  let running: Promise<void> | null = null
  let stopped = false

  async function pass() {
    const live = new Set<string>()
    for (const h of holders) for (const hash of h.sessionHashes()) live.add(hash)
    const used = new Set<string>()
    for (const h of holders) for (const hash of h.usedSessions?.() ?? []) if (live.has(hash)) used.add(hash)
    if (live.size) {
      const valid = await sessions.validHashes([...live])
      const ended = new Set([...live].filter((hash) => !valid.has(hash)))
      if (ended.size) {
        log.info({ sessions: ended.size }, 'closing the connections of ended sessions')
        for (const h of holders) h.endSessions(ended, 'expired')
      }
      const now = Date.now()
      const touch = [...used].filter((hash) => valid.has(hash) && now - (touchedAt.get(hash) ?? 0) >= TOUCH_EVERY_MS)
      if (touch.length) {
        await sessions.touch(touch)
        for (const hash of touch) touchedAt.set(hash, now)
      }
    }
    for (const hash of touchedAt.keys()) if (!live.has(hash)) touchedAt.delete(hash)
    if (Date.now() - lastPurge >= purgeEveryMs) {
      lastPurge = Date.now()
      const n = await sessions.deleteEnded()
      if (n) log.debug({ sessions: n }, 'deleted ended sessions')
    }
  }

  function sweep(): Promise<void> {
    // one pass at a time: a slow database makes passes less frequent, never piled up
    running ??= pass()
      .catch((err) => log.warn({ err }, 'session sweep failed'))
      .finally(() => (running = null))
    return running
  }

  const timer = setInterval(() => {
    if (!stopped) void sweep()
  }, intervalMs)
  timer.unref()

  return {
    sweep,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
