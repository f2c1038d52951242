import { eq, sql } from 'drizzle-orm'
import { branches, users } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { AppError, NotFoundError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { refusalOf } from '../../../policies/policy'
import { authPolicies } from '../policies'
import { findUser } from '../queries'

/** One's own preferences, as /api/auth/me gives them. */
export interface OwnPreferences {
  /** The branch the user last chose (the timetable opens on it); null: not chosen yet. */
  branchId: string | null
}

export const preferencesOf = (u: { lastBranchId: string | null }): OwnPreferences => ({ branchId: u.lastBranchId })

/**
 * Keeps the branch the user chose, so every browser of theirs opens on it. The branch must exist
 * (400 naming `branchId`) and be one they work in (403 naming `branchId`, the policy's reason). One
 * transaction with its audit row.
 */
export function saveOwnPreferences(ctx: CommandContext, actor: Actor, input: { branchId: string }): Promise<OwnPreferences> {
  return runCommand(ctx, 'auth.preferences_change', async (tx) => {
    const [branch] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branchId))
    if (!branch) throw ValidationError({ branchId: 'errors.field.noSuchBranch' })
    const refusal = refusalOf(actor, authPolicies.changeOwnPreferences, { branchId: branch.id })
    if (refusal) throw new AppError(403, 'forbidden', refusal, { branchId: refusal })
    const before = await findUser(tx, actor.id, { forUpdate: true })
    if (!before) throw NotFoundError('errors.notFound.user')
    const [row] = await tx
      .update(users)
      .set({ lastBranchId: branch.id, updatedAt: sql`now()`, updatedBy: actor.id })
      .where(eq(users.id, actor.id))
      .returning()
    return {
      result: preferencesOf(row),
      entity: 'user',
      entityId: actor.id,
      before: { branchId: before.lastBranchId },
      after: { branchId: branch.id },
    }
  })
}
