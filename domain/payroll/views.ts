import type { Currency } from '../i18n/format'
import type { PayLine, PayProblem } from './pay'

/**
 * A branch's payroll for a month as the API sends it and the screens, the payslip and the CSV
 * show it (the preview or the approved snapshot). Amounts are integers in minor units.
 */

/** One explained line as the screens, the payslip and the CSV show it. */
export interface PayrollLineView {
  kind: PayLine['kind']
  day: string
  lessonId: string | null
  /** The lesson's group (or its activity when it has no group). */
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

export interface PayrollEmployeeView {
  employeeId: string | null
  name: string
  userId: string | null
  total: number
  lines: PayrollLineView[]
}

export interface PayrollProblemView {
  kind: PayProblem['kind']
  employeeId: string | null
  name: string
  day: string
  lessonId: string | null
  lesson: string | null
}

export interface PayrollView {
  branchId: string
  branchName: string
  timezone: string
  month: string
  currency: Currency
  status: 'draft' | 'approved'
  approvedAt: string | null
  approvedBy: { id: string; name: string } | null
  total: number
  employees: PayrollEmployeeView[]
  problems: PayrollProblemView[]
}
