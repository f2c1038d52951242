import type { Target } from './context'
import type { MachineInfo } from './proc'

/** One stored result file (bench/results/<name>.json). */
export interface Stored {
  name: string
  quick: boolean
  startedAt: string
  seconds: number
  meta: {
    machine: MachineInfo
    versions: Record<string, string>
    git: { commit: string; dirty: string[] }
    loadavg_before: number[]
    loadavg_after: number[]
    waited_for_quiet_s: number
    nice?: number
  }
  data: Record<string, any>
}

/** A registered benchmark (bench/run.ts). */
export interface BenchDef {
  title: string
  run: (ctx: import('./context').BenchContext) => Promise<Record<string, unknown>>
  /** Its section of docs/BENCHMARKS.md from its stored result. */
  render?: (s: Stored) => string
}

type Any = any

const f = (v: unknown, d = 2): string => {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'number')
    return Number.isInteger(v)
      ? v.toLocaleString('en')
      : (Math.round(v * 10 ** d) / 10 ** d).toLocaleString('en', { maximumFractionDigits: d })
  return String(v)
}
const table = (head: string[], rows: Array<Array<unknown>>, align?: string[]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => align?.[i] ?? (i === 0 ? ':---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map((c) => (typeof c === 'string' ? c : f(c))).join(' | ')} |`),
  ].join('\n')
const verdict = (p: boolean | null) => (p === null ? 'info' : p ? '**PASS**' : '**FAIL**')
const when = (s: Stored) =>
  `${s.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${s.quick ? '**quick run**' : 'full run'}, ${f(s.seconds, 0)} s, load average before ${s.meta.loadavg_before.join(' / ')}`

function targetsTable(stored: Stored[], titles: Record<string, { title: string }>) {
  const rows: unknown[][] = []
  for (const s of stored)
    for (const t of (s.data.targets ?? []) as Target[])
      rows.push([titles[s.name]?.title ?? s.name, t.what, t.limit, t.measured, t.result ? `**${t.result}**` : verdict(t.pass)])
  return table(['benchmark', 'target', 'limit', 'measured', 'result'], rows, [':---', ':---', ':---', ':---', ':---:'])
}

const SIDE_LABEL: Record<string, string> = {
  reference: 'reference',
  clubroom: 'Clubroom',
  'clubroom-acks': 'Clubroom + acks (info)',
  'clubroom-batched': 'Clubroom, commit interval (info)',
}

/** `median (min–max)` of a spread. */
const mm = (x: Any, d = 2) =>
  x && x.median !== null && x.median !== undefined ? `${f(x.median, d)} (${f(x.min, d)}–${f(x.max, d)})` : '—'

const VERDICT: Record<string, string> = {
  lower: 'Clubroom lower (ranges apart)',
  higher: 'Clubroom higher (ranges apart)',
  overlap: 'ranges overlap: no difference shown',
}

function collab(s: Stored): string {
  const d = s.data
  const out: string[] = []
  // results of the previous layout (before the side-by-side rebuild) are not rendered
  if (!d.sides) return `Run: ${when(s)}. Stored in an older layout; run \`npm run bench -- collab\` again.`
  const sides = d.sides as string[]
  const sizes = (d.sizes as Any[]).map((z) => `N=${z.n}: ${z.rate}/s × ${z.m} edits each`).join('; ')
  const runs = d.runs as Any[]
  const load1 = runs.map((r) => Number(r.loadavg_before?.[0])).filter((x) => Number.isFinite(x))
  const others = runs.map((r) => Number(r.machine?.others_pct_of_one_core)).filter((x) => Number.isFinite(x))
  out.push(
    `Run: ${when(s)}. Workload: ${sizes}; seeds 1…${d.reps}, each seed run for every N as reference then Clubroom (interleaved), a fresh server per run. Figures are the median (min–max) over the seeds. Load average (1 min) before the runs: ${load1.length ? `${Math.min(...load1)}–${Math.max(...load1)}` : '—'}; other processes during the edit phases: ${others.length ? `${Math.round(Math.min(...others))}–${Math.round(Math.max(...others))}` : '—'} % of a core.`,
  )
  out.push('')
  const rows: unknown[][] = []
  for (const z of d.summary as Any[]) {
    const v = z.vs_reference
    const ratio = (k: Any) => (k?.ratio != null ? `×${f(k.ratio)} (${f(k.range[0])}–${f(k.range[1])})` : '—')
    const line = (label: string, key: string, cmp: Any, d2 = 2) => [
      z.n,
      label,
      ...sides.map((side) => mm(z[side]?.figures[key], d2)),
      cmp ? ratio(cmp) : '',
      cmp?.verdict ? VERDICT[cmp.verdict] : '',
    ]
    rows.push(line('server CPU µs per edit', 'server_cpu_us_per_edit', v.server_cpu_us_per_edit, 0))
    rows.push([
      z.n,
      "PostgreSQL's CPU µs per edit (beside the server's)",
      ...sides.map((side) => (side === 'reference' ? 'n/a (in memory)' : mm(z[side]?.figures.pg_cpu_us_per_edit, 0))),
      '',
      '',
    ])
    rows.push(line('first-seen p99 ms', 'first_p99_ms', v.first_p99_ms))
    rows.push(line('all-seen p99 ms', 'all_p99_ms', v.all_p99_ms))
    rows.push(line('first-seen p50 ms', 'first_p50_ms', v.first_p50_ms))
    rows.push([z.n, 'converged', ...sides.map((side) => `${z[side]?.converged}/${z[side]?.runs}`), '', ''])
  }
  out.push(
    table(['N', 'figure', ...sides.map((x) => SIDE_LABEL[x] ?? x), 'Clubroom ÷ reference (range)', 'difference'], rows, [
      ':---',
      ':---',
      ...sides.map(() => '---:'),
      '---:',
      ':---',
    ]),
  )
  out.push('')
  out.push(
    "The ratio is that of the medians; the range in brackets is Clubroom's min ÷ the reference's max … Clubroom's max ÷ the reference's min. A difference is named only when the two sides' min–max ranges do not overlap.",
  )
  out.push('')
  out.push('Every run, in the order run:')
  out.push('')
  out.push(
    table(
      [
        'seed',
        'N',
        'server',
        'edits',
        'edits/s',
        'first-seen p50 / p99 ms',
        'all-seen p99 ms',
        'server CPU µs/edit (on-CPU by schedstat)',
        'PostgreSQL µs/edit',
        'edits per commit',
        'server kernel / main-thread µs/edit',
        'server waited for a CPU %',
        'messages received per edit',
        'RSS before → after MB',
        'harness CPU % / loop p99 ms',
        'load avg before',
        'others % of 1 core',
        'converged',
        'stored (reloaded from PostgreSQL)',
      ],
      runs.map((r) => [
        r.seed ?? r.rep,
        r.n,
        SIDE_LABEL[r.server] ?? r.server,
        r.total_edits,
        r.edits_per_s,
        `${f(r.latency_first_ms?.p50)} / ${f(r.latency_first_ms?.p99)}`,
        f(r.latency_all_ms?.p99),
        `${f(r.server_proc?.cpu_us_per_edit)} (${f(r.server_proc?.sched_us_per_edit)})`,
        r.postgres?.cpu_us_per_edit ?? 'n/a',
        r.postgres ? f(r.postgres.edits_per_commit) : 'n/a',
        `${f(r.server_proc?.sys_us_per_edit)} / ${f(r.server_proc?.main_thread_us_per_edit)}`,
        f(r.server_proc?.runqueue_wait_pct, 1),
        f(r.messages_received?.per_edit, 1),
        `${f(r.server_proc?.rss_before_mb, 1)} → ${f(r.server_proc?.rss_after_mb, 1)}`,
        `${f(r.harness?.cpu_pct_of_one_core, 1)} / ${f(r.harness?.eventloop_delay_ms?.p99, 1)}`,
        f(r.loadavg_before?.[0]),
        f(r.machine?.others_pct_of_one_core, 0),
        r.converged ? 'yes' : `**no** (${r.status})`,
        r.reload
          ? `${r.reload.equal_loaded && r.reload.equal_full_log ? 'all' : '**differs**'} (${f(r.reload.rows)} rows)`
          : 'n/a',
      ]),
    ),
  )
  const probes = (d.probe_runs as Any[] | undefined) ?? []
  if (probes.length) {
    out.push('')
    out.push(
      "With one more editor in a process of its own (`bench/collab/probe.ts`, a stock provider on the load generator's CPU, editing 10 times a second during the first 80 % of the edit phase; a separate round, so its edits do not change the figures above): what a single editor experiences while the server carries the load, without the load generator's queue in front of it. *seen*: another editor's edit → applied in the probe (the edit's epoch stamp against the probe's clock).",
    )
    out.push('')
    out.push(
      table(
        ['N', 'server', 'probe edits', 'seen p50 / p95 / p99 ms', 'load generator first-seen p99 ms (same run)', 'converged'],
        probes.map((r) => [
          r.n,
          SIDE_LABEL[r.server] ?? r.server,
          r.probe?.edits ?? '—',
          r.probe?.seen_ms ? `${f(r.probe.seen_ms.p50)} / ${f(r.probe.seen_ms.p95)} / ${f(r.probe.seen_ms.p99)}` : '—',
          f(r.latency_first_ms?.p99),
          r.converged ? 'yes' : '**no**',
        ]),
      ),
    )
  }
  return out.join('\n')
}

function yload(s: Stored): string {
  const d = s.data
  if (d.skipped) return `Skipped: ${d.skipped}`
  const runs: Any[] = d.runs ?? []
  const sizes = [...new Set(runs.map((r) => r.n as number))]
  const label = (server: string) =>
    server === 'reference' ? 'reference `@y/websocket-server` (this session)' : 'Clubroom (this session)'
  // medians of the repetitions per (N, server), then the anchors' rows for that N
  const summary: Any[][] = []
  for (const n of sizes) {
    const x = (d.summary as Any[] | undefined)?.find((t) => t.n === n)
    for (const server of ['clubroom', 'reference']) {
      const m = x?.[server]
      if (!m || !m.runs) continue
      summary.push([
        n,
        label(server),
        m.runs,
        `${f(m.first_p50)} / ${f(m.first_p99)}`,
        f(m.all_p99),
        f(m.cpu_us_per_edit),
        f(m.harness_loop_p99_ms),
        `${m.converged}/${m.runs}`,
      ])
    }
    const a = runs.find((r) => r.n === n)?.anchor
    for (const [name, y] of [
      ['anchors: reference', a?.ref],
      ['anchors: Hocuspocus + PostgreSQL', a?.hocuspocusPg],
    ] as const) {
      if (y)
        summary.push([
          n,
          name,
          3,
          `${y.first.p50} / ${y.first.p99}`,
          y.all.p99,
          f(y.server_cpu_us_per_edit),
          y.harness_loop_p99_ms,
          '3/3',
        ])
    }
  }
  const each = runs.map((r) => {
    const y = r.yload
    const srv = y.server ?? {}
    return [
      r.n,
      r.rep ?? 1,
      r.server === 'reference' ? 'reference' : 'Clubroom',
      `${f(y.total_edits)} / ${f(y.edits_per_s)}`,
      `${f(y.latency_first_ms?.p50)} / ${f(y.latency_first_ms?.p99)}`,
      `${f(y.latency_all_ms?.p50)} / ${f(y.latency_all_ms?.p95)} / ${f(y.latency_all_ms?.p99)}`,
      f(r.server_cpu_us_per_edit),
      `${f(srv.rss_before_kb / 1024, 1)} → ${f(srv.rss_after_kb / 1024, 1)}`,
      `${f(y.harness?.cpu_pct_of_one_core)} / ${f(y.harness?.eventloop_delay_ms?.p99)}`,
      String(y.converged),
    ]
  })
  return [
    `Run: ${when(s)}. Harness: ${d.how}.`,
    '',
    '```sh',
    d.command,
    '```',
    '',
    "N=10: `-n 10 -m 1000 --rate 50`; N=50: `-n 50 -m 40 --rate 2`; N=200: `-n 200 -m 2 --rate 0.1` (the anchors' configurations); seeds 1–3, rep 1 of every (N, server) first, as the anchors ran them. The reference runs with `--url ws://127.0.0.1:$PORT --room yload-<N>-<rep>` and no cookie.",
    '',
    `Medians of ${d.reps ?? '?'} runs:`,
    '',
    table(
      [
        'N',
        'server',
        'runs',
        'first-seen p50 / p99 ms',
        'all-seen p99 ms',
        'server CPU µs/edit',
        'harness loop-delay p99 ms',
        'converged',
      ],
      summary,
      [':---', ':---', '---:', '---:', '---:', '---:', '---:', ':---:'],
    ),
    '',
    'Every run:',
    '',
    table(
      [
        'N',
        'rep',
        'server',
        'edits / per s',
        'first-seen p50 / p99 ms',
        'all-seen p50 / p95 / p99 ms',
        'server CPU µs/edit',
        'RSS before → after MB',
        'harness CPU % / loop p99 ms',
        'converged',
      ],
      each,
      [':---', '---:', ':---', '---:', '---:', '---:', '---:', '---:', '---:', ':---:'],
    ),
    '',
    `yload's server CPU figure covers the server process only, from all-synced to all-seen (PostgreSQL's backends are not in it; Clubroom writes every update to PostgreSQL before broadcasting it, the anchors' Hocuspocus stores the whole state every 2–10 s). Anchors: ${d.source ?? '../shared/bench-anchors/RESULTS.md'}. The harness holds all N clients in one process; its event-loop delay (last column) is part of every latency it reports, which is why the issue compares servers on it rather than reading its p99 as a server's own.`,
  ].join('\n')
}

const E2E_MODES: Record<string, string> = {
  'with snapshot': 'connect → synced, running server (warmed by 3 other long documents), snapshot + 499 updates',
  'with snapshot, cold process': 'connect → synced, the first document of a just-started process, snapshot + 499 updates',
  'already loaded': 'connect → synced, document already loaded',
}

function docLoad(s: Stored): string {
  const d = s.data
  const ns = d.no_snapshot
  return [
    `Run: ${when(s)}. A timetable document: ${f(d.updates)} updates by 20 editors (${f(d.log_kib)} KiB of updates in doc_updates, ${f(d.state_kib)} KiB of state), appended with the server's \`appendUpdates\` in ${f(d.append_s, 1)} s; the newest snapshot at seq ${f(d.snapshot_at)} (the server snapshots every 500 updates, so up to 499 follow it).`,
    '',
    table(
      ['how', 'samples ms', 'median ms'],
      [
        ...(d.e2e as Any[]).map((e) => [
          E2E_MODES[e.mode as string] ?? e.mode,
          (e.samples_ms as number[]).map((x) => f(x, 0)).join(', '),
          e.median_ms,
        ]),
        [
          'connect → synced, fresh server, **no snapshot** (the whole log replayed; only if every snapshot were lost)',
          ns.ms === null ? `gave up after ${ns.capped_at_s} s; ${ns.server_cpu_note}` : f(ns.ms),
          ns.ms ?? `> ${ns.capped_at_s} s`,
        ],
      ],
      [':---', '---:', '---:'],
    ),
    '',
    `In-process, the steps of \`Room.load\` (median): with the snapshot, database read ${f(d.inproc['with snapshot']?.db_ms)} ms + Yjs (apply snapshot, then ${f(d.inproc['with snapshot']?.rows_after_snapshot)} updates one by one, state vector) ${f(d.inproc['with snapshot']?.yjs_ms)} ms; reading the whole log (${f(d.inproc['whole log read']?.rows)} rows) ${f(d.inproc['whole log read']?.db_ms)} ms.`,
    '',
    'Yjs work for a log without snapshot, by length: `Y.mergeUpdates` then apply (what Room.load does) vs applying the updates one by one inside the same transaction:',
    '',
    table(
      ['updates', 'mergeUpdates + apply ms', 'apply one by one ms'],
      (d.merge_curve as Any[]).map((c) => [c.updates, c.merge_ms ?? 'not run (see above)', c.loop_ms]),
    ),
  ].join('\n')
}

function idleMemory(s: Stored): string {
  const d = s.data
  const rows = (['clubroom', 'reference'] as const).map((k) => {
    const r = d.results[k] ?? {}
    return [
      k === 'clubroom' ? 'Clubroom' : 'reference',
      r.open_s,
      `${f(r.rss_before_mb, 1)} → ${f(r.rss_open_mb, 1)}`,
      r.kib_per_doc_open,
      r.rss_after_close_mb,
      r.kib_per_doc_after_close,
      r.rss_later_mb ?? '—',
      r.kib_per_doc_later ?? '—',
    ]
  })
  return [
    `Run: ${when(s)}. ${d.docs} small client files (${d.doc_bytes} bytes of state each), opened by one stock provider each from a separate process (after 10 warm-up documents); RSS of the server process from /proc.`,
    '',
    table(
      [
        'server',
        'open all s',
        'RSS before → all open MB',
        'KiB per doc (open, 1 idle connection)',
        'RSS 5 s after closing MB',
        'KiB per doc then',
        'RSS 35 s after closing MB',
        'KiB per doc then',
      ],
      rows,
    ),
    '',
    'Clubroom keeps a document with no connection loaded for 30 s (idleUnloadMs), so "5 s after closing" is idle-but-loaded without connections and "35 s after" is after unloading. RSS seldom shrinks back (V8 keeps its heap pages), so the later columns are upper bounds; the reference server never unloads a room.',
  ].join('\n')
}

function clientsSearch(s: Stored): string {
  const d = s.data
  return [
    `Run: ${when(s)}. ${f(d.clients)} clients and ${f(d.guardians)} guardians (a third minors in families with one or two guardians, ~750 surnames, random phones), rows built by the projection's own \`clientRowFromFile\` (so \`search_text\` is what the live file projects), loaded with COPY into a fresh database migrated with the project's migrations, then ANALYZE (${f(d.setup_s.copy_and_analyze, 1)} s); table with indexes ${d.table_size}. Each query calls \`listClients\` (the query behind GET /api/clients, limit 50) through drizzle/postgres-js, one at a time, after a warm-up pass. Terms are drawn from the data.`,
    '',
    table(
      ['query kind', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        ...(d.by_category as Any[]).map((c) => [c.category, c.count, c.p50, c.p95, c.p99, c.max]),
        ['**all (target mix)**', d.overall.count, d.overall.p50, d.overall.p95, d.overall.p99, d.overall.max],
      ],
    ),
    '',
    'Slowest queries:',
    '',
    table(
      ['ms', 'kind', 'q', 'filters'],
      (d.slowest as Any[]).map((x) => [x.ms, x.category, x.q ? `\`${x.q}\`` : '—', `\`${JSON.stringify(x.filters)}\``]),
    ),
    '',
    'Plan of the slowest query without a cursor (EXPLAIN ANALYZE, same SQL):',
    '',
    '```',
    ...(d.plan_of_slowest as string[]),
    '```',
  ].join('\n')
}

function clientFile(s: Stored): string {
  const d = s.data
  return [
    `Run: ${when(s)}. ${d.docs} demo clients' \`client:<id>\` documents, each with its registration plus ${d.edits_per_doc} edits by three staff (notes typed a few characters at a time, profile fields, guardians, traits, observations; ${f(d.avg_history_bytes)} bytes of updates on average), stored with \`appendUpdates\` (no snapshot: fewer than 500 updates). A receptionist's session; each document opened with the stock provider from the benchmark process.`,
    '',
    table(
      ['open', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        [
          'cold (first open: log read from PostgreSQL), connect → WebSocket open (upgrade + session check)',
          d.cold_upgrade_ms.p50,
          d.cold_upgrade_ms.p95,
          d.cold_upgrade_ms.p99,
          d.cold_upgrade_ms.max,
        ],
        ['cold, connect → synced', d.cold_ms.p50, d.cold_ms.p95, d.cold_ms.p99, d.cold_ms.max],
        ['while loaded (second connection), connect → synced', d.warm_ms.p50, d.warm_ms.p95, d.warm_ms.p99, d.warm_ms.max],
        ...(['byUrl', 'inApp'] as const)
          .filter((k) => d.browser?.figures?.[k])
          .map((k) => [
            `Chromium, ${k === 'byUrl' ? 'by URL (full page load) → rendered' : 'from the client list (in-app navigation) → rendered'} (${d.browser.figures[k].n} files)`,
            d.browser.figures[k].p50,
            d.browser.figures[k].p95,
            '—',
            d.browser.figures[k].max,
          ]),
      ],
    ),
    '',
    `Content served = content written: ${d.content_mismatches === 0 ? 'yes, for every document' : `**no, ${d.content_mismatches} differ**`}. The Chromium rows (test/e2e/client-file-render.spec.ts against the same server, on other files of the same kind nobody had open) run from navigating to the file until its header and live document are rendered and laid out (the page's \`client-file-rendered\` mark)${d.browser?.figures ? `; calibration loop ${d.browser.figures.calibrationMs} ms (~10 on an idle core)` : `: ${d.browser?.error ?? 'not run'}`}.`,
  ].join('\n')
}

const RENDER: Record<string, (s: Stored) => string> = {
  collab,
  yload,
  'doc-load': docLoad,
  'idle-memory': idleMemory,
  'clients-search': clientsSearch,
  'client-file': clientFile,
}

export { when, table, f as fmt, verdict }

export function renderReport(stored: Stored[], titles: Record<string, BenchDef>, notes: string): string {
  const order = Object.keys(titles)
  stored.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
  const latest = [...stored].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0]
  const m = latest?.meta.machine
  const out: string[] = []
  out.push('# Benchmarks')
  out.push('')
  out.push(
    'Written by `npm run bench` (`bench/run.ts`) from the stored results in `bench/results/*.json`; the analysis at the end is `bench/notes.md`. `npm run bench -- --quick` is a short run (fewer edits, one repetition, 20,000 clients; stored as `<name>.quick.json` and shown only where no full run exists); `npm run bench -- collab clients-search` runs only those; `--report-only` rewrites this file from the stored results.',
  )
  out.push('')
  if (m) {
    out.push('## Machine')
    out.push('')
    out.push(
      table(
        ['', ''],
        [
          ['CPU', `${m.cores} × ${m.cpus}`],
          ['memory', `${m.memGiB} GiB`],
          ['kernel', m.kernel],
          ['Node.js', m.node],
          ['PostgreSQL', m.postgres ?? '?'],
          [
            'packages',
            Object.entries(latest.meta.versions)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
          ],
          [
            'code',
            `commit ${latest.meta.git.commit}${latest.meta.git.dirty.length ? ` + uncommitted changes in ${latest.meta.git.dirty.length} server/db files (other work in progress in the same tree)` : ''}`,
          ],
          ['date', latest.startedAt.slice(0, 10)],
        ],
        [':---', ':---'],
      ),
    )
    out.push('')
    out.push(
      'The machine is shared: other engineers\' builds, tests and browsers ran at the same time. Every run records the load average and, for the load tests, how much CPU other processes used during the edit phase ("other load"). Latency figures taken while other load was high are inflated; CPU per edit is the steadier server signal.',
    )
    out.push('')
  }
  out.push('## Targets')
  out.push('')
  out.push(targetsTable(stored, titles))
  out.push('')
  const collabRuns = (stored.find((s) => s.name === 'collab')?.data.runs ?? []) as Any[]
  const others = collabRuns.map((r) => Number(r.machine?.others_pct_of_one_core)).filter((x) => Number.isFinite(x))
  if (others.length && Math.max(...others) > 30) {
    out.push(
      `**Caveat:** during the live-document runs other processes on this 2-core machine used ${Math.round(Math.min(...others))}–${Math.round(Math.max(...others))} % of a core; both sides ran interleaved in the same conditions, but latency figures taken under such load say more about the machine than about the servers. See the analysis at the end.`,
    )
    out.push('')
  }
  out.push('## Method')
  out.push('')
  out.push(METHOD)
  out.push('')
  for (const s of stored) {
    out.push(`## ${titles[s.name]?.title ?? s.name}`)
    out.push('')
    out.push((titles[s.name]?.render ?? RENDER[s.name])?.(s) ?? '```json\n' + JSON.stringify(s.data, null, 1) + '\n```')
    out.push('')
  }
  if (notes.trim()) {
    out.push(notes.trim())
    out.push('')
  }
  return out.join('\n')
}

