import { sql } from 'drizzle-orm'
import { openDatabase, queryRows } from '../db/client'
import type { BenchContext, Target } from './lib/context'
import { login, startClubroom } from './lib/servers'
import { round, summarize, type Summary } from './lib/stats'
import { clubroomTemplate } from './lib/template'

/**
 * "Each report under 500 ms on PostgreSQL, on a center with 2,000 active clients and 5 years of
 * history" (issue #20). A fresh copy of the migrated, demo-seeded database gets five years
 * (2021–2025) of a two-branch center, inserted directly by `plant`: 8 activities, 16 rooms, 30
 * teachers with pay schemes, 160 groups meeting twice a week; ~5,500 clients who started in a
 * month spread over the five years and stayed an exponential number of months (mean 24), so about
 * 2,000 are still active at the end, the others left with a reason; each active month a pass of 8
 * sessions (VAT included) on an invoice, paid (2 % never), every lesson done with its attendance
 * (85 %), the sessions written off the month's pass and the teacher's service; a waiting list.
 * Then the manager asks each report over HTTP, in turns (one of each per round, after a warm-up
 * round), for the last year and for the last month; the first round (the lesson costs not yet
 * kept) is reported apart.
 */

const withMin = (s: Summary, xs: readonly number[]) => ({ ...s, min: xs.length ? round(Math.min(...xs)) : null })
const BRANCHES = 2
const GROUPS = 80
const TEACHERS = 15
const ROOMS = 8
const CLIENTS = 5500
const MONTHS = 60
const FROM = '2021-01-01'

