import { sql } from 'drizzle-orm'
import { openDatabase, queryRows } from '../../db/client'
import type { BenchContext, Target } from '../lib/context'
import { login, startClubroom } from '../lib/servers'
import { round, summarize } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'
import { EventBus } from '../../server/events/bus'
import { checkIn as checkInCommand, findCheckInLesson } from '../../server/modules/passes/commands/check-in'

/**
 * "A check-in under 50 ms p95 on PostgreSQL with 100,000 clients and 1,000,000 visits" (issue #15).
 * A fresh copy of the migrated, demo-seeded database gets 100,000 clients of the branch Central,
 * each with a pass of the demo's first activity (1,000 sessions, valid a month back to ten months
 * ahead) and ten visits already written off it (1,000,000 ledger rows), and 50 lessons of that
 * activity today (a tenth of everything with --quick). Clubroom runs as its own process; a
 * receptionist of Central checks distinct clients in (`POST /api/check-ins` with the lesson),
 * sequentially, timed from the client after a warm-up: each check-in takes the lesson's lock,
 * chooses and locks the pass, writes the visit and its counter, reviews the pass's flags, marks
 * the roster and writes its audit row, in one transaction.
 */

const LESSONS = 50

async function plant(url: string, quick: boolean): Promise<{ clients: string[]; lessons: string[] }> {
  const database = await openDatabase({ url, max: 2 })
  try {
    const db = database.db
    const [author] = await queryRows<{ id: string; branch: string }>(
      db,
      sql`select id, branch_ids[1] as branch from users where login = 'reception'`,
    )
    const [activity] = await queryRows<{ id: string }>(db, sql`select id from activities order by name limit 1`)
    const [plan] = await queryRows<{ id: string }>(
      db,
      sql`insert into pass_plans (name, activity_ids, sessions, valid_days) values ('Bench 1000', array[${activity.id}::uuid], 1000, 300) returning id`,
    )
    const n = quick ? 10_000 : 100_000
    await db.execute(sql`
      insert into clients (first_name, last_name, branch_id, status)
      select 'Bench', 'Checkin' || g, ${author.branch}::uuid, 'active' from generate_series(1, ${n}) g`)
    await db.execute(sql`
      insert into passes (client_id, plan_id, branch_id, activity_ids, sessions_total, sessions_used, starts_on, valid_until, sold_valid_until, price, created_by)
      select c.id, ${plan.id}::uuid, ${author.branch}::uuid, array[${activity.id}::uuid], 1000, 10, current_date - 30, current_date + 300,
             current_date + 300, 12000, ${author.id}::uuid
      from clients c where c.first_name = 'Bench' and c.last_name like 'Checkin%'`)
    await db.execute(sql`
      insert into pass_visits (client_id, branch_id, pass_id, source, activity_id, "on", at, by)
      select p.client_id, p.branch_id, p.id, 'lesson', ${activity.id}::uuid, current_date - 30 + k * 3, now() - (30 - k * 3) * interval '1 day', ${author.id}::uuid
      from passes p cross join generate_series(0, 9) k where p.plan_id = ${plan.id}::uuid`)
    await db.execute(sql`analyze`)
    const lessons: string[] = []
    const [room] = await queryRows<{ id: string }>(
      db,
      sql`select id from rooms where branch_id = ${author.branch}::uuid order by name limit 1`,
    )
    for (let i = 0; i < LESSONS; i++) {
      const id = `bench-checkin-${i}`
      await db.execute(sql`insert into lessons (id, branch_id, doc, room_id, starts_at, ends_at, activity_id)
        values (${id}, ${author.branch}::uuid, ${'timetable:' + author.branch + ':2000-W01'}, ${room?.id ?? null}::uuid,
          now() + ${i} * interval '1 minute', now() + ${i} * interval '1 minute' + interval '1 hour', ${activity.id}::uuid)`)
      lessons.push(id)
    }
    const clients = await queryRows<{ id: string }>(
      db,
      sql`select id from clients where first_name = 'Bench' and last_name like 'Checkin%' order by random() limit 2000`,
    )
    return { clients: clients.map((c) => c.id), lessons }
  } finally {
    await database.close()
  }
}

