import { asc, eq, or, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import {
  alerts,
  attendance,
  auditLog,
  groupMembers,
  groups,
  lessons,
  makeUpCredits,
  visits,
  waitingList,
} from '../../../db/schema/index'

/**
 * The parts of a client's export that other areas hold: their groups and waiting lists, the
 * attendance journal, visits (with reversals), make-up credits, every alert about them and every
 * command that concerned them (not only the client's own). One query each, in time order.
 */
export async function clientActivitySections(db: Db, clientId: string) {
  const mentions = (column: typeof auditLog.before | typeof alerts.details) => sql`${column}::text like ${'%' + clientId + '%'}`
  const [memberships, waiting, journal, visitRows, credits, alertRows, auditRows] = await Promise.all([
    db
      .select({
        groupId: groupMembers.groupId,
        group: groups.name,
        joinedAt: groupMembers.joinedAt,
        joinedBy: groupMembers.joinedBy,
        leftAt: groupMembers.leftAt,
        leftBy: groupMembers.leftBy,
      })
      .from(groupMembers)
      .leftJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(eq(groupMembers.clientId, clientId))
      .orderBy(asc(groupMembers.joinedAt)),
    db
      .select({
        id: waitingList.id,
        groupId: waitingList.groupId,
        group: groups.name,
        status: waitingList.status,
        addedAt: waitingList.addedAt,
        offeredAt: waitingList.offeredAt,
        closedAt: waitingList.closedAt,
      })
      .from(waitingList)
      .leftJoin(groups, eq(groups.id, waitingList.groupId))
      .where(eq(waitingList.clientId, clientId))
      .orderBy(asc(waitingList.addedAt)),
    db
      .select({
        lessonId: attendance.lessonId,
        startsAt: lessons.startsAt,
        status: attendance.status,
        grade: attendance.grade,
        comment: attendance.comment,
        at: attendance.at,
        by: attendance.by,
      })
      .from(attendance)
      .leftJoin(lessons, eq(lessons.id, attendance.lessonId))
      .where(eq(attendance.clientId, clientId))
      .orderBy(asc(attendance.at)),
    db.select().from(visits).where(eq(visits.clientId, clientId)).orderBy(asc(visits.id)),
    db.select().from(makeUpCredits).where(eq(makeUpCredits.clientId, clientId)).orderBy(asc(makeUpCredits.id)),
    db
      .select()
      .from(alerts)
      .where(or(eq(alerts.subject, `client:${clientId}`), mentions(alerts.details)))
      .orderBy(asc(alerts.id)),
    db
      .select()
      .from(auditLog)
      .where(
        or(eq(auditLog.entityId, clientId), mentions(auditLog.before), sql`${auditLog.after}::text like ${'%' + clientId + '%'}`),
      )
      .orderBy(asc(auditLog.id)),
  ])
  return {
    groups: memberships,
    waitingList: waiting,
    attendance: journal,
    visits: visitRows,
    makeUpCredits: credits,
    alerts: alertRows,
    audit: auditRows.map((a) => ({
      at: a.at.toISOString(),
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      actorId: a.actorId,
      before: a.before,
      after: a.after,
    })),
  }
}
