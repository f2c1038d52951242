import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Queryable, Tx } from '../../../../db/client'
import { clients, groupMembers, lessons, waitingList } from '../../../../db/schema/index'
import { ConflictError, ValidationError, msg } from '../../../errors'
import type { CommandOutcome } from '../../../http/command'
import { raiseAlert, type AlertEvent } from '../../alerts'
import { timetableAlerts, waitingListOfferMessage } from '../alert-kinds'
import { loadTimetableContext } from '../context'
import { refreshClashes } from '../clashes'
import { capacityOfGroup, findGroup, groupRefProblems, waitingOrder, type GroupRow } from '../queries/groups'
import { clientErased, clientExists, memberCount } from '../queries/members'
import type { GroupPatch } from '../schema'

/** Steps the group commands share (inside their transaction): checks, enrolment, offers, re-checks. */

/** 400 naming each field of a group that does not hold: its references, pattern, term and ages. */
export async function assertValidGroup(db: Queryable, input: GroupPatch, branchId: string): Promise<void> {
  const fields = await groupRefProblems(db, input, branchId)
  for (const [i, s] of (input.pattern ?? []).entries())
    if (s.end <= s.start) fields[`pattern.${i}.end`] = 'errors.field.endsBeforeStart'
  if (input.termStart && input.termEnd && input.termEnd < input.termStart) fields.termEnd = 'errors.timetable.termEndsBeforeStart'
  if (input.ageMin != null && input.ageMax != null && input.ageMin > input.ageMax) fields.ageMin = 'errors.field.minAgeAboveMax'
  if (Object.keys(fields).length) throw ValidationError(fields)
}

/** Enrols a client (locked per group): refused above capacity unless `override`; re-checks the group's lessons. */
export async function addMember(
  tx: Tx,
  groupId: string,
  clientId: string,
  override: boolean,
  by: string,
): Promise<CommandOutcome<number>> {
  const g = await findGroup(tx, groupId)
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'group:' + groupId}, 0))`)
  if (!(await clientExists(tx, clientId))) throw ValidationError({ clientId: 'errors.field.noSuchClient' })
  const already = await tx
    .select({ c: groupMembers.clientId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.clientId, clientId), isNull(groupMembers.leftAt)))
  if (already.length) throw ConflictError('errors.timetable.alreadyMember', { clientId: 'errors.timetable.alreadyMemberField' })
  const n = await memberCount(tx, groupId)
  const cap = await capacityOfGroup(tx, g)
  if (n >= cap && !override)
    throw ValidationError({
      clientId: msg('errors.timetable.groupFull', { capacity: cap }),
    })
  await tx.insert(groupMembers).values({ groupId, clientId, joinedBy: by })
  const alertEvents = await recheckGroupLessons(tx, groupId, by)
  return {
    result: n + 1,
    entity: 'group',
    entityId: groupId,
    after: { enrolled: clientId, overrideCapacity: override },
    events: [
      { name: 'entity.changed', payload: { type: 'group', id: groupId, action: 'update', branchId: g.branchId } },
      ...alertEvents,
    ],
  }
}

/**
 * When a place frees up, the first waiting client (by the list's order, `waitingOrder`) is offered it (an alert to receptionists); with
 * `entryId`, that waiting entry instead (the receptionist chose whom to offer it to).
 */
export async function offerFreedPlace(tx: Queryable, group: GroupRow, by: string, entryId?: number): Promise<AlertEvent | null> {
  const [first] = await tx
    .select({ w: waitingList, first: clients.firstName, last: clients.lastName, erased: clientErased })
    .from(waitingList)
    .innerJoin(clients, eq(clients.id, waitingList.clientId))
    .where(
      and(
        eq(waitingList.groupId, group.id),
        eq(waitingList.status, 'waiting'),
        entryId !== undefined ? eq(waitingList.id, entryId) : undefined,
      ),
    )
    .orderBy(...waitingOrder())
    .limit(1)
  if (!first) return null
  await tx
    .update(waitingList)
    .set({ status: 'offered', offeredAt: sql`now()` })
    .where(eq(waitingList.id, first.w.id))
  return raiseAlert(tx, {
    kind: timetableAlerts.waiting_list_offer,
    subject: `waiting:${first.w.id}`,
    message: waitingListOfferMessage(group.name, first, group.id),
    details: { groupId: group.id, clientId: first.w.clientId, entryId: first.w.id },
    branchId: group.branchId,
    by,
  })
}

/** Membership changed: re-check over-capacity for the group's lessons from now on. */
export async function recheckGroupLessons(tx: Tx, groupId: string, by: string) {
  return recheckLessonsOfGroups(tx, [groupId], by)
}

/** Memberships of these groups changed: one re-check of over-capacity from now to their last lesson. */
export async function recheckLessonsOfGroups(tx: Tx, groupIds: string[], by: string) {
  if (!groupIds.length) return []
  const [range] = await tx
    .select({ to: sql<Date | null>`max(${lessons.endsAt})` })
    .from(lessons)
    .where(and(inArray(lessons.groupId, groupIds), eq(lessons.deleted, false)))
  if (!range?.to) return []
  const { events } = await refreshClashes(tx, new Date(), new Date(range.to), await loadTimetableContext(tx), by)
  return events
}
