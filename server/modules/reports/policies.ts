import type { Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who reads the center's reports: those who read its money and its staff (and the auditor, read only). */
const READERS: readonly Role[] = ['owner', 'manager', 'accountant', 'auditor']

/** The reports in the center's verbs: read only, each reader their own branches (the owner every branch). */
export const reportsPolicies = {
  read: policy<{ branchId: string | null }>({
    verb: 'reports.read',
    description:
      'Read the reports (revenue by month, activity and branch; debts and ageing; VAT per period; teacher performance; inflow and retention; occupancy) and export them as CSV and XLSX',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
}
