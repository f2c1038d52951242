import { currentLocale, t } from '../i18n/locale'
import { api, ApiError, toApiError, withQuery } from './api'
import type { OccupancyReport } from './occupancy'

/**
 * The reports (issue #20, server/modules/reports): revenue, debts and ageing, VAT, teacher
 * performance, each as JSON for the screen and as CSV or XLSX to download in the language shown.
 * Amounts in minor units, rates in basis points.
 */

export type ReportName = 'revenue' | 'debts' | 'vat' | 'teachers' | 'inflow' | 'occupancy'
export const REPORTS: readonly ReportName[] = ['revenue', 'debts', 'vat', 'teachers', 'inflow', 'occupancy']

export interface ReportQuery {
  from?: string
  to?: string
  branchId?: string
  activityId?: string
  teacherId?: string
  /** The inflow report's table to download (./reports-inflow.ts). */
  view?: string
}

export interface RevenueReport {
  from: string
  to: string
  currency: string
  rows: Array<{
    month: string
    branchId: string
    branch: string
    source: 'sessions' | 'sales'
    activityId: string | null
    activity: string
    gross: number
    vat: number
    net: number
  }>
  months: Array<{ month: string; sessions: number; sales: number; gross: number }>
  totals: { sessions: number; sales: number; gross: number; vat: number; net: number }
}

export type Ageing = '0-30' | '31-60' | '61-90' | '90+'
export const AGEING: readonly Ageing[] = ['0-30', '31-60', '61-90', '90+']

export interface DebtsReport {
  today: string
  currency: string
  rows: Array<{
    clientId: string
    name: string
    phone: string | null
    branchId: string
    branch: string
    debt: number
    invoices: number
    oldestDueOn: string
    daysOverdue: number
    bucket: Ageing
  }>
  buckets: Array<{ bucket: Ageing; clients: number; debt: number }>
  total: number
}

export interface VatReport {
  from: string
  to: string
  currency: string
  rows: Array<{
    month: string
    source: 'invoices' | 'sales'
    rateBp: number
    mode: string
    salesGross: number
    salesVat: number
    refundsGross: number
    refundsVat: number
    net: number
    vat: number
    gross: number
  }>
  months: Array<{ month: string; vat: number }>
  totals: { gross: number; vat: number; net: number }
}

export type Measure = 'accepted' | 'refusals' | 'lessons' | 'minutes' | 'attendance' | 'profit'
export const MEASURES: readonly Measure[] = ['accepted', 'refusals', 'lessons', 'minutes', 'attendance', 'profit']

export interface TeacherRow {
  teacherId: string
  name: string
  accepted: number
  refusals: number
  refusalReasons: Array<{ reason: string; count: number }>
  lessons: number
  minutes: number
  attended: number
  marked: number
  attendanceBp: number | null
  revenueNet: number
  cost: number
  profit: number
  ranks: Record<Measure, number>
}

export interface TeachersReport {
  from: string
  to: string
  currency: string
  rows: TeacherRow[]
}

export interface ReportData {
  revenue: RevenueReport
  debts: DebtsReport
  vat: VatReport
  teachers: TeachersReport
  inflow: import('./reports-inflow').InflowReport
  occupancy: OccupancyReport
}

/** Only the filters a report takes (debts: the branch; revenue: an activity; teachers: a teacher). */
function queryOf(name: ReportName, q: ReportQuery) {
  const branch = { branchId: q.branchId || undefined }
  if (name === 'debts') return branch
  const period = { ...branch, from: q.from, to: q.to }
  if (name === 'revenue') return { ...period, activityId: q.activityId || undefined }
  if (name === 'teachers') return { ...period, teacherId: q.teacherId || undefined }
  if (name === 'inflow') return { ...period, activityId: q.activityId || undefined, view: q.view || undefined }
  return period
}

export const fetchReport = <N extends ReportName>(name: N, q: ReportQuery) =>
  api<ReportData[N]>('GET', withQuery(`/api/reports/${name}`, queryOf(name, q)))

/** A report's file (CSV or XLSX), in the language shown: fetched with it, then saved under the server's file name. */
export async function downloadReport(name: ReportName, format: 'csv' | 'xlsx', q: ReportQuery): Promise<void> {
  const res = await fetch(withQuery(`/api/reports/${name}.${format}`, queryOf(name, q)), {
    credentials: 'same-origin',
    headers: { 'accept-language': currentLocale() },
  }).catch(() => {
    throw new ApiError(0, 'network', t('common.error.network'))
  })
  if (!res.ok) throw await toApiError(res)
  const file = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${name}.${format}`
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = file
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
