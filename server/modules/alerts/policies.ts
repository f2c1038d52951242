import { READ_ONLY_ROLES, ROLES, type Actor, type Role } from '../../../domain/roles'
import { branchesOf, inBranch } from '../../policies/branches'
import { policy } from '../../policies/policy'

/**
 * Who sees (and acknowledges) an alert: someone with a role the alert is addressed to (owners and
 * managers: every alert), in a branch they work in (an alert of no branch: everyone addressed), and
 * a teacher only the alerts of their own groups and lessons (where they teach or assist).
 * `visibility.ts` is the same rule as SQL (the list) and as a list of recipients (the live events).
 */

/** An actor's alert scope, for building the list query. */
export interface AlertScope {
  /** Branches whose alerts they see (plus alerts of no branch); null = every branch. */
  branches: string[] | null
  /** Roles through which they see every alert addressed to that role; 'all' = every alert. */
  roles: Role[] | 'all'
  /** Set for teachers: alerts addressed to teachers are theirs only when about their own lesson or group. */
  teacherId: string | null
}

export function alertScope(actor: Pick<Actor, 'id' | 'roles' | 'branchIds'>): AlertScope {
  const all = actor.roles.includes('owner') || actor.roles.includes('manager')
  return {
    branches: branchesOf(actor),
    roles: all ? 'all' : actor.roles.filter((r) => r !== 'teacher'),
    teacherId: actor.roles.includes('teacher') ? actor.id : null,
  }
}

/** An alert as the rule sees it; `teachers` teach or assist its subject (its lesson's, its group's), empty for other subjects. */
export interface AlertSubject {
  roles: readonly string[]
  branchId: string | null
  teachers: readonly string[]
}

/**
 * May this actor see that alert?
 * @example canSeeAlert(teacher2, { roles: ['teacher'], branchId: central, teachers: [teacher.id] }) // false
 */
export function canSeeAlert(actor: Pick<Actor, 'id' | 'roles' | 'branchIds'>, alert: AlertSubject): boolean {
  if (alert.branchId !== null && !inBranch(actor, alert.branchId)) return false
  const scope = alertScope(actor)
  if (scope.roles === 'all') return true
  if (scope.roles.some((r) => alert.roles.includes(r))) return true
  return scope.teacherId !== null && alert.roles.includes('teacher') && alert.teachers.includes(scope.teacherId)
}

const NOT_YOURS = 'errors.alerts.notYours'

/** Alerts: what needs someone's attention now. */
export const alertsPolicies = {
  read: policy<AlertSubject>({
    verb: 'alerts.read',
    description: 'See the alerts addressed to them',
    roles: ROLES,
    writes: false,
    rule: (actor, alert) => (canSeeAlert(actor, alert) ? null : NOT_YOURS),
    ruleText:
      'alerts addressed to one of their roles (owner, manager: every alert), of their branches; a teacher: those of their own lessons and groups',
  }),
  acknowledge: policy<AlertSubject>({
    verb: 'alerts.acknowledge',
    description: 'Acknowledge an alert (it stays open until its cause is fixed)',
    roles: ROLES.filter((r) => !READ_ONLY_ROLES.includes(r)),
    writes: true,
    rule: (actor, alert) => (canSeeAlert(actor, alert) ? null : NOT_YOURS),
    ruleText: 'the alerts they see',
  }),
}
