import { sql } from 'drizzle-orm'
import { openDatabase, queryRows } from '../../db/client'
import { onHand } from '../../server/modules/stock/queries'
import type { BenchContext, Target } from '../lib/context'
import type { Stored } from '../lib/report'
import { login, startClubroom } from '../lib/servers'
import { round, summarize, type Summary } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'

/**
 * "Stock on hand for 5,000 products × 3 stores from 2,000,000 movements under 100 ms" (issue #18).
 * A fresh copy of the migrated, demo-seeded database gets three stores in Central (the demo
 * storekeeper's branch), 5,000 products with prices and 2,000,000 ledger movements over them
 * (receipts and write-offs alternating, never below zero; a tenth with --quick), written through
 * the ledger so its trigger keeps `stock_balances`. Then:
 * - the balances are checked equal to the ledger's sums (every product–store pair);
 * - the storekeeper asks `GET /api/stock` (every store of their branch) and `GET /api/stock?storeId=`
 *   over HTTP, sequentially, timed from the client after a warm-up;
 * - the same read in this process (`onHand()`, what the route sends), and, for comparison, on-hand summed from the ledger
 *   itself (what a stored balance saves).
 */

/** A summary with its minimum (the report gives median and min–max). */
const withMin = (s: Summary, xs: readonly number[]) => ({ ...s, min: xs.length ? round(Math.min(...xs)) : null })

const PRODUCTS = 5_000
const STORES = 3

async function plant(url: string, movements: number): Promise<{ storeIds: string[]; mismatches: number; pairs: number }> {
  const database = await openDatabase({ url, max: 2, appRole: false })
  try {
    const db = database.db
    const [keeper] = await queryRows<{ id: string; branch: string }>(
      db,
      sql`select id, branch_ids[1] as branch from users where login = 'storekeeper'`,
    )
    const stores = await queryRows<{ id: string }>(
      db,
      sql`insert into stores (branch_id, name) select ${keeper.branch}::uuid, 'Bench store ' || g from generate_series(1, ${STORES}) g returning id`,
    )
    await db.execute(sql`
      insert into products (name, kind, sku, unit)
      select 'Bench product ' || lpad(g::text, 5, '0'), 'goods', 'BENCH-' || g, 'pcs' from generate_series(1, ${PRODUCTS}) g`)
    await db.execute(sql`
      insert into product_prices (product_id, effective_from, sale_price, cost)
      select id, '2020-01-01', 500, 300 from products where sku like 'BENCH-%'`)
    const docs = await queryRows<{ id: string }>(
      db,
      sql`insert into stock_documents (kind, store_id, status, posted_at, posted_by, created_by)
          select 'receipt', s.id, 'posted', now(), ${keeper.id}::uuid, ${keeper.id}::uuid from stores s where s.name like 'Bench store %'
          returning id`,
    )
    // movement g: product g % 5000, store (g / 5000) % 3; per pair +2, −1, +2, −1 … (never below zero)
    const batch = 250_000
    for (let from = 0; from < movements; from += batch) {
      const to = Math.min(movements, from + batch) - 1
      await db.execute(sql`
        with p as (select id, row_number() over (order by sku) - 1 as i from products where sku like 'BENCH-%'),
             s as (select id, row_number() over (order by name) - 1 as i from stores where name like 'Bench store %')
        insert into stock_movements (product_id, store_id, quantity, unit_cost, document_id, line_key, author_id)
        select p.id, s.id, case when (g / ${PRODUCTS * STORES}) % 2 = 0 then 2 else -1 end, 300, ${docs[0].id}::uuid, 'l' || g, ${keeper.id}::uuid
          from generate_series(${from}::int, ${to}::int) g
          join p on p.i = g % ${PRODUCTS}
          join s on s.i = (g / ${PRODUCTS}) % ${STORES}`)
    }
    await db.execute(sql`analyze`)
    const [check] = await queryRows<{ mismatches: number; pairs: number }>(
      db,
      sql`select count(*) filter (where coalesce(b.on_hand, 0) <> coalesce(m.moved, 0) or b.product_id is null)::int as mismatches,
                 count(*)::int as pairs
            from stock_balances b
            full join (select product_id, store_id, sum(quantity) as moved from stock_movements group by 1, 2) m
              on m.product_id = b.product_id and m.store_id = b.store_id`,
    )
    return { storeIds: stores.map((s) => s.id), ...check }
  } finally {
    await database.close()
  }
}

