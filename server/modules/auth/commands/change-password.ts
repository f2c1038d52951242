import { eq, sql } from 'drizzle-orm'
import { users } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { hashPassword, verifyPassword } from '../passwords'
import { findUser } from '../queries'
import { destroyUserSessions } from '../sessions'

/**
 * Changes one's own password, given the current one; ends the user's other sessions (this one,
 * `keepSession`, stays). 400 naming `currentPassword` when it is wrong.
 */
export async function changeOwnPassword(
  ctx: CommandContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSession: string | null },
): Promise<void> {
  const user = await findUser(ctx.db, actor.id)
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw ValidationError({ currentPassword: 'errors.auth.currentPasswordWrong' })
  }
  const passwordHash = await hashPassword(input.newPassword)
  await runCommand(ctx, 'auth.password_change', async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()`, updatedBy: actor.id })
      .where(eq(users.id, actor.id))
    const ended = await destroyUserSessions(tx, actor.id, input.keepSession)
    return {
      result: null,
      entity: 'user',
      entityId: actor.id,
      after: { otherSessionsEnded: ended },
      events: [{ name: 'user.access_changed', payload: { userId: actor.id, active: true, roles: actor.roles } }],
    }
  })
}
