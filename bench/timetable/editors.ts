import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import * as Y from 'yjs'
import { openDatabase, queryRows } from '../../db/client'
import {
  addDays,
  encodeTimetableDocName,
  isoWeekOf,
  mondayOf,
  readLessons,
  zonedDateTime,
} from '../../domain/docs/timetable-week'
import { loadTimetableContext } from '../../server/modules/timetable/context'
import { refreshClashes } from '../../server/modules/timetable/clashes'
import { projectWeek } from '../../server/modules/timetable/projection'
import { loadDocRows, readUpdatesAfter } from '../../server/realtime/collab/persistence'
import type { BenchContext, Target } from '../lib/context'
import { stableJson } from '../lib/json'
import { ADMIN_URL } from '../lib/pg'
import { loadAvg } from '../lib/proc'
import { login, runNode, startClubroom } from '../lib/servers'
import { median, round } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'
import { projectedCount, seedBenchBranch } from './data'

/**
 * "20 receptionists editing one week" (issue Timetable: propagation p99 < 100 ms). A fresh copy of
 * the demo database with the benchmark branch (30 rooms, 40 teachers, 200 groups, 20 receptionist
 * accounts); the first week of the term generated through the API (~400 lessons, as the front desk
 * starts from); Clubroom as its own process on CPU 0; every receptionist logs in (own session) and
 * the load generator (bench/timetable/editors-load.ts, its own process on CPU 1) edits the week
 * document at 2 edits/s each for 20 s. Afterwards the document as reloaded from PostgreSQL (latest
 * snapshot + later updates, and the whole log replayed) is compared with the editors' JSON.
 */

type Run = Record<string, any>

async function reloadCheck(url: string, doc: string, finalJson: string) {
  const database = await openDatabase({ url, max: 2 })
  try {
    const rows = await loadDocRows(database.db, doc)
    const loaded = new Y.Doc()
    if (rows.snapshot) Y.applyUpdate(loaded, rows.snapshot.state)
    if (rows.updates.length) Y.applyUpdate(loaded, Y.mergeUpdates(rows.updates.map((u) => u.update)))
    const all = await readUpdatesAfter(database.db, doc, 0)
    const replay = new Y.Doc()
    for (const u of all) Y.applyUpdate(replay, u.update)
    return {
      rows: all.length,
      snapshot_seq: rows.snapshot?.seq ?? null,
      pending: Boolean(loaded.store.pendingStructs || loaded.store.pendingDs),
      equal_loaded: stableJson(loaded.getMap('lessons').toJSON()) === finalJson,
      equal_full_log: stableJson(replay.getMap('lessons').toJSON()) === finalJson,
    }
  } finally {
    await database.close()
  }
}

/**
 * One projection run, in this process on the final document (the server stopped): what the
 * server does after every burst of commits (debounced 100 ms) — projectWeek for one lesson
 * moved by a quarter of an hour (a real change: the projection writes only what differs) — and its parts: readLessons (every lesson of the week to JSON), loadTimetableContext
 * (one query), refreshClashes over the whole week (every lesson around it, the clash check, the open alerts).
 * Wall and CPU time of this process (JS, drizzle's query building, postgres-js), medians of `n`.
 */