export async function runStockOnHand(ctx: BenchContext) {
  const movements = ctx.quick ? 200_000 : 2_000_000
  const requests = ctx.quick ? 20 : 100
  const rounds = ctx.reps ?? (ctx.quick ? 1 : 3)
  const tpl = await clubroomTemplate()
  const db = await tpl.clone('stockonhand')
  try {
    ctx.log(`planting ${PRODUCTS} products × ${STORES} stores and ${movements} movements`)
    const t0 = performance.now()
    const planted = await plant(db.url, movements)
    const plantSeconds = round((performance.now() - t0) / 1000)
    ctx.log(`planted in ${plantSeconds} s; balances equal to the ledger: ${planted.mismatches === 0}`)
    const srv = await startClubroom({ databaseUrl: db.url, cpu: null })
    try {
      const cookie = await login(srv.url, 'storekeeper')
      const get = async (path: string) => {
        const t = performance.now()
        const res = await fetch(`${srv.url}${path}`, { headers: { cookie } })
        const body = await res.text()
        const ms = performance.now() - t
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}\n${srv.log().slice(-2000)}`)
        // product–store quantities in the answer (one item per product, its quantity by store)
        const items = (JSON.parse(body) as { items: Array<{ onHand: Record<string, number> }> }).items
        return { ms, rows: items.reduce((n, i) => n + Object.keys(i.onHand).length, 0), bytes: body.length }
      }
      const one = `/api/stock?storeId=${planted.storeIds[0]}`
      for (let i = 0; i < 10; i++) {
        await get('/api/stock')
        await get(one)
      }
      const all: number[] = []
      const single: number[] = []
      // several runs of `requests` each: each run's median, then their median and min–max
      const runs: Array<{ all_p50: number | null; one_p50: number | null }> = []
      let rows = { all: 0, one: 0, bytes: 0 }
      for (let r = 0; r < rounds; r++) {
        const runAll: number[] = []
        const runOne: number[] = []
        for (let i = 0; i < requests; i++) {
          const a = await get('/api/stock')
          const b = await get(one)
          runAll.push(a.ms)
          runOne.push(b.ms)
          rows = { all: a.rows, one: b.rows, bytes: a.bytes }
        }
        all.push(...runAll)
        single.push(...runOne)
        runs.push({ all_p50: summarize(runAll).p50, one_p50: summarize(runOne).p50 })
      }
      const database = await openDatabase({ url: db.url, max: 2 })
      const inproc: number[] = []
      const ledger: number[] = []
      try {
        for (let i = 0; i < Math.min(requests, 50); i++) {
          const t = performance.now()
          await onHand(database.db, { storeIds: planted.storeIds })
          inproc.push(performance.now() - t)
        }
        for (let i = 0; i < (ctx.quick ? 2 : 5); i++) {
          const t = performance.now()
          await queryRows(
            database.db,
            sql`select product_id, store_id, sum(quantity)::int as on_hand from stock_movements
                 where store_id in ${planted.storeIds} group by 1, 2`,
          )
          ledger.push(performance.now() - t)
        }
      } finally {
        await database.close()
      }
      const sAll = summarize(all)
      const sIn = summarize(inproc)
      const targets: Target[] = [
        {
          what: `on hand for ${PRODUCTS} products × ${STORES} stores from ${movements.toLocaleString('en')} movements, in process (p95)`,
          limit: '< 100 ms',
          measured: `${sIn.p95} ms`,
          pass: sIn.p95 !== null && sIn.p95 < 100,
        },
        {
          what: `GET /api/stock, every store of the storekeeper's branch (${rows.all} rows, p95, over HTTP)`,
          limit: '< 100 ms',
          measured: `${sAll.p95} ms`,
          pass: sAll.p95 !== null && sAll.p95 < 100,
        },
        {
          what: 'stock_balances equal the ledger sums (every product–store pair)',
          limit: '0 mismatches',
          measured: `${planted.mismatches} of ${planted.pairs}`,
          pass: planted.mismatches === 0,
        },
      ]
      return {
        products: PRODUCTS,
        stores: STORES,
        movements,
        plant_seconds: plantSeconds,
        runs,
        get_all_stores_ms: withMin(sAll, all),
        get_one_store_ms: withMin(summarize(single), single),
        rows,
        on_hand_in_process_ms: withMin(sIn, inproc),
        /** The same answer summed from the ledger (no balance table): what the balances save. */
        summed_from_ledger_ms: withMin(summarize(ledger), ledger),
        p50_ms: round(sAll.p50),
        targets,
      }
    } finally {
      await srv.stop()
    }
  } finally {
    await db.drop()
  }
}

