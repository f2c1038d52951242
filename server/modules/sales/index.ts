import { defineModule } from '../module'
import { salesAudit } from './audit-area'
import { salesPolicies } from './policies'
import { salesRoutes } from './routes'
import { seedSales } from './seed'

export { salesPolicies } from './policies'

/**
 * The point of sale (issue #18, "Sales and loans"): goods sold to a client or a walk-in at the
 * price of the day with its VAT, paid at once (cash, card, transfer), the receipt numbered per
 * branch and year without gaps (screen and PDF); the goods leave the store through the stock
 * area's `moveStock` in the sale's own transaction (more than on hand: 409 naming the line,
 * nothing written). Returns reference the sale: never more than sold less already returned, the
 * goods back through `moveStock`, the refund as each line's share of its gross and VAT.
 */
export const sales = defineModule({
  name: 'sales',
  routes: [salesRoutes],
  policies: Object.values(salesPolicies),
  audit: [salesAudit],
  liveEntities: { sale: { branchScoped: true } },
  seed: seedSales,
})
