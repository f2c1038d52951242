import { and, eq, or } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import { stockBalances, stockDocuments, stockMovements } from '../../../../db/schema/index'
import {
  encodeStockDocName,
  readStockLines,
  stockLinesOf,
  stockMetaOf,
  type StockDocLine,
} from '../../../../domain/docs/stock-doc'
import {
  planPosting,
  reversalOf,
  shortfalls,
  type PlannedMovement,
  type PostingProblem,
  type StockDocKind,
} from '../../../../domain/stock/posting'
import type { Actor } from '../../../../domain/roles'
import { AppError, ConflictError, ValidationError, msg, type FieldMessages } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { AppDeps } from '../../../http/context'
import { rememberStockDoc } from '../doc-facts'
import { reviewOrderReceipt } from '../purchasing-send'
import { reviewReorder } from '../reorder'
import { findStore, isUuid, movementsOf, productFacts, supplierExists, type StockDocRow } from '../queries'

export interface StockDocInput {
  kind: StockDocKind
  storeId: string
  toStoreId?: string | null
  supplierId?: string | null
}

/**
 * Checks a new document's store, destination and supplier: 400 naming the field. The route has
 * looked the store up (its branch decides who may) and passes it.
 */
async function checkDocInput(tx: Tx, input: StockDocInput) {
  const bad: FieldMessages = {}
  if (input.kind === 'transfer') {
    if (!input.toStoreId) bad.toStoreId = 'stock.doc.toStoreRequired'
    else if (input.toStoreId === input.storeId) bad.toStoreId = 'stock.doc.sameStore'
    else if (!(await findStore(tx, input.toStoreId))) bad.toStoreId = 'stock.unknownStore'
  } else if (input.toStoreId) bad.toStoreId = 'stock.doc.toStoreOnlyForTransfers'
  if (input.supplierId) {
    if (input.kind !== 'receipt' && input.kind !== 'return') bad.supplierId = 'stock.doc.supplierOnlyForReceipts'
    else if (!(await supplierExists(tx, input.supplierId))) bad.supplierId = 'stock.unknownSupplier'
  }
  if (Object.keys(bad).length) throw ValidationError(bad)
}

/** Opens a draft stock document (its lines are then edited in `stock-doc:<id>`). */
export function createStockDoc(ctx: CommandContext, actor: Actor, input: StockDocInput, branchId: string): Promise<StockDocRow> {
  return runCommand(ctx, 'stock.docs.create', async (tx) => {
    await checkDocInput(tx, input)
    const [row] = await tx
      .insert(stockDocuments)
      .values({
        kind: input.kind,
        storeId: input.storeId,
        toStoreId: input.kind === 'transfer' ? (input.toStoreId ?? null) : null,
        supplierId: input.supplierId ?? null,
        createdBy: actor.id,
      })
      .returning()
    rememberStockDoc(row.id, { branchId, posted: false })
    return { result: row, entity: 'stock_doc', entityId: row.id, after: row }
  })
}

/**
 * Locks the balances of these product–store pairs, in one fixed order (so two postings never wait
 * for each other in a circle), creating the missing ones at zero; returns on hand for each.
 */
export async function lockBalances(tx: Tx, pairs: ReadonlyArray<readonly [string, string]>): Promise<Map<string, number>> {
  const keyOf = (p: string, s: string) => `${p}@${s}`
  const uniq = [...new Map(pairs.map(([p, s]) => [keyOf(p, s), [p, s] as const])).values()].sort((a, b) =>
    a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1,
  )
  const out = new Map<string, number>()
  if (!uniq.length) return out
  await tx
    .insert(stockBalances)
    .values(uniq.map(([productId, storeId]) => ({ productId, storeId, onHand: 0 })))
    .onConflictDoNothing()
  const rows = await tx
    .select()
    .from(stockBalances)
    .where(or(...uniq.map(([p, s]) => and(eq(stockBalances.productId, p), eq(stockBalances.storeId, s)))))
    .orderBy(stockBalances.productId, stockBalances.storeId)
    .for('update')
  for (const r of rows) out.set(keyOf(r.productId, r.storeId), r.onHand)
  return out
}

