import type { staffScreens as source } from '../en/staff-screens'

/** staffScreens: the Staff screens (client/src/pages/staff). */
export const staffScreens: Record<keyof typeof source, string> = {
  'staff.screens.tab.employees': 'Сотрудники',
  'staff.screens.tab.payroll': 'Зарплата',
  'staff.screens.tab.costs': 'Себестоимость занятий',
  'staff.screens.page.lead': 'Сотрудники и их личные дела, зарплата за месяц, себестоимость и доход занятий.',
  'staff.screens.branch': 'Филиал',
}
