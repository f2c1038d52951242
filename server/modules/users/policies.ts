import { ROLES, type Actor, type Role } from '../../../domain/roles'
import type { MessageRef } from '../../errors'
import { branchesOf } from '../../policies/branches'
import { allowed, policy, refusalOf } from '../../policies/policy'

/**
 * Who may manage which staff account. Roles are ranked owner > manager > everyone else; a user
 * manages only accounts whose roles are all strictly below their own highest role and grants only
 * such roles. Owners are the exception at the top: only an owner touches an owner account or grants
 * `owner`. Nobody changes their own roles, branches, active flag or password here. Someone who works
 * in some branches only (a branch manager) manages only accounts of those branches and gives only those.
 * The reasons are shown on the Users page as they are.
 */

const RANK: Record<Role, number> = {
  owner: 3,
  manager: 2,
  receptionist: 1,
  teacher: 1,
  storekeeper: 1,
  accountant: 1,
  auditor: 1,
}

/** The roles that manage staff accounts (and see them). */
const ACCOUNT_MANAGERS: readonly Role[] = ['owner', 'manager']

/** The rank of someone's highest role (0 without roles). */
export function rankOf(roles: readonly Role[]): number {
  return roles.reduce((max, r) => Math.max(max, RANK[r] ?? 0), 0)
}

/** May an actor of this rank act on / grant a role of that rank? Owners may act on owners. */
function outranks(actorRank: number, roleRank: number): boolean {
  return roleRank < actorRank || (actorRank === RANK.owner && roleRank === RANK.owner)
}

/** A staff account as the rules see it. */
export interface AccountTarget {
  id: string
  roles: readonly Role[]
  active: boolean
  branchIds?: readonly string[]
}

/** What an account command attempts. */
export interface AccountAttempt {
  kind: 'create' | 'update'
  /** The account as it is now (null when creating). */
  target: AccountTarget | null
  roles?: readonly Role[]
  branchIds?: readonly string[] | null
  active?: boolean
  password?: boolean
}

/** The rank rule for roles given (`users.grant`): only roles below one's own; `owner` only by an owner. */
function grantRefusal(actor: Actor, roles: readonly Role[]): MessageRef | null {
  if (roles.includes('owner') && !actor.roles.includes('owner')) return 'errors.users.grantOwner'
  if (!roles.every((r) => outranks(rankOf(actor.roles), RANK[r] ?? 0))) return 'errors.users.grantBelowOwn'
  return null
}

/** The rank and branch rules of an account command (create or change), in the order the Users page explains them. */
function accountRule(actor: Actor, attempt: AccountAttempt): MessageRef | null {
  const { target } = attempt
  if (target && target.id === actor.id) {
    // sending one's own values back unchanged (a form that always sends every field) is no change
    if (attempt.roles !== undefined && !sameSet(attempt.roles, target.roles)) return 'errors.users.ownRoles'
    if (attempt.branchIds != null && !sameSet(attempt.branchIds, target.branchIds ?? [])) return 'errors.users.ownBranches'
    if (attempt.active !== undefined && attempt.active !== target.active) return 'errors.users.ownActive'
    if (attempt.password) return 'errors.users.ownPassword'
    return null
  }
  if (target) {
    if (target.roles.includes('owner') && !actor.roles.includes('owner')) return 'errors.users.ownerAccount'
    if (!target.roles.every((r) => outranks(rankOf(actor.roles), RANK[r] ?? 0))) return 'errors.users.rankBelowOwn'
  }
  if (attempt.roles) {
    const refused = refusalOf(actor, usersPolicies.grant, { roles: attempt.roles })
    if (refused) return refused
  }
  const myBranches = branchesOf(actor)
  if (myBranches) {
    const within = (ids: readonly string[]) => ids.length > 0 && ids.every((b) => myBranches.includes(b.toLowerCase()))
    if (target && !within(target.branchIds ?? [])) return 'errors.users.otherBranchAccount'
    if (attempt.branchIds != null && !within(attempt.branchIds)) return 'errors.users.giveOwnBranches'
  }
  return null
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((v) => v.toLowerCase()))
  const y = new Set(b.map((v) => v.toLowerCase()))
  return x.size === y.size && [...x].every((v) => y.has(v))
}

