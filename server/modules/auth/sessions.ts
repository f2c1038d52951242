import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, ne, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { sessions, users } from '../../../db/schema/index'
import type { Config } from '../../env'
import { isRole, type Actor } from '../../policies/permissions'

export const SESSION_COOKIE = 'clubroom_session'

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

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
  await db.insert(sessions).values({ tokenHash, userId, expiresAt, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null })
  return { token, tokenHash, expiresAt }
}

/**
 * The signed-in user behind a session token, or null when the session is unknown, expired
 * (absolute lifetime), idle for too long, or its user is deactivated. Touches last_seen at most once a minute.
 */
export async function findSessionActor(db: Queryable, config: Config, token: string): Promise<{ actor: Actor; tokenHash: string } | null> {
  if (!token || token.length > 100) return null
  const tokenHash = hashToken(token)
  const idleCutoff = new Date(Date.now() - config.SESSION_IDLE_MINUTES * 60_000)
  const [row] = await db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, idleCutoff), eq(users.active, true)))
    .limit(1)
  if (!row) return null
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash))
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