async function projectionCost(url: string, docName: string, branchId: string, week: string, n: number) {
  const database = await openDatabase({ url, max: 2 })
  try {
    const db = database.db
    const rows = await loadDocRows(db, docName)
    const doc = new Y.Doc()
    if (rows.snapshot) Y.applyUpdate(doc, rows.snapshot.state)
    if (rows.updates.length) Y.applyUpdate(doc, Y.mergeUpdates(rows.updates.map((u) => u.update)))
    const ids = [...doc.getMap('lessons').keys()]
    const timed = async <T>(fn: () => Promise<T> | T): Promise<{ wall: number; cpu: number; v: T }> => {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const v = await fn()
      const c = process.cpuUsage(c0)
      return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, v }
    }
    const weekStart = new Date(mondayOf(week) + 'T00:00:00Z')
    const from = new Date(weekStart.getTime() - 86_400_000)
    const to = new Date(weekStart.getTime() + 8 * 86_400_000)
    const samples: Record<string, Array<{ wall: number; cpu: number }>> = {
      project_week: [],
      read_lessons: [],
      load_context: [],
      refresh_clashes: [],
    }
    let windowRows = 0
    for (let i = 0; i < n + 2; i++) {
      const keep = i >= 2 // two warm-up rounds
      // a real edit first (the lesson moves by a quarter of an hour, back and forth): the projection
      // writes only what differs, so re-projecting an unchanged lesson would cost next to nothing
      const id = ids[i % ids.length]
      const lesson = doc.getMap<Y.Map<unknown>>('lessons').get(id)
      if (lesson instanceof Y.Map) {
        const shift = (iso: unknown) => {
          const m = /^(\d{4}-\d{2}-\d{2}T)(\d{2}):(\d{2})(.*)$/.exec(String(iso))
          if (!m) return iso
          const min = Math.min(23 * 60 + 59, Math.max(0, Number(m[2]) * 60 + Number(m[3]) + (i % 2 ? -15 : 15)))
          return `${m[1]}${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}${m[4]}`
        }
        doc.transact(() => {
          lesson.set('start', shift(lesson.get('start')))
          lesson.set('end', shift(lesson.get('end')))
        })
      }
      const pw = await timed(() =>
        projectWeek(db, { branchId, week, doc, changedKeys: new Set([`lessons.${id}`]), actorId: null }),
      )
      const rl = await timed(() => readLessons(doc))
      const lc = await timed(() => loadTimetableContext(db))
      const rc = await timed(() => db.transaction((tx) => refreshClashes(tx, from, to, lc.v, null)))
      if (i === 0)
        windowRows =
          (
            await queryRows<{ n: number }>(
              db,
              sql`select count(*)::int as n from lessons where deleted = false and starts_at <= ${to.toISOString()} and ends_at >= ${from.toISOString()}`,
            )
          )[0]?.n ?? 0
      if (!keep) continue
      samples.project_week.push(pw)
      samples.read_lessons.push(rl)
      samples.load_context.push(lc)
      samples.refresh_clashes.push(rc)
    }
    const med = (xs: Array<{ wall: number; cpu: number }>) => ({
      wall_ms: round(median(xs.map((x) => x.wall))),
      cpu_ms: round(median(xs.map((x) => x.cpu))),
    })
    return {
      samples: n,
      lessons_in_doc: ids.length,
      lessons_in_clash_window: windowRows,
      ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, med(v)])),
    }
  } finally {
    await database.close()
  }
}

function parseLast(stdout: string, context: string): Run {
  const line = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop()
  if (!line) return { status: 'no-output', converged: false, error: context.slice(-3000) }
  return JSON.parse(line) as Run
}

