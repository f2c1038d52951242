import { sql } from 'drizzle-orm'
import { openDatabase, queryRows } from '../db/client'
import { lessonCostReport, type CostGroupBy } from '../server/modules/staff/queries/lesson-cost'
import type { BenchContext, Target } from './lib/context'
import { login, startClubroom } from './lib/servers'
import { round, summarize, type Summary } from './lib/stats'
import { clubroomTemplate } from './lib/template'

/**
 * "Margin report for a year under 500 ms" (issue #19). A fresh copy of the migrated, demo-seeded
 * database gets a busy center's year, inserted directly: 4 branches × 40 groups (10 teachers a
 * branch with pay schemes, a room each with an hourly cost), 2 lessons a week of 90 minutes through
 * 2025, every one done (≈ 16,600), 8 members a group on a 104-session pass with its invoice line
 * (VAT included), 5–8 of them attending each lesson (random by the seed) written off their passes,
 * the teacher's service, two consumables by the norms, an overhead per hour, and the first half of
 * the year approved (payroll lines per lesson). Then the manager asks `GET /api/costs/lessons` for
 * the year grouped by teacher and by lesson, over HTTP after a warm-up: the first report (nothing
 * kept: every month computed, then kept), the kept months, and the report right after a change in
 * one branch's December (that month computed again). In process, interleaved, the kept months
 * against the year computed afresh from the records (`fresh`, the report before migration 0032).
 */

const withMin = (s: Summary, xs: readonly number[]) => ({ ...s, min: xs.length ? round(Math.min(...xs)) : null })
const BRANCHES = 4
const GROUPS = 40
const MEMBERS = 8

