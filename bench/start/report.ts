/** The start benchmark's section of docs/BENCHMARKS.md (registered as `render` in bench/run.ts). */
import { table, when, type Stored } from '../lib/report'
import type { Figure } from './start'

type Any = any

/** A command line as read from /proc, without the node binary's and the exported tree's paths. */
const shortCommand = (c: string) =>
  c
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\S*\/node /, 'node ')
    .replace(/\S*\/before\//, '')

const mr = (f: Figure | undefined, d = 0) => (f ? `${f.median.toFixed(d)} (${f.min.toFixed(d)}–${f.max.toFixed(d)})` : '—')

export function renderStart(s: Stored): string {
  const d = s.data
  const rows = Object.values(d.summary as Record<string, Any>)
  const out = [
    `Run: ${when(s)}. The demo center; each way of starting first on an empty database (cold: migrations and the demo seed), then ${d.warm_runs} times on that seeded database (warm), interleaved with the others run by run. Figures: median (min–max) of the warm runs. "Before" is commit ${d.before_commit ?? '— (not available)'} started the way it was (\`npm start\` → \`node scripts/start.mjs\` → \`node --import tsx server/main.ts\`). Ready: spawn → first 200 from \`GET /healthz\` (polled every 10 ms); CPU: every process of the tree until then, the exited ones (the prestart build check) included; memory ${d.idle_ms / 1000} s later: VmRSS summed over the tree (shared pages, such as the node binary's, counted in every process — what \`ps\` and the targets use) and Pss (shared pages split between the processes sharing them).`,
    '',
    table(
      [
        'database',
        'start',
        'processes while serving',
        'ready ms',
        'CPU ms until ready',
        'tree RSS MB',
        'tree PSS MB',
        'serving process RSS MB',
        'cold: ready ms / tree RSS MB',
      ],
      rows.map((r) => [
        r.db === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL',
        r.label,
        (r.processes as string[]).map((c) => `\`${shortCommand(c)}\``).join(' → '),
        mr(r.ready_ms),
        mr(r.cpu_ms),
        mr(r.tree_rss_mb, 1),
        mr(r.tree_pss_mb, 1),
        mr(r.server_rss_mb, 1),
        r.cold ? `${r.cold.ready_ms} / ${r.cold.tree_rss_mb}` : '—',
      ]),
      [':---', ':---', ':---', '---:', '---:', '---:', '---:', '---:', '---:'],
    ),
    '',
    `Load average (1 min) before each run: ${(d.runs as Any[]).map((r) => r.loadavg).join(', ')}.`,
  ]
  return out.join('\n')
}
