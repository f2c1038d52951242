import { and, eq, isNull, sql } from 'drizzle-orm'
import { groupMembers } from '../../../../db/schema/index'
import type { LEAVE_REASONS } from '../../../../domain/clients/vocabulary'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext, type CommandOutcome } from '../../../http/command'
import { findGroup } from '../queries/groups'
import { offerFreedPlace, recheckGroupLessons } from './membership'

/** Why a member leaves a group: a code of the leave reasons and the note typed with it (both optional). */
export interface LeaveGroup {
  reason?: (typeof LEAVE_REASONS)[number] | null
  note?: string | null
}

/**
 * Takes a client out of a group, with why when the desk says (a code of the leave reasons and a
 * note kept as typed: the reports count refusals and churn by reason); the first on the waiting
 * list is offered the place.
 */
export async function takeOutOfGroup(
  ctx: CommandContext,
  groupId: string,
  clientId: string,
  actor: Actor,
  why: LeaveGroup = {},
): Promise<void> {
  const reason = why.reason ?? null
  const note = why.note?.trim() || null
  await runCommand(ctx, 'groups.leave', async (tx) => {
    const g = await findGroup(tx, groupId)
    const left = await tx
      .update(groupMembers)
      .set({ leftAt: sql`now()`, leftBy: actor.id, leftReasonCode: reason, leftReason: note })
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
      after: { left: clientId, ...(reason ? { reason } : {}), ...(note ? { note } : {}) },
      events,
    }
  })
}
