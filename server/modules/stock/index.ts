import { defineModule } from '../module'
import { stockAudit } from './audit-area'
import { stockDocType } from './docs'
import { stockPolicies } from './policies'
import { stockRoutes } from './routes'

export { stockPolicies } from './policies'
export { postStockLines, reverseStockDoc } from './commands/documents'

/**
 * Stock (issue #18, first part): the catalogue (products with effective-dated sale prices and
 * costs, suppliers), stores per branch, and stock documents — receipts, write-offs, transfers,
 * inventory counts, returns — co-edited as live documents `stock-doc:<id>` while draft, then
 * posted by a command into the ledger (`stock_movements`, append-only; `stock_balances` kept from
 * it by trigger), read-only from then on; a reversal is a counter-document. Purchase requests,
 * sales and loans come later.
 */
export const stock = defineModule({
  name: 'stock',
  routes: [stockRoutes],
  policies: Object.values(stockPolicies),
  docTypes: [stockDocType],
  audit: [stockAudit],
})
