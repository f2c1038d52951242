/**
 * `npm run bench [-- [--quick] [--reps N] [--no-wait] [name …]]`
 *
 * Runs the benchmarks (all, or those named), stores each one's figures in
 * bench/results/<name>.json and rewrites docs/BENCHMARKS.md from every stored result.
 * Needs PostgreSQL on 127.0.0.1:5432 (BENCH_DATABASE_URL overrides); creates and drops its own
 * databases (clubroom_bench_*). Only loopback traffic; every loop is bounded.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runAuditChanges } from './audit/changes'
import { runClientFile } from './clients/client-file'
import { runClientSearch } from './clients/search'
import { renderClientSearch } from './clients/search-report'
import { runCollab } from './collab/collab'
import { runDocLoad } from './collab/doc-load'
import { runIdleMemory } from './collab/idle-memory'
import { runYloadCrossCheck } from './collab/yload-crosscheck'
import { runPassAccount } from './passes/account'
import { runPassCheckIn } from './passes/check-in'
import { renderStockOnHand, runStockOnHand } from './stock/on-hand'
import { renderStart } from './start/report'
import { runStart } from './start/start'
import type { BenchContext } from './lib/context'
import type { BenchDef } from './lib/report'
import { dropStaleDatabases, postgresVersion } from './lib/pg'
import { BENCH_NICE, loadAvg, machineInfo, raisePriority, versions } from './lib/proc'
import { renderReport, type Stored } from './lib/report'
import { ROOT } from './lib/servers'
import { dropTemplate } from './lib/template'
import { runTimetableEditors } from './timetable/editors'
import { runTimetableGenerate } from './timetable/generate'
import { runTimetableRender } from './timetable/render'
import { renderEditors, renderGenerate, renderRender } from './timetable/report'
import { runWallFanout } from './wall/fanout'
import { runMargin } from './margin'
import { runPayroll } from './payroll'
import { runReports } from './reports'

/**
 * Every benchmark: a title, what runs it (returns its figures and `targets`), and optionally how
 * its section of docs/BENCHMARKS.md is written (default: bench/lib/report's, or the JSON).
 */
export const BENCHMARKS: Record<string, BenchDef> = {
  collab: { title: 'Live documents: 10 / 50 / 200 editors, Clubroom vs reference', run: runCollab },
  yload: { title: 'Cross-check with the shared harness yload (N=10, 50, 200)', run: runYloadCrossCheck },
  'doc-load': { title: 'Loading a document with a long history', run: runDocLoad },
  'idle-memory': { title: 'Memory per idle open document', run: runIdleMemory },
  start: { title: 'Start: time to /healthz and memory of the process tree', run: runStart, render: renderStart },
  'clients-search': {
    title: 'Client search in 100,000 clients in three scripts, over HTTP',
    run: runClientSearch,
    render: renderClientSearch,
  },
  'client-file': { title: 'Opening a client file (server, and rendered in the browser)', run: runClientFile },
  'timetable-generate': {
    title: 'Timetable: generating a 16-week term for 200 groups',
    run: runTimetableGenerate,
    render: renderGenerate,
  },
  'timetable-editors': { title: 'Timetable: 20 receptionists editing one week', run: runTimetableEditors, render: renderEditors },
  'timetable-render': {
    title: 'Timetable: rendering a full week in the browser (30 rooms × 7 days × 14 hours)',
    run: runTimetableRender,
    render: renderRender,
  },
  'pass-account': { title: 'Passes: a client’s account with 10 years of history, over HTTP', run: runPassAccount },
  'pass-check-in': {
    title: 'Passes: a check-in with 100,000 clients and 1,000,000 visits, over HTTP',
    run: runPassCheckIn,
  },
  'wall-fanout': { title: 'Wall: from a committing write to 100 connected walls', run: (ctx) => runWallFanout(ctx) },
  audit: {
    title: 'Audit: changes since a checkpoint, stepping, and time travel with 1,000,000 + 1,000,000 rows, over HTTP',
    run: runAuditChanges,
  },
  'stock-on-hand': {
    title: 'Stock: on hand for 5,000 products × 3 stores from 2,000,000 movements, over HTTP and in process',
    run: runStockOnHand,
    render: renderStockOnHand,
  },
  reports: { title: 'Reports on a center with 2,000 active clients and five years of history', run: runReports },
  margin: {
    title: 'Lesson cost: the margin report for a year of a busy center (≈ 16,600 done lessons), over HTTP and in process',
    run: runMargin,
  },
  payroll: {
    title: 'Payroll: 50 teachers, 4,000 lessons in a month, the preview over HTTP and in process',
    run: runPayroll,
  },
}

