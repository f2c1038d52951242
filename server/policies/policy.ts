import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { AuthenticationError, AuthorizationError, messageOf, type MessageRef } from '../errors'
import type { Actor, Role } from '../../domain/roles'
import { OTHER_BRANCH, inBranch } from './branches'

/**
 * A policy: one thing staff do, named as they would say it (`lessons.markDone`,
 * `clients.readMedical`, `timetable.edit`), the roles that may do it, and the rule about the thing
 * itself (its branch, its owner, its teacher) when there is one. Each module declares its own
 * (`server/modules/<area>/policies.ts`) and lists them in its manifest; `allowed` answers for
 * routes, sockets and documents alike, and docs/PERMISSIONS.md is generated from them.
 */
export interface Policy<S = void> {
  /** `<area>.<verb>` in the center's words. */
  readonly verb: string
  /** One line for the permissions table. */
  readonly description: string
  /** Roles that may do it (subject to `rule`). */
  readonly roles: readonly Role[]
  /** Does it change anything? Read-only roles (auditors) are never given a policy that writes. */
  readonly writes: boolean
  /** The rule about the subject: a refusal reason, or null to allow. */
  readonly rule?: (actor: Actor, subject: S) => MessageRef | null
  /** The rule in words, for the permissions table (`own branch`, `own groups`). */
  readonly ruleText?: string
  /** The reason given when no role of the actor's has it (default `NOT_ALLOWED`): `errors.clients.eraseOwnerOnly`. */
  readonly refusal?: MessageRef
}

/** The refusal when no role of the actor's has the policy. */
export const NOT_ALLOWED = 'errors.forbidden' satisfies MessageRef

// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a policy about no particular thing is a Policy<void>
export type SubjectArgs<S> = [S] extends [void] ? [] : [subject: S]

/** Declares a policy (a typed identity: nothing is registered anywhere). */
export function policy<S = void>(def: Policy<S>): Policy<S> {
  return def
}

/**
 * Why this actor may not do that, or null when they may. No actor: always refused.
 * @example refusalOf(reception2, lessons.markDone, { branchId: central, teacherId }) // 'errors.forbidden.otherBranch'
 */
export function refusalOf<S>(actor: Actor | null | undefined, p: Policy<S>, ...subject: SubjectArgs<S>): MessageRef | null {
  if (!actor) return 'errors.auth.signInFirst'
  return roleRefusal(actor, p) ?? (p.rule ? p.rule(actor, subject[0] as S) : null)
}

/** The refusal when none of the actor's roles has the policy (its own wording, or `NOT_ALLOWED`); null when one has. */
function roleRefusal(actor: Pick<Actor, 'roles'>, p: Pick<Policy<never>, 'roles' | 'refusal'>): MessageRef | null {
  return roleAllows(actor, p) ? null : (p.refusal ?? NOT_ALLOWED)
}

/**
 * The refusal rendered in a language, or null when they may (the words a refused user reads).
 * @example refusalIn('en', reception2, lessons.markDone, { branchId: central, teacherId }) // 'This belongs to a branch you do not work in'
 */
export function refusalIn<S>(
  locale: Locale,
  actor: Actor | null | undefined,
  p: Policy<S>,
  ...subject: SubjectArgs<S>
): string | null {
  const refusal = refusalOf(actor, p, ...subject)
  return refusal === null ? null : translatorFor(locale).render(messageOf(refusal))
}

/**
 * Does one of the actor's roles have this policy, whatever its rule says about a particular thing?
 * For questions about a kind of thing rather than one of them (may this person hear about lessons
 * at all: a Socket.IO subject room; which roles read a document type).
 * @example roleAllows(teacher, clientsPolicies.readMedical) // false
 */
export function roleAllows(actor: Pick<Actor, 'roles'>, p: Pick<Policy<never>, 'roles'>): boolean {
  return actor.roles.some((r) => p.roles.includes(r))
}

/**
 * May this actor do that? The one question every route, socket room and document asks.
 * @example allowed(user, timetable.edit, { branchId }) // true for a receptionist of that branch
 */
export function allowed<S>(actor: Actor | null | undefined, p: Policy<S>, ...subject: SubjectArgs<S>): boolean {
  return refusalOf(actor, p, ...subject) === null
}

/** Throws 401 without an actor and 403 (with the rule's reason) when refused; returns the actor. */
export function authorize<S>(actor: Actor | null | undefined, p: Policy<S>, ...subject: SubjectArgs<S>): Actor {
  return unlessRefused(actor, (a) => refusalOf(a, p, ...subject))
}

/**
 * The first half of `authorize`, for a route that must look the thing up before the rule can be
 * asked: 401 without an actor, 403 when none of their roles has the policy (so that someone who may
 * never do this learns nothing, not even whether the thing exists). Call `authorize` once it is loaded.
 */
export function authorizeRole(actor: Actor | null | undefined, p: Policy<never> | Policy): Actor {
  return unlessRefused(actor, (a) => roleRefusal(a, p))
}

/** The actor, or 401 without one and 403 with the reason `refusal` gives. */
function unlessRefused(actor: Actor | null | undefined, refusal: (actor: Actor) => MessageRef | null): Actor {
  if (!actor) throw AuthenticationError()
  const reason = refusal(actor)
  if (reason !== null) throw AuthorizationError(reason)
  return actor
}

/** Rule: the thing belongs to a branch the actor works in (`branchId` null = the whole center). */
export function inTheirBranch(actor: Actor, subject: { branchId: string | null }): MessageRef | null {
  return inBranch(actor, subject.branchId) ? null : OTHER_BRANCH
}
