import { users } from '../../../../db/schema/index'
import type { Actor, Role } from '../../../../domain/roles'
import { ConflictError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { hashPassword, presentUser, type UserRow } from '../../auth/index'
import { checkAccountBranches, loginTaken } from '../queries'

export interface NewAccount {
  login: string
  name: string
  email?: string
  password: string
  roles: Role[]
  branchIds?: string[]
}

/**
 * Opens a staff account (the caller has checked `users.create`): 409 on a taken login, 400 on branches.
 * `hash` hashes the password (the demo seed passes one that hashes its shared demo password once).
 */
export async function createUser(
  ctx: CommandContext,
  actor: Actor,
  input: NewAccount,
  hash: (password: string) => Promise<string> = hashPassword,
): Promise<UserRow> {
  if (await loginTaken(ctx.db, input.login)) throw ConflictError('errors.users.loginTaken', { login: 'errors.users.loginTaken' })
  const branchIds = await checkAccountBranches(ctx.db, input.roles, input.branchIds ?? [])
  const passwordHash = await hash(input.password)
  return runCommand(ctx, 'users.create', async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        login: input.login,
        name: input.name,
        email: input.email ?? null,
        passwordHash,
        roles: input.roles,
        branchIds,
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning()
    return {
      result: row,
      entity: 'user',
      entityId: row.id,
      after: presentUser(row),
      events: [{ name: 'entity.changed', payload: { type: 'user', id: row.id, action: 'create' } }],
    }
  })
}