const RESULTS = join(ROOT, 'bench', 'results')
const DOC = join(ROOT, 'docs', 'BENCHMARKS.md')

function git(): { commit: string; dirty: string[] } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'db'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3))
    return { commit, dirty }
  } catch {
    return { commit: 'unknown', dirty: [] }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits (bounded) for the machine to calm down: other work on the 2 cores skews every figure. */
async function waitQuiet(maxS: number, log: (m: string) => void): Promise<number> {
  const t0 = Date.now()
  while (loadAvg()[0] > 1.5 && Date.now() - t0 < maxS * 1000) await sleep(5000)
  const waited = Math.round((Date.now() - t0) / 1000)
  if (waited >= 5) log(`waited ${waited} s for a quieter machine (1-min load ${loadAvg()[0]})`)
  return waited
}

/** Stored results for the report: each benchmark's full run, or its quick run when it has no full one. */
export function readStored(): Stored[] {
  mkdirSync(RESULTS, { recursive: true })
  const all = readdirSync(RESULTS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(RESULTS, f), 'utf8')) as Stored)
    .filter((s) => s.name in BENCHMARKS)
  const byName = new Map<string, Stored>()
  for (const s of all) {
    const have = byName.get(s.name)
    if (!have || (have.quick && !s.quick)) byName.set(s.name, s)
  }
  return [...byName.values()]
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      reps: { type: 'string' },
      'no-wait': { type: 'boolean', default: false },
      'wait-max': { type: 'string', default: '60' },
      'report-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(
      `npm run bench -- [--quick] [--reps N] [--no-wait] [--wait-max S] [--report-only] [${Object.keys(BENCHMARKS).join('|')} …]`,
    )
    return
  }
  const names = positionals.length ? positionals : Object.keys(BENCHMARKS)
  for (const n of names)
    if (!(n in BENCHMARKS)) throw new Error(`unknown benchmark ${n} (known: ${Object.keys(BENCHMARKS).join(', ')})`)
  const log = (m: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`)
  if (!values['report-only']) {
    if (raisePriority()) log(`benchmark processes run at nice ${BENCH_NICE} (BENCH_NICE=0 turns this off)`)
    const stale = await dropStaleDatabases()
    if (stale.length) log(`dropped ${stale.length} stale benchmark databases`)
    const ctx: BenchContext = { quick: values.quick, reps: values.reps ? Number(values.reps) : null, log }
    const pg = await postgresVersion()
    const t0 = Date.now()
    let stop = false
    const onSignal = () => {
      stop = true
      log('interrupted: cleaning up after the current benchmark')
    }
    process.once('SIGINT', onSignal)
    try {
      for (const name of names) {
        if (stop) break
        const waited = values['no-wait'] ? 0 : await waitQuiet(Number(values['wait-max']), log)
        log(`▶ ${name}: ${BENCHMARKS[name].title}${ctx.quick ? ' (quick)' : ''}`)
        const started = new Date()
        const load0 = loadAvg()
        const s0 = Date.now()
        const data = await BENCHMARKS[name].run(ctx)
        const stored: Stored = {
          name,
          quick: ctx.quick,
          startedAt: started.toISOString(),
          seconds: Math.round((Date.now() - s0) / 100) / 10,
          meta: {
            machine: machineInfo(pg),
            versions: versions(),
            git: git(),
            loadavg_before: load0,
            loadavg_after: loadAvg(),
            waited_for_quiet_s: waited,
            nice: BENCH_NICE,
          },
          data,
        }
        // a quick run never replaces a full run's figures: it is stored beside them
        writeFileSync(join(RESULTS, `${name}${ctx.quick ? '.quick' : ''}.json`), JSON.stringify(stored, null, 1) + '\n')
        log(`✔ ${name} in ${stored.seconds} s`)
      }
    } finally {
      await dropTemplate().catch(() => {})
    }
    log(`all done in ${Math.round((Date.now() - t0) / 1000)} s`)
  }
  const notes = (() => {
    try {
      return readFileSync(join(ROOT, 'bench', 'notes.md'), 'utf8')
    } catch {
      return ''
    }
  })()
  writeFileSync(DOC, renderReport(readStored(), BENCHMARKS, notes))
  // the report is checked by Prettier with the rest of the tree (npm run format:check)
  execFileSync(join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', '--log-level', 'warn', DOC], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  log(`wrote ${DOC}`)
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    void dropTemplate()
      .catch(() => {})
      .finally(() => process.exit(1))
  },
)
