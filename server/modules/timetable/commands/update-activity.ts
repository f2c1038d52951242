import { eq, sql } from 'drizzle-orm'
import { activities } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { presentActivity } from '../presenters'
import type { ActivityPatch } from '../schema'
import { assertNorms } from './activity-norms'
import { keepNormVersion } from './norm-versions'

/** Edits an activity and its norms (checked against what it keeps). */
export async function updateActivity(ctx: CommandContext, id: string, input: ActivityPatch, actor: Actor) {
  return runCommand(ctx, 'activities.update', async (tx) => {
    const [before] = await tx.select().from(activities).where(eq(activities.id, id)).for('update')
    if (!before) throw NotFoundError('errors.notFound.activity')
    assertNorms({
      minGroupSize: input.minGroupSize ?? before.minGroupSize,
      maxGroupSize: input.maxGroupSize ?? before.maxGroupSize,
      ageMin: input.ageMin !== undefined ? input.ageMin : before.ageMin,
      ageMax: input.ageMax !== undefined ? input.ageMax : before.ageMax,
    })
    const { pricePerSession, ...rest } = input
    const [a] = await tx
      .update(activities)
      .set({
        ...rest,
        ...(pricePerSession !== undefined ? { pricePerSession: String(pricePerSession) } : {}),
        updatedAt: sql`now()`,
        updatedBy: actor.id,
      })
      .where(eq(activities.id, id))
      .returning()
    await keepNormVersion(tx, a, before, actor.id)
    return {
      result: a,
      entity: 'activity',
      entityId: id,
      before: presentActivity(before),
      after: presentActivity(a),
      events: [{ name: 'entity.changed', payload: { type: 'activity', id, action: 'update' } }],
    }
  })
}
