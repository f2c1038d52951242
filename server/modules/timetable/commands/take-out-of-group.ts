import { and, eq, isNull, sql } from 'drizzle-orm'
import { groupMembers } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext, type CommandOutcome } from '../../../http/command'
import { findGroup } from '../queries/groups'
import { offerFreedPlace, recheckGroupLessons } from './membership'

/**
 * Takes a client out of a group, with why when the desk says (kept as typed: the teacher
 * performance report counts refusals by reason); the first on the waiting list is offered the place.
 */
export async function takeOutOfGroup(
  ctx: CommandContext,
  groupId: string,
  clientId: string,
  actor: Actor,
  reason: string | null = null,
): Promise<void> {
  await runCommand(ctx, 'groups.leave', async (tx) => {
    const g = await findGroup(tx, groupId)
    const left = await tx
      .update(groupMembers)
      .set({ leftAt: sql`now()`, leftBy: actor.id, leftReason: reason })
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.clientId, clientId), isNull(groupMembers.leftAt)))
      .returning()
    if (!left.length) throw NotFoundError('errors.notFound.member')
    const offer = await offerFreedPlace(tx, g, actor.id)
    const recheck = await recheckGroupLessons(tx, groupId, actor.id)
    const events: NonNullable<CommandOutcome<null>['events']> = [
      { name: 'entity.changed', payload: { type: 'group', id: groupId, action: 'update', branchId: g.branchId } },
    ]
    if (offer) events.push(offer)
    events.push(...recheck)
    return {
      result: null,
      entity: 'group',
      entityId: groupId,
      after: reason ? { left: clientId, reason } : { left: clientId },
      events,
    }
  })
}