/** 409 naming each line that cannot go out (`lines.<key>.<field>`) with its reason; the lines also as data. */
export function refusal(problems: readonly PostingProblem[], message: 'stock.doc.cannotPost' | 'stock.doc.cannotReverse') {
  const fields: FieldMessages = {}
  for (const p of problems) {
    const path = p.lineKey === null ? p.field : `lines.${p.lineKey}.${p.field}`
    fields[path] ??= msg(p.reason, p.params)
  }
  return new AppError(409, 'conflict', message, fields, undefined, {
    lines: problems.map((p) => ({ key: p.lineKey, field: p.field, messageId: p.reason, params: p.params ?? {} })),
  })
}

export async function writeMovements(tx: Tx, documentId: string, authorId: string, movements: readonly PlannedMovement[]) {
  if (!movements.length) return
  await tx.insert(stockMovements).values(
    movements.map((m) => ({
      productId: m.productId,
      storeId: m.storeId,
      quantity: m.quantity,
      unitCost: m.unitCost,
      documentId,
      lineKey: m.lineKey,
      authorId,
    })),
  )
}

export interface PostedDoc {
  doc: StockDocRow
  movements: PlannedMovement[]
}

/**
 * Posts a document's lines (as read from its live document) in one transaction: validates every
 * line, locks the balances it touches, writes the movements (the balances follow by trigger) and
 * marks the document posted. Any problem is a 409 naming the lines, and nothing is written.
 */
export function postStockLines(
  ctx: CommandContext,
  actor: Actor,
  docId: string,
  lines: readonly StockDocLine[],
  day: string,
): Promise<PostedDoc> {
  return runCommand(ctx, 'stock.docs.post', async (tx, audit) => {
    const [doc] = await tx.select().from(stockDocuments).where(eq(stockDocuments.id, docId)).for('update')
    if (!doc) throw ConflictError('stock.notFound.document')
    if (doc.status === 'posted') throw ConflictError('stock.doc.alreadyPosted', { status: 'stock.doc.alreadyPosted' })
    const products = await productFacts(tx, lines.map((l) => l.productId).filter(isUuid), day)
    const stores = [doc.storeId, ...(doc.toStoreId ? [doc.toStoreId] : [])]
    const balances = await lockBalances(
      tx,
      [...products.keys()].flatMap((p) => stores.map((s) => [p, s] as const)),
    )
    const plan = planPosting({
      kind: doc.kind as StockDocKind,
      storeId: doc.storeId,
      toStoreId: doc.toStoreId,
      lines: lines.map((l) => ({
        ...l,
        productId: typeof l.productId === 'string' ? l.productId.toLowerCase() : l.productId,
      })),
      products,
      onHand: (p, s) => balances.get(`${p}@${s}`) ?? 0,
    })
    if (!plan.ok) throw refusal(plan.problems, 'stock.doc.cannotPost')
    await writeMovements(tx, doc.id, actor.id, plan.movements)
    // stock low: the alert and the purchase request, in this transaction
    const events = await reviewReorder(tx, audit, plan.movements, actor.id, doc.id)
    const [posted] = await tx
      .update(stockDocuments)
      .set({ status: 'posted', postedBy: actor.id, postedAt: new Date() })
      .where(eq(stockDocuments.id, doc.id))
      .returning()
    // a receipt of a purchase order: the order is partly received or received
    await reviewOrderReceipt(tx, audit, doc.id)
    const postedLines = lines.map(({ key, productId, quantity, unitCost }) => ({ key, productId, quantity, unitCost }))
    return {
      result: { doc: posted, movements: plan.movements },
      entity: 'stock_doc',
      entityId: doc.id,
      before: { status: doc.status },
      after: { status: 'posted', kind: doc.kind, storeId: doc.storeId, lines: postedLines, movements: plan.movements },
      events,
    }
  })
}

/**
 * Reverses a posted document: a new document of the same kind, posted at once, whose movements
 * are the original's negated, and which `reverses` it (the original gets `reversed_by`; nothing
 * else of it changes). Refused (409, nothing written) when it is a draft, already reversed, or
 * when the reversal would take a product below zero.
 */
