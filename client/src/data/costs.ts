import { api, withQuery } from './api'

/**
 * Lesson cost, revenue with its VAT and margins (issue #19, server/modules/staff routes/costs):
 * the report of a period and the branch's overhead per lesson hour. Amounts in minor units.
 */

export type CostGroupBy = 'lesson' | 'group' | 'teacher' | 'activity' | 'branch'
export const COST_GROUPINGS: readonly CostGroupBy[] = ['lesson', 'group', 'teacher', 'activity', 'branch']

export interface CostFigures {
  lessons: number
  minutes: number
  revenueGross: number
  vat: number
  revenueNet: number
  teacherPay: number
  roomCost: number
  consumablesCost: number
  overhead: number
  totalCost: number
  margin: number
  marginBp: number | null
}

export interface CostRow extends CostFigures {
  key: string | null
  name: string
  branchId: string | null
  startsAt: string | null
}

export interface CostReport {
  from: string
  to: string
  groupBy: CostGroupBy
  currency: string
  rows: CostRow[]
  /** How many rows the whole report has; `rows` is the page from `offset`. */
  count: number
  offset: number
  totals: CostFigures
}

export interface Overhead {
  id: number
  branchId: string
  validFrom: string
  overheadPerHour: number
  createdAt: string
}

/** The report for [from, to]; without a branch, every branch the user may read. */
export const fetchCostReport = (q: {
  branchId?: string
  from: string
  to: string
  groupBy: CostGroupBy
  offset?: number
  limit?: number
}) =>
  api<CostReport>('GET', withQuery('/api/costs/lessons', q))

export const fetchOverhead = (branchId: string) =>
  api<{ items: Overhead[]; current: Overhead | null }>('GET', withQuery('/api/costs/overhead', { branchId }))

export const setOverhead = (input: { branchId: string; validFrom: string; overheadPerHour: number }) =>
  api<{ overhead: Overhead }>('POST', '/api/costs/overhead', input)
