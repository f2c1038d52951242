import type { Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who sells at the point of sale and takes goods back: the front desk, the storekeepers, the managers and the owner. */
const SELLERS: readonly Role[] = ['owner', 'manager', 'receptionist', 'storekeeper']
/** Who reads the sales: the sellers, the accountant and the auditor (teachers do not). */
const READERS: readonly Role[] = [...SELLERS, 'accountant', 'auditor']

/** A branch's thing (a store, a sale): its branch. */
type InBranch = { branchId: string | null }

/** The point of sale in the center's verbs: a user sells, takes back and reads in the branches they work in. */
export const salesPolicies = {
  sell: policy<InBranch>({
    verb: 'sales.sell',
    description: 'Sell goods at the point of sale (to a client or a walk-in), paid at once, with its receipt',
    roles: SELLERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch (the store the goods leave)',
  }),
  takeBack: policy<InBranch>({
    verb: 'sales.return',
    description: 'Take goods of a sale back and refund them (never more than was sold)',
    roles: SELLERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch (the sale’s)',
  }),
  read: policy<InBranch>({
    verb: 'sales.read',
    description: 'See the sales, their receipts and returns',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
}
