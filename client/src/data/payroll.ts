import type { Currency } from '../../../domain/i18n/format'
import { api, withQuery } from './api'

/**
 * A branch's payroll for a month (issue #19, server/modules/staff): the preview or the approved
 * snapshot, its approval, the links of payslips and the accounting CSV. The only code of the
 * payroll screen that fetches. Amounts are integers in minor units (domain/money.ts).
 */

export type PayLineKind = 'lesson' | 'client' | 'revenue' | 'hourly' | 'monthly' | 'service' | 'bonus' | 'deduction' | 'correction'

export interface PayrollLine {
  kind: PayLineKind
  day: string
  lessonId: string | null
  lesson: string | null
  activity: string | null
  attendees: number | null
  minutes: number | null
  /** Minor units per lesson, client, hour or month; basis points for a revenue share. */
  rate: number | null
  /** The revenue a share is of; for monthly pay, the days paid. */
  base: number | null
  amount: number
  corrects: string | null
  reason: string | null
}

export interface PayrollEmployee {
  employeeId: string | null
  name: string
  userId: string | null
  total: number
  lines: PayrollLine[]
}

export interface Payroll {
  branchId: string
  branchName: string
  timezone: string
  month: string
  currency: Currency
  status: 'draft' | 'approved'
  approvedAt: string | null
  approvedBy: { id: string; name: string } | null
  total: number
  employees: PayrollEmployee[]
  problems: Array<{ kind: 'noScheme'; employeeId: string | null; name: string; day: string; lessonId: string | null; lesson: string | null }>
}

export const fetchPayroll = (branchId: string, month: string) =>
  api<{ payroll: Payroll }>('GET', withQuery('/api/payroll', { branchId, month })).then((r) => r.payroll)

export const approvePayroll = (branchId: string, month: string) =>
  api<{ payroll: Payroll }>('POST', '/api/payroll/approve', { branchId, month }).then((r) => r.payroll)

export const payslipUrl = (branchId: string, month: string, employeeId: string) =>
  withQuery('/api/payroll/payslip.pdf', { branchId, month, employeeId })

export const payrollCsvUrl = (branchId: string, month: string) => withQuery('/api/payroll/export.csv', { branchId, month })
