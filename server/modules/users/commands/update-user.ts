import { eq, sql } from 'drizzle-orm'
import { users } from '../../../../db/schema/index'
import { isRole, type Actor, type Role } from '../../../../domain/roles'
import { ConflictError, NotFoundError } from '../../../errors'
import { runCommand, type CommandContext, type CommandOutcome } from '../../../http/command'
import { authorize } from '../../../policies/policy'
import { destroyUserSessions, findUser, hashPassword, presentUser, type UserRow } from '../../auth/index'
import { removesLastOwner, usersPolicies } from '../policies'
import { accountOf, checkAccountBranches, lockActiveOwners } from '../queries'

export interface AccountChange {
  name?: string
  email?: string | null
  roles?: Role[]
  active?: boolean
  branchIds?: string[]
  password?: string
}

/**
 * Changes a staff account. `users.edit` is asked about the account as it is, and again on its
 * locked row inside the transaction (its roles may have changed meanwhile); the center always keeps
 * an active owner (409). Deactivation and a password reset end the account's sessions; a change of
 * roles or branches makes its live connections come back with the new access.
 */
export async function updateUser(ctx: CommandContext, actor: Actor, id: string, input: AccountChange): Promise<UserRow> {
  const current = await findUser(ctx.db, id)
  if (!current) throw NotFoundError('errors.notFound.user')
  const change = (target: UserRow) => ({
    target: accountOf(target),
    roles: input.roles,
    branchIds: input.branchIds,
    active: input.active,
    password: input.password !== undefined,
  })
  authorize(actor, usersPolicies.edit, change(current))
  const branchIds =
    input.roles !== undefined || input.branchIds !== undefined
      ? await checkAccountBranches(ctx.db, input.roles ?? current.roles.filter(isRole), input.branchIds ?? current.branchIds)
      : current.branchIds
  const passwordHash = input.password ? await hashPassword(input.password) : undefined
  return runCommand(ctx, 'users.update', async (tx) => {
    const owners = current.roles.includes('owner') ? await lockActiveOwners(tx) : []
    const before = await findUser(tx, id, { forUpdate: true })
    if (!before) throw NotFoundError('errors.notFound.user')
    authorize(actor, usersPolicies.edit, change(before))
    if (before.roles.includes('owner') && removesLastOwner({ kind: 'update', ...change(before) }, owners)) {
      throw ConflictError(
        'errors.users.lastOwner',
        input.active === false ? { active: 'errors.users.lastOwnerField' } : { roles: 'errors.users.lastOwnerField' },
      )
    }
    const { password: _pw, ...fields } = input
    const [row] = await tx
      .update(users)
      .set({
        ...fields,
        ...(input.branchIds !== undefined ? { branchIds } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        updatedAt: sql`now()`,
        updatedBy: actor.id,
      })
      .where(eq(users.id, id))
      .returning()
    const lostAccess = (input.active === false && before.active) || passwordHash !== undefined
    const rolesChanged =
      (input.roles !== undefined && input.roles.join() !== before.roles.join()) ||
      (input.branchIds !== undefined && branchIds.join() !== before.branchIds.join())
    if (lostAccess) await destroyUserSessions(tx, id)
    const after = { ...presentUser(row), ...(passwordHash ? { passwordReset: true } : {}) }
    const events: NonNullable<CommandOutcome<unknown>['events']> = [
      { name: 'entity.changed', payload: { type: 'user', id, action: 'update' } },
    ]
    if (lostAccess || rolesChanged || input.active !== undefined) {
      // roles or branches changed: every live connection of the user closes and comes back with the new access
      events.push({
        name: 'user.access_changed',
        payload: { userId: id, active: row.active, roles: row.roles, reconnect: rolesChanged },
      })
    }
    if (lostAccess)
      events.push({ name: 'session.ended', payload: { userId: id, reason: row.active ? 'password_reset' : 'deactivated' } })
    return { result: row, entity: 'user', entityId: id, before: presentUser(before), after, events }
  })
}
