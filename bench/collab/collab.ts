import * as Y from 'yjs'
import { openDatabase } from '../../db/client'
import { loadDocRows, readUpdatesAfter } from '../../server/realtime/collab/persistence'
import type { BenchContext, Target } from '../lib/context'
import { stableJson } from '../lib/json'
import { loadAvg } from '../lib/proc'
import { ADMIN_URL } from '../lib/pg'
import { login, runNode, startClubroom, startReference } from '../lib/servers'
import { compare, judgedBy, round, spread, summarize, type Comparison, type Spread } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'

/**
 * "Live documents": N editors on one timetable document, Clubroom (persisting every update to
 * PostgreSQL before broadcasting) vs the in-memory reference server @y/websocket-server 0.1.1,
 * in the same run: for each seed and N, the reference, then Clubroom (interleaved), each a fresh
 * server process (and for Clubroom a fresh database), the server pinned to CPU 0 and the load
 * generator to CPU 1. Both sides get the identical load: stock y-websocket clients, same seed,
 * same schedule; Clubroom's only extra is its session cookie. Every figure is reported as the
 * median with min and max over the seeds, and a comparison is called a difference only when the
 * two sides' min–max ranges do not overlap.
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

/**
 * The sides of the comparison. `clubroom-acks` (opt-in: BENCH_COLLAB_ACKS=1) is Clubroom with
 * its own browser client's extension asked for (`?ext=saved,notice`): every edit acknowledged to
 * its author; not the same load as the reference's, so it is information, never judged.
 */
export type Side = 'reference' | 'clubroom' | 'clubroom-acks' | 'clubroom-batched' | 'clubroom-before'

/**
 * `clubroom-before` (BENCH_COLLAB_BEFORE_DIR=<another checkout>, with node_modules, e.g. from
 * `git archive <commit>`; name it in BENCH_COLLAB_SIDES) is Clubroom as it was: a change's before
 * and after in the same run, interleaved, on the same template database. Information, never judged.
 */
const BEFORE_DIR = process.env.BENCH_COLLAB_BEFORE_DIR

/**
 * `clubroom-batched` (opt-in: BENCH_COLLAB_BATCHED=<ms>, e.g. 25) is Clubroom with a group-commit
 * interval (COLLAB_COMMIT_INTERVAL_MS): fewer commits and writes per edit for up to that much more
 * latency. The same load as the reference's; shown beside the default, information.
 */
const BATCHED_MS = process.env.BENCH_COLLAB_BATCHED ?? '25'

/**
 * The CPU PostgreSQL's backends serving a Clubroom run are pinned to once its edit phase starts
 * (BENCH_PG_CPU: 0, 1, or `none` to leave them to the scheduler).
 */
const PG_CPU = ((v) => (v === 'none' ? null : Number(v)))(process.env.BENCH_PG_CPU ?? '0')

