import type { Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who keeps the stock: the storekeepers, the managers and the owner. */
const KEEPERS: readonly Role[] = ['owner', 'manager', 'storekeeper']
/** Who reads it: the keepers, the accountant and the auditor. */
const READERS: readonly Role[] = [...KEEPERS, 'accountant', 'auditor']

/** A branch's thing (a store, a stock document): its branch. */
type InBranch = { branchId: string | null }

/**
 * Stock in the center's verbs. The catalogue (products, suppliers) is the whole center's; stores
 * and stock documents are their branch's: a storekeeper acts on the stores of the branches they work in.
 */
export const stockPolicies = {
  readCatalogue: policy({
    verb: 'stock.catalogue.read',
    description: 'See the products (with their prices), the suppliers and the stores',
    roles: READERS,
    writes: false,
  }),
  manageCatalogue: policy({
    verb: 'stock.catalogue.manage',
    description: 'Create and change products and their prices, and suppliers',
    roles: KEEPERS,
    writes: true,
  }),
  manageStores: policy<InBranch>({
    verb: 'stock.stores.manage',
    description: 'Create a store in a branch',
    roles: KEEPERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  read: policy<InBranch>({
    verb: 'stock.read',
    description: 'See stock on hand and the stock documents of a store',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  write: policy<InBranch>({
    verb: 'stock.docs.write',
    description: 'Fill stock documents (receipts, write-offs, transfers, counts, returns), post and reverse them',
    roles: KEEPERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch (the store the document is about)',
  }),
  readPurchasing: policy<InBranch>({
    verb: 'stock.purchasing.read',
    description: 'See the purchase requests and purchase orders of a branch, and the orders mailed or held in its outbox',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  writePurchasing: policy<InBranch>({
    verb: 'stock.purchasing.write',
    description: 'Send a draft purchase order to its supplier, receive a sent one (a pre-filled receipt), cancel a draft',
    roles: KEEPERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch (the branch the order is delivered to)',
  }),
}
