import { sql } from 'drizzle-orm'
import { openDatabase, queryRows } from '../../db/client'
import { clientAccount } from '../../server/modules/passes/queries/account'
import type { BenchContext, Target } from '../lib/context'
import { login, startClubroom } from '../lib/servers'
import { round, summarize } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'

/**
 * "The account view of a client with 10 years of history under 50 ms" (issue #15). A fresh copy of
 * the migrated, demo-seeded database gets one client of the branch Central with ten years of
 * monthly passes: 120 passes and invoices, each with its line, two payments and eight visits
 * written off (960 visits), a refund a year; around them the rest of a busy center's money
 * history (other clients' invoices, payments and visits: 50,000 / 100,000 / 400,000 rows; a
 * tenth with --quick). Clubroom runs as its own process; a receptionist of Central asks
 * `GET /api/clients/{id}/account` over HTTP, sequentially, timed from the client (after a warm-up).
 */

async function plant(url: string, quick: boolean): Promise<string> {
  const database = await openDatabase({ url, max: 2 })
  try {
    const db = database.db
    // the receptionist's branch (Central in the demo)
    const [author] = await queryRows<{ id: string; branch: string }>(
      db,
      sql`select id, branch_ids[1] as branch from users where login = 'reception'`,
    )
    const central = { id: author.branch }
    const [activity] = await queryRows<{ id: string }>(db, sql`select id from activities order by name limit 1`)
    const [client] = await queryRows<{ id: string }>(
      db,
      sql`insert into clients (first_name, last_name, branch_id, status) values ('Decade', 'Longtime', ${central.id}::uuid, 'active') returning id`,
    )
    const [plan] = await queryRows<{ id: string }>(
      db,
      sql`insert into pass_plans (name, activity_ids, sessions, valid_days) values ('Bench 8', array[${activity.id}::uuid], 8, 30) returning id`,
    )
    const ids = { branch: central.id, author: author.id, client: client.id, plan: plan.id, activity: activity.id }
    // the client's ten years: month m (0 … 119) starts 120 − m months ago
    await db.execute(sql`
      with m as (select g as m, (current_date - ((120 - g) * interval '1 month'))::date as d from generate_series(0, 119) g),
      inv as (
        insert into invoices (branch_id, year, number, client_id, currency, net, tax, total, issued_on, due_on, created_by)
        select ${ids.branch}::uuid, 1900 + m, 1, ${ids.client}::uuid, 'AMD', 10000, 2000, 12000, d, d + 7, ${ids.author}::uuid from m
        returning id, issued_on),
      ps as (
        insert into passes (client_id, plan_id, branch_id, invoice_id, activity_ids, sessions_total, sessions_used, starts_on, valid_until, sold_valid_until, price, created_by)
        select ${ids.client}::uuid, ${ids.plan}::uuid, ${ids.branch}::uuid, id, array[${ids.activity}::uuid], 8, 8, issued_on, issued_on + 29, issued_on + 29, 12000, ${ids.author}::uuid from inv
        returning id, invoice_id, starts_on)
      insert into invoice_lines (invoice_id, kind, pass_id, plan_id, description, unit_price, net, tax, gross, tax_rate_bp, tax_mode)
      select invoice_id, 'pass', id, ${ids.plan}::uuid, 'Bench 8', 12000, 10000, 2000, 12000, 2000, 'included' from ps`)
    await db.execute(sql`
      insert into payments (invoice_id, client_id, branch_id, amount, method, idempotency_key, day, by)
      select i.id, i.client_id, i.branch_id, 6000, case k when 1 then 'cash' else 'card' end, 'bench-' || i.id || '-' || k, i.issued_on + k, ${ids.author}::uuid
      from invoices i cross join generate_series(1, 2) k where i.client_id = ${ids.client}::uuid`)
    await db.execute(sql`
      insert into refunds (invoice_id, client_id, branch_id, amount, tax, method, idempotency_key, day, by)
      select i.id, i.client_id, i.branch_id, 1500, 250, 'cash', 'bench-refund-' || i.id, i.issued_on + 20, ${ids.author}::uuid
      from invoices i where i.client_id = ${ids.client}::uuid and i.year % 12 = 0`)
    await db.execute(sql`
      insert into pass_visits (client_id, branch_id, pass_id, source, activity_id, "on", at, by)
      select p.client_id, p.branch_id, p.id, 'lesson', ${ids.activity}::uuid, p.starts_on + k * 3, (p.starts_on + k * 3)::timestamptz, ${ids.author}::uuid
      from passes p cross join generate_series(0, 7) k where p.client_id = ${ids.client}::uuid`)
    // the rest of the center: other clients' money history
    const others = quick ? 5_000 : 50_000
    await db.execute(sql`
      insert into invoices (branch_id, year, number, client_id, currency, net, tax, total, issued_on, due_on, created_by)
      select ${ids.branch}::uuid, 2300 + g / 100000, g, gen_random_uuid(), 'AMD', 10000, 2000, 12000,
             current_date - (g % 3650), current_date - (g % 3650) + 7, ${ids.author}::uuid
      from generate_series(1, ${others}) g`)
    await db.execute(sql`
      insert into payments (invoice_id, client_id, branch_id, amount, method, idempotency_key, day, by)
      select i.id, i.client_id, i.branch_id, 6000, 'cash', 'bench-o-' || i.id || '-' || k, i.issued_on, ${ids.author}::uuid
      from invoices i cross join generate_series(1, 2) k where i.year >= 2300`)
    await db.execute(sql`
      insert into pass_visits (client_id, branch_id, source, activity_id, "on", by)
      select i.client_id, i.branch_id, 'lesson', ${ids.activity}::uuid, i.issued_on + k, ${ids.author}::uuid
      from invoices i cross join generate_series(1, 8) k where i.year >= 2300`)
    return ids.client
  } finally {
    await database.close()
  }
}

