import { and, desc, eq, gt, lt, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { auditLog, users } from '../../../db/schema/index'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface AuditFilter {
  since?: string
  /** A user id or login. */
  actor?: string
  entity?: string
  entityId?: string
  limit: number
  /** The id of the last row of the previous page. */
  cursor?: string
}

/** One page of the trail, newest first, with the acting user's login; `more` when another page follows. */
export async function readAuditLog(db: Queryable, p: AuditFilter) {
  const conds: SQL[] = []
  if (p.since) conds.push(gt(auditLog.at, new Date(p.since)))
  if (p.actor) conds.push(UUID.test(p.actor) ? eq(auditLog.actorId, p.actor) : eq(users.login, p.actor.toLowerCase()))
  if (p.entity) conds.push(eq(auditLog.entity, p.entity))
  if (p.entityId) conds.push(eq(auditLog.entityId, p.entityId))
  if (p.cursor) conds.push(lt(auditLog.id, Number(p.cursor)))
  const rows = await db
    .select({ a: auditLog, login: users.login })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(p.limit + 1)
  return { rows: rows.slice(0, p.limit), more: rows.length > p.limit }
}

export type AuditRow = Awaited<ReturnType<typeof readAuditLog>>['rows'][number]
