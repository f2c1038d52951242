import { planPosting, type PlanInput, type PostingPlan, type StockDocKind } from './posting'

/**
 * Stock moved by another area's command (issue #18): goods sold, a sale's goods brought back, a
 * textbook lent and returned, the consumables a lesson used. Each is posted at once, as a document
 * of its own kind, by the rules of the document kind it moves like: out of the store as a write-off,
 * back in as a receipt.
 */
export const STOCK_MOVE_KINDS = ['sale', 'sale_return', 'loan', 'loan_return', 'consumption'] as const
export type StockMoveKind = (typeof STOCK_MOVE_KINDS)[number]

/** Whether goods of this kind of move leave the store (a sale, a loan, a lesson's consumables). */
export const movesOut = (kind: StockMoveKind): boolean => kind === 'sale' || kind === 'loan' || kind === 'consumption'

/** The document kind a move posts like. */
export const postsLike = (kind: StockMoveKind): StockDocKind => (movesOut(kind) ? 'write_off' : 'receipt')

/** The movements of a move, or why its lines cannot move (never below zero unless the product allows it). */
export function planMove(input: Omit<PlanInput, 'kind' | 'toStoreId'> & { kind: StockMoveKind }): PostingPlan {
  return planPosting({ ...input, kind: postsLike(input.kind), toStoreId: null })
}
