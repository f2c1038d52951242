/**
 * `npm run bench -- start`: how long a start takes and what the process tree holds once started,
 * for the demo center on the embedded database (PGlite) and on PostgreSQL.
 *
 * Three ways to start, interleaved run by run so that they share the machine's load:
 * - before: `npm start` of commit BEFORE_COMMIT (npm → sh → node scripts/start.mjs → node --import
 *   tsx server/main.ts), exported with `git archive` into a temporary folder that uses this tree's
 *   node_modules and built client;
 * - `npm start` now (npm → sh → node scripts/start.mjs, which checks that the build is up to date and
 *   then runs dist/server/main.js in the same process);
 * - `node dist/server/main.js` alone (as in the Docker image).
 * Each starts once on an empty database (cold: migrations and the demo seed), then BENCH_START_RUNS
 * times on that seeded database (warm). Per run: spawn → first 200 from GET /healthz (polled every
 * 10 ms); CPU of the whole tree until then (utime+stime of every process, and of the children
 * already reaped); 5 s later the tree's processes with VmRSS (what `ps` shows, shared pages counted
 * in every process) and Pss (shared pages split between the processes sharing them); then SIGTERM
 * to the group.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchContext, Target } from '../lib/context'
import { createDatabase, dropDatabase, urlFor } from '../lib/pg'
import { BENCH_NICE, loadAvg } from '../lib/proc'
import { ROOT, freePort } from '../lib/servers'
import { median } from '../lib/stats'

/** The last commit before the built server (`npm start` through tsx). */
export const BEFORE_COMMIT = 'e68ba65'
const IDLE_MS = 5000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const CLK_TCK = 100

interface Variant {
  key: string
  label: string
  cwd: string
  argv: string[]
}

export interface ProcRow {
  pid: number
  cmd: string
  rssMb: number
  pssMb: number
}

export interface StartRun {
  variant: string
  db: 'pglite' | 'postgres'
  cold: boolean
  ready_ms: number
  cpu_ms: number
  tree_rss_mb: number
  tree_pss_mb: number
  server_rss_mb: number
  processes: ProcRow[]
  loadavg: number
}

