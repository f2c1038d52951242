import { eq, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client'
import { productPrices, products, stores } from '../../../db/schema/index'
import type { Actor } from '../../../domain/roles'
import { EventBus } from '../../../server/events/bus'
import type { CommandContext } from '../../../server/http/command'
import { buildUser } from '../../support/factories'
import { buildTwoBranches } from '../../support/two-branches'

/**
 * The stock tests' center: the two branches of the demo (Central, Riverside) with a store each
 * (Central has two), `storekeeper` in Central and `storekeeper2` in Riverside.
 */
export async function buildStockCenter(db: Db) {
  const center = await buildTwoBranches(db)
  const storekeeper2 = await buildUser(db, {
    login: 'storekeeper2',
    roles: ['storekeeper'],
    branchIds: [center.riverside.branch.id],
  })
  const [shop, cupboard, river] = await db
    .insert(stores)
    .values([
      { branchId: center.central.branch.id, name: 'Shop' },
      { branchId: center.central.branch.id, name: 'Cupboard' },
      { branchId: center.riverside.branch.id, name: 'Riverside shop' },
    ])
    .returning()
  return { ...center, storekeeper2, stores: { shop, cupboard, river } }
}

let n = 0
/** A product with a price (cost 300, sale 500 minor units) from 2020 on. */
export async function buildProduct(db: Db, opts: { allowNegative?: boolean; name?: string } = {}) {
  n += 1
  const [p] = await db
    .insert(products)
    .values({
      name: opts.name ?? `Product ${n}`,
      kind: 'goods',
      sku: `SKU-${n}-${Math.random().toString(36).slice(2, 8)}`,
      allowNegative: opts.allowNegative ?? false,
    })
    .returning()
  await db.insert(productPrices).values({ productId: p.id, effectiveFrom: '2020-01-01', salePrice: 500, cost: 300 })
  return p
}

/** An actor as the commands take it, from a user row. */
export const actorOf = (u: { id: string; login: string; name: string; roles: string[]; branchIds: string[] }): Actor =>
  ({ id: u.id, login: u.login, name: u.name, roles: u.roles, branchIds: u.branchIds }) as Actor

export const commandCtx = (db: Db, actor: Actor): CommandContext => ({
  db,
  events: new EventBus(),
  actor,
  requestId: 'stock-test',
  audited: false,
})

/**
 * The ledger's invariant: every balance equals the sum of its movements (and every product–store
 * with movements has a balance). Returns the pairs that disagree (none when it holds).
 */
export async function ledgerMismatches(db: Db) {
  return queryRows<{ product_id: string; store_id: string; on_hand: number | null; moved: number | null }>(
    db,
    sql`select coalesce(b.product_id, m.product_id) as product_id, coalesce(b.store_id, m.store_id) as store_id,
               b.on_hand, m.moved::int as moved
          from stock_balances b
          full join (select product_id, store_id, sum(quantity) as moved from stock_movements group by 1, 2) m
            on m.product_id = b.product_id and m.store_id = b.store_id
         where coalesce(b.on_hand, 0) <> coalesce(m.moved, 0) or b.product_id is null`,
  )
}

/** Balances below zero of products that do not allow it. */
export async function negativeBalances(db: Db) {
  return queryRows<{ product_id: string; store_id: string; on_hand: number }>(
    db,
    sql`select b.product_id, b.store_id, b.on_hand from stock_balances b join products p on p.id = b.product_id
         where b.on_hand < 0 and not p.allow_negative`,
  )
}

/** On hand of a product in a store (0 without a balance). */
export async function onHandOf(db: Db, productId: string, storeId: string): Promise<number> {
  const rows = await queryRows<{ on_hand: number }>(
    db,
    sql`select on_hand from stock_balances where product_id = ${productId} and store_id = ${storeId}`,
  )
  return rows[0]?.on_hand ?? 0
}

export { eq }