/** Staff accounts: who works here, with which roles, in which branches. */
export const usersPolicies = {
  read: policy({
    verb: 'users.read',
    description: 'See the staff accounts',
    roles: ACCOUNT_MANAGERS,
    writes: false,
  }),
  grant: policy<{ roles: readonly Role[] }>({
    verb: 'users.grant',
    description: 'Give roles to an account',
    roles: ACCOUNT_MANAGERS,
    writes: true,
    rule: (actor, { roles }) => grantRefusal(actor, roles),
    ruleText: 'roles below their own; `owner` only by an owner',
  }),
  create: policy<Omit<AccountAttempt, 'kind' | 'target'>>({
    verb: 'users.create',
    description: 'Open a staff account',
    roles: ACCOUNT_MANAGERS,
    writes: true,
    refusal: 'errors.users.manageStaff',
    rule: (actor, attempt) => accountRule(actor, { ...attempt, kind: 'create', target: null }),
    ruleText: 'roles below their own (`users.grant`); in their branches only, when they work in some',
  }),
  edit: policy<Omit<AccountAttempt, 'kind'> & { target: AccountTarget }>({
    verb: 'users.edit',
    description: 'Change a staff account: name, roles, branches, password reset, deactivation',
    roles: ACCOUNT_MANAGERS,
    writes: true,
    rule: (actor, attempt) => accountRule(actor, { ...attempt, kind: 'update' }),
    ruleText:
      'accounts whose roles are all below their own (an owner: owners too), of their branches when they work in some; roles below their own; not their own roles, branches, active flag or password',
  }),
}

/**
 * Would this change leave the center without an active owner? `activeOwners` are the ids of the
 * active owner accounts now (read under a lock by the caller).
 */
export function removesLastOwner(attempt: AccountAttempt, activeOwners: readonly string[]): boolean {
  const t = attempt.target
  if (!t || !t.active || !t.roles.includes('owner')) return false
  const losesOwner = attempt.active === false || (attempt.roles !== undefined && !attempt.roles.includes('owner'))
  return losesOwner && activeOwners.filter((id) => id !== t.id).length === 0
}

/**
 * The roles this actor may give (`users.grant`, one role at a time): what the Users page's dialog offers.
 * @example grantableRoles(manager) // ['receptionist', 'teacher', 'storekeeper', 'accountant', 'auditor']
 */
export function grantableRoles(actor: Actor): Role[] {
  return ROLES.filter((role) => allowed(actor, usersPolicies.grant, { roles: [role] }))
}

/**
 * The branches this actor may give and manage accounts in (the branch rule of `users.create` and
 * `users.edit`), or null for any branch.
 */
export function givableBranchIds(actor: Actor): string[] | null {
  return branchesOf(actor)
}

/** What an actor may do with one account: the buttons and fields the Users page offers for it. */
export interface AccountActions {
  /** Change its name and email (the edit dialog). */
  edit: boolean
  /** Change its roles and branches. */
  changeAccess: boolean
  /** Give it a new password (which signs it out everywhere). */
  resetPassword: boolean
  /** Deactivate it (it is active). */
  deactivate: boolean
  /** Reactivate it (it is inactive). */
  reactivate: boolean
}

/**
 * What this actor may do with this account, each asked of `users.edit` with the change the button
 * would send, so that the page offers exactly what the server will accept (the server still asks).
 * The roles and branches may be changed when some role the actor grants may be added or taken away
 * (`grantable`: the actor's `grantableRoles`, passed in by a list that asks for many accounts).
 */
export function accountActions(actor: Actor, target: AccountTarget, grantable = grantableRoles(actor)): AccountActions {
  const may = (change: Omit<AccountAttempt, 'kind' | 'target'> = {}) => allowed(actor, usersPolicies.edit, { ...change, target })
  const toggled = (role: Role) => (target.roles.includes(role) ? target.roles.filter((r) => r !== role) : [...target.roles, role])
  const edit = may()
  return {
    edit,
    changeAccess: edit && grantable.some((role) => may({ roles: toggled(role) })),
    resetPassword: may({ password: true }),
    deactivate: target.active && may({ active: false }),
    reactivate: !target.active && may({ active: true }),
  }
}
