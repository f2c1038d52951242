import { sql } from 'drizzle-orm'
import { openDatabase, queryRows } from '../db/client'
import { readPayroll } from '../server/modules/staff/payroll'
import type { BenchContext, Target } from './lib/context'
import { login, startClubroom } from './lib/servers'
import { round, summarize, type Summary } from './lib/stats'
import { clubroomTemplate } from './lib/template'

/**
 * "Payroll for 50 teachers over a month with 4,000 lessons under 1 s" (issue #19). A fresh copy
 * of the demo-seeded database gets, in the demo's first branch, 50 teachers with employee files
 * and pay schemes of every kind (per lesson, per client, a revenue share, hourly, fixed monthly,
 * and combinations; a tenth change their rates mid-month), and a past month (2025-06) of 4,000
 * lessons marked done as mark-done writes them: the teacher's service, and three sessions written
 * off passes for each (the revenue a share is of). Then the owner asks `GET /api/payroll` over
 * HTTP (several runs of sequential requests after a warm-up), and the same read in this process
 * (`readPayroll`, what the route sends). Each seed (`--reps`) is a new set of rows.
 */

const TEACHERS = 50
const LESSONS = 4_000
const MONTH = '2025-06'

const withMin = (s: Summary, xs: readonly number[]) => ({ ...s, min: xs.length ? round(Math.min(...xs)) : null })

async function plant(url: string, seed: number): Promise<{ branchId: string }> {
  const database = await openDatabase({ url, max: 2, appRole: false })
  try {
    const db = database.db
    const [branch] = await queryRows<{ id: string }>(db, sql`select id from branches order by created_at, name limit 1`)
    const [owner] = await queryRows<{ id: string; hash: string }>(
      db,
      sql`select id, password_hash as hash from users where login = 'owner'`,
    )
    await db.execute(sql`
      insert into users (login, name, roles, password_hash, branch_ids)
      select 'bench-teacher-' || ${seed} || '-' || g, 'Bench Teacher ' || g, array['teacher'], ${owner.hash}, array[${branch.id}::uuid]
      from generate_series(1, ${TEACHERS}) g`)
    await db.execute(sql`
      insert into employees (user_id, name, positions, branch_ids)
      select id, name, array['teacher'], array[${branch.id}::uuid] from users where login like ${`bench-teacher-${seed}-%`}`)
    // schemes by the teacher's number: every kind and combinations; a tenth changes rates on the 16th
    await db.execute(sql`
      with e as (select e.id, row_number() over (order by e.name) as n from employees e join users u on u.id = e.user_id
                 where u.login like ${`bench-teacher-${seed}-%`})
      insert into pay_schemes (employee_id, valid_from, valid_to, per_lesson, per_client, revenue_bp, hourly, monthly)
      select id, date '2020-01-01', case when n % 10 = 0 then date '2025-06-15' end,
        case when n % 5 in (0, 1) then 3000 else 0 end,
        case when n % 5 in (0, 2) then 500 else 0 end,
        case when n % 5 in (0, 3) then 2500 else 0 end,
        case when n % 5 = 4 then 6000 else 0 end,
        case when n % 3 = 0 then 150000 else 0 end
      from e
      union all
      select id, date '2025-06-16', null::date, 4000, 600, 2000, 0, 200000 from e where n % 10 = 0`)
    const [plan] = await queryRows<{ id: string }>(
      db,
      sql`insert into pass_plans (name, activity_ids, sessions, valid_days) values (${`Bench plan ${seed}`}, '{}', 10, 60) returning id`,
    )
    // 4,000 lessons over the month's 30 days, 10:00 UTC + a slot per hour, each teacher in turn
    await db.execute(sql`
      with t as (select id, row_number() over (order by login) - 1 as i from users where login like ${`bench-teacher-${seed}-%`})
      insert into lessons (id, branch_id, doc, starts_at, ends_at, teacher_id, status)
      select 'bench-' || ${seed} || '-' || g, ${branch.id}::uuid, 'bench',
        timestamptz '2025-06-01 06:00:00+00' + ((g % 30) || ' days')::interval + (((g / 30) % 14) || ' hours')::interval,
        timestamptz '2025-06-01 07:00:00+00' + ((g % 30) || ' days')::interval + (((g / 30) % 14) || ' hours')::interval,
        t.id, 'done'
      from generate_series(0, ${LESSONS - 1}) g join t on t.i = g % ${TEACHERS}`)
    await db.execute(sql`
      insert into teacher_services (completion_id, lesson_id, teacher_id, duration_minutes, attending, by)
      select 900000000 + ${seed} * 10000 + row_number() over (order by id), id, teacher_id, 60, 3, teacher_id
      from lessons where id like ${`bench-${seed}-%`}`)
    // three sessions off three passes of 10 000 / 10 for each lesson
    await db.execute(sql`
      with s as (select completion_id, lesson_id, teacher_id, (select starts_at::date from lessons where id = lesson_id) as day
                 from teacher_services where lesson_id like ${`bench-${seed}-%`}),
           p as (
             insert into passes (client_id, plan_id, branch_id, activity_ids, sessions_total, starts_on, valid_until, sold_valid_until, price)
             select gen_random_uuid(), ${plan.id}::uuid, ${branch.id}::uuid, '{}', 10, '2025-06-01', '2025-07-31', '2025-07-31', 10000
             from s, generate_series(1, 3)
             returning id, client_id),
           pn as (select id, client_id, row_number() over () - 1 as i from p),
           sn as (select *, row_number() over () - 1 as i from s)
      insert into pass_visits (client_id, branch_id, pass_id, source, lesson_id, completion_id, "on", by)
      select pn.client_id, ${branch.id}::uuid, pn.id, 'lesson', sn.lesson_id, sn.completion_id, sn.day, sn.teacher_id
      from pn join sn on sn.i = pn.i / 3`)
    await db.execute(sql`analyze`)
    return { branchId: branch.id }
  } finally {
    await database.close()
  }
}

