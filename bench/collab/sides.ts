/**
 * The side-by-side runs of the collaboration benchmark (bench/collab/collab.ts) without storing
 * anything: for experiments and a change's before/after (BENCH_COLLAB_SIZES, BENCH_COLLAB_SIDES,
 * BENCH_COLLAB_BEFORE_DIR, … as for `npm run bench -- collab`). One JSON line per run on stdout:
 * server CPU per edit (all threads), its kernel part, the main thread's, the main thread's
 * wake-ups per edit, PostgreSQL's CPU and edits per commit, first-seen latency, other load.
 *
 * Usage: BENCH_COLLAB_SIZES=50 node --import tsx bench/collab/sides.ts [seeds=1]
 */
import { runCollab } from './collab'
const reps = Number(process.argv[2] ?? 1)
const out = await runCollab({
  quick: false,
  reps,
  log: (m: string) => console.error(new Date().toISOString().slice(11, 19), m),
})
for (const r of out.runs)
  console.log(
    JSON.stringify({
      side: r.server,
      n: r.n,
      rep: r.rep,
      cpu: r.server_proc?.cpu_us_per_edit,
      sys: r.server_proc?.sys_us_per_edit,
      main: r.server_proc?.main_thread_us_per_edit,
      wake: r.server_proc?.main_wakeups_per_edit,
      pg: r.postgres?.cpu_us_per_edit,
      epc: r.postgres?.edits_per_commit,
      p50: r.latency_first_ms?.p50,
      p99: r.latency_first_ms?.p99,
      others: r.machine?.others_pct_of_one_core,
      conv: r.converged,
    }),
  )
process.exit(0)
