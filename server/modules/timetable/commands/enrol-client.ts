import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import { addMember } from './membership'

/** Enrols a client in a group (refused above capacity unless `overrideCapacity`); returns the member count. */
export async function enrolClient(
  ctx: CommandContext,
  groupId: string,
  input: { clientId: string; overrideCapacity?: boolean },
  actor: Actor,
): Promise<number> {
  return runCommand(ctx, 'groups.enrol', async (tx) =>
    addMember(tx, groupId, input.clientId, input.overrideCapacity === true, actor.id),
  )
}
