import { and, eq, inArray, sql } from 'drizzle-orm'
import { waitingList } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, NotFoundError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext, type CommandOutcome } from '../../../http/command'
import { clearAlert } from '../../alerts'
import { timetableAlerts } from '../alert-kinds'
import { capacityOfGroup, waitingOrder, type GroupRow } from '../queries/groups'
import { memberCount } from '../queries/members'
import { offerFreedPlace } from './membership'

type Events = NonNullable<CommandOutcome<null>['events']>

/**
 * Takes a client off a group's waiting list (kept, status `removed`). An offer made to them is
 * withdrawn (its alert cleared) and, the place being still free, offered to the next one waiting.
 */
export async function removeFromWaitingList(ctx: CommandContext, group: GroupRow, entryId: number, actor: Actor): Promise<void> {
  await runCommand(ctx, 'groups.unwait', async (tx) => {
    const [w] = await tx
      .select()
      .from(waitingList)
      .where(
        and(eq(waitingList.id, entryId), eq(waitingList.groupId, group.id), inArray(waitingList.status, ['waiting', 'offered'])),
      )
      .for('update')
    if (!w) throw NotFoundError('errors.notFound.waitingListEntry')
    await tx
      .update(waitingList)
      .set({ status: 'removed', closedAt: sql`now()` })
      .where(eq(waitingList.id, w.id))
    const events: Events = []
    if (w.status === 'offered') {
      const cleared = await clearAlert(tx, timetableAlerts.waiting_list_offer.kind, `waiting:${w.id}`, actor.id)
      if (cleared) events.push(cleared)
      const offer = await offerFreedPlace(tx, group, actor.id)
      if (offer) events.push(offer)
    }
    events.push({ name: 'entity.changed', payload: { type: 'group', id: group.id, action: 'update', branchId: group.branchId } })
    return { result: null, entity: 'group', entityId: group.id, before: { waiting: w.clientId, entryId: w.id }, events }
  })
}

/**
 * Offers a free place of the group to this waiting client (the receptionist's choice, not the
 * first come): the entry becomes `offered` and the `waiting_list_offer` alert is raised. 409 when
 * the group has no free place or the entry was offered already.
 */
export async function offerPlace(ctx: CommandContext, group: GroupRow, entryId: number, actor: Actor): Promise<void> {
  await runCommand(ctx, 'groups.offer', async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'group:' + group.id}, 0))`)
    const [w] = await tx
      .select()
      .from(waitingList)
      .where(
        and(eq(waitingList.id, entryId), eq(waitingList.groupId, group.id), inArray(waitingList.status, ['waiting', 'offered'])),
      )
      .for('update')
    if (!w) throw NotFoundError('errors.notFound.waitingListEntry')
    if (w.status === 'offered') throw ConflictError('setup.error.alreadyOffered')
    const members = await memberCount(tx, group.id)
    const capacity = await capacityOfGroup(tx, group)
    const offered = await tx
      .select({ id: waitingList.id })
      .from(waitingList)
      .where(and(eq(waitingList.groupId, group.id), eq(waitingList.status, 'offered')))
    // places already offered to others are spoken for
    if (members + offered.length >= capacity) throw ConflictError('setup.error.noFreePlace')
    const offer = await offerFreedPlace(tx, group, actor.id, w.id)
    return {
      result: null,
      entity: 'group',
      entityId: group.id,
      after: { offered: w.clientId, entryId: w.id },
      events: [
        ...(offer ? [offer] : []),
        { name: 'entity.changed', payload: { type: 'group', id: group.id, action: 'update', branchId: group.branchId } },
      ],
    }
  })
}

/**
 * Moves a waiting list entry: just before the entry `before`, or to the end with `null`. Locked per
 * group (as enrolment is), so concurrent moves apply one after the other; the open entries are then
 * numbered 1..n again, so the order has no gaps and no ties. Returns the entry's new position.
 */
export async function moveWaitingEntry(
  ctx: CommandContext,
  group: GroupRow,
  entryId: number,
  before: number | null,
): Promise<number> {
  return runCommand(ctx, 'groups.wait_move', async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'group:' + group.id}, 0))`)
    const open = await tx
      .select({ id: waitingList.id, position: waitingList.position, clientId: waitingList.clientId })
      .from(waitingList)
      .where(and(eq(waitingList.groupId, group.id), inArray(waitingList.status, ['waiting', 'offered'])))
      .orderBy(...waitingOrder())
    const from = open.findIndex((e) => e.id === entryId)
    const moving = open[from]
    if (!moving) throw NotFoundError('errors.notFound.waitingListEntry')
    if (before === entryId) throw ValidationError({ before: 'setup.error.moveBeforeItself' })
    const rest = open.filter((e) => e.id !== entryId)
    const to = before === null ? rest.length : rest.findIndex((e) => e.id === before)
    if (to < 0) throw ValidationError({ before: 'setup.error.noSuchWaitingEntry' })
    rest.splice(to, 0, moving)
    for (const [i, e] of rest.entries())
      if (e.position !== i + 1)
        await tx
          .update(waitingList)
          .set({ position: i + 1 })
          .where(eq(waitingList.id, e.id))
    return {
      result: to + 1,
      entity: 'group',
      entityId: group.id,
      before: { entryId, clientId: moving.clientId, position: from + 1 },
      after: { entryId, clientId: moving.clientId, position: to + 1 },
      events: [{ name: 'entity.changed', payload: { type: 'group', id: group.id, action: 'update', branchId: group.branchId } }],
    }
  })
}
