import type { Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who sees money: the front desk, the accountant and the auditor (teachers and storekeepers do not). */
const MONEY_READERS: readonly Role[] = ['owner', 'manager', 'receptionist', 'accountant', 'auditor']
/** The front desk: who sells passes, takes payments, checks clients in and freezes a pass. */
const FRONT_DESK: readonly Role[] = ['owner', 'manager', 'receptionist']
/** Who takes money: the front desk and the accountant. */
const CASHIERS: readonly Role[] = ['owner', 'manager', 'receptionist', 'accountant']
/** Who may give money back or cancel an invoice. */
const CORRECTORS: readonly Role[] = ['owner', 'manager', 'accountant']
/** Who runs the price list and the area's settings. */
const MANAGERS: readonly Role[] = ['owner', 'manager']

/** A branch's thing (a pass, an invoice, a cash-desk day, a client's account): its branch. */
type InBranch = { branchId: string | null }

/**
 * Passes and payments in the center's verbs. Every rule that takes a subject is the branch rule:
 * a user acts on the passes, invoices and days of the branches they work in.
 */
export const passesPolicies = {
  readPlans: policy({
    verb: 'passes.plans.read',
    description: 'See the pass plans and their prices',
    roles: [...MONEY_READERS, 'teacher'],
    writes: false,
  }),
  managePlans: policy<InBranch>({
    verb: 'passes.plans.manage',
    description: 'Create and change pass plans, their prices (from a date), tax rates and the area’s settings',
    roles: MANAGERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch (a plan for every branch: whole center)',
  }),
  readAccount: policy<InBranch>({
    verb: 'passes.account.read',
    description: 'See a client’s passes, invoices, payments, visits and debt',
    roles: MONEY_READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  sell: policy<InBranch>({
    verb: 'passes.sell',
    description: 'Sell a pass (creates its invoice)',
    roles: FRONT_DESK,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  takePayment: policy<InBranch>({
    verb: 'payments.take',
    description: 'Take a payment on an invoice',
    roles: CASHIERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  refund: policy<InBranch>({
    verb: 'payments.refund',
    description: 'Refund (pro rata to unused sessions, or an amount) and cancel an unpaid invoice',
    roles: CORRECTORS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  checkIn: policy<InBranch>({
    verb: 'visits.checkIn',
    description: 'Check a client in at the front desk (writes a session off their pass) and use make-up credits',
    roles: FRONT_DESK,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  freeze: policy<InBranch>({
    verb: 'passes.freeze',
    description: 'Freeze and resume a pass within its plan’s rules',
    roles: FRONT_DESK,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  massFreeze: policy<InBranch>({
    verb: 'passes.massFreeze',
    description: 'Freeze every pass of a group or a branch at once (closures, holidays), and undo it',
    roles: MANAGERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  readCashDesk: policy<InBranch>({
    verb: 'cashDesk.read',
    description: 'See a branch’s cash-desk day: payments and refunds by method and by user',
    roles: CASHIERS.concat('auditor'),
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  closeCashDesk: policy<InBranch>({
    verb: 'cashDesk.close',
    description: 'Close a cash-desk day (no back-dated payments after)',
    roles: CORRECTORS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  readDebtors: policy<InBranch>({
    verb: 'debtors.read',
    description: 'See the debtors list with ageing, and export it as CSV',
    roles: ['owner', 'manager', 'accountant', 'auditor'],
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  readTaxReport: policy<InBranch>({
    verb: 'tax.report',
    description: 'See the tax report of a period and branch',
    roles: ['owner', 'manager', 'accountant', 'auditor'],
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
}
