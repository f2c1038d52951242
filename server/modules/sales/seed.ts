import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { seededRandom } from '../../../db/seeded-random'
import type { SeedContext } from '../../contracts/seed'
import { sellGoods, type SaleMethod } from './commands/sell'

/** How many sales the demo has, spread over the last three months. */
const SALES = 60
const DAYS = 90

/**
 * The demo's sales (issue #18): about three months of sales of goods from the branches' stores, to demo
 * clients and to walk-ins (one in three), paid by cash, card or transfer, each through the real
 * command (so each has its receipt number, its stock movements and its audit row), back-dated to
 * its day. The products and their stock come from the stock area's seed step, which runs first:
 * with no product on hand (or no store), there is nothing to sell and this step does nothing.
 * A sale the stock refuses is skipped (its savepoint rolled back). Deterministic (a seeded random).
 */
export async function seedSales(tx: Tx, ctx: SeedContext): Promise<void> {
  const rand = seededRandom(1818)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  // what may go: goods for sale (textbooks and kits are the loans'), never down to the reorder
  // point (the stock demo's product just above it stays so, with no alert of ours)
  const stock = await queryRows<{ product_id: string; store_id: string; branch_id: string; spare: number; priced_from: string }>(
    tx,
    sql`select b.product_id, b.store_id, s.branch_id, (b.on_hand - coalesce(p.reorder_point, 0) - 1)::int as spare,
               (select min(pp.effective_from) from product_prices pp where pp.product_id = p.id)::text as priced_from
          from stock_balances b
          join stores s on s.id = b.store_id and s.archived_at is null
          join products p on p.id = b.product_id and p.archived_at is null and p.kind = 'goods'
         where b.on_hand - coalesce(p.reorder_point, 0) > 3 and exists (select 1 from product_prices pp where pp.product_id = p.id)
         order by s.branch_id, b.store_id, p.name`,
  )
  if (!stock.length) return
  const clients = await queryRows<{ id: string; branch_id: string | null }>(
    tx,
    sql`select id, branch_id from clients where erased_at is null order by created_at limit 200`,
  )
  const left = new Map(stock.map((s) => [`${s.product_id}@${s.store_id}`, s.spare]))
  const stores = [...new Set(stock.map((s) => s.store_id))]
  const sellerOf = (branchId: string) =>
    ctx.as(ctx.branchIds.riverside === branchId ? (ctx.staff.reception2 ?? 'reception2') : (ctx.staff.reception ?? 'reception'))
  const methods: SaleMethod[] = ['cash', 'cash', 'card', 'card', 'transfer']
  const now = Date.now()
  // oldest first, so the receipt numbers follow the days
  const whens = Array.from({ length: SALES }, () => now - Math.floor(rand() * DAYS * 86_400_000) - 3_600_000).sort(
    (a, b) => a - b,
  )
  for (const when of whens) {
    const storeId = pick(stores)
    // a product is sold on a day it has a price (a day's margin for the branch's time zone)
    const day = new Date(when - 86_400_000).toISOString().slice(0, 10)
    const here = stock.filter(
      (s) => s.store_id === storeId && s.priced_from <= day && (left.get(`${s.product_id}@${storeId}`) ?? 0) > 0,
    )
    if (!here.length) continue
    const lines = new Map<string, number>()
    const n = 1 + Math.floor(rand() * Math.min(3, here.length))
    for (let i = 0; i < n; i++) {
      const s = pick(here)
      const spare = (left.get(`${s.product_id}@${storeId}`) ?? 0) - (lines.get(s.product_id) ?? 0)
      if (spare < 1) continue
      lines.set(s.product_id, (lines.get(s.product_id) ?? 0) + 1 + Math.floor(rand() * Math.min(2, spare)))
    }
    if (!lines.size) continue
    const branchId = here[0].branch_id
    const locals = clients.filter((c) => c.branch_id === branchId)
    const clientId = rand() < 1 / 3 || !locals.length ? null : pick(locals).id
    const { ctx: cctx, actor } = sellerOf(branchId)
    try {
      await sellGoods(
        cctx,
        actor,
        { storeId, clientId, method: pick(methods), lines: [...lines].map(([productId, quantity]) => ({ productId, quantity })) },
        { at: new Date(when) },
      )
      for (const [p, q] of lines) left.set(`${p}@${storeId}`, (left.get(`${p}@${storeId}`) ?? 0) - q)
    } catch {
      // refused by the stock (not enough on hand, no price): the demo goes on without it
    }
  }
}