export function reverseStockDoc(ctx: CommandContext, actor: Actor, docId: string): Promise<PostedDoc> {
  return runCommand(ctx, 'stock.docs.reverse', async (tx, audit) => {
    const [doc] = await tx.select().from(stockDocuments).where(eq(stockDocuments.id, docId)).for('update')
    if (!doc) throw ConflictError('stock.notFound.document')
    if (doc.status !== 'posted') throw ConflictError('stock.doc.notPosted', { status: 'stock.doc.notPosted' })
    // a sale, a loan or a lesson's consumables are undone where they were made (a return, a lesson undone)
    if (doc.sourceType) throw ConflictError('stock.doc.movedByArea', { kind: 'stock.doc.movedByArea' })
    if (doc.reversedBy) throw ConflictError('stock.doc.alreadyReversed', { reversedBy: 'stock.doc.alreadyReversed' })
    const original = await movementsOf(tx, doc.id)
    const counter = reversalOf(
      original.map((m) => ({
        lineKey: m.lineKey,
        productId: m.productId,
        storeId: m.storeId,
        quantity: m.quantity,
        unitCost: m.unitCost,
      })),
    )
    const balances = await lockBalances(
      tx,
      counter.map((m) => [m.productId, m.storeId] as const),
    )
    const facts = await productFacts(
      tx,
      counter.map((m) => m.productId),
      '9999-12-31',
    )
    const short = shortfalls(counter, facts, (p, s) => balances.get(`${p}@${s}`) ?? 0)
    if (short.length) throw refusal(short, 'stock.doc.cannotReverse')
    const [reversal] = await tx
      .insert(stockDocuments)
      .values({
        kind: doc.kind,
        storeId: doc.storeId,
        toStoreId: doc.toStoreId,
        supplierId: doc.supplierId,
        status: 'posted',
        postedBy: actor.id,
        postedAt: new Date(),
        reverses: doc.id,
        purchaseOrderId: doc.purchaseOrderId,
        createdBy: actor.id,
      })
      .returning()
    await writeMovements(tx, reversal.id, actor.id, counter)
    await reviewOrderReceipt(tx, audit, reversal.id)
    const events = await reviewReorder(tx, audit, counter, actor.id, reversal.id)
    await tx.update(stockDocuments).set({ reversedBy: reversal.id }).where(eq(stockDocuments.id, doc.id))
    return {
      result: { doc: reversal, movements: counter },
      entity: 'stock_doc',
      entityId: reversal.id,
      after: { reverses: doc.id, kind: doc.kind, storeId: doc.storeId, movements: counter },
      events,
    }
  })
}

/** The lines of a stock document's live document, as they are now (read from the document server). */
export async function liveLines(deps: Pick<AppDeps, 'docs'>, docId: string, actor: Actor): Promise<StockDocLine[]> {
  if (!deps.docs) throw new AppError(503, 'unavailable', 'stock.doc.docServerDown')
  let lines: StockDocLine[] = []
  await deps.docs.applyAsUser(encodeStockDocName(docId), actor, (doc) => {
    lines = readStockLines(doc)
  })
  return lines
}

/**
 * After a posting has committed: the document says it is posted (by whom, when), its lines are
 * exactly what was posted (a line typed while the posting ran is taken back out), and its editors
 * are disconnected so that they come back read-only. The posting stands whatever happens here.
 */
export async function showPosted(
  deps: Pick<AppDeps, 'docs' | 'logger'>,
  doc: StockDocRow & { branchId: string },
  actor: Actor,
  lines: readonly StockDocLine[],
): Promise<void> {
  rememberStockDoc(doc.id, { branchId: doc.branchId, posted: true })
  const name = encodeStockDocName(doc.id)
  try {
    await deps.docs?.applyAsUser(name, actor, (ydoc) => {
      const live = stockLinesOf(ydoc)
      const posted = new Map(lines.map((l) => [l.key, l]))
      for (const key of [...live.keys()]) if (!posted.has(key)) live.delete(key)
      for (const l of lines) {
        const m = live.get(l.key)
        if (!m) continue
        for (const field of ['productId', 'quantity', 'unitCost'] as const)
          if (m.get(field) !== l[field] && l[field] !== undefined) m.set(field, l[field])
      }
      const meta = stockMetaOf(ydoc)
      meta.set('status', 'posted')
      meta.set('postedBy', actor.id)
      meta.set('postedByName', actor.name)
      meta.set('postedAt', (doc.postedAt ?? new Date()).toISOString())
    })
    await deps.docs?.evict?.(name, 'stock.doc.posted')
  } catch (err) {
    deps.logger.warn({ err, doc: name }, 'the stock document is posted; its live document could not be updated')
  }
}