const METHOD = `* **Live documents** (\`bench/collab/\`, \`npm run bench -- collab\`): the reference server and Clubroom in the same run, interleaved — for each seed (1, 2, 3) and each N (10, 50, 200): the reference, then Clubroom — each run on a fresh server process pinned to CPU 0 (\`taskset -c 0\`) with the load generator pinned to CPU 1. Every editor is a stock \`y-websocket\` 3.1 \`WebsocketProvider\` (\`disableBc: true\`, no extra parameters) with its own \`Y.Doc\`, all in one load-generator process (\`bench/collab/load.ts\`). Both sides get the identical load: the shared harness's workload (\`../shared/bench-anchors/yload.mjs\`): \`Y.Map 'lessons'\` of \`Y.Map\`s room/start/teacher/group/note, 40 shared keys, 20 % of edits (re)create a lesson, the rest set one field plus the \`note\` stamp, open-loop fixed rate, the same seed for both sides; N=10 at 50 edits/s each × 1000, N=50 at 2/s × 40, N=200 at 0.1/s × 2 (about 20 s of edits and ~4–5 k deliveries/s each).
  * **Clubroom**: \`node --import tsx server/main.ts\` (as \`npm run serve\`) on the real PostgreSQL (127.0.0.1:5432), its own fresh database per run (a copy of a migrated, demo-seeded template), \`LOG_LEVEL=warn\`; every update durable in \`doc_updates\` before it is broadcast. A workspace is written only by its owner, so all editors share the owner's session cookie (and send \`Origin\`) and edit \`workspace:<ownerId>\`. The PostgreSQL backends serving the run are pinned to the server's CPU 0 once the edit phase starts, so the load generator's CPU is the same for both sides.
  * **reference**: \`@y/websocket-server\` 0.1.1's own bin, in memory, with its defaults, a fresh room.
  * **server CPU per edit**: utime+stime of the server process (\`/proc/<pid>/stat\`, all its threads) from the start of the edit phase until every edit was seen everywhere, ÷ edits; of it, the kernel's part (stime) and the main thread's are recorded per run. **PostgreSQL CPU per edit**: the same for the backends connected to the run's database (\`pg_stat_activity\`, \`/proc\`), shown beside the server's, never added to it (the reference has no database).
  * **first-seen / all-seen**: local edit → integrated by the first other editor / by every other editor (state-vector based, so edits that lost a same-cell conflict count too). All in one process, one monotonic clock. All-seen includes the harness floor ((N−1) × the harness's CPU per delivery: ~20 ms at N=200); first-seen is the cleaner server signal.
  * **converged**: every edit seen by every editor, all N state vectors and key-sorted JSON identical; for Clubroom also every edit stored: the document reloaded from PostgreSQL (latest snapshot + later updates, and the whole update log replayed) identical to the editors' JSON.
  * **Reported**: for each N and side the median, min and max over the seeds; Clubroom ÷ reference as the ratio of the medians with its range (Clubroom's min ÷ the reference's max … max ÷ min). A difference is named, and a limit judged PASS or FAIL, only when the two sides' min–max ranges do not overlap; otherwise "ranges overlap: not shown". \`--quick\`: fewer edits, one seed (a check that everything runs, not a comparison). \`BENCH_COLLAB_ACKS=1\` adds a third side, Clubroom with its own browser client's acknowledgements (\`?ext=saved,notice\`; information, never judged); \`BENCH_COLLAB_PROBE=1\` adds a round with one more editor in its own process.
* **Cross-check**: the shared harness itself (\`yload.mjs\`, copied) against Clubroom for N=10, 50 and 200 (the anchors' configurations), beside the anchors' reference and Hocuspocus + PostgreSQL figures.
* **Long history**, **idle memory**, **client file**: see their sections. **Client search**: GET \`/api/clients\` over HTTP on the real server and PostgreSQL, several seeds, readers in hy, ru and en (see its section).`