export async function runPayroll(ctx: BenchContext) {
  const requests = ctx.quick ? 10 : 30
  const seeds = ctx.reps ?? (ctx.quick ? 1 : 3)
  const tpl = await clubroomTemplate()
  const http: number[] = []
  const inproc: number[] = []
  const runs: Array<{ seed: number; http_p50: number | null; in_process_p50: number | null; lines: number; total: number }> = []
  for (let seed = 1; seed <= seeds; seed++) {
    const db = await tpl.clone(`payroll${seed}`)
    try {
      ctx.log(`seed ${seed}: planting ${TEACHERS} teachers and ${LESSONS} done lessons in ${MONTH}`)
      const { branchId } = await plant(db.url, seed)
      const srv = await startClubroom({ databaseUrl: db.url, cpu: null })
      try {
        const cookie = await login(srv.url, 'owner')
        const path = `/api/payroll?branchId=${branchId}&month=${MONTH}`
        const get = async () => {
          const t = performance.now()
          const res = await fetch(`${srv.url}${path}`, { headers: { cookie } })
          const body = await res.text()
          const ms = performance.now() - t
          if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}\n${srv.log().slice(-2000)}`)
          const p = (JSON.parse(body) as { payroll: { total: number; employees: Array<{ lines: unknown[] }> } }).payroll
          return { ms, lines: p.employees.reduce((n, e) => n + e.lines.length, 0), total: p.total }
        }
        for (let i = 0; i < 3; i++) await get()
        const run: number[] = []
        let last = { lines: 0, total: 0 }
        for (let i = 0; i < requests; i++) {
          const r = await get()
          run.push(r.ms)
          last = r
        }
        http.push(...run)
        const database = await openDatabase({ url: db.url, max: 2 })
        const own: number[] = []
        try {
          for (let i = 0; i < requests; i++) {
            const t = performance.now()
            await readPayroll(database.db, branchId, MONTH)
            own.push(performance.now() - t)
          }
        } finally {
          await database.close()
        }
        inproc.push(...own)
        runs.push({ seed, http_p50: summarize(run).p50, in_process_p50: summarize(own).p50, ...last })
        ctx.log(`seed ${seed}: ${last.lines} lines, HTTP p50 ${summarize(run).p50} ms, in process p50 ${summarize(own).p50} ms`)
      } finally {
        await srv.stop()
      }
    } finally {
      await db.drop()
    }
  }
  const sHttp = summarize(http)
  const sIn = summarize(inproc)
  const targets: Target[] = [
    {
      what: `GET /api/payroll: ${TEACHERS} teachers, ${LESSONS.toLocaleString('en')} lessons in a month, every line explained (p95, over HTTP)`,
      limit: '< 1 s',
      measured: `${sHttp.p95} ms`,
      pass: sHttp.p95 !== null && sHttp.p95 < 1000,
    },
    {
      what: 'the same payroll computed in process (readPayroll, p95)',
      limit: '< 1 s',
      measured: `${sIn.p95} ms`,
      pass: sIn.p95 !== null && sIn.p95 < 1000,
    },
  ]
  return {
    teachers: TEACHERS,
    lessons: LESSONS,
    month: MONTH,
    seeds,
    runs,
    http_ms: withMin(sHttp, http),
    in_process_ms: withMin(sIn, inproc),
    p50_ms: round(sHttp.p50),
    targets,
  }
}
