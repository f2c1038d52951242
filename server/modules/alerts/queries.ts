import { and, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { alerts, branches, users } from '../../../db/schema/index'
import type { Actor } from '../../../domain/roles'
import { alertsVisibleTo } from './visibility'

export interface AlertFilter {
  /** 'true': open ones only; 'false': cleared ones only. */
  open?: 'true' | 'false'
  kind?: string
  subject?: string
  /** One alert (the list's row of it). */
  id?: string
  limit: number
}

/**
 * The alerts this actor sees (`alerts.read`), newest first, each with the name of whoever
 * acknowledged it and its branch's time zone (null for an alert of no branch).
 */
export function listAlerts(db: Queryable, actor: Actor, p: AlertFilter) {
  const conds: Array<SQL | undefined> = [alertsVisibleTo(actor)]
  if (p.open === 'true') conds.push(isNull(alerts.clearedAt))
  if (p.open === 'false') conds.push(isNotNull(alerts.clearedAt))
  if (p.kind) conds.push(eq(alerts.kind, p.kind))
  if (p.subject) conds.push(eq(alerts.subject, p.subject))
  if (p.id) conds.push(eq(alerts.id, Number(p.id)))
  return db
    .select({ alert: alerts, acknowledgedByName: users.name, branchTimeZone: branches.timezone })
    .from(alerts)
    .leftJoin(users, eq(users.id, alerts.acknowledgedBy))
    .leftJoin(branches, eq(branches.id, alerts.branchId))
    .where(and(...conds))
    .orderBy(desc(alerts.raisedAt), desc(alerts.id))
    .limit(p.limit)
}
