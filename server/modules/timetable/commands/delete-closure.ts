import { eq } from 'drizzle-orm'
import { closures } from '../../../../db/schema/index'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'

/** Removes a closure. */
export async function deleteClosure(ctx: CommandContext, id: string): Promise<void> {
  await runCommand(ctx, 'closures.delete', async (tx) => {
    const [r] = await tx.delete(closures).where(eq(closures.id, id)).returning()
    if (!r) throw NotFoundError('errors.notFound.closure')
    return { result: null, entity: 'closure', entityId: id, before: r }
  })
}
