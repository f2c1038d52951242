import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { productPrices, products, stockDocuments, stockMovements, stores } from '../../../db/schema/index'
import { seedDemo } from '../../../server/boot/seed'
import type { SeedStep } from '../../../server/contracts/seed'
import { MODULES } from '../../../server/modules/index'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { ledgerMismatches, negativeBalances } from '../stock/support'

/**
 * The demo's sales (issue #18): months of sales to demo clients and to walk-ins, made through the
 * real command (receipt numbers in order of their days, the stock ledger still balanced), and a
 * sales step that does nothing when there is nothing to sell. When the stock area's own seed step
 * has no goods on hand, a few are put in the stores before the sales step runs.
 */
let db: TestDatabase
const order = MODULES.map((m) => m.name)
const before = (name: string) =>
  MODULES.filter((m) => order.indexOf(m.name) < order.indexOf(name)).flatMap((m) => (m.seed ? [m.seed] : []))
const salesStep = MODULES.find((m) => m.name === 'sales')?.seed

/** Goods on hand in every branch's store, unless the stock area's seed put some there. */
const goodsOnHand: SeedStep = async (tx: Tx) => {
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from stock_balances where on_hand > 2`)
  if (n > 0) return
  const branches = await queryRows<{ id: string }>(tx, sql`select id from branches order by created_at`)
  for (const [i, b] of branches.entries()) {
    const [store] = await tx
      .insert(stores)
      .values({ branchId: b.id, name: `Shop ${i}` })
      .onConflictDoNothing()
      .returning()
    if (!store) continue
    const [doc] = await tx
      .insert(stockDocuments)
      .values({ kind: 'receipt', storeId: store.id, status: 'posted', postedAt: new Date() })
      .returning()
    for (let k = 0; k < 4; k++) {
      const [p] = await tx
        .insert(products)
        .values({ name: `Demo goods ${i}.${k}`, kind: 'goods', sku: `DEMO-${i}-${k}` })
        .returning()
      await tx
        .insert(productPrices)
        .values({ productId: p.id, effectiveFrom: '2020-01-01', salePrice: 1500 + 500 * k, cost: 700 })
      await tx
        .insert(stockMovements)
        .values({ productId: p.id, storeId: store.id, quantity: 40, unitCost: 700, documentId: doc.id, lineKey: `l${k}` })
    }
  }
}

beforeAll(async () => {
  db = await createTestDatabase()
}, 60_000)
afterAll(async () => {
  await db?.destroy()
})

describe('the demo’s sales', () => {
  it('does nothing when there is nothing to sell', async () => {
    expect(salesStep).toBeDefined()
    const empty = await createTestDatabase()
    try {
      await seedDemo(empty.db, [...before('stock'), salesStep!], { locale: 'en' })
      const [{ n }] = await queryRows<{ n: number }>(empty.db, sql`select count(*)::int as n from sales`)
      expect(n).toBe(0)
    } finally {
      await empty.destroy()
    }
  }, 240_000)

  it('sells to clients and walk-ins over the last months, through the real command', async () => {
    await seedDemo(db.db, [...before('sales'), goodsOnHand, salesStep!], { locale: 'en' })
    const rows = await queryRows<{ branch_id: string; number: number; day: string; client_id: string | null; by_login: string }>(
      db.db,
      sql`select s.branch_id, s.number, s.day::text as day, s.client_id, u.login as by_login
            from sales s join users u on u.id = s.by order by s.branch_id, s.number`,
    )
    expect(rows.length).toBeGreaterThan(20)
    expect(rows.some((r) => r.client_id)).toBe(true)
    expect(rows.some((r) => !r.client_id)).toBe(true)
    const days = new Set(rows.map((r) => r.day.slice(0, 7)))
    expect(days.size).toBeGreaterThanOrEqual(3)
    // per branch: numbers 1, 2, 3… in the order of their days
    for (const branch of new Set(rows.map((r) => r.branch_id))) {
      const mine = rows.filter((r) => r.branch_id === branch)
      expect(mine.map((r) => r.number)).toEqual(mine.map((_, i) => i + 1))
      expect(mine.map((r) => r.day)).toEqual([...mine.map((r) => r.day)].sort())
    }
    // sold at the front desk of the store's branch
    for (const r of rows) expect(['reception', 'reception2']).toContain(r.by_login)
    const [{ n }] = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from audit_log where action = 'sales.sell'`,
    )
    expect(n).toBe(rows.length)
    expect(await ledgerMismatches(db.db)).toEqual([])
    expect(await negativeBalances(db.db)).toEqual([])
    // no product was sold down to its reorder point: no purchase request of the front desk's
    const [asked] = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from purchase_requests r join users u on u.id = r.created_by
           where u.login in ('reception', 'reception2')`,
    )
    expect(asked.n).toBe(0)
  }, 240_000)
})
