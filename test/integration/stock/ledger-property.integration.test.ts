import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import type { StockDocLine } from '../../../domain/docs/stock-doc'
import type { Actor } from '../../../domain/roles'
import { AppError } from '../../../server/errors'
import { createStockDoc } from '../../../server/modules/stock/commands/documents'
import { postStockLines, reverseStockDoc } from '../../../server/modules/stock/index'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { actorOf, buildProduct, buildStockCenter, commandCtx, ledgerMismatches, negativeBalances } from './support'

/**
 * Issue #18, the ledger as a property: any interleaving of postings — receipts, write-offs,
 * returns, transfers, counts and reversals, some of them at the same moment — keeps every
 * balance equal to the sum of its movements and never below zero for a product that does not
 * allow it. Refusals (409) are allowed and write nothing (the ledger is unchanged by them); any
 * other error fails.
 */
let database: TestDatabase
let actor: Actor
let storeIds: string[]
let branchId: string
let productIds: string[]

beforeAll(async () => {
  database = await createTestDatabase()
  const center = await buildStockCenter(database.db)
  actor = actorOf({ ...center.staff.manager, branchIds: [] })
  storeIds = [center.stores.shop.id, center.stores.cupboard.id, center.stores.river.id]
  branchId = center.central.branch.id
  productIds = []
  for (let i = 0; i < 3; i++) productIds.push((await buildProduct(database.db)).id)
  productIds.push((await buildProduct(database.db, { allowNegative: true })).id)
})
afterAll(async () => database?.destroy())

type Kind = 'receipt' | 'write_off' | 'return' | 'transfer' | 'count'
type Op =
  | { op: 'post'; kind: Kind; store: number; to: number; lines: Array<{ product: number; quantity: number }> }
  | { op: 'reverse'; which: number }

const lineArb = fc.record({ product: fc.nat(3), quantity: fc.integer({ min: 0, max: 12 }) })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('post' as const),
      kind: fc.constantFrom<Kind>('receipt', 'receipt', 'write_off', 'return', 'transfer', 'count'),
      store: fc.nat(2),
      to: fc.nat(2),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverse' as const), which: fc.nat(30) }) },
)

const posted: string[] = []

async function run(op: Op): Promise<void> {
  const ctx = commandCtx(database.db, actor)
  try {
    if (op.op === 'reverse') {
      if (!posted.length) return
      await reverseStockDoc(ctx, actor, posted[op.which % posted.length])
      return
    }
    const to = op.kind === 'transfer' ? storeIds[op.to === op.store ? (op.store + 1) % 3 : op.to] : null
    const doc = await createStockDoc(ctx, actor, { kind: op.kind, storeId: storeIds[op.store], toStoreId: to }, branchId)
    const lines: StockDocLine[] = op.lines.map((l, i) => ({
      key: `l${i}`,
      productId: productIds[l.product],
      quantity: l.quantity,
    }))
    await postStockLines(commandCtx(database.db, actor), actor, doc.id, lines, '2026-12-04')
    posted.push(doc.id)
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return
    throw err
  }
}

describe('the stock ledger under any interleaving of postings', () => {
  it('keeps every balance equal to the sum of its movements, never below zero unless allowed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        async (batches) => {
          for (const batch of batches) {
            // the ops of a batch run at the same moment: their transactions interleave in the database
            await Promise.all(batch.map(run))
            expect(await ledgerMismatches(database.db)).toEqual([])
            expect(await negativeBalances(database.db)).toEqual([])
          }
        },
      ),
      { numRuns: 25 },
    )
    // and it did something: documents were posted and reversed
    const [{ posted: n, reversals }] = await queryRows<{ posted: number; reversals: number }>(
      database.db,
      sql`select count(*)::int as posted, count(reverses)::int as reversals from stock_documents where status = 'posted'`,
    )
    expect(n).toBeGreaterThan(10)
    expect(reversals).toBeGreaterThan(0)
  })

  it('refuses to edit or delete the ledger', async () => {
    const [m] = await queryRows<{ id: number }>(database.db, sql`select id from stock_movements limit 1`)
    await expect(database.db.execute(sql`update stock_movements set quantity = 1 where id = ${m.id}`)).rejects.toThrow()
    await expect(database.db.execute(sql`delete from stock_movements where id = ${m.id}`)).rejects.toThrow()
  })
})
