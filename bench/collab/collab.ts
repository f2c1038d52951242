import * as Y from 'yjs'
import { openDatabase } from '../../db/client'
import { loadDocRows, readUpdatesAfter } from '../../server/realtime/collab/persistence'
import type { BenchContext, Target } from '../lib/context'
import { stableJson } from '../lib/json'
import { loadAvg } from '../lib/proc'
import { ADMIN_URL } from '../lib/pg'
import { login, runNode, startClubroom, startReference } from '../lib/servers'
import { median, round, summarize } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'

/**
 * "Live documents": N editors on one timetable document, Clubroom (persisting every update to
 * PostgreSQL before broadcasting) vs the in-memory reference server @y/websocket-server 0.1.1.
 * Server on CPU 0, load generator on CPU 1, a fresh server (and for Clubroom a fresh database)
 * per run, runs interleaved: rep 1 of every (N, server), then rep 2, …
 */

export interface Size {
  n: number
  rate: number
  m: number
}
export const FULL_SIZES: Size[] = [
  { n: 10, rate: 50, m: 1000 },
  { n: 50, rate: 2, m: 40 },
  { n: 200, rate: 0.1, m: 2 },
]
export const QUICK_SIZES: Size[] = [
  { n: 10, rate: 50, m: 200 },
  { n: 50, rate: 2, m: 10 },
  { n: 200, rate: 0.1, m: 1 },
]

type Run = Record<string, any>

/** The document as the server would load it (snapshot + later updates) and as the full log, vs the editors' final JSON. */
async function reloadCheck(url: string, doc: string, finalJson: string) {
  const database = await openDatabase({ url, max: 2 })
  try {
    const t0 = performance.now()
    const rows = await loadDocRows(database.db, doc)
    const loaded = new Y.Doc()
    if (rows.snapshot) Y.applyUpdate(loaded, rows.snapshot.state)
    if (rows.updates.length) Y.applyUpdate(loaded, Y.mergeUpdates(rows.updates.map((u) => u.update)))
    const loadMs = performance.now() - t0
    const all = await readUpdatesAfter(database.db, doc, 0)
    const replay = new Y.Doc()
    for (const u of all) Y.applyUpdate(replay, u.update)
    const j1 = stableJson(loaded.getMap('lessons').toJSON())
    const j2 = stableJson(replay.getMap('lessons').toJSON())
    return {
      rows: all.length,
      snapshot_seq: rows.snapshot?.seq ?? null,
      pending: Boolean(loaded.store.pendingStructs || loaded.store.pendingDs),
      load_ms: round(loadMs),
      equal_loaded: j1 === finalJson,
      equal_full_log: j2 === finalJson,
    }
  } finally {
    await database.close()
  }
}

/** Latency of a one-row INSERT + COMMIT on the run's database (fsync included): the floor under Clubroom's acks. */
async function commitProbe(url: string, n = 60) {
  const { default: postgres } = await import('postgres')
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await sql`create table bench_commit_probe (x int)`
    const ms: number[] = []
    for (let i = 0; i < n; i++) {
      const t0 = performance.now()
      await sql.begin((tx) => tx`insert into bench_commit_probe values (${i})`)
      ms.push(performance.now() - t0)
    }
    await sql`drop table bench_commit_probe`
    return summarize(ms)
  } finally {
    await sql.end({ timeout: 2 })
  }
}

