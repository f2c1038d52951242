/** staffScreens: the Staff screens (client/src/pages/staff). */
export const staffScreens = {
  'staff.screens.tab.employees': 'Employees',
  'staff.screens.tab.payroll': 'Payroll',
  'staff.screens.tab.costs': 'Lesson cost',
  'staff.screens.page.lead': 'Employees and their files, the payroll of a month, and what lessons cost and earn.',
  'staff.screens.branch': 'Branch',
} as const
