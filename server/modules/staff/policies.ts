import type { Actor, Role } from '../../../domain/roles'
import type { MessageRef } from '../../errors'
import { inBranch, OTHER_BRANCH } from '../../policies/branches'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who keeps the staff files: the owner and the managers. */
const KEEPERS: readonly Role[] = ['owner', 'manager']
/** Who sets pay and approves payroll: the keepers and the accountant. */
const PAYERS: readonly Role[] = [...KEEPERS, 'accountant']
/** Who reads staff, pay and costs: the payers and the auditor. */
const READERS: readonly Role[] = [...PAYERS, 'auditor']

/** A branch's thing (a payroll, a cost report, a service): its branch. */
type InBranch = { branchId: string | null }
/** An employee: the branches they work in (empty: the whole center), and their login. */
type EmployeeSubject = { branchIds: readonly string[]; userId: string | null }

/** An employee of a branch the actor works in (an employee of no branch is the whole center's: those who span every branch). */
function employeeInTheirBranch(actor: Actor, e: EmployeeSubject): MessageRef | null {
  if (!e.branchIds.length) return inBranch(actor, null) ? null : OTHER_BRANCH
  return e.branchIds.some((b) => inBranch(actor, b)) ? null : OTHER_BRANCH
}

/**
 * Staff, payroll and lesson cost in the center's verbs. Pay is private: receptionists and
 * storekeepers never see it; a teacher sees their own file and payslips only.
 */
export const staffPolicies = {
  read: policy<EmployeeSubject>({
    verb: 'staff.read',
    description: 'See the employees, their files, pay schemes and services',
    roles: READERS,
    writes: false,
    rule: employeeInTheirBranch,
    ruleText: 'own branch',
  }),
  readOwn: policy<EmployeeSubject>({
    verb: 'staff.readOwn',
    description: 'See one’s own employee file, pay schemes and payslips',
    roles: ['teacher', 'receptionist', 'storekeeper', 'manager', 'accountant', 'owner', 'auditor'],
    writes: false,
    rule: (actor, e) => (e.userId === actor.id ? null : 'errors.forbidden'),
    ruleText: 'own file',
  }),
  manage: policy<EmployeeSubject>({
    verb: 'staff.manage',
    description: 'Add and edit employees, their documents, observations and services outside the timetable',
    roles: KEEPERS,
    writes: true,
    rule: employeeInTheirBranch,
    ruleText: 'own branch',
  }),
  setPay: policy<EmployeeSubject>({
    verb: 'staff.setPay',
    description: 'Set an employee’s pay scheme from a date, and their bonuses, deductions and corrections',
    roles: PAYERS,
    writes: true,
    rule: employeeInTheirBranch,
    ruleText: 'own branch',
  }),
  readPayroll: policy<InBranch>({
    verb: 'payroll.read',
    description: 'Preview a branch’s payroll for a month, read approved ones, payslips and the accounting CSV',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  approvePayroll: policy<InBranch>({
    verb: 'payroll.approve',
    description: 'Approve a branch’s payroll for a month (it is locked from then on)',
    roles: PAYERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  readCosts: policy<InBranch>({
    verb: 'costs.read',
    description: 'See lesson cost, revenue with its VAT, and margins per lesson, group, teacher, activity and branch',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  setCosts: policy<InBranch>({
    verb: 'costs.set',
    description: 'Set a branch’s overhead per lesson hour from a date',
    roles: PAYERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
}