export async function plantReportsCenter(url: string, seed: number): Promise<Record<string, number>> {
  // one connection: the plan's temporary table lives in it
  const database = await openDatabase({ url, max: 1, appRole: false })
  try {
    const db = database.db
    const [mgr] = await queryRows<{ id: string }>(db, sql`select id from users where login = 'manager'`)
    const by = sql`${mgr.id}::uuid`
    await db.execute(sql`select setseed(${(seed % 1000) / 1000})`)
    await db.execute(sql`
      insert into branches (name, timezone) select 'Bench branch ' || b, 'Asia/Yerevan' from generate_series(1, ${BRANCHES}) b`)
    await db.execute(sql`
      create temporary table bb as select id, row_number() over (order by name) as n from branches where name like 'Bench branch %'`)
    await db.execute(sql`
      insert into rooms (branch_id, name, capacity, hourly_cost)
      select bb.id, 'Bench room ' || bb.n || '-' || r, 14, 3000 from bb, generate_series(1, ${ROOMS}) r`)
    await db.execute(sql`
      insert into cost_settings (branch_id, valid_from, overhead_per_hour) select id, '2020-01-01', 2000 from bb`)
    await db.execute(sql`
      insert into users (login, name, password_hash, roles, branch_ids)
      select 'bench-teacher-' || bb.n || '-' || t, 'Bench teacher ' || bb.n || '-' || t, 'x', '{teacher}', array[bb.id]
        from bb, generate_series(1, ${TEACHERS}) t`)
    await db.execute(sql`
      insert into employees (user_id, name, positions, branch_ids)
      select id, name, '{teacher}', branch_ids from users where login like 'bench-teacher-%'`)
    await db.execute(sql`
      insert into pay_schemes (employee_id, valid_from, per_lesson, per_client, revenue_bp, monthly)
      select id, '2020-01-01', 5000, 500, case when random() < 0.3 then 1000 else 0 end, case when random() < 0.3 then 100000 else 0 end
        from employees where name like 'Bench teacher %'`)
    await db.execute(sql`
      insert into activities (name, category, duration_minutes, max_group_size, staff_ratio, price_per_session)
      select 'Bench activity ' || a, (array['art', 'sport', 'music', 'dance', 'languages', 'science', 'art', 'sport'])[a], 90, 14, 8, '5000'
        from generate_series(1, 8) a`)
    await db.execute(sql`
      create temporary table ba as select id, row_number() over (order by name) as n from activities where name like 'Bench activity %'`)
    await db.execute(sql`
      insert into groups (branch_id, activity_id, name, teacher_id, room_id, pattern, term_start, term_end)
      select bb.id, (select ba.id from ba where ba.n = 1 + (g - 1) % 8), 'Bench group ' || bb.n || '-' || g,
             (select u.id from users u where u.login = 'bench-teacher-' || bb.n || '-' || (1 + (g - 1) % ${TEACHERS})),
             (select r.id from rooms r where r.branch_id = bb.id order by r.name offset (g - 1) % ${ROOMS} limit 1),
             '[]'::jsonb, '2021-01-01', '2026-06-30'
        from bb, generate_series(1, ${GROUPS}) g`)
    await db.execute(sql`
      create temporary table bg as
      select g.id, g.branch_id, g.activity_id, g.teacher_id, g.room_id, row_number() over (order by g.name) as n
        from groups g where g.name like 'Bench group %'`)
    // who came when, and for how long (months; ≥ MONTHS: still here)
    await db.execute(sql`
      create temporary table bc as
      select gen_random_uuid() as id, c,
             floor(random() * ${MONTHS})::int as s,
             greatest(1, ceil(-24 * ln(1 - random())))::int as l,
             1 + floor(random() * ${BRANCHES * GROUPS})::int as g
        from generate_series(1, ${CLIENTS}) c`)
    await db.execute(sql`alter table bc add column e int`)
    await db.execute(sql`update bc set e = s + l`)
    await db.execute(sql`
      insert into clients (id, first_name, last_name, birth_date, status, leave_reason, source, consent, branch_id, created_at)
      select bc.id, 'Bench', 'Client ' || bc.c, date '2012-01-01' + (bc.c % 2000),
             case when bc.e >= ${MONTHS} then 'active' else 'left' end,
             case when bc.e < ${MONTHS} then (array['moved', 'schedule', 'price', 'lost_interest', 'health', 'unhappy', 'other'])[1 + bc.c % 7] end,
             (array['referral', 'social', 'search', 'website', 'walk_in', 'school', 'event', 'returning', 'other'])[1 + (bc.c * 7) % 9],
             true, bg.branch_id, (${FROM}::date + make_interval(months => bc.s))::timestamptz
        from bc join bg on bg.n = bc.g`)
    await db.execute(sql`
      insert into group_members (group_id, client_id, joined_at, left_at, left_reason_code)
      select bg.id, bc.id, (${FROM}::date + make_interval(months => bc.s))::timestamptz,
             case when bc.e < ${MONTHS} then (${FROM}::date + make_interval(months => bc.e))::timestamptz end,
             case when bc.e < ${MONTHS} then (array['moved', 'schedule', 'price', 'lost_interest', 'health', 'unhappy', 'other'])[1 + bc.c % 7] end
        from bc join bg on bg.n = bc.g`)
    // their statuses: a trial lesson a week before for one in three, active from the first pass, left at the end
    await db.execute(sql`
      insert into client_status_history (client_id, from_status, to_status, reason, at, by)
      select bc.id, 'lead', 'trial', null, (${FROM}::date + make_interval(months => bc.s) - interval '7 days')::timestamptz, ${by}
        from bc where bc.c % 3 = 0
      union all
      select bc.id, case when bc.c % 3 = 0 then 'trial' else 'lead' end, 'active', null, (${FROM}::date + make_interval(months => bc.s))::timestamptz, ${by}
        from bc
      union all
      select bc.id, 'active', 'left', (array['moved', 'schedule', 'price', 'lost_interest', 'health', 'unhappy', 'other'])[1 + bc.c % 7],
             (${FROM}::date + make_interval(months => bc.e))::timestamptz, ${by}
        from bc where bc.e < ${MONTHS}`)
    // and one trial in four of those who never came back: a trial, then nothing
    await db.execute(sql`
      insert into clients (first_name, last_name, status, source, consent, branch_id, created_at)
      select 'Bench', 'Trial ' || t, 'trial', 'social', true, (select id from bb where n = 1 + t % ${BRANCHES}),
             (${FROM}::date + make_interval(days => (t * 37) % 1800))::timestamptz
        from generate_series(1, ${CLIENTS / 10}) t`)
    await db.execute(sql`
      insert into client_status_history (client_id, from_status, to_status, at, by)
      select id, 'lead', 'trial', created_at, ${by} from clients where last_name like 'Trial %'`)
    const [plan] = await queryRows<{ id: string }>(
      db,
      sql`insert into pass_plans (name, activity_ids, sessions, valid_days)
          values ('Bench month', (select array_agg(id) from ba), 8, 31) returning id`,
    )
    // a pass of 8 sessions for each month a client is here, on its invoice (VAT included), paid but 2 %
    await db.execute(sql`
      create temporary table bp as
      select gen_random_uuid() as pass_id, gen_random_uuid() as invoice_id, bc.id as client_id, bg.branch_id, bg.activity_id, m,
             (${FROM}::date + make_interval(months => m))::date as starts_on,
             (${FROM}::date + make_interval(months => m + 1) - interval '1 day')::date as valid_until,
             random() < 0.02 as unpaid
        from bc join bg on bg.n = bc.g, generate_series(bc.s, least(bc.e, ${MONTHS}) - 1) m`)
    await db.execute(sql`
      insert into invoices (id, branch_id, year, number, client_id, currency, net, tax, total, issued_on, due_on, created_by, created_at)
      select invoice_id, branch_id, extract(year from starts_on)::int,
             500000 + row_number() over (partition by branch_id, extract(year from starts_on) order by starts_on, pass_id),
             client_id, 'AMD', 33333, 6667, 40000, starts_on, starts_on + 7, ${by}, starts_on::timestamptz
        from bp`)
    await db.execute(sql`
      insert into passes (id, client_id, plan_id, branch_id, invoice_id, activity_ids, sessions_total, sessions_used, starts_on, valid_until, sold_valid_until, price, created_at)
      select pass_id, client_id, ${plan.id}::uuid, branch_id, invoice_id, array[activity_id], 8, 0, starts_on, valid_until, valid_until, 40000, starts_on::timestamptz
        from bp`)
    await db.execute(sql`
      insert into invoice_lines (invoice_id, kind, pass_id, plan_id, description, unit_price, net, tax, gross, tax_rate_bp, tax_mode)
      select invoice_id, 'pass', pass_id, ${plan.id}::uuid, 'Bench month', 40000, 33333, 6667, 40000, 2000, 'included' from bp`)
    await db.execute(sql`
      insert into payments (invoice_id, client_id, branch_id, amount, method, idempotency_key, day, at, by)
      select invoice_id, client_id, branch_id, 40000, (array['cash', 'card', 'transfer'])[1 + floor(random() * 3)::int],
             'bench-' || invoice_id, starts_on + d, (starts_on + d + time '12:00') at time zone 'Asia/Yerevan', ${by}
        from (select *, floor(random() * 5)::int as d from bp where not unpaid) p`)
    // two lessons a week of each group, 16:00 or 18:00 by the group (Yerevan), every one done
    await db.execute(sql`
      insert into lessons (id, branch_id, doc, room_id, starts_at, ends_at, activity_id, group_id, teacher_id, status)
      select 'bench-' || bg.id || '-' || to_char(d, 'YYYYMMDD'), bg.branch_id, 'bench', bg.room_id,
             (d + make_time(14 + 2 * (bg.n % 3)::int, 0, 0)) at time zone 'Asia/Yerevan',
             (d + make_time(15 + 2 * (bg.n % 3)::int, 30, 0)) at time zone 'Asia/Yerevan',
             bg.activity_id, bg.id, bg.teacher_id, 'done'
        from bg, generate_series(${FROM}::date, date '2025-12-31', interval '1 day') d
       where extract(isodow from d) in (1 + bg.n % 3, 4 + bg.n % 3)`)
    await db.execute(sql`
      insert into lesson_completions (lesson_id, done_at, done_by) select id, ends_at, ${by} from lessons where id like 'bench-%'`)
    // each member of the lesson's month: present 85 %, else absent; the present ones' sessions off the month's pass
    await db.execute(sql`
      create temporary table bv as
      select l.id as lesson_id, l.branch_id, l.activity_id, l.ends_at, c.id as completion_id, bp.client_id, bp.pass_id,
             l.day, random() < 0.85 as present
        from (select *, (starts_at at time zone 'Asia/Yerevan')::date as day from lessons where id like 'bench-%') l
        join lesson_completions c on c.lesson_id = l.id
        join group_members gm on gm.group_id = l.group_id
        join bp on bp.client_id = gm.client_id
               and bp.m = (extract(year from l.day)::int - ${Number(FROM.slice(0, 4))}) * 12 + extract(month from l.day)::int - 1`)
    await db.execute(sql`
      insert into attendance (lesson_id, client_id, status, at, by)
      select lesson_id, client_id, case when present then 'present' else 'absent' end, ends_at, ${by} from bv`)
    await db.execute(sql`
      insert into pass_visits (client_id, branch_id, pass_id, source, lesson_id, activity_id, completion_id, sign, "on", at, by)
      select client_id, branch_id, pass_id, 'lesson', lesson_id, activity_id, completion_id, 1, day, ends_at, ${by}
        from bv where present`)
    await db.execute(sql`
      update passes p set sessions_used = least(8, v.n)
        from (select pass_id, count(*)::int as n from bv where present group by 1) v where v.pass_id = p.id`)
    await db.execute(sql`
      insert into teacher_services (completion_id, lesson_id, teacher_id, activity_id, duration_minutes, attending, sign, at, by)
      select c.id, l.id, l.teacher_id, l.activity_id, 90, coalesce(v.n, 0), 1, l.ends_at, ${by}
        from lessons l join lesson_completions c on c.lesson_id = l.id
        left join (select completion_id, count(*)::int as n from bv where present group by 1) v on v.completion_id = c.id
       where l.id like 'bench-%'`)
    // a waiting list: 300 people waiting for a place
    await db.execute(sql`
      insert into waiting_list (group_id, client_id, status, added_at, position)
      select bg.id, c.id, 'waiting', now() - make_interval(days => (random() * 120)::int), row_number() over (partition by bg.id order by c.id)
        from (select id, row_number() over (order by id) as k from clients where last_name like 'Client %' limit 300) c
        join bg on bg.n = 1 + (c.k * 13) % ${BRANCHES * GROUPS}`)
    await db.execute(sql`analyze`)
    const [n] = await queryRows<Record<string, number>>(
      db,
      sql`select (select count(*) from bc)::int as clients,
                 (select count(*) from bc where e >= ${MONTHS})::int as active,
                 (select count(*) from bp)::int as passes,
                 (select count(*) from lessons where id like 'bench-%')::int as lessons,
                 (select count(*) from bv where present)::int as visits`,
    )
    return n
  } finally {
    await database.close()
  }
}

