import { eq, sql } from 'drizzle-orm'
import { wallTokens } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { hashToken } from '../../../contracts/sessions'
import { ConflictError, NotFoundError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { branchExists } from '../../branches/index'
import { presentWallToken } from '../presenters'
import type { WallTokenRow } from '../queries'
import { newWallToken } from '../viewer'

/**
 * Creates a wall token for a branch (or every branch): the token itself is returned this once and
 * never stored (only its hash); the audit row names the token, not its secret.
 */
export function createWallToken(
  ctx: CommandContext,
  actor: Actor,
  input: { name: string; branchId: string | null },
): Promise<{ token: string; row: WallTokenRow }> {
  return runCommand(ctx, 'wall.tokens.create', async (tx) => {
    if (input.branchId && !(await branchExists(tx, input.branchId)))
      throw ValidationError({ branchId: 'errors.wall.unknownBranch' })
    const token = newWallToken()
    const [row] = await tx
      .insert(wallTokens)
      .values({ name: input.name, branchId: input.branchId, tokenHash: hashToken(token), createdBy: actor.id })
      .returning()
    const result: WallTokenRow = { ...row, lastSeenAt: null }
    return { result: { token, row: result }, entity: 'wall_token', entityId: row.id, after: presentWallToken(result) }
  })
}

/** Revokes a token: every screen signed in with it is signed out (within seconds, on every instance). */
export function revokeWallToken(ctx: CommandContext, actor: Actor, before: WallTokenRow): Promise<WallTokenRow> {
  return runCommand(ctx, 'wall.tokens.revoke', async (tx) => {
    const [row] = await tx
      .update(wallTokens)
      .set({ revokedAt: sql`now()`, revokedBy: actor.id })
      .where(sql`${wallTokens.id} = ${before.id} and ${wallTokens.revokedAt} is null`)
      .returning()
    if (!row) {
      const [exists] = await tx.select({ id: wallTokens.id }).from(wallTokens).where(eq(wallTokens.id, before.id))
      if (!exists) throw NotFoundError('errors.wall.tokenNotFound')
      throw ConflictError('errors.wall.tokenRevoked')
    }
    const after: WallTokenRow = { ...row }
    return {
      result: after,
      entity: 'wall_token',
      entityId: row.id,
      before: presentWallToken(before),
      after: presentWallToken(after),
      events: [{ name: 'wall.token_revoked', payload: { id: row.id } }],
    }
  })
}
