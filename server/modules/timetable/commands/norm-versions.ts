import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import { activityNormVersions, type ActivityNorms, type activities } from '../../../../db/schema/index'
import { todayIso } from '../../../../domain/clients/rules'

/** The norms an activity row holds now. */
export function normsOf(a: typeof activities.$inferSelect): ActivityNorms {
  return {
    durationMinutes: a.durationMinutes,
    minGroupSize: a.minGroupSize,
    maxGroupSize: a.maxGroupSize,
    ageMin: a.ageMin,
    ageMax: a.ageMax,
    staffRatio: a.staffRatio,
    consumables: a.consumables,
    roomRequirements: a.roomRequirements,
    safetyNotes: a.safetyNotes,
  }
}

/**
 * Keeps the version of an activity's norms that applies from its `normsFrom` (else today), inside
 * the command's transaction: a version of the same date is replaced, an earlier one stays as history.
 * Nothing is written when the norms did not change.
 */
export async function keepNormVersion(
  tx: Tx,
  after: typeof activities.$inferSelect,
  before: typeof activities.$inferSelect | null,
  by: string,
): Promise<void> {
  const norms = normsOf(after)
  if (before && JSON.stringify(normsOf(before)) === JSON.stringify(norms) && before.normsFrom === after.normsFrom) return
  const validFrom = after.normsFrom ?? todayIso()
  await tx
    .delete(activityNormVersions)
    .where(and(eq(activityNormVersions.activityId, after.id), eq(activityNormVersions.validFrom, validFrom)))
  await tx.insert(activityNormVersions).values({ activityId: after.id, validFrom, norms, createdBy: by })
}
