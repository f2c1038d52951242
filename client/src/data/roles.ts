import type { Role } from '../../../domain/roles'
import { t } from '../i18n/locale'

export { ROLES, type Role } from '../../../domain/roles'

const ROLE_IDS = {
  owner: 'users.role.owner',
  manager: 'users.role.manager',
  receptionist: 'users.role.receptionist',
  teacher: 'users.role.teacher',
  storekeeper: 'users.role.storekeeper',
  accountant: 'users.role.accountant',
  auditor: 'users.role.auditor',
} as const satisfies Record<Role, string>

/** A role's name in the tab's language ("Receptionist" / "Администратор" / "Ադմինիստրատոր"). */
export const roleLabel = (r: string): string => (Object.hasOwn(ROLE_IDS, r) ? t(ROLE_IDS[r as Role]) : r)
