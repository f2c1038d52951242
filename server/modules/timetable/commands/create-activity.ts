import { eq } from 'drizzle-orm'
import { activities } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { presentActivity } from '../presenters'
import type { ActivityInput } from '../schema'
import { assertNorms } from './activity-norms'
import { keepNormVersion } from './norm-versions'

/** Adds an activity to the catalogue with its norms (names are unique). */
export async function createActivity(ctx: CommandContext, input: ActivityInput, actor: Actor) {
  assertNorms(input)
  return runCommand(ctx, 'activities.create', async (tx) => {
    const [dup] = await tx.select({ id: activities.id }).from(activities).where(eq(activities.name, input.name))
    if (dup) throw ConflictError('errors.timetable.activityNameTaken', { name: 'errors.timetable.activityNameTaken' })
    const [a] = await tx
      .insert(activities)
      .values({ ...input, pricePerSession: String(input.pricePerSession), createdBy: actor.id, updatedBy: actor.id })
      .returning()
    await keepNormVersion(tx, a, null, actor.id)
    return {
      result: a,
      entity: 'activity',
      entityId: a.id,
      after: presentActivity(a),
      events: [{ name: 'entity.changed', payload: { type: 'activity', id: a.id, action: 'create' } }],
    }
  })
}
