import type { PayrollView as Payroll } from '../../../domain/payroll/views'
import { api, withQuery } from './api'

/**
 * A branch's payroll for a month (issue #19, server/modules/staff): the preview or the approved
 * snapshot, its approval, the links of payslips and the accounting CSV. The only code of the
 * payroll screen that fetches. Amounts are integers in minor units (domain/money.ts).
 */

export type { PayLineKind } from '../../../domain/payroll/pay'
export type {
  PayrollEmployeeView as PayrollEmployee,
  PayrollLineView as PayrollLine,
  PayrollView as Payroll,
} from '../../../domain/payroll/views'

export const fetchPayroll = (branchId: string, month: string) =>
  api<{ payroll: Payroll }>('GET', withQuery('/api/payroll', { branchId, month })).then((r) => r.payroll)

export const approvePayroll = (branchId: string, month: string) =>
  api<{ payroll: Payroll }>('POST', '/api/payroll/approve', { branchId, month }).then((r) => r.payroll)

export const payslipUrl = (branchId: string, month: string, employeeId: string) =>
  withQuery('/api/payroll/payslip.pdf', { branchId, month, employeeId })

export const payrollCsvUrl = (branchId: string, month: string) => withQuery('/api/payroll/export.csv', { branchId, month })
