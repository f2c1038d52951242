import type { payroll as source } from '../en/payroll'

/** payroll: the payroll of a branch for a month, approval, payslips and the accounting CSV. */
export const payroll: Record<keyof typeof source, string> = {}
