/**
 * The reorder rules (issue #18), pure: when is a product's stock in a store low, and how much to
 * order. The server applies them in the posting's transaction, on the balances it has just written.
 */

/** What the rules read of a product and its stock in one store. */
export interface ReorderFacts {
  onHand: number
  reorderPoint: number | null
  reorderQuantity: number | null
  maxLevel: number | null
}

/** Low: on hand at or below the reorder point (a product without one is never low). */
export const isLow = (f: Pick<ReorderFacts, 'onHand' | 'reorderPoint'>): boolean =>
  f.reorderPoint !== null && f.onHand <= f.reorderPoint

/**
 * How much to order when it is low: up to the max level when the product has one (max − on hand),
 * otherwise its reorder quantity; null when there is nothing sensible to order (neither is set, or
 * the result is not more than zero).
 * @example orderQuantity({ onHand: 2, reorderPoint: 3, reorderQuantity: 10, maxLevel: 20 }) // 18
 */
export function orderQuantity(f: ReorderFacts): number | null {
  const q = f.maxLevel !== null ? f.maxLevel - f.onHand : f.reorderQuantity
  return q !== null && Number.isSafeInteger(q) && q > 0 ? q : null
}
