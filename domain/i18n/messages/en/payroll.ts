/** payroll: the payroll of a branch for a month, approval, payslips and the accounting CSV. */
export const payroll = {} as const
