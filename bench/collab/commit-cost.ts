/**
 * What the durable commit costs the collaboration server: the side-by-side load of bench/collab
 * (N stock editors on one document, server on CPU 0, load on CPU 1), interleaved per seed, against
 *
 * - `reference`: `@y/websocket-server`, in memory;
 * - `no-commit`: this tree's Clubroom with the group commit's INSERT replaced by "done" on the
 *   next turn of the event loop (nothing is stored: every edit takes Clubroom's whole path but the
 *   database's);
 * - `timer`: the same, "done" after a 2 ms timer (about a commit's time on this machine: the
 *   event loop sleeps and wakes once more per edit, as it does waiting for PostgreSQL's fsync);
 * - `clubroom`: this tree as it is (every edit in PostgreSQL before anyone sees it).
 *
 * The two stand-ins run from copies of the tracked files (working-tree contents) with only
 * `Hub.writeBatch`'s INSERT patched; they are diagnostics, never a mode of the server. Their runs
 * do not converge on reload (nothing was stored) and say so.
 *
 * Usage: node --import tsx bench/collab/commit-cost.ts [seeds=3] [N=50]   → markdown on stdout
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { spread } from '../lib/stats'
import { FULL_SIZES, runOne, type Side } from './collab'

const HUB = 'server/realtime/collab/hub.ts'
const INSERT = 'firstSeqs = await appendUpdates(this.db, input, { verifySeq: this.fanout !== null })'

/** A copy of the tracked files with the group commit's INSERT replaced by `wait`. */
function standIn(wait: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'clubroom-standin-'))
  const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'buffer' })
  execFileSync('sh', ['-c', `tar --null -T - -cf - | tar -xf - -C ${dir}`], { input: files })
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'))
  const hub = readFileSync(join(dir, HUB), 'utf8')
  if (!hub.includes(INSERT)) throw new Error(`${HUB} no longer has the group commit's INSERT this diagnostic replaces`)
  writeFileSync(join(dir, HUB), hub.replace(INSERT, `await ${wait}; firstSeqs = input.map((g) => g.lastSeq + 1)`))
  return dir
}

const seeds = Number(process.argv[2] ?? 3)
const n = Number(process.argv[3] ?? 50)
const size = FULL_SIZES.find((z) => z.n === n)
if (!size) throw new Error(`N must be one of ${FULL_SIZES.map((z) => z.n).join(', ')}`)
const log = (m: string) => console.error(new Date().toISOString().slice(11, 19), m)
const ctx = { quick: false, reps: seeds, log }

const sides: Array<{ label: string; side: Side; dir?: string }> = [
  { label: 'reference', side: 'reference' },
  { label: 'no-commit', side: 'clubroom-before', dir: standIn('new Promise<void>((done) => setImmediate(done))') },
  { label: 'timer', side: 'clubroom-before', dir: standIn('new Promise<void>((done) => setTimeout(done, 2))') },
  { label: 'clubroom', side: 'clubroom' },
]
const figures = {
  cpu: 'server CPU µs/edit',
  main: 'main thread µs/edit',
  others: 'other threads µs/edit',
  wake: 'main thread wake-ups/edit',
  pg: 'PostgreSQL µs/edit',
  epc: 'edits per commit',
  p50: 'first-seen p50 ms',
  p99: 'first-seen p99 ms',
  load: 'other load % of a core',
} as const
const rows = new Map<string, Record<keyof typeof figures, Array<number | null>>>()
try {
  for (let rep = 1; rep <= seeds; rep++) {
    for (const s of sides) {
      log(`commit-cost: ${s.label} N=${n} seed ${rep}/${seeds}`)
      const r = await runOne(ctx, s.side, size, rep, false, s.dir)
      const p = r.server_proc as Record<string, number> | undefined
      const one = {
        cpu: p?.cpu_us_per_edit ?? null,
        main: p?.main_thread_us_per_edit ?? null,
        others: p ? p.cpu_us_per_edit - p.main_thread_us_per_edit : null,
        wake: p?.main_wakeups_per_edit ?? null,
        pg: s.label === 'clubroom' ? ((r.postgres as Record<string, number> | undefined)?.cpu_us_per_edit ?? null) : null,
        epc: s.label === 'clubroom' ? ((r.postgres as Record<string, number> | undefined)?.edits_per_commit ?? null) : null,
        p50: (r.latency_first_ms as Record<string, number> | undefined)?.p50 ?? null,
        p99: (r.latency_first_ms as Record<string, number> | undefined)?.p99 ?? null,
        load: (r.machine as Record<string, number> | undefined)?.others_pct_of_one_core ?? null,
      }
      log(`  → ${JSON.stringify(one)}`)
      const row = rows.get(s.label) ?? (Object.fromEntries(Object.keys(figures).map((k) => [k, []])) as never)
      for (const k of Object.keys(figures) as Array<keyof typeof figures>) row[k].push(one[k])
      rows.set(s.label, row)
    }
  }
} finally {
  for (const s of sides) if (s.dir) rmSync(s.dir, { recursive: true, force: true })
}

const cell = (xs: Array<number | null>) => {
  const sp = spread(xs)
  return sp.median === null ? '—' : `${sp.median} (${sp.min}–${sp.max})`
}
console.log(`N=${n}, ${seeds} seeds, interleaved; median (min–max)\n`)
console.log(`| figure | ${sides.map((s) => s.label).join(' | ')} |`)
console.log(`| :-- | ${sides.map(() => '--:').join(' | ')} |`)
for (const [k, label] of Object.entries(figures))
  console.log(`| ${label} | ${sides.map((s) => cell(rows.get(s.label)![k as keyof typeof figures])).join(' | ')} |`)
process.exit(0)
