import type { MessageId } from '../../domain/i18n/catalogue'
import type { Actor, Role } from '../../domain/roles'

/**
 * Branch scoping: staff belong to one or more branches. An empty list means every branch, which
 * only owners, managers and auditors may have; an owner always spans every branch.
 */

/** Roles whose accounts may span every branch (an empty branch list). */
export const ALL_BRANCH_ROLES: readonly Role[] = ['owner', 'manager', 'auditor']

/**
 * May an account with these roles have no branch (= every branch)?
 * @example mayHaveNoBranch(['manager']) // true
 * @example mayHaveNoBranch(['manager', 'teacher']) // false: a teacher works somewhere
 */
export function mayHaveNoBranch(roles: readonly Role[]): boolean {
  return roles.every((r) => ALL_BRANCH_ROLES.includes(r))
}

/** The branches an actor works in, or null for every branch. */
export function branchesOf(actor: Pick<Actor, 'roles' | 'branchIds'>): string[] | null {
  if (actor.roles.includes('owner')) return null
  return actor.branchIds.length ? actor.branchIds.map((b) => b.toLowerCase()) : null
}

/**
 * Does the actor work in that branch? `null` is something of the whole center (a closure of every
 * branch): only those who span every branch are "in" it.
 * @example inBranch(reception2, centralId) // false
 */
export function inBranch(actor: Pick<Actor, 'roles' | 'branchIds'>, branchId: string | null): boolean {
  const mine = branchesOf(actor)
  if (mine === null) return true
  return branchId !== null && mine.includes(branchId.toLowerCase())
}

/** The reason shown when a branch refuses. */
export const OTHER_BRANCH = 'errors.forbidden.otherBranch' satisfies MessageId
