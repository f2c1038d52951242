import type { Tx } from '../../../../db/client'
import { stockDocuments } from '../../../../db/schema/index'
import type { CommandEvent } from '../../../contracts/hooks'
import type { Audit } from '../../../http/command'
import { ConflictError, ValidationError } from '../../../errors'
import { planMove, type StockMoveKind } from '../../../../domain/stock/moves'
import type { PlannedMovement } from '../../../../domain/stock/posting'
import { rememberStockDoc } from '../doc-facts'
import { reviewReorder } from '../reorder'
import { findStore, isUuid, productFacts } from '../queries'
import { lockBalances, refusal, writeMovements } from './documents'

export interface StockMoveInput {
  kind: StockMoveKind
  storeId: string
  /** Who received the goods (a sale's buyer, a loan's borrower) or gave them back. */
  clientId?: string | null
  /** What moved them, in the calling area: `{ type: 'sale', id }`, `{ type: 'loan', id }`, `{ type: 'lesson', id }`. */
  source: { type: string; id: string }
  /** Whole units, > 0: the direction comes from the kind. */
  lines: ReadonlyArray<{ key: string; productId: string; quantity: number }>
}

export interface StockMoved {
  documentId: string
  movements: PlannedMovement[]
  /** What the caller publishes once its command has committed (a stock_low alert raised). */
  events: CommandEvent[]
}

/**
 * Moves stock for another area's command (issue #18), inside its transaction: a sale, a sale's
 * return, a loan and its return, a lesson's consumables. Validates the lines (known product, whole
 * quantity > 0, never below zero unless the product allows it: a 409 `stock.doc.cannotPost` naming
 * `lines.<key>.<field>`, and the caller's whole command is rolled back), writes a document of that
 * kind posted at once with its client and source, its movements at the products' cost of the day,
 * and reviews reorder (`stock_low`, a purchase request). The caller's command carries the audit row;
 * this writes one of its own for the stock document, so the Audit's stock area shows it.
 */
export async function moveStock(tx: Tx, audit: Audit, by: string, input: StockMoveInput, day: string): Promise<StockMoved> {
  const store = isUuid(input.storeId) ? await findStore(tx, input.storeId) : null
  if (!store || store.archivedAt) throw ValidationError({ storeId: 'stock.unknownStore' })
  const lines = input.lines.map((l) => ({ ...l, productId: l.productId.toLowerCase() }))
  const products = await productFacts(tx, lines.map((l) => l.productId).filter(isUuid), day)
  const balances = await lockBalances(
    tx,
    [...products.keys()].map((p) => [p, store.id] as const),
  )
  const plan = planMove({
    kind: input.kind,
    storeId: store.id,
    lines,
    products,
    onHand: (p, s) => balances.get(`${p}@${s}`) ?? 0,
  })
  if (!plan.ok) throw refusal(plan.problems, 'stock.doc.cannotPost')
  const now = new Date()
  const [doc] = await tx
    .insert(stockDocuments)
    .values({
      kind: input.kind,
      storeId: store.id,
      status: 'posted',
      postedBy: by,
      postedAt: now,
      createdBy: by,
      clientId: input.clientId ?? null,
      sourceType: input.source.type,
      sourceId: input.source.id,
    })
    .returning()
  if (!doc) throw ConflictError('stock.notFound.document')
  rememberStockDoc(doc.id, { branchId: store.branchId, posted: true })
  await writeMovements(tx, doc.id, by, plan.movements)
  await audit({
    action: 'stock.moved',
    entity: 'stock_doc',
    entityId: doc.id,
    after: {
      kind: input.kind,
      storeId: store.id,
      clientId: input.clientId ?? null,
      source: input.source,
      movements: plan.movements,
    },
  })
  const events = await reviewReorder(tx, audit, plan.movements, by, doc.id)
  return { documentId: doc.id, movements: plan.movements, events }
}
