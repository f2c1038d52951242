import { defineModule } from '../module'
import { loanAlerts } from './alert-kinds'
import { loansAudit } from './audit-area'
import { loansOverdueJob } from './overdue'
import { overdueLoanOwing } from './owing'
import { loansPolicies } from './policies'
import { loansRoutes } from './routes'
import { seedLoans } from './seed'

export { loansPolicies } from './policies'
export { loanAlerts } from './alert-kinds'
export { reviewOverdueLoans } from './overdue'

/**
 * Loans of textbooks and kits (issue #18): lent to a client for a course out of a store until a
 * due day, and taken back with their condition; each moves stock through the stock area's
 * `moveStock` (a `loan` document out, a `loan_return` one back; a lost item brings nothing back),
 * in the loan's own transaction with its audit row. A daily job raises `loan_overdue` for those not
 * back by their due day (the return clears it; the wall shows it), and the owing check
 * `loans.overdue` turns the borrower's group line red on the timetable until the item is back.
 */
export const loans = defineModule({
  name: 'loans',
  routes: [loansRoutes],
  policies: Object.values(loansPolicies),
  alertKinds: Object.values(loanAlerts),
  owingChecks: [overdueLoanOwing],
  jobs: [loansOverdueJob],
  audit: [loansAudit],
  liveEntities: { loan: { read: loansPolicies.read, branchScoped: true } },
  seed: seedLoans,
})
