import { and, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { alerts } from '../../../db/schema/index'
import type { Actor } from '../../../domain/roles'
import { alertsVisibleTo } from './visibility'

export interface AlertFilter {
  /** 'true': open ones only; 'false': cleared ones only. */
  open?: 'true' | 'false'
  kind?: string
  subject?: string
  limit: number
}

/** The alerts this actor sees (`alerts.read`), newest first. */
export function listAlerts(db: Queryable, actor: Actor, p: AlertFilter) {
  const conds: Array<SQL | undefined> = [alertsVisibleTo(actor)]
  if (p.open === 'true') conds.push(isNull(alerts.clearedAt))
  if (p.open === 'false') conds.push(isNotNull(alerts.clearedAt))
  if (p.kind) conds.push(eq(alerts.kind, p.kind))
  if (p.subject) conds.push(eq(alerts.subject, p.subject))
  return db
    .select()
    .from(alerts)
    .where(and(...conds))
    .orderBy(desc(alerts.raisedAt))
    .limit(p.limit)
}
