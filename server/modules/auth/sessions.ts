import { randomBytes } from 'node:crypto'
import { and, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { sessions, users } from '../../../db/schema/index'
import { isRole, type Actor } from '../../../domain/roles'
import { TOUCH_EVERY_MS, hashToken, type SessionStore } from '../../contracts/sessions'
import type { Config } from '../../env'

/** Creates a session with a fresh random 256-bit token; returns the token (never stored) and its hash. */
export async function createSession(
  db: Queryable,
  config: Config,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null },
) {
  const token = randomBytes(32).toString('base64url')
  const tokenHash = hashToken(token)
  const expiresAt = new Date(Date.now() + config.SESSION_MAX_MINUTES * 60_000)
  await db
    .insert(sessions)
    .values({ tokenHash, userId, expiresAt, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null })
  return { token, tokenHash, expiresAt }
}

/**
 * The signed-in user behind a session token, or null when the session is unknown, expired
 * (absolute lifetime), idle for too long, or its user is deactivated. Touches last_seen at most
 * once a minute, unless `touch` is false (a re-check of an open connection is not a use).
 */
export async function findSessionActor(
  db: Queryable,
  config: Config,
  token: string,
  opts: { touch?: boolean } = {},
): Promise<{ actor: Actor; tokenHash: string } | null> {
  if (!token || token.length > 100) return null
  const tokenHash = hashToken(token)
  const [row] = await db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), stillValid(config)))
    .limit(1)
  if (!row) return null
  if (opts.touch !== false && Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.tokenHash, tokenHash))
  }
  return { actor: toActor(row.user), tokenHash }
}

export function toActor(u: typeof users.$inferSelect): Actor {
  return { id: u.id, login: u.login, name: u.name, roles: u.roles.filter(isRole), branchIds: u.branchIds }
}

export async function destroySession(db: Queryable, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))
}

/** Ends every session of a user, except optionally the one to keep. Returns how many ended. */
export async function destroyUserSessions(db: Queryable, userId: string, keepHash?: string | null): Promise<number> {
  const cond = keepHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepHash)) : eq(sessions.userId, userId)
  const gone = await db.delete(sessions).where(cond).returning({ h: sessions.tokenHash })
  return gone.length
}

/** The conditions under which a session row still lets its holder in (not expired, not idle, user active). */
function stillValid(config: Config) {
  const idleCutoff = new Date(Date.now() - config.SESSION_IDLE_MINUTES * 60_000)
  return and(gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, idleCutoff), eq(users.active, true))
}

/**
 * Of these session token hashes, the ones still valid (same rule as `findSessionActor`). One
 * primary-key lookup per thousand hashes; the open connections' sweep calls it every second.
 */
export async function validSessionHashes(db: Queryable, config: Config, hashes: string[]): Promise<Set<string>> {
  const valid = new Set<string>()
  for (let i = 0; i < hashes.length; i += 1000) {
    const slice = hashes.slice(i, i + 1000)
    const rows = await db
      .select({ h: sessions.tokenHash })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(inArray(sessions.tokenHash, slice), stillValid(config)))
    for (const r of rows) valid.add(r.h)
  }
  return valid
}

/** Marks these sessions used now (an edit over a live connection is a use, like a request). */
export async function touchSessions(db: Queryable, hashes: string[]): Promise<void> {
  for (let i = 0; i < hashes.length; i += 1000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(inArray(sessions.tokenHash, hashes.slice(i, i + 1000)))
  }
}

/** Deletes the rows of sessions that can no longer be used (expired or idle for too long). Returns how many. */
export async function deleteEndedSessions(db: Queryable, config: Config): Promise<number> {
  const idleCutoff = new Date(Date.now() - config.SESSION_IDLE_MINUTES * 60_000)
  const gone = await db
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, new Date()), lte(sessions.lastSeenAt, idleCutoff)))
    .returning({ h: sessions.tokenHash })
  return gone.length
}

/** The sessions of this database, as the app and the live connections use them (`AppDeps.sessions`). */
export function sessionStore(db: Queryable, config: Config): SessionStore {
  return {
    find: (token, opts) => findSessionActor(db, config, token, opts),
    validHashes: (hashes) => validSessionHashes(db, config, hashes),
    touch: (hashes) => touchSessions(db, hashes),
    deleteEnded: () => deleteEndedSessions(db, config),
  }
}
