import { eq, sql } from 'drizzle-orm'
import { groups } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import type { GroupRow } from '../queries/groups'
import type { GroupPatch } from '../schema'
import { assertValidGroup } from './membership'

/** Edits a group (a pattern change applies to lessons generated from now on). */
export async function updateGroup(ctx: CommandContext, before: GroupRow, input: GroupPatch, actor: Actor): Promise<GroupRow> {
  await assertValidGroup(
    ctx.db,
    { ...input, termStart: input.termStart ?? before.termStart, termEnd: input.termEnd ?? before.termEnd },
    before.branchId,
  )
  return runCommand(ctx, 'groups.update', async (tx) => {
    const [g] = await tx
      .update(groups)
      .set({ ...input, updatedAt: sql`now()`, updatedBy: actor.id })
      .where(eq(groups.id, before.id))
      .returning()
    return {
      result: g,
      entity: 'group',
      entityId: before.id,
      before,
      after: g,
      events: [{ name: 'entity.changed', payload: { type: 'group', id: before.id, action: 'update', branchId: g.branchId } }],
    }
  })
}