export async function runTimetableEditors(ctx: BenchContext) {
  const n = 20
  const rate = 2
  const seconds = ctx.quick ? 10 : 20
  const m = rate * seconds
  const tpl = await clubroomTemplate()
  const db = await tpl.clone('tteditors')
  const load0 = loadAvg()
  try {
    const branch = await seedBenchBranch(db.url, { receptionists: n, seed: 11 })
    const monday = branch.from
    const week = isoWeekOf(monday)
    const room = encodeTimetableDocName(branch.branchId, week)
    const dates = Array.from({ length: 6 }, (_, i) => addDays(monday, i))
    const offset = zonedDateTime(monday, '12:00', branch.timezone).slice(-6)
    // BENCH_TT_CPU_PROF=<dir>: a V8 CPU profile of the server (written when it stops)
    const prof = process.env.BENCH_TT_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_TT_CPU_PROF}`] : []
    const srv = await startClubroom({ databaseUrl: db.url, cpu: 0, nodeArgs: prof })
    let out: Run
    let prep: Run
    try {
      const cookies: string[] = []
      for (let i = 0; i < n; i += 5)
        cookies.push(...(await Promise.all(branch.receptionists.slice(i, i + 5).map((l) => login(srv.url, l)))))
      // the week as the front desk finds it: generated from the groups' patterns
      const t0 = performance.now()
      const res = await fetch(`${srv.url}/api/timetable/generate`, {
        method: 'POST',
        headers: { cookie: cookies[0], origin: srv.url, 'content-type': 'application/json' },
        body: JSON.stringify({ branchId: branch.branchId, from: monday, to: addDays(monday, 6) }),
      })
      const gen = (await res.json()) as { created: number }
      if (res.status !== 200) throw new Error(`generate: ${res.status} ${JSON.stringify(gen)}`)
      const sqlc = postgres(db.url, { max: 1, onnotice: () => {} })
      try {
        for (let i = 0; i < 500 && (await projectedCount(sqlc, branch.branchId)) < gen.created; i++)
          await new Promise((r) => setTimeout(r, 20))
      } finally {
        await sqlc.end({ timeout: 2 })
      }
      prep = { generated_lessons: gen.created, generate_and_project_ms: round(performance.now() - t0) }
      ctx.log(`timetable-editors: ${gen.created} lessons in ${room}; ${n} receptionists × ${m} edits at ${rate}/s`)
      const opts = {
        url: `ws://127.0.0.1:${srv.port}/yjs`,
        origin: srv.url,
        room,
        branchId: branch.branchId,
        cookies,
        rate,
        m,
        duration: seconds * 2 + 10,
        settle: 30,
        connectTimeout: 60,
        seed: 5,
        rooms: branch.roomIds,
        teachers: branch.teacherIds,
        activities: branch.activityIds,
        dates,
        offset,
        pid: srv.pid,
        dbUrl: db.url,
        pgUrl: ADMIN_URL,
        pgDb: db.name,
        quietSamples: ctx.quick ? 5 : 10,
      }
      const r = await runNode({
        script: 'bench/timetable/editors-load.ts',
        args: [JSON.stringify(opts)],
        cpu: 1,
        nodeArgs: ['--max-semi-space-size=32'],
        timeoutMs: (opts.connectTimeout + opts.duration + opts.settle + 90) * 1000,
      })
      out = parseLast(r.stdout, r.stderr + '\n' + srv.log())
    } finally {
      await srv.stop()
    }
    const finalJson = out.final_json as string | undefined
    delete out.final_json
    const reload = finalJson ? await reloadCheck(db.url, room, finalJson) : null
    const projection_cost = await projectionCost(db.url, room, branch.branchId, week, ctx.quick ? 5 : 10).catch((err) => ({
      error: String(err),
    }))
    const alertStats = await (async () => {
      const sqlc = postgres(db.url, { max: 1, onnotice: () => {} })
      try {
        const [a] =
          await sqlc`select count(*)::int as raised, count(*) filter (where cleared_at is not null)::int as cleared from alerts where kind in ('room_clash', 'teacher_clash', 'over_capacity') and branch_id = ${branch.branchId}`
        return a
      } finally {
        await sqlc.end({ timeout: 2 })
      }
    })()
    const converged = Boolean(out.converged && reload?.equal_loaded && reload.equal_full_log && !reload.pending)
    const all = out.latency_all_ms ?? {}
    const proj = out.projection ?? {}
    const targets: Target[] = [
      {
        what: `${n} receptionists on one week (${out.lessons_at_start ?? '?'} lessons), ${rate} edits/s each for ${seconds} s: edit → seen by every other editor, p99`,
        limit: '< 100 ms',
        measured: `${all.p99} ms (p50 ${all.p50}, p95 ${all.p95})`,
        pass: typeof all.p99 === 'number' ? all.p99 < 100 : false,
      },
      {
        what: '… converged: all editors identical, every edit acknowledged, reload from PostgreSQL identical',
        limit: 'yes',
        measured: converged ? 'yes' : 'no',
        pass: converged,
      },
      {
        what: '… projection (`lessons`) matches the document after the last edit',
        limit: '< 1 s (GET /api/lessons promises "within a second")',
        measured:
          proj.after_last_edit_ms === null || proj.after_last_edit_ms === undefined
            ? 'never (20 s)'
            : `${proj.after_last_edit_ms} ms`,
        pass: typeof proj.after_last_edit_ms === 'number' ? proj.after_last_edit_ms < 1000 : false,
      },
      {
        what: '… acknowledgement (type 100 `saved`), p99',
        limit: 'none set',
        measured: `${out.ack_ms?.p99} ms (p50 ${out.ack_ms?.p50})`,
        pass: null,
      },
    ]
    return {
      editors: n,
      rate_per_editor: rate,
      seconds,
      week: room,
      loadavg_before: load0,
      prep: prep!,
      ...out,
      reload,
      converged,
      projection_cost,
      clash_alerts: alertStats,
      targets,
    }
  } finally {
    await db.drop()
  }
}
