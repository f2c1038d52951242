import { eq, sql } from 'drizzle-orm'
import { groups } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import type { GroupRow } from '../queries/groups'

/** Deletes a group: kept for history (soft delete); its future lessons are flagged by the projection. */
export async function deleteGroup(ctx: CommandContext, before: GroupRow, actor: Actor): Promise<void> {
  const id = before.id
  await runCommand(ctx, 'groups.delete', async (tx) => {
    await tx
      .update(groups)
      .set({ deletedAt: sql`now()`, updatedBy: actor.id })
      .where(eq(groups.id, id))
    return {
      result: null,
      entity: 'group',
      entityId: id,
      before,
      events: [{ name: 'entity.changed', payload: { type: 'group', id, action: 'delete', branchId: before.branchId } }],
    }
  })
}
