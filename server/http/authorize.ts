import { AuthenticationError, AuthorizationError } from '../errors'
import { can, type Action, type Actor, type Subject } from '../policies/permissions'

/** Throws 401 without a user and 403 when `can` says no; returns the actor. */
export function authorize(actor: Actor | null, action: Action, subject: Subject): Actor {
  if (!actor) throw AuthenticationError()
  if (!can(actor, action, subject)) throw AuthorizationError()
  return actor
}
