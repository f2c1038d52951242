import { createHash } from 'node:crypto'
import type { Actor } from '../../domain/roles'

/** The cookie that carries the session token (HTTP, /yjs and /socket.io alike). */
export const SESSION_COOKIE = 'clubroom_session'

/** last_seen_at is written at most this often per session (idle expiry is accurate to about this). */
export const TOUCH_EVERY_MS = 60_000

/** Sessions are stored by the SHA-256 of their token; the token itself is never stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * The sessions, as the app, the document server, the socket server and the session watch see them.
 * The auth module provides it (`server/modules/auth/sessions.ts`); the boot hands it over
 * (`AppDeps.sessions`), so nothing outside the auth module runs SQL on sessions.
 */
export interface SessionStore {
  /**
   * The signed-in actor behind a token (with their current roles and branches), or null when the
   * session is unknown, expired, idle for too long, or its user is deactivated. A lookup counts as a
   * use of the session unless `touch` is false (a re-check of an open connection is not a use).
   */
  find(token: string, opts?: { touch?: boolean }): Promise<{ actor: Actor; tokenHash: string } | null>
  /** Of these token hashes, the ones still valid (the open connections' sweep). */
  validHashes(hashes: string[]): Promise<Set<string>>
  /** Marks these sessions used now (an edit over a live connection is a use, like a request). */
  touch(hashes: string[]): Promise<void>
  /** Deletes the rows of sessions that can no longer be used; returns how many. */
  deleteEnded(): Promise<number>
}
