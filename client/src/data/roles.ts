import type { Role as ServerRole } from '../../../server/policies/permissions'

/** The staff roles, in the server's order (server/policies/permissions.ts). */
export const ROLES = ['owner', 'manager', 'receptionist', 'teacher', 'storekeeper', 'accountant', 'auditor'] as const
export type Role = (typeof ROLES)[number]

// Compile-time guard: the client's role list and the server's stay the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const _sameRoles: Same<Role, ServerRole> = true
void _sameRoles

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  receptionist: 'Receptionist',
  teacher: 'Teacher',
  storekeeper: 'Storekeeper',
  accountant: 'Accountant',
  auditor: 'Auditor',
}

export const roleLabel = (r: string) => ROLE_LABELS[r as Role] ?? r