async function runOne(ctx: BenchContext, server: 'clubroom' | 'reference', size: Size, rep: number, probe = false): Promise<Run> {
  const seed = rep
  const common = {
    n: size.n,
    m: size.m,
    rate: size.rate,
    duration: Math.ceil((size.m / size.rate) * 2) + 10,
    settle: 30,
    connectTimeout: 90,
    seed,
  }
  const timeoutMs = (common.connectTimeout + common.duration + common.settle + 60) * 1000
  const load0 = loadAvg()
  if (server === 'reference') {
    const srv = await startReference({ cpu: 0 })
    try {
      const room = `bench-n${size.n}-r${rep}-${Date.now().toString(36)}`
      const probing = probe ? runProbe(size, { url: `ws://127.0.0.1:${srv.port}`, room }, timeoutMs) : null
      const r = await runNode({
        script: 'bench/collab/load.ts',
        args: [JSON.stringify({ ...common, url: `ws://127.0.0.1:${srv.port}`, room, pid: srv.pid })],
        cpu: 1,
        nodeArgs: ['--max-semi-space-size=32'],
        timeoutMs,
      })
      const out = parseLast(r.stdout, r.stderr)
      delete out.final_json
      return { server, ...size, rep, loadavg_before: load0, ...out, ...(probing ? { probe: await probing } : {}) }
    } finally {
      await srv.stop()
    }
  }
  const tpl = await clubroomTemplate()
  const db = await tpl.clone(`collab_n${size.n}`)
  try {
    const commit = await commitProbe(db.url)
    // BENCH_CPU_PROF=<dir>: the Clubroom server writes V8 CPU profiles there on exit (one per thread:
    // the main thread's is the largest; tsx's loader thread writes one too). Cut to the run's
    // edit phase with its `edit_window_us` (CLOCK_MONOTONIC µs, the profiles' clock).
    const prof = [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ]
    const srv = await startClubroom({ databaseUrl: db.url, cpu: 0, nodeArgs: prof })
    try {
      const cookie = await login(srv.url, 'owner')
      const room = `workspace:${tpl.ownerId}`
      const probing = probe
        ? runProbe(size, { url: `ws://127.0.0.1:${srv.port}/yjs`, room, cookie, origin: srv.url }, timeoutMs)
        : null
      const r = await runNode({
        script: 'bench/collab/load.ts',
        args: [
          JSON.stringify({
            ...common,
            url: `ws://127.0.0.1:${srv.port}/yjs`,
            room,
            pid: srv.pid,
            cookie,
            origin: srv.url,
            acks: true,
            pgUrl: ADMIN_URL,
            pgDb: db.name,
          }),
        ],
        cpu: 1,
        nodeArgs: ['--max-semi-space-size=32'],
        timeoutMs,
      })
      const out = parseLast(r.stdout, r.stderr + srv.log())
      const finalJson = out.final_json as string | undefined
      delete out.final_json
      const reload = finalJson ? await reloadCheck(db.url, room, finalJson) : null
      const probed = probing ? { probe: await probing } : {}
      return {
        server,
        ...size,
        rep,
        loadavg_before: load0,
        pg_commit_ms: commit,
        ...out,
        ...probed,
        reload,
        converged: Boolean(out.converged && reload?.equal_loaded && reload.equal_full_log && !reload.pending),
      }
    } finally {
      await srv.stop()
    }
  } finally {
    await db.drop()
  }
}

/** Probe editing rate: enough samples for a p99 without changing the load much (one more editor). */
const PROBE_RATE = 10

/** One more editor in its own process (bench/collab/probe.ts), editing during the first 80 % of the load's edit phase. */
async function runProbe(
  size: Size,
  target: { url: string; room: string; cookie?: string; origin?: string },
  timeoutMs: number,
): Promise<Run> {
  const seconds = Math.max(2, Math.round((size.m / size.rate) * 0.8))
  const r = await runNode({
    script: 'bench/collab/probe.ts',
    args: [JSON.stringify({ ...target, rate: PROBE_RATE, seconds, timeoutS: Math.round(timeoutMs / 1000) })],
    cpu: 1,
    timeoutMs,
  })
  return parseLast(r.stdout, r.stderr)
}

function parseLast(stdout: string, context: string): Run {
  const line = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop()
  if (!line) return { status: 'no-output', converged: false, error: context.slice(-2000) }
  return JSON.parse(line) as Run
}

const get = (o: Run, path: string): number | null => {
  let v: unknown = o
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined
  return typeof v === 'number' ? v : null
}

