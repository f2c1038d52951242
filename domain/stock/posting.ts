import type { MessageId } from '../i18n/catalogue'

/**
 * The rules of posting a stock document (issue #18), pure: the document's lines as people typed
 * them → the movements of the ledger, or the lines that cannot go out and why. The server runs
 * them inside the posting's transaction, on the balances it has locked; nothing here reads a
 * database.
 *
 * - receipt: every line comes in (quantity > 0) at its cost (the product's cost when the line has none)
 * - write_off, return: every line goes out of the store
 * - transfer: out of the store, into `toStoreId` (never the same store)
 * - count: the lines are what was counted (≥ 0; a product on several shelves is summed); what is
 *   posted is the difference from what is on hand at posting, gains and losses; matches post nothing
 *
 * Stock never goes below zero unless the product allows it.
 */

export const STOCK_DOC_KINDS = ['receipt', 'write_off', 'transfer', 'count', 'return'] as const
export type StockDocKind = (typeof STOCK_DOC_KINDS)[number]

export const PRODUCT_KINDS = ['goods', 'textbook', 'kit', 'consumable'] as const
export type ProductKind = (typeof PRODUCT_KINDS)[number]

/** A line of a stock document as the document holds it (anything may be there: people type it). */
export interface RawLine {
  key: string
  productId: unknown
  quantity: unknown
  unitCost?: unknown
}

/** What posting needs to know of a product. */
export interface ProductFacts {
  id: string
  allowNegative: boolean
  /** Its cost on the posting's day (minor units), for lines without their own. */
  cost: number
}

/** One row of the ledger to write. */
export interface PlannedMovement {
  lineKey: string
  productId: string
  storeId: string
  /** ± whole units of the product. */
  quantity: number
  /** Minor units per unit. */
  unitCost: number
}

/** Why a line (or the document: lineKey null) cannot be posted, naming its field. */
export interface PostingProblem {
  lineKey: string | null
  field: 'productId' | 'quantity' | 'unitCost' | 'toStoreId' | 'lines'
  reason: MessageId
  params?: Record<string, number | string>
}

export type PostingPlan = { ok: true; movements: PlannedMovement[] } | { ok: false; problems: PostingProblem[] }

export interface PlanInput {
  kind: StockDocKind
  storeId: string
  toStoreId: string | null
  lines: readonly RawLine[]
  products: ReadonlyMap<string, ProductFacts>
  /** On hand now (the locked balance) of a product in a store. */
  onHand(productId: string, storeId: string): number
}

/** The largest quantity a line may carry (fits an integer column with room for sums). */
export const MAX_QUANTITY = 1_000_000_000

/** A line's own problems (product, quantity, cost), before anything is compared with stock. */
export function lineProblems(kind: StockDocKind, line: RawLine, products: ReadonlyMap<string, ProductFacts>): PostingProblem[] {
  const out: PostingProblem[] = []
  const { key } = line
  if (typeof line.productId !== 'string' || !products.has(line.productId))
    out.push({ lineKey: key, field: 'productId', reason: 'stock.line.unknownProduct' })
  const q = line.quantity
  if (typeof q !== 'number' || !Number.isFinite(q))
    out.push({ lineKey: key, field: 'quantity', reason: 'stock.line.quantityNotPositive' })
  else if (!Number.isInteger(q) || Math.abs(q) > MAX_QUANTITY)
    out.push({ lineKey: key, field: 'quantity', reason: 'stock.line.quantityNotWhole' })
  else if (kind === 'count' ? q < 0 : q <= 0)
    out.push({
      lineKey: key,
      field: 'quantity',
      reason: kind === 'count' ? 'stock.line.countNegative' : 'stock.line.quantityNotPositive',
    })
  const c = line.unitCost
  if (c !== undefined && c !== null && !(typeof c === 'number' && Number.isSafeInteger(c) && c >= 0))
    out.push({ lineKey: key, field: 'unitCost', reason: 'stock.line.badUnitCost' })
  return out
}

/** A count's lines per product: counted (summed over shelves), on hand, and the difference; the first line names it. */
export function countDifferences(
  lines: ReadonlyArray<{ key: string; productId: string; quantity: number }>,
  onHand: (productId: string) => number,
): Array<{ productId: string; lineKey: string; counted: number; onHand: number; difference: number }> {
  const byProduct = new Map<string, { lineKey: string; counted: number }>()
  for (const l of lines) {
    const seen = byProduct.get(l.productId)
    if (seen) seen.counted += l.quantity
    else byProduct.set(l.productId, { lineKey: l.key, counted: l.quantity })
  }
  return [...byProduct].map(([productId, { lineKey, counted }]) => {
    const have = onHand(productId)
    return { productId, lineKey, counted, onHand: have, difference: counted - have }
  })
}

