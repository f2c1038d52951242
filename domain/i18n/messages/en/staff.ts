/** staff: employees, pay schemes, bonuses and deductions, services (server/modules/staff). */
export const staff = {
  'audit.area.staff': 'Staff and pay',
} as const
