import type { Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who reads a branch's documents for the books: those who read its money (and the auditor, read only). */
const READERS: readonly Role[] = ['owner', 'manager', 'accountant', 'auditor']

/** The document packages in the center's verbs, each for a branch the reader works in (the owner: every branch). */
export const documentPackagePolicies = {
  read: policy<{ branchId: string | null }>({
    verb: 'documentPackage.read',
    description:
      'See the document packages of a branch (the month’s invoices, receipts, cash desk, tax, payroll, stock, production control and audits in one ZIP)',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  download: policy<{ branchId: string | null }>({
    verb: 'documentPackage.download',
    description: 'Download a document package (recorded in the audit trail)',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  generate: policy<{ branchId: string | null }>({
    verb: 'documentPackage.generate',
    description: 'Make a branch’s document package for a month or a period now',
    roles: ['owner', 'manager', 'accountant'],
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
}
