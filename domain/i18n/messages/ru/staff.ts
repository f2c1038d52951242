import type { staff as source } from '../en/staff'

/** staff: employees, pay schemes, bonuses and deductions, services (server/modules/staff). */
export const staff: Record<keyof typeof source, string> = {
  'audit.area.staff': 'Персонал и зарплата',
}
