import { alertKind } from '../../contracts/alerts'

/**
 * The stock area's red flags, raised and cleared in the transaction of the posting that causes or
 * removes them. `stock_low`: a product's on hand in a store at or below its reorder point; subject
 * `product:<productId>:<storeId>`, addressed to the keepers.
 */
export const stockAlerts = {
  stock_low: alertKind({ kind: 'stock_low', severity: 'warning', roles: ['owner', 'manager', 'storekeeper'] }),
}
