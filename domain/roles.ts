/** The staff roles and who is acting: the same words on the server, in the client and in the seed. */
export const ROLES = ['owner', 'manager', 'receptionist', 'teacher', 'storekeeper', 'accountant', 'auditor'] as const
export type Role = (typeof ROLES)[number]

/**
 * Roles that change nothing outside their own session, their own workspace and the audit area:
 * auditors. No policy that writes grants them anything else (a test checks every module's policies).
 */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor']

export interface Actor {
  id: string
  login: string
  name: string
  roles: Role[]
  /** Branches the user works in; empty = every branch (see server/policies/branches.ts). */
  branchIds: string[]
}

/**
 * Is this one of the roles? (Stored roles are text; an unknown one grants nothing.)
 * @example isRole('teacher') // true
 */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}
