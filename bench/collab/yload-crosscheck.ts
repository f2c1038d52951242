import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchContext, Target } from '../lib/context'
import { pin } from '../lib/proc'
import { ROOT, login, startClubroom } from '../lib/servers'
import { clubroomTemplate } from '../lib/template'

/**
 * Cross-check with the shared harness: `yload.mjs` from ../shared/bench-anchors (read-only, so
 * copied to a temporary folder) against Clubroom, N=50, exactly as the anchors ran the reference
 * (server on CPU 0, yload on CPU 1, -n 50 -m 40 --rate 2 --seed 1). yload sends the session
 * cookie (--cookie) and the Origin header (--header). Its dependencies (yjs 13.6.33,
 * y-websocket 3.1.0, ws 8.23.0, the versions of its lockfile) are this project's own, linked
 * in; BENCH_YLOAD_NPM_CI=1 runs `npm ci` in the copy instead.
 */

/** The anchors' rows (../shared/bench-anchors/RESULTS.md, median of 3): the y-websocket reference and Hocuspocus with PostgreSQL. */
export const ANCHORS_BY_N: Record<number, { m: number; rate: number; ref: AnchorRow; hocuspocusPg: AnchorRow }> = {
  10: {
    m: 1000,
    rate: 50,
    ref: { edits_per_s: 500.1, all: { p50: 0.54, p95: 2.1, p99: 9.8 }, first: { p50: 0.27, p99: 3.6 }, server_cpu_pct: 10.9, server_cpu_us_per_edit: 221, rss_before_mb: 56.8, rss_after_mb: 86.6, harness_cpu_pct: 22.8, harness_loop_p99_ms: 4.8 },
    hocuspocusPg: { edits_per_s: 500.1, all: { p50: 0.63, p95: 3, p99: 8.5 }, first: { p50: 0.34, p99: 5 }, server_cpu_pct: 14.3, server_cpu_us_per_edit: 290, rss_before_mb: 61.3, rss_after_mb: 94.2, harness_cpu_pct: 24.9, harness_loop_p99_ms: 4 },
  },
  50: {
    m: 40,
    rate: 2,
    ref: { edits_per_s: 100, all: { p50: 3.21, p95: 8.5, p99: 16.6 }, first: { p50: 0.72, p99: 6 }, server_cpu_pct: 8.5, server_cpu_us_per_edit: 855, rss_before_mb: 56.9, rss_after_mb: 73.4, harness_cpu_pct: 30.7, harness_loop_p99_ms: 5.7 },
    hocuspocusPg: { edits_per_s: 100, all: { p50: 3.52, p95: 8.8, p99: 19.4 }, first: { p50: 0.9, p99: 6.3 }, server_cpu_pct: 10.1, server_cpu_us_per_edit: 1020, rss_before_mb: 61.4, rss_after_mb: 78.8, harness_cpu_pct: 32.1, harness_loop_p99_ms: 6 },
  },
  200: {
    m: 2,
    rate: 0.1,
    ref: { edits_per_s: 20, all: { p50: 22.65, p95: 58.4, p99: 204.2 }, first: { p50: 1.27, p99: 38.4 }, server_cpu_pct: 7.1, server_cpu_us_per_edit: 3575, rss_before_mb: 56.9, rss_after_mb: 77.4, harness_cpu_pct: 43, harness_loop_p99_ms: 27.6 },
    hocuspocusPg: { edits_per_s: 20, all: { p50: 24.61, p95: 42.4, p99: 64 }, first: { p50: 1.79, p99: 8.5 }, server_cpu_pct: 6.3, server_cpu_us_per_edit: 3200, rss_before_mb: 61.3, rss_after_mb: 81.6, harness_cpu_pct: 43.2, harness_loop_p99_ms: 26.3 },
  },
}
export interface AnchorRow {
  edits_per_s: number
  all: { p50: number; p95: number; p99: number }
  first: { p50: number; p99: number }
  server_cpu_pct: number
  server_cpu_us_per_edit: number
  rss_before_mb: number
  rss_after_mb: number
  harness_cpu_pct: number
  harness_loop_p99_ms: number
}
export const ANCHOR_SOURCE = '../shared/bench-anchors/RESULTS.md (median of 3, quiet machine)'

const ANCHORS = join(ROOT, '..', 'shared', 'bench-anchors')

