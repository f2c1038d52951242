import { defineModule } from '../module'
import { monthCloseJob } from './job'
import { documentPackagePolicies } from './policies'
import { documentPackageRoutes } from './routes'

export { documentPackagePolicies } from './policies'

/**
 * The month's document package (issue #20): for a branch and a period, every document the books
 * need — invoices and receipts, the cash-desk days, the tax report, payroll and payslips, stock
 * movements and inventory counts, production control, the audits closed — as PDF in the center's
 * language with a CSV index, in one ZIP made the same from the same records (./stable.ts). Made for
 * every branch at month close (the 1st, 02:00, the center's time zone) and on demand; listed, kept
 * in the database and downloaded, each step in the audit trail. The documents come from their
 * areas' exports; nothing here draws another area's document.
 */
export const documentPackage = defineModule({
  name: 'document-package',
  routes: [documentPackageRoutes],
  policies: Object.values(documentPackagePolicies),
  audit: [{ area: 'documents', commands: ['documentPackages.'] }],
  jobs: [monthCloseJob],
})
