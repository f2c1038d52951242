import { and, asc, eq, sql } from 'drizzle-orm'
import type { Queryable, Tx } from '../../../db/client'
import { users } from '../../../db/schema/index'
import { isRole, type Role } from '../../../domain/roles'
import { ValidationError } from '../../errors'
import { mayHaveNoBranch } from '../../policies/branches'
import type { UserRow } from '../auth/index'
import { knownBranchIds } from '../branches/index'
import type { AccountTarget } from './policies'

/** Every staff account, by name. */
export function listUsers(db: Queryable): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.name))
}

/** Is this login taken (already lower-cased)? */
export async function loginTaken(db: Queryable, login: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.login, login)).limit(1)
  return !!row
}

/**
 * The active owners' ids, locked, always in one order: two owners changing each other at once are
 * serialised (no deadlock) and the second sees what the first did.
 */
export async function lockActiveOwners(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), sql`'owner' = any(${users.roles})`))
    .orderBy(asc(users.id))
    .for('update')
  return rows.map((r) => r.id)
}

/** An account as the account rules see it. */
export const accountOf = (u: UserRow): AccountTarget => ({
  id: u.id,
  roles: u.roles.filter(isRole),
  active: u.active,
  branchIds: u.branchIds,
})

/**
 * The branches an account with these roles gets: each must exist, and only owners, managers and
 * auditors may have none (= every branch). 400 naming `branchIds` otherwise.
 */
export async function checkAccountBranches(
  db: Queryable,
  roles: readonly Role[],
  branchIds: readonly string[],
): Promise<string[]> {
  const ids = [...new Set(branchIds.map((b) => b.toLowerCase()))]
  if (!ids.length && !mayHaveNoBranch(roles)) throw ValidationError({ branchIds: 'errors.users.branchRequired' })
  if (ids.length && (await knownBranchIds(db, ids)).length !== ids.length)
    throw ValidationError({ branchIds: 'errors.field.noSuchBranch' })
  return ids
}
