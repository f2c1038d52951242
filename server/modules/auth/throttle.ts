import { and, desc, eq, gt, sql } from 'drizzle-orm'
import type { Db, Queryable } from '../../../db/client'
import { loginAttempts } from '../../../db/schema/index'

export const WINDOW_MS = 10 * 60_000
export const MAX_PER_LOGIN = 5
export const MAX_PER_IP = 20

/**
 * Seconds to wait before another attempt, or 0. Counts failures in the last 10 minutes:
 * per login since its last success (max 5), and per address (max 20).
 */
export async function loginRetryAfter(db: Queryable, login: string, ip: string): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS)
  const [lastOk] = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.login, login), eq(loginAttempts.success, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(1)
  const loginSince = lastOk && lastOk.at > since ? lastOk.at : since
  const retry = async (cond: ReturnType<typeof and>, max: number) => {
    const rows = await db
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(cond)
      .orderBy(desc(loginAttempts.at))
      .limit(max)
    if (rows.length < max) return 0
    const oldest = rows[rows.length - 1].at.getTime()
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - Date.now()) / 1000))
  }
  const byLogin = await retry(
    and(eq(loginAttempts.login, login), eq(loginAttempts.success, false), gt(loginAttempts.at, loginSince)),
    MAX_PER_LOGIN,
  )
  const byIp = await retry(
    and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since)),
    MAX_PER_IP,
  )
  return Math.max(byLogin, byIp)
}

export async function recordLoginAttempt(db: Queryable, login: string, ip: string, success: boolean) {
  await db.insert(loginAttempts).values({ login, ip, success })
  // keep the table small: forget attempts older than a day now and then
  if (Math.random() < 0.01) await db.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - interval '1 day'`)
}

/**
 * Takes a place for one sign-in attempt before its password is checked, atomically: under a
 * lock on the login and on the address, counts the recent failures (places taken count as
 * failures until they are settled) and either refuses with the seconds to wait or records the
 * attempt as a failure and returns its id. So 30 wrong passwords sent at once check at most
 * MAX_PER_LOGIN of them against the hash; the rest wait. A right password turns its place into
 * the success (settleLoginAttempt) that resets the login's count.
 */
export async function reserveLoginAttempt(
  db: Db,
  login: string,
  ip: string,
): Promise<{ id: number; retryAfter: 0 } | { id: null; retryAfter: number }> {
  return db.transaction(async (tx) => {
    // always the login's lock first, then the address's: no two attempts wait for each other in a circle
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'login:' + login}, 0))`)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'login-ip:' + ip}, 0))`)
    const wait = await loginRetryAfter(tx, login, ip)
    if (wait > 0) return { id: null, retryAfter: wait }
    const [row] = await tx.insert(loginAttempts).values({ login, ip, success: false }).returning({ id: loginAttempts.id })
    return { id: row.id, retryAfter: 0 }
  })
}

/** The password was right: the attempt's place becomes its success (inside the sign-in's command). */
export async function settleLoginAttempt(db: Queryable, id: number) {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, id))
  if (Math.random() < 0.01) await db.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - interval '1 day'`)
}