export async function runPassAccount(ctx: BenchContext) {
  const requests = ctx.quick ? 60 : 400
  const tpl = await clubroomTemplate()
  const db = await tpl.clone('passaccount')
  try {
    ctx.log('planting ten years of one client’s passes, invoices, payments and visits')
    const clientId = await plant(db.url, ctx.quick)
    const srv = await startClubroom({ databaseUrl: db.url, cpu: null })
    try {
      const cookie = await login(srv.url, 'reception')
      const get = async () => {
        const t0 = performance.now()
        const res = await fetch(`${srv.url}/api/clients/${clientId}/account`, { headers: { cookie } })
        const body = await res.text()
        const ms = performance.now() - t0
        if (res.status !== 200) throw new Error(`account: ${res.status} ${body.slice(0, 300)}\n${srv.log().slice(-2000)}`)
        return { ms, bytes: body.length, body }
      }
      const me = async () => {
        const t0 = performance.now()
        await (await fetch(`${srv.url}/api/auth/me`, { headers: { cookie } })).text()
        return performance.now() - t0
      }
      for (let i = 0; i < 20; i++) await get()
      const times: number[] = []
      const baseline: number[] = []
      let last = { bytes: 0, body: '' }
      for (let i = 0; i < requests; i++) {
        const r = await get()
        times.push(r.ms)
        baseline.push(await me())
        last = r
      }
      // the same reads in this process (no HTTP, no session): what the queries cost
      const inproc: number[] = []
      const database = await openDatabase({ url: db.url, max: 2 })
      try {
        for (let i = 0; i < Math.min(requests, 100); i++) {
          const t0 = performance.now()
          await clientAccount(database.db, clientId)
          inproc.push(performance.now() - t0)
        }
      } finally {
        await database.close()
      }
      const account = JSON.parse(last.body) as { invoices: unknown[]; passes: unknown[]; visits: unknown[] }
      const s = summarize(times)
      const targets: Target[] = [
        {
          what: 'GET /api/clients/{id}/account, 10 years of monthly passes (p95, over HTTP)',
          limit: '< 50 ms',
          measured: `${s.p95} ms`,
          pass: s.p95 !== null && s.p95 < 50,
        },
      ]
      return {
        requests,
        latency_ms: s,
        /** GET /api/auth/me between them: what any request costs on the machine as it is. */
        baseline_me_ms: summarize(baseline),
        /** clientAccount() in the benchmark's process on the same database. */
        queries_in_process_ms: summarize(inproc),
        response_bytes: last.bytes,
        history: { invoices: account.invoices.length, passes: account.passes.length, visitsShown: account.visits.length },
        noise_invoices: ctx.quick ? 5_000 : 50_000,
        p50_ms: round(s.p50),
        targets,
      }
    } finally {
      await srv.stop()
    }
  } finally {
    await db.drop()
  }
}