function children(pid: number): number[] {
  const out: number[] = []
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`))
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/).filter(Boolean)) out.push(Number(c))
  } catch {
    /* gone */
  }
  return out
}

/** The process and its descendants, parents first. */
export function processTree(pid: number): number[] {
  return [pid, ...children(pid).flatMap(processTree)]
}

/** utime+stime, and of the reaped children, in ms; 0 when gone. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK
  } catch {
    return 0
  }
}

export function procRow(pid: number): ProcRow | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
    let pss = 0
    try {
      pss = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
    } catch {
      /* no smaps_rollup */
    }
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').replace(ROOT, '')
    return { pid, cmd: cmd.slice(0, 80), rssMb: rss / 1024, pssMb: pss / 1024 }
  } catch {
    return null
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok
  } catch {
    return false
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        /* gone */
      }
    }, 20_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      resolve()
    }
  })
}

async function startOnce(v: Variant, db: StartRun['db'], env: Record<string, string>, cold: boolean): Promise<StartRun> {
  const port = await freePort()
  const drop = new Set(['REDIS_URL', 'PUBLIC_URL', ...(db === 'pglite' ? ['DATABASE_URL', 'SEED_DEMO'] : ['DATA_DIR'])])
  const fullEnv: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !drop.has(e[0])),
    ),
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  }
  const argv = BENCH_NICE ? ['nice', '-n', String(BENCH_NICE), ...v.argv] : v.argv
  const loadavg = loadAvg()[0]
  const t0 = performance.now()
  const child = spawn(argv[0], argv.slice(1), { cwd: v.cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let tail = ''
  const keep = (b: Buffer) => (tail = (tail + b.toString()).slice(-4000))
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  try {
    const url = `http://127.0.0.1:${port}/healthz`
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${v.key} exited with ${child.exitCode}: ${tail}`)
      if (await healthy(url)) break
      if (performance.now() - t0 > 300_000) throw new Error(`${v.key} did not answer /healthz in 300 s: ${tail}`)
      await sleep(10)
    }
    const ready = performance.now() - t0
    const cpu = processTree(child.pid!).reduce((a, p) => a + cpuMs(p), 0)
    await sleep(IDLE_MS)
    const procs = processTree(child.pid!)
      .map(procRow)
      .filter((p): p is ProcRow => p !== null)
    const sum = (k: 'rssMb' | 'pssMb') => procs.reduce((a, p) => a + p[k], 0)
    return {
      variant: v.key,
      db,
      cold,
      ready_ms: Math.round(ready),
      cpu_ms: Math.round(cpu),
      tree_rss_mb: Math.round(sum('rssMb') * 10) / 10,
      tree_pss_mb: Math.round(sum('pssMb') * 10) / 10,
      server_rss_mb: Math.round(Math.max(...procs.map((p) => p.rssMb)) * 10) / 10,
      processes: procs.map((p) => ({ ...p, rssMb: Math.round(p.rssMb * 10) / 10, pssMb: Math.round(p.pssMb * 10) / 10 })),
      loadavg,
    }
  } finally {
    await stopGroup(child)
  }
}

/** Commit BEFORE_COMMIT's tree in a temporary folder, on this tree's node_modules and built client; null when git cannot. */
function exportBefore(dir: string, log: (m: string) => void): string | null {
  const out = join(dir, 'before')
  mkdirSync(out, { recursive: true })
  const archive = spawnSync('git', ['archive', '--format=tar', BEFORE_COMMIT], { cwd: ROOT, maxBuffer: 512 * 1024 * 1024 })
  if (archive.status !== 0) {
    log(`start: no "before" (git archive ${BEFORE_COMMIT}: ${archive.stderr.toString().trim()})`)
    return null
  }
  const tar = spawnSync('tar', ['-x', '-C', out], { input: archive.stdout })
  if (tar.status !== 0) return null
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'))
  // its start script builds the client when missing: the server is measured, not vite
  cpSync(join(ROOT, 'dist', 'client'), join(out, 'dist', 'client'), { recursive: true })
  return out
}

export interface Figure {
  median: number
  min: number
  max: number
}
const figure = (xs: number[]): Figure => ({ median: median(xs) ?? NaN, min: Math.min(...xs), max: Math.max(...xs) })

export async function runStart(ctx: BenchContext): Promise<Record<string, unknown>> {
  const warmRuns = Number(process.env.BENCH_START_RUNS ?? (ctx.quick ? 2 : 5))
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('scripts/build.mjs failed')
  const dir = mkdtempSync(join(tmpdir(), 'clubroom-start-'))
  const databases: string[] = []
  try {
    const before = exportBefore(dir, ctx.log)
    const variants: Variant[] = [
      ...(before
        ? [{ key: 'before', label: `before (${BEFORE_COMMIT}): \`npm start\``, cwd: before, argv: ['npm', 'start'] }]
        : []),
      { key: 'npm', label: '`npm start`', cwd: ROOT, argv: ['npm', 'start'] },
      { key: 'node', label: '`node dist/server/main.js`', cwd: ROOT, argv: [process.execPath, 'dist/server/main.js'] },
    ]
    const envs = new Map<string, Record<string, string>>()
    for (const v of variants) {
      envs.set(`${v.key}/pglite`, { DATA_DIR: join(dir, `data-${v.key}`) })
      const name = await createDatabase(`start_${v.key}`)
      databases.push(name)
      envs.set(`${v.key}/postgres`, { DATABASE_URL: urlFor(name), SEED_DEMO: '1' })
    }
    const runs: StartRun[] = []
    for (let rep = 0; rep <= warmRuns; rep++)
      for (const db of ['pglite', 'postgres'] as const)
        for (const v of variants) {
          const r = await startOnce(v, db, envs.get(`${v.key}/${db}`)!, rep === 0)
          ctx.log(
            `start ${v.key}/${db}${r.cold ? ' (cold)' : ''}: ready ${r.ready_ms} ms, CPU ${r.cpu_ms} ms, tree ${r.tree_rss_mb} MB RSS / ${r.tree_pss_mb} MB PSS (load ${r.loadavg})`,
          )
          runs.push(r)
        }
    const summary: Record<string, unknown> = {}
    for (const v of variants)
      for (const db of ['pglite', 'postgres'] as const) {
        const warm = runs.filter((r) => r.variant === v.key && r.db === db && !r.cold)
        const cold = runs.find((r) => r.variant === v.key && r.db === db && r.cold)
        summary[`${v.key}/${db}`] = {
          label: v.label,
          db,
          runs: warm.length,
          ready_ms: figure(warm.map((r) => r.ready_ms)),
          cpu_ms: figure(warm.map((r) => r.cpu_ms)),
          tree_rss_mb: figure(warm.map((r) => r.tree_rss_mb)),
          tree_pss_mb: figure(warm.map((r) => r.tree_pss_mb)),
          server_rss_mb: figure(warm.map((r) => r.server_rss_mb)),
          processes: warm.at(-1)?.processes.map((p) => p.cmd) ?? [],
          cold: cold ? { ready_ms: cold.ready_ms, cpu_ms: cold.cpu_ms, tree_rss_mb: cold.tree_rss_mb } : null,
        }
      }
    return {
      warm_runs: warmRuns,
      idle_ms: IDLE_MS,
      before_commit: before ? BEFORE_COMMIT : null,
      summary,
      runs,
      targets: targets(summary),
    }
  } finally {
    for (const name of databases) await dropDatabase(name).catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  }
}

