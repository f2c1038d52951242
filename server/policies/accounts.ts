import { branchesOf } from './branches'
import { can, type Actor, type Role } from './permissions'

/**
 * Who may manage which staff account. Roles are ranked owner > manager > everyone else; a user
 * manages only accounts whose roles are all strictly below their own highest role and grants only
 * such roles. Owners are the exception at the top: only an owner touches an owner account or grants
 * `owner`. Nobody changes their own roles, branches, active flag or password here. Someone who works
 * in some branches only (a branch manager) manages only accounts of those branches and gives only those.
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

/** The rank of someone's highest role (0 without roles). */
export function rankOf(roles: readonly Role[]): number {
  return roles.reduce((max, r) => Math.max(max, RANK[r] ?? 0), 0)
}

/** May an actor of this rank act on / grant a role of that rank? Owners may act on owners. */
function outranks(actorRank: number, roleRank: number): boolean {
  return roleRank < actorRank || (actorRank === RANK.owner && roleRank === RANK.owner)
}

/** What an account command attempts. */
export interface AccountAttempt {
  kind: 'create' | 'update'
  /** The account as it is now (null when creating). */
  target: { id: string; roles: readonly Role[]; active: boolean; branchIds?: readonly string[] } | null
  roles?: readonly Role[]
  branchIds?: readonly string[] | null
  active?: boolean
  password?: boolean
}

/**
 * Why this actor may not do that to a staff account, or null when allowed. The reason is shown on
 * the screen as it is.
 * @example accountRefusal(manager, { kind: 'create', target: null, roles: ['owner'] }) // 'Only an owner may grant the owner role'
 */
export function accountRefusal(actor: Actor, attempt: AccountAttempt): string | null {
  if (!can(actor, attempt.kind, 'users')) return 'You may not manage staff accounts'
  const mine = rankOf(actor.roles)
  const { target } = attempt
  if (target && target.id === actor.id) {
    // sending one's own values back unchanged (a form that always sends every field) is no change
    if (attempt.roles !== undefined && !sameSet(attempt.roles, target.roles)) return 'You cannot change your own roles'
    if (attempt.branchIds != null && !sameSet(attempt.branchIds, target.branchIds ?? []))
      return 'You cannot change your own branches'
    if (attempt.active !== undefined && attempt.active !== target.active)
      return 'You cannot deactivate or reactivate your own account'
    if (attempt.password) return 'Change your own password with your current password (your account menu)'
    return null
  }
  if (target) {
    if (target.roles.includes('owner') && !actor.roles.includes('owner')) return 'Only an owner may change an owner account'
    if (!target.roles.every((r) => outranks(mine, RANK[r] ?? 0)))
      return 'You may only manage accounts whose roles are below your own'
  }
  if (attempt.roles) {
    if (attempt.roles.includes('owner') && !actor.roles.includes('owner')) return 'Only an owner may grant the owner role'
    if (!attempt.roles.every((r) => outranks(mine, RANK[r] ?? 0))) return 'You may only grant roles below your own'
  }
  const myBranches = branchesOf(actor)
  if (myBranches) {
    const within = (ids: readonly string[]) => ids.length > 0 && ids.every((b) => myBranches.includes(b.toLowerCase()))
    if (target && !within(target.branchIds ?? [])) return 'You may only manage accounts of the branches you work in'
    if (attempt.branchIds != null && !within(attempt.branchIds)) return 'You may only give the branches you work in'
  }
  return null
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((v) => v.toLowerCase()))
  const y = new Set(b.map((v) => v.toLowerCase()))
  return x.size === y.size && [...x].every((v) => y.has(v))
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