export async function plant(url: string, seed: number): Promise<{ lessons: number; visits: number }> {
  const database = await openDatabase({ url, max: 2, appRole: false })
  try {
    const db = database.db
    const [mgr] = await queryRows<{ id: string }>(db, sql`select id from users where login = 'manager'`)
    await db.execute(sql`select setseed(${(seed % 1000) / 1000})`)
    await db.execute(sql`
      insert into branches (name, timezone) select 'Bench branch ' || b, 'Asia/Yerevan' from generate_series(1, ${BRANCHES}) b`)
    await db.execute(sql`
      insert into rooms (branch_id, name, capacity, hourly_cost)
      select b.id, 'Bench room ' || r, 12, 3000 from branches b, generate_series(1, 4) r where b.name like 'Bench branch %'`)
    await db.execute(sql`
      insert into cost_settings (branch_id, valid_from, overhead_per_hour) select id, '2024-01-01', 2000 from branches where name like 'Bench branch %'`)
    await db.execute(sql`
      insert into users (login, name, password_hash, roles, branch_ids)
      select 'bench-teacher-' || b.n || '-' || t, 'Bench teacher ' || b.n || '-' || t, 'x', '{teacher}', array[b.id]
        from (select id, row_number() over (order by name) as n from branches where name like 'Bench branch %') b, generate_series(1, 10) t`)
    await db.execute(sql`
      insert into employees (user_id, name, positions, branch_ids)
      select id, name, '{teacher}', branch_ids from users where login like 'bench-teacher-%'`)
    await db.execute(sql`
      insert into pay_schemes (employee_id, valid_from, per_lesson, per_client, revenue_bp, monthly)
      select id, '2024-01-01', 5000, 500, case when random() < 0.3 then 1000 else 0 end, case when random() < 0.3 then 100000 else 0 end
        from employees where name like 'Bench teacher %'`)
    const [activity] = await queryRows<{ id: string }>(
      db,
      sql`insert into activities (name, category, duration_minutes, max_group_size, staff_ratio, price_per_session, consumables)
          values ('Bench activity', 'art', 90, 12, 8, '6000', '[{"item":"Bench glue","quantity":2,"unit":"pcs"},{"item":"Bench paper","quantity":0.5,"unit":"pcs"}]')
          returning id`,
    )
    await db.execute(sql`
      insert into products (name, kind, sku, unit) values ('Bench glue', 'consumable', 'BENCH-GLUE', 'pcs'), ('Bench paper', 'consumable', 'BENCH-PAPER', 'pcs')`)
    await db.execute(sql`
      insert into product_prices (product_id, effective_from, sale_price, cost)
      select id, '2024-01-01', 400, 250 from products where sku like 'BENCH-%'`)
    await db.execute(sql`
      insert into groups (branch_id, activity_id, name, teacher_id, room_id, pattern, term_start, term_end)
      select b.id, ${activity.id}::uuid, 'Bench group ' || b.n || '-' || g,
             (select u.id from users u where u.login = 'bench-teacher-' || b.n || '-' || (1 + (g - 1) % 10)),
             (select r.id from rooms r where r.branch_id = b.id order by r.name offset (g - 1) % 4 limit 1),
             '[]'::jsonb, '2025-01-01', '2025-12-31'
        from (select id, row_number() over (order by name) as n from branches where name like 'Bench branch %') b, generate_series(1, ${GROUPS}) g`)
    await db.execute(sql`
      insert into clients (first_name, last_name)
      select 'Bench', 'Member ' || g.id || '-' || m from groups g, generate_series(1, ${MEMBERS}) m where g.name like 'Bench group %'`)
    await db.execute(sql`
      insert into group_members (group_id, client_id)
      select g.id, c.id from groups g join clients c on c.last_name like 'Member ' || g.id || '-%' where g.name like 'Bench group %'`)
    const [plan] = await queryRows<{ id: string }>(
      db,
      sql`insert into pass_plans (name, activity_ids, sessions, valid_days) values ('Bench year', array[${activity.id}::uuid], 104, 365) returning id`,
    )
    await db.execute(sql`
      with m as (select gm.client_id, g.branch_id, row_number() over (order by gm.client_id) as n
                   from group_members gm join groups g on g.id = gm.group_id where g.name like 'Bench group %'),
           inv as (insert into invoices (branch_id, year, number, client_id, currency, net, tax, total, issued_on, due_on, created_by)
                   select branch_id, 2025, 100000 + n, client_id, 'AMD', 520000, 104000, 624000, '2025-01-01', '2025-01-01', ${mgr.id}::uuid from m
                   returning id, client_id, branch_id),
           p as (insert into passes (client_id, plan_id, branch_id, invoice_id, activity_ids, sessions_total, sessions_used, starts_on, valid_until, sold_valid_until, price)
                 select client_id, ${plan.id}::uuid, branch_id, id, array[${activity.id}::uuid], 104, 0, '2025-01-01', '2025-12-31', '2025-12-31', 624000 from inv
                 returning id, invoice_id)
      insert into invoice_lines (invoice_id, kind, pass_id, plan_id, description, unit_price, net, tax, gross, tax_rate_bp, tax_mode)
      select invoice_id, 'pass', id, ${plan.id}::uuid, 'Bench year', 624000, 520000, 104000, 624000, 2000, 'included' from p`)
    // two lessons a week (Mon and Thu 16:00 Yerevan) through 2025
    await db.execute(sql`
      insert into lessons (id, branch_id, doc, room_id, starts_at, ends_at, activity_id, group_id, teacher_id, status)
      select 'bench-' || g.id || '-' || to_char(d, 'YYYYMMDD'), g.branch_id, 'bench', g.room_id,
             (d + time '16:00') at time zone 'Asia/Yerevan', (d + time '17:30') at time zone 'Asia/Yerevan',
             g.activity_id, g.id, g.teacher_id, 'done'
        from groups g, generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') d
       where g.name like 'Bench group %' and extract(isodow from d) in (1, 4)`)
    await db.execute(sql`
      insert into lesson_completions (lesson_id, done_at, done_by)
      select id, ends_at, ${mgr.id}::uuid from lessons where id like 'bench-%'`)
    await db.execute(sql`
      insert into pass_visits (client_id, branch_id, pass_id, source, lesson_id, activity_id, completion_id, sign, "on", at, by)
      select p.client_id, l.branch_id, p.id, 'lesson', l.id, l.activity_id, c.id, 1, (l.starts_at at time zone 'Asia/Yerevan')::date, l.ends_at, ${mgr.id}::uuid
        from lessons l join lesson_completions c on c.lesson_id = l.id
        join group_members gm on gm.group_id = l.group_id join passes p on p.client_id = gm.client_id
       where l.id like 'bench-%' and random() < 0.8`)
    await db.execute(sql`
      insert into teacher_services (completion_id, lesson_id, teacher_id, activity_id, duration_minutes, attending, sign, at, by)
      select c.id, l.id, l.teacher_id, l.activity_id, 90, coalesce(v.n, 0), 1, l.ends_at, ${mgr.id}::uuid
        from lessons l join lesson_completions c on c.lesson_id = l.id
        left join (select completion_id, count(*)::int as n from pass_visits where lesson_id like 'bench-%' group by completion_id) v
          on v.completion_id = c.id
       where l.id like 'bench-%'`)
    await db.execute(sql`
      insert into consumable_uses (completion_id, lesson_id, item, quantity, unit, sign, at, by)
      select c.id, l.id, i.item, i.q, 'pcs', 1, l.ends_at, ${mgr.id}::uuid
        from lessons l join lesson_completions c on c.lesson_id = l.id, (values ('Bench glue', 2), ('Bench paper', 0.5)) i(item, q)
       where l.id like 'bench-%'`)
    // January to June approved: a payroll per branch and month, a line per lesson
    await db.execute(sql`
      insert into payrolls (branch_id, month, currency, total, approved_by)
      select b.id, '2025-' || lpad(m::text, 2, '0'), 'AMD', 0, ${mgr.id}::uuid
        from branches b, generate_series(1, 6) m where b.name like 'Bench branch %'`)
    await db.execute(sql`
      insert into payroll_lines (payroll_id, employee_id, kind, "on", service_id, lesson_id, attendees, minutes, rate, amount)
      select p.id, e.id, 'lesson', (l.starts_at at time zone 'Asia/Yerevan')::date, ts.id, l.id, ts.attending, 90, 5000, 5000 + 500 * ts.attending
        from teacher_services ts join lessons l on l.id = ts.lesson_id join employees e on e.user_id = ts.teacher_id
        join payrolls p on p.branch_id = l.branch_id and p.month = to_char((l.starts_at at time zone 'Asia/Yerevan')::date, 'YYYY-MM')
       where l.id like 'bench-%'`)
    await db.execute(sql`analyze`)
    const [n] = await queryRows<{ lessons: number; visits: number }>(
      db,
      sql`select (select count(*) from lesson_completions where lesson_id like 'bench-%')::int as lessons,
                 (select count(*) from pass_visits where lesson_id like 'bench-%')::int as visits`,
    )
    return n
  } finally {
    await database.close()
  }
}