type Summary = Record<string, { tree_rss_mb: Figure; ready_ms: Figure; cpu_ms: Figure } | undefined>

const mr = (f: Figure, unit: string, d = 0) => `${f.median.toFixed(d)} ${unit} (${f.min.toFixed(d)}–${f.max.toFixed(d)})`

function targets(summary: Record<string, unknown>): Target[] {
  const s = summary as Summary
  const out: Target[] = []
  const before = (key: string, pick: 'tree_rss_mb' | 'ready_ms', unit: string) =>
    s[key] ? `; before ${mr(s[key][pick], unit)}` : ''
  const npmLite = s['npm/pglite']
  const npmPg = s['npm/postgres']
  if (npmLite) {
    out.push({
      what: 'embedded database (PGlite), demo center, warm: `npm start` process tree RSS 5 s after /healthz, every run',
      limit: '< 300 MB',
      measured: mr(npmLite.tree_rss_mb, 'MB') + before('before/pglite', 'tree_rss_mb', 'MB'),
      pass: npmLite.tree_rss_mb.max < 300,
    })
    out.push({
      what: 'embedded database, warm: `npm start` → /healthz answering, median',
      limit: '< 1.5 s',
      measured:
        mr(npmLite.ready_ms, 'ms') +
        ` (CPU of the tree ${mr(npmLite.cpu_ms, 'ms')})` +
        before('before/pglite', 'ready_ms', 'ms') +
        (s['node/pglite'] ? `; \`node dist/server/main.js\` alone ${mr(s['node/pglite'].ready_ms, 'ms')}` : ''),
      pass: npmLite.ready_ms.median < 1500,
    })
  }
  if (npmPg)
    out.push({
      what: 'PostgreSQL, demo center, warm: `npm start` process tree RSS 5 s after /healthz, every run',
      limit: '< 150 MB',
      measured: mr(npmPg.tree_rss_mb, 'MB') + before('before/postgres', 'tree_rss_mb', 'MB'),
      pass: npmPg.tree_rss_mb.max < 150,
    })
  return out
}
