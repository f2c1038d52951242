import type { Role } from '../../../domain/roles'

export { ROLES, type Role } from '../../../domain/roles'

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
