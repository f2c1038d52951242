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

/** The anchors' y-websocket reference row for N=50 (../shared/bench-anchors/RESULTS.md, median of 3). */
export const ANCHOR_N50 = {
  source: '../shared/bench-anchors/RESULTS.md (ywebsocket, N=50, median of 3)',
  edits_per_s: 100,
  all: { p50: 3.21, p95: 8.5, p99: 16.6 },
  first: { p50: 0.72, p99: 6 },
  server_cpu_pct: 8.5,
  server_cpu_us_per_edit: 855,
  rss_before_mb: 56.9,
  rss_after_mb: 73.4,
  harness_cpu_pct: 30.7,
  harness_loop_p99_ms: 5.7,
}

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
  const m = ctx.quick ? 10 : 40
  const { dir, how } = prepareCopy(ctx.log)
  const tpl = await clubroomTemplate()
  const db = await tpl.clone('yload')
  try {
    const srv = await startClubroom({ databaseUrl: db.url, cpu: 0 })
    try {
      const cookie = await login(srv.url, 'owner')
      const args = ['--url', `ws://127.0.0.1:${srv.port}/yjs`, '--room', `workspace:${tpl.ownerId}`, '-n', '50', '-m', String(m), '--rate', '2', '--duration', '60', '--settle', '30', '--seed', '1', '--pid', String(srv.pid), '--cookie', cookie, '--header', `Origin: ${srv.url}`, '-q']
      const cmd = [...pin(1), process.execPath, '--max-semi-space-size=32', 'yload.mjs', ...args]
      const r = spawnSync(cmd[0], cmd.slice(1), { cwd: join(dir, 'bench-anchors'), encoding: 'utf8', timeout: 240_000 })
      const out = JSON.parse(r.stdout) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
      const cpuUs = out.server && out.total_edits ? Math.round((out.server.cpu_s_edit_phase * 1e6) / out.total_edits) : null
      const shown = out.room ? { ...out, room: 'workspace:<owner>' } : out
      return {
        how,
        command: `taskset -c 1 node --max-semi-space-size=32 yload.mjs ${args.map((a) => (a === cookie ? "'clubroom_session=…'" : /\s/.test(a) ? `'${a}'` : a)).join(' ')}`.replace(/--pid \d+/, '--pid $PID').replace(/workspace:[0-9a-f-]+/, "'workspace:<ownerId>'").replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:$PORT'),
        exit_code: r.status,
        yload: shown,
        server_cpu_us_per_edit: cpuUs,
        anchor: ANCHOR_N50,
        targets: [{ what: 'yload N=50 against Clubroom converged', limit: 'converged', measured: String(out.converged), pass: out.converged === true }] as Target[],
      }
    } finally {
      await srv.stop()
    }
  } finally {
    await db.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}
