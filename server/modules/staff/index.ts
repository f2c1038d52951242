import { defineModule } from '../module'
import { staffAudit } from './audit-area'
import { staffPolicies } from './policies'
import { costRoutes } from './routes/costs'
import { employeeRoutes } from './routes/employees'
import { payrollRoutes } from './routes/payroll'
import { seedStaff } from './seed'

export { staffPolicies } from './policies'
export { readPayroll } from './payroll'
export { payslipPdf } from './payslip-pdf'
export { payrollSheetPdf } from './payroll-pdf'
export { lessonCostReport, type CostReport, type CostRow } from './queries/lesson-cost'

/**
 * Staff, payroll and lesson cost (issue #19). Employees (a login optional) with their files; pay
 * schemes, effective-dated and never overlapping (domain/payroll/schemes); a branch's payroll for a
 * month computed from the teachers' services (`teacher_services`, written when a lesson is marked
 * done), the services outside the timetable, fixed monthly pay and adjustments (domain/payroll/pay),
 * previewed with every line explained, approved into a locked snapshot; whatever changes after is
 * paid as a correction in a later month. Lesson cost (teacher, room, consumables, overhead) against
 * revenue (sessions written off at their value, VAT beside it) gives margins.
 */
export const staff = defineModule({
  name: 'staff',
  routes: [employeeRoutes, payrollRoutes, costRoutes],
  uploadRoutes: [/^\/api\/staff\/employees\/[^/]+\/documents$/],
  policies: Object.values(staffPolicies),
  audit: [staffAudit],
  liveEntities: { employee: { read: staffPolicies.read }, payroll: { read: staffPolicies.readPayroll, branchScoped: true } },
  seed: seedStaff,
})