const ms = (v: unknown) => (typeof v === 'number' ? `${v.toLocaleString('en', { maximumFractionDigits: 2 })} ms` : '—')
const spread = (
  x: { p50?: number | null; min?: number | null; max?: number | null; p95?: number | null; count?: number } | undefined,
) => (x ? `${ms(x.p50)} (${ms(x.min)} – ${ms(x.max)}; p95 ${ms(x.p95)}; ${x.count ?? 0} reads)` : '—')

/** Its section of docs/BENCHMARKS.md: the figures as median (min – max), per run and overall. */
export function renderStockOnHand(s: Stored): string {
  const d = s.data
  const runs = (d.runs ?? []) as Array<{ all_p50: number | null; one_p50: number | null }>
  const medians = (k: 'all_p50' | 'one_p50') =>
    runs
      .map((r) => r[k])
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b)
  const across = (k: 'all_p50' | 'one_p50') => {
    const m = medians(k)
    return m.length ? `${ms(m[Math.floor((m.length - 1) / 2)])} (${ms(m[0])} – ${ms(m[m.length - 1])})` : '—'
  }
  const lines = [
    `Run: ${s.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${s.quick ? '**quick run**' : 'full run'}, ${Math.round(s.seconds)} s, load average before ${s.meta.loadavg_before.join(' / ')}, after ${s.meta.loadavg_after.join(' / ')}. ${Number(d.products).toLocaleString('en')} products × ${d.stores} stores of the storekeeper's branch, ${Number(d.movements).toLocaleString('en')} ledger movements written through the balance trigger in ${d.plant_seconds} s. Figures: median (min – max) over every read; "per run" is the median of each run's median (${runs.length} runs).`,
    '',
    '| read | median (min – max), p95 | per run: median of medians (min – max) |',
    '|:---|:---|:---|',
    `| \`GET /api/stock\` over HTTP, every store of the branch (${d.rows?.all ?? '?'} rows, ${Math.round((d.rows?.bytes ?? 0) / 1024)} KiB) | ${spread(d.get_all_stores_ms)} | ${across('all_p50')} |`,
    `| \`GET /api/stock?storeId=\` over HTTP, one store (${d.rows?.one ?? '?'} rows) | ${spread(d.get_one_store_ms)} | ${across('one_p50')} |`,
    `| \`onHand()\` in process (the balance table) | ${spread(d.on_hand_in_process_ms)} | |`,
    `| the same summed from the ledger (no balance table), for comparison | ${spread(d.summed_from_ledger_ms)} | |`,
  ]
  return lines.join('\n')
}
