import { branchesOf, inBranch } from './branches'
import type { Actor, Role } from './permissions'

/**
 * Who sees (and acknowledges) an alert: someone with a role the alert is addressed to (owners and
 * managers: every alert), in a branch they work in (an alert of no branch: everyone addressed), and
 * a teacher only the alerts of their own groups and lessons (where they teach or assist).
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

/**
 * May this actor see that alert? `teachers` are the staff who teach or assist the alert's subject
 * (its lesson's teacher, its group's teacher and assistant); empty for other subjects.
 * @example canSeeAlert(teacher2, { roles: ['teacher'], branchId: central }, [teacher.id]) // false
 */
export function canSeeAlert(
  actor: Pick<Actor, 'id' | 'roles' | 'branchIds'>,
  alert: { roles: readonly string[]; branchId: string | null },
  teachers: readonly string[],
): boolean {
  if (alert.branchId !== null && !inBranch(actor, alert.branchId)) return false
  const scope = alertScope(actor)
  if (scope.roles === 'all') return true
  if (scope.roles.some((r) => alert.roles.includes(r))) return true
  return scope.teacherId !== null && alert.roles.includes('teacher') && teachers.includes(scope.teacherId)
}
