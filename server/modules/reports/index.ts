import { defineModule } from '../module'
import { occupancyRoutes } from './occupancy-routes'
import { reportsPolicies } from './policies'
import { reportRoutes } from './routes'

export { reportsPolicies } from './policies'

/**
 * Reports (issue #20, "Reports"): read-only views over the other areas' records, each with
 * filters, a table and CSV and XLSX exports in the reader's language. Money: revenue by month,
 * branch and activity (sessions at their value from the staff area's lesson cost, and sales),
 * debts and ageing (the passes area's debtors), VAT per period (the passes area's tax report and
 * the point of sale's lines). Teacher performance: clients accepted and refusals, lessons and
 * hours, attendance rate and profit (the lesson cost report by teacher), ranked per measure.
 */
export const reports = defineModule({
  name: 'reports',
  routes: [reportRoutes, occupancyRoutes],
  policies: Object.values(reportsPolicies),
})