/** Median over runs of each figure. */
function aggregate(runs: Run[]) {
  const m = (path: string) => round(median(runs.map((r) => get(r, path))))
  return {
    runs: runs.length,
    converged: runs.filter((r) => r.converged).length,
    edits_per_s: m('edits_per_s'),
    offered_edits_per_s: m('offered_edits_per_s'),
    total_edits: m('total_edits'),
    first: { p50: m('latency_first_ms.p50'), p95: m('latency_first_ms.p95'), p99: m('latency_first_ms.p99') },
    all: { p50: m('latency_all_ms.p50'), p95: m('latency_all_ms.p95'), p99: m('latency_all_ms.p99') },
    ack: { p50: m('ack_ms.p50'), p95: m('ack_ms.p95'), p99: m('ack_ms.p99') },
    server_cpu_us_per_edit: m('server_proc.cpu_us_per_edit'),
    server_cpu_pct: m('server_proc.cpu_pct_of_one_core'),
    server_sched_us_per_edit: m('server_proc.sched_us_per_edit'),
    server_runqueue_wait_pct: m('server_proc.runqueue_wait_pct'),
    pg_cpu_us_per_edit: m('postgres.cpu_us_per_edit'),
    rss_before_mb: m('server_proc.rss_before_mb'),
    rss_after_mb: m('server_proc.rss_after_mb'),
    hwm_mb: m('server_proc.hwm_mb'),
    harness_cpu_pct: m('harness.cpu_pct_of_one_core'),
    harness_floor_ms: m('harness.floor_ms'),
    harness_loop_p99_ms: m('harness.eventloop_delay_ms.p99'),
    reload_rows: m('reload.rows'),
    pg_commit_p50_ms: m('pg_commit_ms.p50'),
    pg_commit_p99_ms: m('pg_commit_ms.p99'),
    others_cpu_pct: m('machine.others_pct_of_one_core'),
    reconnects: runs.reduce((n, r) => n + (Number(r.reconnects) || 0), 0),
  }
}

export async function runCollab(ctx: BenchContext) {
  // BENCH_COLLAB_SIZES=200 runs only those sizes (experiments); BENCH_SERVER_NODE_ARGS adds flags to Clubroom's node
  const only = process.env.BENCH_COLLAB_SIZES?.split(',').map(Number)
  const sizes = (ctx.quick ? QUICK_SIZES : FULL_SIZES).filter((z) => !only || only.includes(z.n))
  // as the anchors: medians of three repetitions (a p99 of 400 edits is the 4th-worst edit)
  const reps = ctx.reps ?? (ctx.quick ? 1 : 3)
  const runs: Run[] = []
  for (let rep = 1; rep <= reps; rep++) {
    for (const size of sizes) {
      for (const server of ['clubroom', 'reference'] as const) {
        ctx.log(`collab: ${server} N=${size.n} rep ${rep}/${reps}`)
        const r = await runOne(ctx, server, size, rep)
        ctx.log(
          `  → ${r.status} edits/s ${r.edits_per_s} first p50/p99 ${r.latency_first_ms?.p50}/${r.latency_first_ms?.p99} all p99 ${r.latency_all_ms?.p99} ack p99 ${r.ack_ms?.p99 ?? '-'} cpu µs/edit ${r.server_proc?.cpu_us_per_edit} others ${r.machine?.others_pct_of_one_core}% converged ${r.converged}`,
        )
        runs.push(r)
      }
    }
  }
  // one more round per size with the probe editor (kept apart: its edits would change the per-edit figures above)
  const probeRuns: Run[] = []
  if (process.env.BENCH_COLLAB_PROBE !== '0') {
    for (const size of sizes) {
      for (const server of ['clubroom', 'reference'] as const) {
        ctx.log(`collab: ${server} N=${size.n} with the probe editor`)
        const r = await runOne(ctx, server, size, reps + 1, true)
        ctx.log(
          `  → ${r.status} probe: seen p50/p99 ${r.probe?.seen_ms?.p50}/${r.probe?.seen_ms?.p99} ack p50/p99 ${r.probe?.ack_ms?.p50 ?? '-'}/${r.probe?.ack_ms?.p99 ?? '-'} (${r.probe?.edits} edits); load generator first p99 ${r.latency_first_ms?.p99} converged ${r.converged}`,
        )
        delete r.final_json
        probeRuns.push(r)
      }
    }
  }
  const summary: Run[] = []
  for (const size of sizes) {
    const c = aggregate(runs.filter((r) => r.server === 'clubroom' && r.n === size.n))
    const ref = aggregate(runs.filter((r) => r.server === 'reference' && r.n === size.n))
    const ratio = (a: number | null, b: number | null) => (a !== null && b ? round(a / b) : null)
    summary.push({
      ...size,
      clubroom: c,
      reference: ref,
      ratio: {
        cpu_per_edit: ratio(c.server_cpu_us_per_edit, ref.server_cpu_us_per_edit),
        first_p50: ratio(c.first.p50, ref.first.p50),
        first_p99: ratio(c.first.p99, ref.first.p99),
        all_p50: ratio(c.all.p50, ref.all.p50),
        all_p99: ratio(c.all.p99, ref.all.p99),
        rss_after: ratio(c.rss_after_mb, ref.rss_after_mb),
      },
    })
  }
  const targets = collabTargets(summary, probeRuns)
  return { reps, sizes, summary, targets, runs, probe_runs: probeRuns }
}

