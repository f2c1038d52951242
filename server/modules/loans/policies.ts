import type { Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who hands textbooks and kits out and takes them back: the front desk and the keepers. */
const LENDERS: readonly Role[] = ['owner', 'manager', 'storekeeper', 'receptionist']
/** Who reads the loans: the lenders, the accountant and the auditor. */
const READERS: readonly Role[] = [...LENDERS, 'accountant', 'auditor']

/** A loan, or the store it is lent from: its branch. */
type InBranch = { branchId: string | null }

/** Loans in the center's verbs; a loan is its store's branch's. */
export const loansPolicies = {
  read: policy<InBranch>({
    verb: 'loans.read',
    description: 'See the textbooks and kits lent to clients, overdue or returned',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch (the store it was lent from)',
  }),
  lend: policy<InBranch>({
    verb: 'loans.lend',
    description: 'Lend a textbook or kit to a client out of a store, and take it back (with its condition)',
    roles: LENDERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch (the store it is lent from)',
  }),
}