/**
 * The lines that would take a product below zero in a store (their total per product and store
 * against what is on hand), each named, unless the product allows it.
 */
export function shortfalls(
  movements: readonly PlannedMovement[],
  products: ReadonlyMap<string, Pick<ProductFacts, 'allowNegative'>>,
  onHand: (productId: string, storeId: string) => number,
): PostingProblem[] {
  const net = new Map<string, { productId: string; storeId: string; delta: number; out: number; keys: string[] }>()
  for (const m of movements) {
    const k = `${m.productId}@${m.storeId}`
    const entry = net.get(k) ?? { productId: m.productId, storeId: m.storeId, delta: 0, out: 0, keys: [] }
    entry.delta += m.quantity
    if (m.quantity < 0) {
      entry.out -= m.quantity
      if (!entry.keys.includes(m.lineKey)) entry.keys.push(m.lineKey)
    }
    net.set(k, entry)
  }
  const out: PostingProblem[] = []
  for (const e of net.values()) {
    if (e.delta >= 0 || products.get(e.productId)?.allowNegative) continue
    const have = onHand(e.productId, e.storeId)
    if (have + e.delta >= 0) continue
    for (const key of e.keys)
      out.push({ lineKey: key, field: 'quantity', reason: 'stock.line.notEnough', params: { onHand: have, wanted: e.out } })
  }
  return out
}

/** The movements a document's lines post, or every reason it cannot be posted (then nothing is written). */
export function planPosting(input: PlanInput): PostingPlan {
  const { kind, storeId, toStoreId, lines, products } = input
  const problems: PostingProblem[] = []
  if (kind === 'transfer' && (!toStoreId || toStoreId === storeId))
    problems.push({ lineKey: null, field: 'toStoreId', reason: 'stock.doc.sameStore' })
  if (lines.length === 0) problems.push({ lineKey: null, field: 'lines', reason: 'stock.doc.noLines' })
  for (const line of lines) problems.push(...lineProblems(kind, line, products))
  if (problems.length) return { ok: false, problems }

  const good = lines.map((l) => ({
    key: l.key,
    productId: l.productId as string,
    quantity: l.quantity as number,
    unitCost: typeof l.unitCost === 'number' ? l.unitCost : null,
  }))
  const costOf = (l: (typeof good)[number]) => l.unitCost ?? (products.get(l.productId) as ProductFacts).cost
  let movements: PlannedMovement[]
  switch (kind) {
    case 'receipt':
      movements = good.map((l) => ({
        lineKey: l.key,
        productId: l.productId,
        storeId,
        quantity: l.quantity,
        unitCost: costOf(l),
      }))
      break
    case 'write_off':
    case 'return':
      movements = good.map((l) => ({
        lineKey: l.key,
        productId: l.productId,
        storeId,
        quantity: -l.quantity,
        unitCost: costOf(l),
      }))
      break
    case 'transfer':
      movements = good.flatMap((l) => [
        { lineKey: l.key, productId: l.productId, storeId, quantity: -l.quantity, unitCost: costOf(l) },
        { lineKey: l.key, productId: l.productId, storeId: toStoreId as string, quantity: l.quantity, unitCost: costOf(l) },
      ])
      break
    case 'count': {
      const costs = new Map(good.map((l) => [l.productId, costOf(l)]))
      movements = countDifferences(good, (p) => input.onHand(p, storeId))
        .filter((d) => d.difference !== 0)
        .map((d) => ({
          lineKey: d.lineKey,
          productId: d.productId,
          storeId,
          quantity: d.difference,
          unitCost: costs.get(d.productId) ?? 0,
        }))
      // a count states what is there: it never "takes too much"
      return { ok: true, movements }
    }
  }
  const short = shortfalls(movements, products, input.onHand)
  return short.length ? { ok: false, problems: short } : { ok: true, movements }
}

/** The counter-movements of a posted document's movements (its reversal posts these). */
export function reversalOf(movements: readonly PlannedMovement[]): PlannedMovement[] {
  return movements.map((m) => ({ ...m, quantity: -m.quantity }))
}
