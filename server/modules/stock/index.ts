import { defineModule } from '../module'
import { stockAlerts } from './alert-kinds'
import { stockAudit } from './audit-area'
import { writeOffConsumables } from './consumables'
import { stockDocType } from './docs'
import { stockPolicies } from './policies'
import { purchasingRoutes } from './purchasing-routes'
import { stockRoutes } from './routes'
import { seedStock } from './seed'
import { tracePolicies, traceRoutes } from './trace-routes'

export { stockPolicies } from './policies'
export { postStockLines, reverseStockDoc } from './commands/documents'
export { moveStock, type StockMoveInput, type StockMoved } from './commands/move'
export { stockAlerts } from './alert-kinds'
export {
  stockMovementsOfPeriod,
  inventoryResultsOfPeriod,
  stockMovementsPdf,
  inventoryResultPdf,
  type PeriodMovement,
  type InventoryResult,
} from './period-pdf'

/**
 * Stock (issue #18, first part): the catalogue (products with effective-dated sale prices and
 * costs, suppliers), stores per branch, and stock documents — receipts, write-offs, transfers,
 * inventory counts, returns — co-edited as live documents `stock-doc:<id>` while draft, then
 * posted by a command into the ledger (`stock_movements`, append-only; `stock_balances` kept from
 * it by trigger), read-only from then on; a reversal is a counter-document. A posting that takes a
 * product to or below its reorder point raises `stock_low` and a purchase request to its preferred
 * supplier, grouped per supplier into a draft purchase order (./reorder.ts, ./purchasing.ts).
 * Other areas move stock through `moveStock` inside their commands (a sale, a loan, their returns),
 * and a lesson marked done writes its consumables off (./consumables.ts).
 */
export const stock = defineModule({
  name: 'stock',
  routes: [stockRoutes, purchasingRoutes, traceRoutes],
  policies: [...Object.values(stockPolicies), ...Object.values(tracePolicies)],
  docTypes: [stockDocType],
  audit: [stockAudit],
  alertKinds: Object.values(stockAlerts),
  // a lesson marked done writes the activity's consumables off the branch's store
  hooks: { 'lesson.done': writeOffConsumables },
  // the demo's stores, suppliers, catalogue, months of receipts, one product just above its point, an order sent and half received
  seed: seedStock,
})
