import { and, desc, eq, gt, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
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
  const byLogin = await retry(and(eq(loginAttempts.login, login), eq(loginAttempts.success, false), gt(loginAttempts.at, loginSince)), MAX_PER_LOGIN)
  const byIp = await retry(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since)), MAX_PER_IP)
  return Math.max(byLogin, byIp)
}

export async function recordLoginAttempt(db: Queryable, login: string, ip: string, success: boolean) {
  await db.insert(loginAttempts).values({ login, ip, success })
  // keep the table small: forget attempts older than a day now and then
  if (Math.random() < 0.01) await db.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - interval '1 day'`)
}
