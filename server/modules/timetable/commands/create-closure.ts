import { closures } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { ClosureInput } from '../schema'

/** Adds a holiday or closure of a branch (or of the whole center); the automatic schedule skips it. */
export async function createClosure(ctx: CommandContext, input: ClosureInput, actor: Actor) {
  if (input.toDate < input.fromDate) throw ValidationError({ toDate: 'errors.field.endsBeforeStart' })
  return runCommand(ctx, 'closures.create', async (tx) => {
    const [r] = await tx
      .insert(closures)
      .values({ ...input, createdBy: actor.id })
      .returning()
    return { result: r, entity: 'closure', entityId: r.id, after: r }
  })
}
