import { createRouter } from '../../../http/openapi'

/**
 * The money routes: pass plans and tax rates, selling a pass, payments, refunds, invoices (PDF),
 * a client's account, the cash desk, debtors and the tax report.
 */
export const moneyRoutes = createRouter()