/**
 * What the runs are judged on. The issue sets the limits at 200 editors; smaller sizes are shown
 * against them for information. At 200 editors one load-generator process applies 199 deliveries of
 * every edit for all its editors, and its own event loop lags 45–70 ms at p99 ("one client process
 * on 2 cores saturates before the server does"): its latencies carry that lag. So the latency limits
 * are judged on the probe, one more stock editor in a process of its own during the same load, and
 * the load generator's figures are shown beside its event-loop delay.
 */
export function collabTargets(summary: Run[], probeRuns: Run[]): Target[] {
  const targets: Target[] = []
  const s200 = summary.find((s) => s.n === 200)
  if (s200) {
    const c = s200.clubroom
    const ref = s200.reference
    targets.push({
      what: 'N=200: server CPU per edit ≤ reference',
      limit: `≤ ${ref.server_cpu_us_per_edit} µs`,
      measured: `${c.server_cpu_us_per_edit} µs (×${s200.ratio.cpu_per_edit})`,
      pass:
        c.server_cpu_us_per_edit !== null && ref.server_cpu_us_per_edit !== null
          ? c.server_cpu_us_per_edit <= ref.server_cpu_us_per_edit
          : null,
    })
  }
  for (const s of summary) {
    const c = s.clubroom
    const judged = s.n === 200
    const probeRun = probeRuns.find((r) => r.server === 'clubroom' && r.n === s.n)
    const probeRef = probeRuns.find((r) => r.server === 'reference' && r.n === s.n)
    if (probeRun?.probe?.seen_ms)
      targets.push({
        what: `N=${s.n}: first-seen p99: an edit → seen by one more stock editor in its own process, during the N-editor load`,
        limit: judged ? '< 20 ms' : 'info (< 20 ms at N=200)',
        measured: `${probeRun.probe.seen_ms.p99} ms (p50 ${probeRun.probe.seen_ms.p50}; reference ${probeRef?.probe?.seen_ms?.p99 ?? '—'})`,
        pass: judged ? probeRun.probe.seen_ms.p99 < 20 : null,
      })
    targets.push({
      what: `N=${s.n}: … first-seen p99 in the load generator (the first of the other ${s.n - 1} editors in its one process, behind its own event loop), median of ${c.runs}`,
      limit: 'info',
      measured: `${c.first.p99} ms (p95 ${c.first.p95}; reference ${s.reference.first.p99}; load generator event-loop delay p99 ${c.harness_loop_p99_ms ?? '—'} ms)`,
      pass: null,
    })
    if (probeRun?.probe?.ack_ms)
      targets.push({
        what: `N=${s.n}: saved-ack p99 of one more editor in its own process (${probeRun.probe.edits} edits)`,
        limit: judged ? '< 50 ms' : 'info',
        measured: `${probeRun.probe.ack_ms.p99} ms (p50 ${probeRun.probe.ack_ms.p50})`,
        pass: judged ? probeRun.probe.ack_ms.p99 < 50 : null,
      })
    targets.push({
      what: `N=${s.n}: … saved-ack p99 of the load generator's editors (behind its own queue of deliveries)`,
      limit: 'info',
      measured: `${c.ack.p99} ms (load generator event-loop delay p99 ${c.harness_loop_p99_ms ?? '—'} ms)`,
      pass: null,
    })
    targets.push({
      what: `N=${s.n}: converged (editors, and reloaded from PostgreSQL)`,
      limit: 'every run',
      measured: `${c.converged}/${c.runs}`,
      pass: c.converged === c.runs && c.runs > 0,
    })
  }
  return targets
}
