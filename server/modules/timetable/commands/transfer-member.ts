import { and, eq, isNull, sql } from 'drizzle-orm'
import { groupMembers } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { GroupRow } from '../queries/groups'
import { addMember, offerFreedPlace, recheckGroupLessons } from './membership'

/**
 * Moves a member to another group in one transaction: their membership of `from` ends (kept, with
 * its dates: the history) and one of `to` starts; the place freed in `from` is offered to its first
 * waiting client. Refused above `to`'s capacity unless `overrideCapacity`. Returns `to`'s member count.
 */
export async function transferMember(
  ctx: CommandContext,
  from: GroupRow,
  to: GroupRow,
  clientId: string,
  overrideCapacity: boolean,
  actor: Actor,
): Promise<number> {
  if (from.id === to.id) throw ValidationError({ toGroupId: 'setup.error.sameGroup' })
  return runCommand(ctx, 'groups.transfer', async (tx) => {
    const left = await tx
      .update(groupMembers)
      .set({ leftAt: sql`now()`, leftBy: actor.id })
      .where(and(eq(groupMembers.groupId, from.id), eq(groupMembers.clientId, clientId), isNull(groupMembers.leftAt)))
      .returning()
    if (!left.length) throw NotFoundError('errors.notFound.member')
    const joined = await addMember(tx, to.id, clientId, overrideCapacity, actor.id)
    const offer = await offerFreedPlace(tx, from, actor.id)
    const recheck = await recheckGroupLessons(tx, from.id, actor.id)
    return {
      result: joined.result,
      entity: 'group',
      entityId: from.id,
      after: { transferred: clientId, from: from.id, to: to.id, overrideCapacity },
      events: [
        { name: 'entity.changed', payload: { type: 'group', id: from.id, action: 'update', branchId: from.branchId } },
        ...(joined.events ?? []),
        ...(offer ? [offer] : []),
        ...recheck,
      ],
    }
  })
}