/** A report's request: its name and its path with the query. */
interface Ask {
  name: string
  path: string
}

const YEAR = { from: '2025-01-01', to: '2025-12-31' }
const MONTH = { from: '2025-12-01', to: '2025-12-31' }

/** The reports asked, each for the last year; revenue and teachers also for the last month. */
export function reportAsks(available: readonly string[]): Ask[] {
  const q = (p: { from: string; to: string }) => `from=${p.from}&to=${p.to}`
  const asks: Ask[] = [
    { name: 'revenue (year)', path: `/api/reports/revenue?${q(YEAR)}` },
    { name: 'revenue (month)', path: `/api/reports/revenue?${q(MONTH)}` },
    { name: 'debts', path: '/api/reports/debts' },
    { name: 'vat (year)', path: `/api/reports/vat?${q(YEAR)}` },
    { name: 'teachers (year)', path: `/api/reports/teachers?${q(YEAR)}` },
    { name: 'teachers (month)', path: `/api/reports/teachers?${q(MONTH)}` },
    { name: 'inflow (year)', path: `/api/reports/inflow?${q(YEAR)}` },
    { name: 'occupancy (month)', path: `/api/reports/occupancy?${q(MONTH)}` },
  ]
  return asks.filter((a) => available.some((x) => a.path.startsWith(`/api/reports/${x}?`) || a.path === `/api/reports/${x}`))
}

