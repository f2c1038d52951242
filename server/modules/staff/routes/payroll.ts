import { createRouter } from '../../../http/openapi'

/** A branch's payroll for a month: preview, approve, payslips, the accounting CSV. */
export const payrollRoutes = createRouter()
