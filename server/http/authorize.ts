import { AuthenticationError, AuthorizationError } from '../errors'
import { OTHER_BRANCH, inBranch } from '../policies/branches'
import { can, type Action, type Actor, type Subject } from '../policies/permissions'

/** Throws 401 without a user and 403 when `can` says no; returns the actor. */
export function authorize(actor: Actor | null, action: Action, subject: Subject): Actor {
  if (!actor) throw AuthenticationError()
  if (!can(actor, action, subject)) throw AuthorizationError()
  return actor
}

/**
 * `authorize` for something of one branch (a lesson, a group, a room…): 403 when the actor does
 * not work in that branch. `branchId` null is something of the whole center.
 */
export function authorizeInBranch(actor: Actor | null, action: Action, subject: Subject, branchId: string | null): Actor {
  const a = authorize(actor, action, subject)
  if (!inBranch(a, branchId)) throw AuthorizationError(OTHER_BRANCH)
  return a
}