export async function runOne(
  ctx: BenchContext,
  side: Side,
  size: Size,
  rep: number,
  probe = false,
  /** For `clubroom-before`: the checkout to run (default BENCH_COLLAB_BEFORE_DIR). */
  beforeDir = BEFORE_DIR,
): Promise<Run> {
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
  if (side === 'reference') {
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
      return { server: side, ...size, rep, seed, loadavg_before: load0, ...out, ...(probing ? { probe: await probing } : {}) }
    } finally {
      await srv.stop()
    }
  }
  const acks = side === 'clubroom-acks'
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
    if (side === 'clubroom-before' && !beforeDir) throw new Error('clubroom-before needs BENCH_COLLAB_BEFORE_DIR')
    const srv = await startClubroom({
      databaseUrl: db.url,
      cpu: 0,
      nodeArgs: prof,
      ...(side === 'clubroom-before' ? { cwd: beforeDir } : {}),
      env: side === 'clubroom-batched' ? { COLLAB_COMMIT_INTERVAL_MS: BATCHED_MS } : { COLLAB_COMMIT_INTERVAL_MS: '0' },
    })
    try {
      const cookie = await login(srv.url, 'owner')
      const room = `workspace:${tpl.ownerId}`
      const probing = probe
        ? runProbe(size, { url: `ws://127.0.0.1:${srv.port}/yjs`, room, cookie, origin: srv.url, acks }, timeoutMs)
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
            acks,
            pgUrl: ADMIN_URL,
            pgDb: db.name,
            // where PostgreSQL's backends for this run go (see PG_CPU)
            ...(PG_CPU === null ? {} : { pgCpu: PG_CPU }),
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
        server: side,
        ...size,
        rep,
        seed,
        loadavg_before: load0,
        pg_commit_ms: commit,
        ...out,
        ...probed,
        reload,
        // every editor saw every edit, and every edit is stored (the log, and snapshot + log, equal the editors' document)
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
  target: { url: string; room: string; cookie?: string; origin?: string; acks?: boolean },
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

/** The figures compared between the sides (paths into a run's result). */
export const FIGURES = {
  server_cpu_us_per_edit: 'server_proc.cpu_us_per_edit',
  server_sys_us_per_edit: 'server_proc.sys_us_per_edit',
  server_main_us_per_edit: 'server_proc.main_thread_us_per_edit',
  pg_cpu_us_per_edit: 'postgres.cpu_us_per_edit',
  edits_per_commit: 'postgres.edits_per_commit',
  first_p50_ms: 'latency_first_ms.p50',
  first_p99_ms: 'latency_first_ms.p99',
  all_p50_ms: 'latency_all_ms.p50',
  all_p99_ms: 'latency_all_ms.p99',
  ack_p99_ms: 'ack_ms.p99',
  edits_per_s: 'edits_per_s',
  server_cpu_pct: 'server_proc.cpu_pct_of_one_core',
  server_sched_us_per_edit: 'server_proc.sched_us_per_edit',
  server_runqueue_wait_pct: 'server_proc.runqueue_wait_pct',
  messages_per_edit: 'messages_received.per_edit',
  rss_before_mb: 'server_proc.rss_before_mb',
  rss_after_mb: 'server_proc.rss_after_mb',
  hwm_mb: 'server_proc.hwm_mb',
  harness_cpu_pct: 'harness.cpu_pct_of_one_core',
  harness_loop_p99_ms: 'harness.eventloop_delay_ms.p99',
  pg_commit_p50_ms: 'pg_commit_ms.p50',
  others_cpu_pct: 'machine.others_pct_of_one_core',
  load1_before: 'loadavg_before.0',
} as const
export type Figure = keyof typeof FIGURES

/** Median, min and max of every figure over runs of one side and size. */
function aggregate(runs: Run[]) {
  const figures = {} as Record<Figure, Spread>
  for (const [k, path] of Object.entries(FIGURES)) figures[k as Figure] = spread(runs.map((r) => get(r, path)))
  return {
    runs: runs.length,
    converged: runs.filter((r) => r.converged).length,
    offered_edits_per_s: get(runs[0] ?? {}, 'offered_edits_per_s'),
    total_edits: spread(runs.map((r) => get(r, 'total_edits'))),
    reconnects: runs.reduce((n, r) => n + (Number(r.reconnects) || 0), 0),
    figures,
  }
}
export type Aggregate = ReturnType<typeof aggregate>

/** The sides this run compares: BENCH_COLLAB_SIDES (a comma list), or BENCH_COLLAB_ACKS=1 to add Clubroom with its own client's acks. */
export function collabSides(): Side[] {
  if (process.env.BENCH_COLLAB_BATCHED && !process.env.BENCH_COLLAB_SIDES) return ['reference', 'clubroom', 'clubroom-batched']
  return process.env.BENCH_COLLAB_ACKS === '1'
    ? ['reference', 'clubroom', 'clubroom-acks']
    : process.env.BENCH_COLLAB_SIDES
      ? (process.env.BENCH_COLLAB_SIDES.split(',') as Side[])
      : ['reference', 'clubroom']
}

export async function runCollab(ctx: BenchContext) {
  // BENCH_COLLAB_SIZES=200 runs only those sizes (experiments); BENCH_SERVER_NODE_ARGS adds flags to Clubroom's node
  const only = process.env.BENCH_COLLAB_SIZES?.split(',').map(Number)
  const sizes = (ctx.quick ? QUICK_SIZES : FULL_SIZES).filter((z) => !only || only.includes(z.n))
  // three seeds at least (a p99 of 400 edits is the 4th-worst edit); the quick check runs one
  const reps = ctx.reps ?? (ctx.quick ? 1 : 3)
  const sides = collabSides()
  const runs: Run[] = []
  // interleaved: seed 1 of every N (reference, then Clubroom), then seed 2, … — a noisy stretch of
  // the shared machine hits both sides alike
  for (let rep = 1; rep <= reps; rep++) {
    for (const size of sizes) {
      for (const side of sides) {
        ctx.log(`collab: ${side} N=${size.n} seed ${rep}/${reps} (load average ${loadAvg().join(' ')})`)
        const r = await runOne(ctx, side, size, rep)
        ctx.log(
          `  → ${r.status} edits/s ${r.edits_per_s} first p50/p99 ${r.latency_first_ms?.p50}/${r.latency_first_ms?.p99} all p99 ${r.latency_all_ms?.p99} cpu µs/edit ${r.server_proc?.cpu_us_per_edit} pg µs/edit ${r.postgres?.cpu_us_per_edit ?? '-'} others ${r.machine?.others_pct_of_one_core}% converged ${r.converged}`,
        )
        runs.push(r)
      }
    }
  }
  // BENCH_COLLAB_PROBE=1: one more round per size with the probe editor (kept apart: its edits would change the per-edit figures above)
  const probeRuns: Run[] = []
  if (process.env.BENCH_COLLAB_PROBE === '1') {
    for (const size of sizes) {
      for (const side of sides) {
        ctx.log(`collab: ${side} N=${size.n} with the probe editor`)
        const r = await runOne(ctx, side, size, reps + 1, true)
        ctx.log(
          `  → ${r.status} probe: seen p50/p99 ${r.probe?.seen_ms?.p50}/${r.probe?.seen_ms?.p99} (${r.probe?.edits} edits); load generator first p99 ${r.latency_first_ms?.p99} converged ${r.converged}`,
        )
        delete r.final_json
        probeRuns.push(r)
      }
    }
  }
  const summary: Run[] = []
  for (const size of sizes) {
    const bySide: Partial<Record<Side, Aggregate>> = {}
    for (const side of sides) bySide[side] = aggregate(runs.filter((r) => r.server === side && r.n === size.n))
    const c = bySide.clubroom
    const ref = bySide.reference
    if (!c || !ref) {
      summary.push({ ...size, ...bySide }) // an experiment with one side only: nothing to compare
      continue
    }
    const cmp = (k: Figure, factor = 1) => compare(c.figures[k], ref.figures[k], factor)
    summary.push({
      ...size,
      ...bySide,
      vs_reference: {
        server_cpu_us_per_edit: cmp('server_cpu_us_per_edit'),
        first_p99_ms: cmp('first_p99_ms'),
        all_p99_ms: cmp('all_p99_ms'),
        first_p50_ms: cmp('first_p50_ms'),
        rss_after_mb: cmp('rss_after_mb'),
        // the target "first-seen p99 within 1.5× the reference's": Clubroom against 1.5 × the reference
        first_p99_vs_1_5x: cmp('first_p99_ms', 1.5),
      },
    })
  }
  const targets = collabTargets(summary)
  return { reps, sizes, sides, summary, targets, runs, probe_runs: probeRuns }
}

const range = (s: Spread, unit: string) => `${s.median ?? '—'} ${unit} (${s.min ?? '—'}–${s.max ?? '—'})`

/**
 * What the runs are judged on (issue #12): at 50 and 200 editors, Clubroom's server CPU per edit
 * no more than the reference's, its first-seen p99 within 1.5× the reference's, every run
 * converged. A limit is PASS only when the ranges say so (Clubroom's max below the reference's
 * min), FAIL when they say the opposite, and "not shown" when they overlap.
 */
export function collabTargets(summary: Run[]): Target[] {
  const targets: Target[] = []
  for (const s of summary) {
    if (!s.vs_reference) continue
    const c = s.clubroom as Aggregate
    const ref = s.reference as Aggregate
    const judged = s.n === 50 || s.n === 200
    const cpu = s.vs_reference.server_cpu_us_per_edit as Comparison
    const first = s.vs_reference.first_p99_vs_1_5x as Comparison
    const ratio = (k: Comparison) => `×${k.ratio ?? '—'} (${k.range[0] ?? '—'}–${k.range[1] ?? '—'})`
    targets.push({
      what: `N=${s.n}: server CPU per edit, Clubroom (+ PostgreSQL's beside it) vs the reference, median (min–max) of ${c.runs} seeds`,
      limit: judged ? '≤ reference' : 'info',
      measured: `${range(c.figures.server_cpu_us_per_edit, 'µs')} vs ${range(ref.figures.server_cpu_us_per_edit, 'µs')}: ${ratio(cpu)}; PostgreSQL ${range(c.figures.pg_cpu_us_per_edit, 'µs')} on top`,
      ...(judged ? judgedBy(cpu.verdict) : { pass: null }),
    })
    targets.push({
      what: `N=${s.n}: first-seen p99 (load generator), Clubroom vs the reference`,
      limit: judged ? '≤ 1.5 × reference' : 'info',
      measured: `${range(c.figures.first_p99_ms, 'ms')} vs ${range(ref.figures.first_p99_ms, 'ms')}: ${ratio(s.vs_reference.first_p99_ms as Comparison)}`,
      ...(judged ? judgedBy(first.verdict) : { pass: null }),
    })
    targets.push({
      what: `N=${s.n}: converged (every editor saw every edit; for Clubroom every edit stored, reloaded from PostgreSQL)`,
      limit: 'every run',
      measured: `Clubroom ${c.converged}/${c.runs}, reference ${ref.converged}/${ref.runs}`,
      pass: c.converged === c.runs && ref.converged === ref.runs && c.runs > 0,
    })
  }
  return targets
}
