/** The staff roles and who is acting: the same words on the server, in the client and in the seed. */
export const ROLES = ['owner', 'manager', 'receptionist', 'teacher', 'storekeeper', 'accountant', 'auditor'] as const
export type Role = (typeof ROLES)[number]

export interface Actor {
  id: string
  login: string
  name: string
  roles: Role[]
  /** Branches the user works in; empty = every branch (see server/policies/branches.ts). */
  branchIds: string[]
}