export async function runReports(ctx: BenchContext) {
  const seeds = ctx.quick ? [1] : [1, 2, 3]
  const rounds = ctx.reps ?? (ctx.quick ? 5 : 12)
  const tpl = await clubroomTemplate()
  const times = new Map<string, number[]>()
  const first = new Map<string, number[]>()
  const perSeed: Array<Record<string, number>> = []
  let asks: Ask[] = []
  const packages: number[] = []
  const sameBytes: boolean[] = []
  let packageDocs = 0
  let packageBytes = 0
  for (const seed of seeds) {
    const db = await tpl.clone(`reports${seed}`)
    try {
      ctx.log(`seed ${seed}: planting five years of ${BRANCHES} branches × ${GROUPS} groups, ${CLIENTS} clients`)
      const t0 = performance.now()
      const planted = await plantReportsCenter(db.url, seed)
      ctx.log(`seed ${seed}: ${JSON.stringify(planted)} in ${Math.round((performance.now() - t0) / 1000)} s`)
      perSeed.push({ seed, ...planted })
      const srv = await startClubroom({ databaseUrl: db.url, cpu: null })
      try {
        const cookie = await login(srv.url, 'manager')
        const get = async (a: Ask) => {
          const t = performance.now()
          const res = await fetch(`${srv.url}${a.path}`, { headers: { cookie } })
          const body = await res.text()
          const ms = performance.now() - t
          return { ms, status: res.status, body }
        }
        // the reports this build has (a 404 is a report not built yet)
        const probe: string[] = []
        for (const name of ['revenue', 'debts', 'vat', 'teachers', 'inflow', 'occupancy']) {
          const path = name === 'debts' ? '/api/reports/debts' : `/api/reports/${name}?${`from=${MONTH.from}&to=${MONTH.to}`}`
          const r = await get({ name, path })
          if (r.status === 200) probe.push(name)
          else if (r.status !== 404) throw new Error(`${name}: ${r.status} ${r.body.slice(0, 300)}\n${srv.log().slice(-2000)}`)
        }
        asks = reportAsks(probe)
        // the first round: the lesson costs of five years not kept yet (teachers' profit computes them once)
        for (const a of asks) {
          const r = await get(a)
          if (r.status !== 200) throw new Error(`${a.name}: ${r.status} ${r.body.slice(0, 300)}`)
          first.set(a.name, [...(first.get(a.name) ?? []), r.ms])
        }
        for (const a of asks) await get(a)
        for (let i = 0; i < rounds; i++) {
          // in turns, starting at a different report each round
          for (let k = 0; k < asks.length; k++) {
            const a = asks[(i + k) % asks.length]
            const r = await get(a)
            if (r.status !== 200) throw new Error(`${a.name}: ${r.status} ${r.body.slice(0, 300)}`)
            times.set(a.name, [...(times.get(a.name) ?? []), r.ms])
          }
        }
        // the document package of the last month for the first branch, made twice: its time, and the same bytes again
        if (probe.length && (await get({ name: 'packages', path: '/api/document-packages' })).status === 200) {
          const branches = JSON.parse((await get({ name: 'branches', path: '/api/branches' })).body) as {
            items: Array<{ id: string; name: string }>
          }
          const branchId = branches.items.find((b) => b.name === 'Bench branch 1')!.id
          const hashes: string[] = []
          for (let i = 0; i < 2; i++) {
            const made = await makePackage(srv.url, cookie, branchId, '2025-12')
            packages.push(made.ms)
            hashes.push(made.sha256)
            packageDocs = made.documents
            packageBytes = made.sizeBytes
          }
          sameBytes.push(hashes[0] === hashes[1])
        }
      } finally {
        await srv.stop()
      }
    } finally {
      await db.drop()
    }
  }
  const reports: Record<string, unknown> = {}
  const targets: Target[] = []
  for (const a of asks) {
    const xs = times.get(a.name) ?? []
    const s = withMin(summarize(xs), xs)
    const f = first.get(a.name) ?? []
    reports[a.name] = { ...s, first_round_ms: withMin(summarize(f), f) }
    targets.push({
      what: `${a.name} over HTTP on PostgreSQL, ${perSeed[0]?.active ?? '?'} active clients, 5 years (p95 over ${seeds.length} seeds × ${rounds} rounds)`,
      limit: '< 500 ms',
      measured: `${s.p95} ms`,
      pass: s.p95 !== null && s.p95 < 500,
    })
  }
  if (packages.length) {
    const s = withMin(summarize(packages), packages)
    reports['document package (month)'] = { ...s, documents: packageDocs, bytes: packageBytes, same_bytes_again: sameBytes }
    targets.push({
      what: `a month’s document package of a branch (${packageDocs} documents, ${Math.round(packageBytes / 1024)} KiB ZIP; the slowest of ${packages.length})`,
      limit: '< 30 s',
      measured: `${round(Math.max(...packages) / 1000)} s`,
      pass: Math.max(...packages) < 30_000,
    })
    targets.push({
      what: 'the same month’s package made again has the same bytes (sha256), each seed',
      limit: 'identical',
      measured: sameBytes.every(Boolean) ? 'identical' : 'different',
      pass: sameBytes.every(Boolean),
    })
  }
  return { branches: BRANCHES, groups: BRANCHES * GROUPS, seeds: perSeed, reports, targets }
}

/** Asks for a branch's package of a month and waits until it is made: the time from asking to ready, and what it is. */
async function makePackage(base: string, cookie: string, branchId: string, month: string) {
  const t = performance.now()
  const res = await fetch(`${base}/api/document-packages`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ branchId, month }),
  })
  if (res.status !== 202) throw new Error(`package: ${res.status} ${await res.text()}`)
  const { id } = (await res.json()) as { id: number }
  for (let i = 0; i < 1200; i++) {
    const list = (await (
      await fetch(`${base}/api/document-packages?branchId=${branchId}&month=${month}`, { headers: { cookie } })
    ).json()) as {
      items: Array<{ id: number; status: string; sha256: string | null; documents: number | null; sizeBytes: number | null }>
    }
    const p = list.items.find((x) => x.id === id)
    if (p && p.status !== 'running') {
      if (p.status !== 'ok') throw new Error(`package ${id}: ${p.status}`)
      return { ms: performance.now() - t, sha256: p.sha256 ?? '', documents: p.documents ?? 0, sizeBytes: p.sizeBytes ?? 0 }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`package ${id}: not ready after two minutes`)
}