export async function runPassCheckIn(ctx: BenchContext) {
  const requests = ctx.quick ? 100 : 600
  const tpl = await clubroomTemplate()
  const db = await tpl.clone('passcheckin')
  try {
    ctx.log(`planting ${ctx.quick ? '10,000' : '100,000'} clients with passes and ten visits each`)
    const t0 = performance.now()
    const { clients, lessons } = await plant(db.url, ctx.quick)
    const plantSeconds = round((performance.now() - t0) / 1000)
    const srv = await startClubroom({ databaseUrl: db.url, cpu: null })
    try {
      const cookie = await login(srv.url, 'reception')
      let k = 0
      const checkIn = async () => {
        const clientId = clients[k % clients.length]
        const lessonId = lessons[Math.floor(k / clients.length) % lessons.length]
        k += 1
        const started = performance.now()
        const res = await fetch(`${srv.url}/api/check-ins`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', origin: srv.url },
          body: JSON.stringify({ clientId, lessonId }),
        })
        const body = await res.text()
        const ms = performance.now() - started
        if (res.status !== 201) throw new Error(`check-in: ${res.status} ${body.slice(0, 300)}\n${srv.log().slice(-2000)}`)
        return ms
      }
      for (let i = 0; i < 30; i++) await checkIn()
      const times: number[] = []
      for (let i = 0; i < requests; i++) times.push(await checkIn())
      const baseline: number[] = []
      for (let i = 0; i < Math.min(requests, 100); i++) {
        const started = performance.now()
        await (await fetch(`${srv.url}/api/auth/me`, { headers: { cookie } })).text()
        baseline.push(performance.now() - started)
      }
      // the same command in this process (no HTTP, no session, nobody listening to its events): what the transaction costs
      const inproc: number[] = []
      const database = await openDatabase({ url: db.url, max: 2 })
      try {
        const [me] = await queryRows<{ id: string; branch: string }>(
          database.db,
          sql`select id, branch_ids[1] as branch from users where login = 'reception'`,
        )
        const actor = {
          id: me.id,
          login: 'reception',
          name: 'reception',
          roles: ['receptionist' as const],
          branchIds: [me.branch],
        }
        for (let i = 0; i < Math.min(requests, 100); i++) {
          const clientId = clients[(k + i) % clients.length]
          const lessonId = lessons[(lessons.length - 1 - (i % lessons.length)) % lessons.length]
          const lesson = await findCheckInLesson(database.db, lessonId)
          if (!lesson) throw new Error('no lesson')
          const started = performance.now()
          await checkInCommand(
            { db: database.db, events: new EventBus(), actor, requestId: `bench-${i}`, audited: false },
            actor,
            { clientId, lessonId },
            { kind: 'lesson', lesson },
          )
          inproc.push(performance.now() - started)
        }
      } finally {
        await database.close()
      }
      const s = summarize(times)
      const targets: Target[] = [
        {
          what: `POST /api/check-ins, ${ctx.quick ? '10,000' : '100,000'} clients and ${ctx.quick ? '100,000' : '1,000,000'} visits (p95, over HTTP)`,
          limit: '< 50 ms',
          measured: `${s.p95} ms`,
          pass: s.p95 !== null && s.p95 < 50,
        },
      ]
      return {
        requests,
        latency_ms: s,
        p50_ms: round(s.p50),
        /** GET /api/auth/me between runs: what any request costs on the machine as it is. */
        baseline_me_ms: summarize(baseline),
        /** The check-in command in the benchmark's process on the same database. */
        command_in_process_ms: summarize(inproc),
        clients: ctx.quick ? 10_000 : 100_000,
        visits: ctx.quick ? 100_000 : 1_000_000,
        plant_seconds: plantSeconds,
        targets,
      }
    } finally {
      await srv.stop()
    }
  } finally {
    await db.drop()
  }
}
