import type { staffScreens as source } from '../en/staff-screens'

/** staffScreens: the Staff screens (client/src/pages/staff). */
export const staffScreens: Record<keyof typeof source, string> = {
  'staff.screens.tab.employees': 'Աշխատակիցներ',
  'staff.screens.tab.payroll': 'Աշխատավարձ',
  'staff.screens.tab.costs': 'Դասի ինքնարժեք',
  'staff.screens.page.lead': 'Աշխատակիցները և նրանց անձնական գործերը, ամսվա աշխատավարձը, դասերի ինքնարժեքը և եկամուտը։',
  'staff.screens.branch': 'Մասնաճյուղ',
}