function prepareCopy(log: (m: string) => void): { dir: string; how: string } {
  const dir = mkdtempSync(join(tmpdir(), 'clubroom-yload-'))
  cpSync(ANCHORS, join(dir, 'bench-anchors'), { recursive: true })
  const copy = join(dir, 'bench-anchors')
  spawnSync('chmod', ['-R', 'u+w', copy])
  if (process.env.BENCH_YLOAD_NPM_CI === '1') {
    log('yload: npm ci in the copy')
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: copy, stdio: 'inherit', timeout: 300_000 })
    if (r.status !== 0) throw new Error('npm ci failed in the bench-anchors copy')
    return { dir, how: 'copy of ../shared/bench-anchors with `npm ci`' }
  }
  const lock = JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> }
  const mismatch: string[] = []
  for (const p of ['yjs', 'y-websocket', 'ws']) {
    const want = lock.packages[`node_modules/${p}`]?.version
    const have = JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version
    if (want !== have) mismatch.push(`${p} ${have} (lockfile ${want})`)
  }
  if (mismatch.length) throw new Error(`yload's dependencies differ from the project's: ${mismatch.join(', ')}; run with BENCH_YLOAD_NPM_CI=1`)
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'))
  return { dir, how: "copy of ../shared/bench-anchors, node_modules linked to the project's (same yjs, y-websocket, ws versions as yload's lockfile)" }
}

export async function runYloadCrossCheck(ctx: BenchContext) {
  if (!existsSync(join(ANCHORS, 'yload.mjs'))) return { skipped: `${ANCHORS}/yload.mjs not found`, targets: [] as Target[] }
  const sizes = (process.env.BENCH_YLOAD_SIZES ?? '10,50,200').split(',').map(Number).filter((n) => ANCHORS_BY_N[n])
  const { dir, how } = prepareCopy(ctx.log)
  const tpl = await clubroomTemplate()
  const runs: Array<Record<string, unknown>> = []
  const targets: Target[] = []
  let command = ''
  try {
    for (const n of sizes) {
      const a = ANCHORS_BY_N[n]
      const m = ctx.quick ? Math.max(1, Math.round(a.m / 4)) : a.m
      const db = await tpl.clone(`yload${n}`)
      try {
        const srv = await startClubroom({ databaseUrl: db.url, cpu: 0 })
        try {
          const cookie = await login(srv.url, 'owner')
          const args = ['--url', `ws://127.0.0.1:${srv.port}/yjs`, '--room', `workspace:${tpl.ownerId}`, '-n', String(n), '-m', String(m), '--rate', String(a.rate), '--duration', '60', '--settle', '30', '--seed', '1', '--pid', String(srv.pid), '--cookie', cookie, '--header', `Origin: ${srv.url}`, '-q']
          const cmd = [...pin(1), process.execPath, '--max-semi-space-size=32', 'yload.mjs', ...args]
          ctx.log(`yload: N=${n}`)
          const r = spawnSync(cmd[0], cmd.slice(1), { cwd: join(dir, 'bench-anchors'), encoding: 'utf8', timeout: 240_000 })
          const out = JSON.parse(r.stdout) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
          const cpuUs = out.server && out.total_edits ? Math.round((out.server.cpu_s_edit_phase * 1e6) / out.total_edits) : null
          const shown = out.room ? { ...out, room: 'workspace:<owner>' } : out
          command = `taskset -c 1 node --max-semi-space-size=32 yload.mjs ${args.map((x) => (x === cookie ? "'clubroom_session=…'" : /\s/.test(x) ? `'${x}'` : x)).join(' ')}`
            .replace(/--pid \d+/, '--pid $PID')
            .replace(/workspace:[0-9a-f-]+/, "'workspace:<ownerId>'")
            .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:$PORT')
            .replace(/-n \d+ -m \d+ --rate [\d.]+/, '-n $N -m $M --rate $RATE')
          ctx.log(`  → first p50/p99 ${out.latency_first_ms?.p50}/${out.latency_first_ms?.p99} all p99 ${out.latency_all_ms?.p99} cpu µs/edit ${cpuUs} converged ${out.converged}`)
          runs.push({ n, m, rate: a.rate, exit_code: r.status, yload: shown, server_cpu_us_per_edit: cpuUs, anchor: a })
          targets.push({ what: `yload N=${n} against Clubroom converged`, limit: 'converged', measured: String(out.converged), pass: out.converged === true })
          if (n === 200) {
            const p99 = out.latency_first_ms?.p99 as number | undefined
            targets.push({ what: 'yload N=200: first-seen p99 (the anchors\' harness; every update durable in PostgreSQL before broadcast)', limit: '< 20 ms', measured: p99 === undefined ? 'not measured' : `${p99} ms (anchors: reference ${a.ref.first.p99}, Hocuspocus+PostgreSQL ${a.hocuspocusPg.first.p99})`, pass: p99 !== undefined && p99 < 20 })
          }
        } finally {
          await srv.stop()
        }
      } finally {
        await db.drop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return { how, command, source: ANCHOR_SOURCE, runs, targets }
}
