import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { groupMembers, groups, waitingList } from '../../../../db/schema/index'
import type { ClientErasedInput } from '../../../contracts/hooks'
import { clearAlerts } from '../../alerts'
import { timetableAlerts } from '../alert-kinds'
import { capacityOfGroup } from '../queries/groups'
import { memberCount } from '../queries/members'
import { offerFreedPlace, recheckLessonsOfGroups } from './membership'

/**
 * The timetable's step of an erasure (the `client.erased` hook, in the erasure's transaction): the
 * client leaves every group they are a current member of, as taking them out does (`groups.leave`
 * on the group's trail, the group's lessons from now on re-checked), and every waiting list they are
 * on (`groups.unwait`; an offer made to them is withdrawn). Where that leaves a place free, the
 * first waiting client is offered it. From now on no roster, capacity, offer or cancellation lists
 * them; attendance already taken stays (the erasure anonymises it).
 */
export async function releaseErasedClient({ tx, clientId, by, audit, events }: ClientErasedInput): Promise<void> {
  const memberships = await tx
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.clientId, clientId), isNull(groupMembers.leftAt)))
  const entries = await tx
    .select({ id: waitingList.id, groupId: waitingList.groupId, status: waitingList.status })
    .from(waitingList)
    .where(and(eq(waitingList.clientId, clientId), inArray(waitingList.status, ['waiting', 'offered'])))
  const touched = [...new Set([...memberships.map((m) => m.groupId), ...entries.map((e) => e.groupId)])].sort()
  if (!touched.length) return
  // the groups' own lock (addMember's), in one order: an enrolment waits for the erasure, never the reverse
  for (const id of touched) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'group:' + id}, 0))`)

  const left = new Set(
    (
      await tx
        .update(groupMembers)
        .set({ leftAt: sql`now()`, leftBy: by })
        .where(and(eq(groupMembers.clientId, clientId), isNull(groupMembers.leftAt)))
        .returning({ groupId: groupMembers.groupId })
    ).map((m) => m.groupId),
  )
  if (entries.length)
    await tx
      .update(waitingList)
      .set({ status: 'removed', closedAt: sql`now()` })
      .where(
        inArray(
          waitingList.id,
          entries.map((e) => e.id),
        ),
      )
  // an offer made to them is no longer anyone's to take up
  const offered = entries.filter((e) => e.status === 'offered')
  events.push(
    ...(await clearAlerts(
      tx,
      offered.map((e) => ({ kind: timetableAlerts.waiting_list_offer, subject: `waiting:${e.id}` })),
      by,
    )),
  )

  const live = await tx
    .select()
    .from(groups)
    .where(and(inArray(groups.id, touched), isNull(groups.deletedAt)))
  for (const g of live) {
    if (left.has(g.id))
      await audit({ action: 'groups.leave', entity: 'group', entityId: g.id, after: { left: clientId, erased: true } })
    if (entries.some((e) => e.groupId === g.id))
      await audit({ action: 'groups.unwait', entity: 'group', entityId: g.id, after: { unwaited: clientId, erased: true } })
    events.push({ name: 'entity.changed', payload: { type: 'group', id: g.id, action: 'update', branchId: g.branchId } })
    // the place they held, or were offered: the first waiting client is offered it (while the group has room)
    if (
      (left.has(g.id) || offered.some((e) => e.groupId === g.id)) &&
      (await memberCount(tx, g.id)) < (await capacityOfGroup(tx, g))
    ) {
      const offer = await offerFreedPlace(tx, g, by)
      if (offer) events.push(offer)
    }
  }
  events.push(
    ...(await recheckLessonsOfGroups(
      tx,
      live.filter((g) => left.has(g.id)).map((g) => g.id),
      by,
    )),
  )
}
