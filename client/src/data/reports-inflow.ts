/**
 * The inflow and retention report (issue #20, server/modules/reports/routes-inflow.ts): new clients
 * by source, trial to paid, cohort retention, churn by reason, lifetime revenue per client. Amounts
 * in minor units, rates in basis points. Fetched and downloaded through ./reports.ts.
 */

/** The report's tables, each its own CSV or XLSX. */
export const INFLOW_VIEWS = ['new', 'trials', 'cohorts', 'churn', 'revenue'] as const
export type InflowView = (typeof INFLOW_VIEWS)[number]

export interface CohortCell {
  eligible: number
  retained: number
  rateBp: number
}

export interface InflowReport {
  from: string
  to: string
  today: string
  currency: string
  newClients: Array<{ month: string; source: string; clients: number }>
  months: Array<{ month: string; clients: number; trials: number; converted: number }>
  sources: Array<{ source: string; clients: number }>
  trials: {
    started: number
    converted: number
    conversionBp: number | null
    averageDays: number | null
    medianDays: number | null
  }
  cohorts: Array<{
    month: string
    clients: number
    cells: Array<CohortCell | null>
    revenue: number
    averageRevenue: number
    medianRevenue: number
  }>
  curve: Array<{ months: number; eligible: number; retained: number; rateBp: number | null }>
  churn: Array<{ reason: string; clients: number; groupLeavers: number }>
  churnTotals: { clients: number; groupLeavers: number }
  bySource: Array<{ source: string; clients: number; revenue: number; averageRevenue: number; medianRevenue: number }>
}