export async function runMargin(ctx: BenchContext) {
  const seeds = ctx.quick ? [1] : [1, 2, 3]
  const requests = ctx.reps ?? (ctx.quick ? 5 : 15)
  const tpl = await clubroomTemplate()
  const http: Record<'teacher' | 'lesson' | 'changed' | 'cold', number[]> = { teacher: [], lesson: [], changed: [], cold: [] }
  const inproc: Record<'kept' | 'fresh', number[]> = { kept: [], fresh: [] }
  const perSeed: Array<{
    seed: number
    lessons: number
    visits: number
    cold_ms: number
    teacher_p50: number | null
    lesson_p50: number | null
    changed_p50: number | null
  }> = []
  let bytes = 0
  for (const seed of seeds) {
    const db = await tpl.clone(`margin${seed}`)
    try {
      ctx.log(`seed ${seed}: planting a year of ${BRANCHES} branches × ${GROUPS} groups`)
      const planted = await plant(db.url, seed)
      ctx.log(`seed ${seed}: ${planted.lessons} done lessons, ${planted.visits} sessions written off`)
      const srv = await startClubroom({ databaseUrl: db.url, cpu: null })
      const writer = await openDatabase({ url: db.url, max: 1 })
      try {
        const cookie = await login(srv.url, 'manager')
        const get = async (groupBy: CostGroupBy) => {
          const t = performance.now()
          const res = await fetch(`${srv.url}/api/costs/lessons?from=2025-01-01&to=2025-12-31&groupBy=${groupBy}`, {
            headers: { cookie },
          })
          const body = await res.text()
          const ms = performance.now() - t
          if (res.status !== 200) throw new Error(`${groupBy}: ${res.status} ${body.slice(0, 300)}\n${srv.log().slice(-2000)}`)
          return { ms, bytes: body.length }
        }
        // nothing kept yet: every branch's twelve months computed from the records, then kept
        const cold = (await get('teacher')).ms
        http.cold.push(cold)
        for (let i = 0; i < 3; i++) {
          await get('teacher')
          await get('lesson')
        }
        // a day's work in one branch's December: a lesson's consumables recorded again
        const [late] = await queryRows<{ id: string; completion_id: string }>(
          writer.db,
          sql`select l.id, c.id::text as completion_id from lessons l join lesson_completions c on c.lesson_id = l.id
               where l.id like 'bench-%' and l.starts_at >= '2025-12-01' order by l.starts_at desc limit 1`,
        )
        const runT: number[] = []
        const runL: number[] = []
        const runC: number[] = []
        for (let i = 0; i < requests; i++) {
          runT.push((await get('teacher')).ms)
          const l = await get('lesson')
          runL.push(l.ms)
          bytes = l.bytes
          await writer.db.execute(sql`
            insert into consumable_uses (completion_id, lesson_id, item, quantity, unit, sign, at, by)
            select ${late.completion_id}::bigint, ${late.id}, 'Bench glue', 1, 'pcs', s, now(), (select id from users where login = 'manager')
              from (values (1), (-1)) v(s)`)
          runC.push((await get('teacher')).ms)
        }
        http.teacher.push(...runT)
        http.lesson.push(...runL)
        http.changed.push(...runC)
        perSeed.push({
          seed,
          ...planted,
          cold_ms: round(cold) ?? 0,
          teacher_p50: summarize(runT).p50,
          lesson_p50: summarize(runL).p50,
          changed_p50: summarize(runC).p50,
        })
      } finally {
        await writer.close()
        await srv.stop()
      }
      // in process, interleaved: the kept months against computing the year afresh (the report before migration 0032)
      const database = await openDatabase({ url: db.url, max: 2 })
      try {
        const opts = {
          branchIds: null,
          from: '2025-01-01',
          to: '2025-12-31',
          groupBy: 'teacher' as const,
          currency: 'AMD' as const,
        }
        for (let i = 0; i < requests; i++) {
          let t = performance.now()
          await lessonCostReport(database.db, opts)
          inproc.kept.push(performance.now() - t)
          t = performance.now()
          await lessonCostReport(database.db, { ...opts, fresh: true })
          inproc.fresh.push(performance.now() - t)
        }
      } finally {
        await database.close()
      }
    } finally {
      await db.drop()
    }
  }
  const sT = summarize(http.teacher)
  const sL = summarize(http.lesson)
  const sC = summarize(http.changed)
  const targets: Target[] = [
    {
      what: `margin report for a year by teacher over HTTP (${perSeed[0]?.lessons ?? '?'} done lessons, kept months, p95 over ${seeds.length} seeds)`,
      limit: '< 500 ms',
      measured: `${sT.p95} ms`,
      pass: sT.p95 !== null && sT.p95 < 500,
    },
    {
      what: `margin report for a year by lesson over HTTP (its first page of 1,000 lessons with the year's totals, ${Math.round(bytes / 1024)} KiB, p95)`,
      limit: '< 500 ms',
      measured: `${sL.p95} ms`,
      pass: sL.p95 !== null && sL.p95 < 500,
    },
    {
      what: 'margin report for a year by teacher right after a change in one branch’s month (that month computed again, p95)',
      limit: '< 500 ms',
      measured: `${sC.p95} ms`,
      pass: sC.p95 !== null && sC.p95 < 500,
    },
  ]
  return {
    branches: BRANCHES,
    groups: BRANCHES * GROUPS,
    seeds: perSeed,
    http_teacher_ms: withMin(sT, http.teacher),
    http_lesson_ms: withMin(sL, http.lesson),
    http_after_change_ms: withMin(sC, http.changed),
    http_cold_ms: withMin(summarize(http.cold), http.cold),
    in_process_kept_ms: withMin(summarize(inproc.kept), inproc.kept),
    in_process_fresh_ms: withMin(summarize(inproc.fresh), inproc.fresh),
    p50_ms: round(sT.p50),
    targets,
  }
}
