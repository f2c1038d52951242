import { defineModule } from '../module'
import { occupancyRoutes } from './occupancy-routes'
import { reportsPolicies } from './policies'
import { reportRoutes } from './routes'
import { inflowRoutes } from './routes-inflow'
import { seedReports } from './seed'

export { reportsPolicies } from './policies'
export { vatReport, type VatReport } from './queries/money'
export { vatTable } from './tables'
export type { ReportTable, ColumnKind } from './export'

/**
 * Reports (issue #20, "Reports"): read-only views over the other areas' records, each with
 * filters, a table and CSV and XLSX exports in the reader's language. Money: revenue by month,
 * branch and activity (sessions at their value from the staff area's lesson cost, and sales),
 * debts and ageing (the passes area's debtors), VAT per period (the passes area's tax report and
 * the point of sale's lines). Teacher performance: clients accepted and refusals, lessons and
 * hours, attendance rate and profit (the lesson cost report by teacher), ranked per measure.
 * Inflow and retention: new clients by source, trial to paid, cohort retention, churn by reason
 * and lifetime revenue per client.
 */
export const reports = defineModule({
  name: 'reports',
  routes: [reportRoutes, inflowRoutes, occupancyRoutes],
  policies: Object.values(reportsPolicies),
  seed: seedReports,
})
