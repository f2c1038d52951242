import { groups } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { branchExists } from '../queries/catalogue'
import { type GroupRow } from '../queries/groups'
import type { GroupInput } from '../schema'
import { assertValidGroup } from './membership'

/** Creates a group of a branch: its activity, teacher, room, weekly pattern and term. */
export async function createGroup(ctx: CommandContext, input: GroupInput, actor: Actor): Promise<GroupRow> {
  if (!(await branchExists(ctx.db, input.branchId))) throw ValidationError({ branchId: 'errors.field.noSuchBranch' })
  await assertValidGroup(ctx.db, input, input.branchId)
  return runCommand(ctx, 'groups.create', async (tx) => {
    const [g] = await tx
      .insert(groups)
      .values({ ...input, createdBy: actor.id, updatedBy: actor.id })
      .returning()
    return {
      result: g,
      entity: 'group',
      entityId: g.id,
      after: g,
      events: [{ name: 'entity.changed', payload: { type: 'group', id: g.id, action: 'create', branchId: g.branchId } }],
    }
  })
}
