/** The timetable benchmarks' sections of docs/BENCHMARKS.md (registered as `render` in bench/run.ts). */
import { fmt as f, table, when as runLine, type Stored } from '../lib/report'

type Any = any

const when = (s: Stored) => `${runLine(s)} (2 cores)${s.meta.nice ? `, benchmark processes at nice ${s.meta.nice}` : ''}`
const pcts = (x: Any) => (x ? `${f(x.p50)} / ${f(x.p95)} / ${f(x.p99)} / ${f(x.max)}` : '—')

export function renderGenerate(s: Stored): string {
  const d = s.data
  const sm = d.summary ?? {}
  const r0 = (d.runs as Any[])[0] ?? {}
  const b = sm.inproc_breakdown ?? {}
  const out = [
    `Run: ${when(s)}. Per run a fresh copy of the migrated, demo-seeded database plus a benchmark branch (${f(r0.setup?.rooms)} rooms, ${f(r0.setup?.teachers)} teachers, ${f(sm.groups)} groups of the demo activities with two-slot weekly patterns between 14:00 and 21:00 placed so that nobody is booked twice — but for 2 groups put on another group's room on purpose — ${f(r0.setup?.members)} members, a training-day closure), Clubroom as its own process (\`server/main.ts\`, CPU 0), one warm-up generate of the demo branch for one week, then \`POST /api/timetable/generate\` for ${r0.setup?.from} … ${r0.setup?.to} as a receptionist of the branch. "Projected" = the \`lessons\` table (polled every 10 ms) holds every created lesson.`,
    '',
    table(
      [
        'run',
        'load avg (1 min)',
        'generate ms',
        'lessons / weeks',
        'clashes reported',
        'projected, from the request ms',
        '… after the response ms',
        'again (idempotent) ms',
        'again: created / skipped',
        'server CPU s (request / + projection)',
        'PostgreSQL CPU s',
        'correct',
      ],
      [
        ...(d.runs as Any[]).map((r) => [
          r.rep,
          f(r.loadavg_before?.[0]),
          r.generate_ms,
          `${f(r.created)} / ${r.weeks}`,
          r.clashes_reported,
          r.projected_from_request_ms,
          r.projected_after_response_ms,
          r.idempotent?.ms,
          `${r.idempotent?.created} / ${f(r.idempotent?.skipped)}`,
          `${f(r.server_cpu_s?.request)} / ${f(r.server_cpu_s?.request_and_projection)}`,
          r.postgres_cpu_s_request_and_projection,
          r.correct ? 'yes' : '**no**',
        ]),
        [
          '**median**',
          '',
          `**${f(sm.generate_ms?.median)}**`,
          '',
          '',
          `**${f(sm.projected_from_request_ms?.median)}**`,
          f(sm.projected_after_response_ms?.median),
          f(sm.idempotent_ms?.median),
          '',
          `${f(sm.server_cpu_s_request)} / ${f(sm.server_cpu_s_with_projection)}`,
          f(sm.postgres_cpu_s_with_projection),
          sm.all_correct ? 'yes' : '**no**',
        ],
      ],
    ),
    '',
  ]
  if (b.week_lessons) {
    out.push(
      `Where the time goes (in the benchmark process, CPU time, the term's first week: ${f(b.week_lessons)} lessons): \`planLessons\` ${f(b.plan_lessons_cpu_ms)} ms, of which ~${f(b.zone_offset_share_of_plan_cpu_ms)} ms are ${f(b.zone_offset_calls)} calls of \`zoneOffsetMinutes\` at ${f(b.zone_offset_us_per_call, 1)} µs each (offsets are cached per zone and quarter hour; a formatting call on a cached formatter costs ${f(b.cached_formatter_us_per_call, 1)} µs); \`lessonRowFrom\` for those lessons ${f(b.lesson_rows_cpu_ms)} ms; \`findClashes\` ${f(b.find_clashes_cpu_ms)} ms. The whole term is 16 such weeks, and \`planLessons\` runs in full again on the idempotent request.`,
    )
    out.push('')
  }
  return out.join('\n')
}

export function renderEditors(s: Stored): string {
  const d = s.data
  const p = d.projection ?? {}
  const pc = d.projection_cost ?? {}
  const pg = d.pg_sessions ?? {}
  const kinds = Object.entries(d.edit_kinds ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  const out = [
    `Run: ${when(s)}. ${d.editors} receptionists, each logged in with its own account (own session cookie, \`Origin\`), each a stock \`y-websocket\` \`WebsocketProvider\` (\`disableBc: true\`) in one load-generator process (CPU 1; \`bench/timetable/editors-load.ts\`), on \`${d.week}\` — the term's first week as generated through the API (${f(d.lessons_at_start)} lessons) — at ${d.rate_per_editor} edits/s each for ${d.seconds} s, open loop: ${f(d.total_edits)} edits (${kinds}); moves set \`start\` and \`end\` together, resizes \`end\`, room changes \`roomId\`, creates add a full lesson map. Clubroom as its own process on CPU 0; PostgreSQL shared.`,
    '',
    table(
      ['figure (ms)', 'p50 / p95 / p99 / max'],
      [
        ['edit → first other editor', pcts(d.latency_first_ms)],
        ['**edit → every other editor**', pcts(d.latency_all_ms)],
        ['edit → each other editor (every delivery)', pcts(d.latency_delivery_ms)],
        ['edit → acknowledged (type 100 `saved` covering it)', pcts(d.ack_ms)],
        ['single edit on a quiet document → its row in `lessons`', pcts(p.quiet_single_edit_ms)],
        [
          "GET /api/lessons for the week (the screen's read)",
          `${pcts(d.api_lessons_week?.ms)} (${f(d.api_lessons_week?.items)} lessons)`,
        ],
      ],
      [':---', '---:'],
    ),
    '',
    `Converged: ${d.converged ? 'yes' : '**no**'} — state vectors ${d.convergence?.state_vector_equal}, JSON ${d.convergence?.json_equal}, ${f(d.acks?.edits_acked)} of ${f(d.total_edits)} edits acknowledged, ${f(d.reconnects)} reconnects; reloaded from PostgreSQL (snapshot at seq ${f(d.reload?.snapshot_seq)} + later updates / all ${f(d.reload?.rows)} updates replayed): ${d.reload?.equal_loaded && d.reload?.equal_full_log ? 'identical' : '**differs**'}.`,
    '',
    `Projection: \`lessons\` matched the final document ${f(p.after_last_edit_ms)} ms after the last edit (${f(p.after_all_acked_ms)} ms after every edit was acknowledged). Clash alerts for the branch during the run: ${f(d.clash_alerts?.raised)} raised, ${f(d.clash_alerts?.cleared)} cleared.`,
    '',
    table(
      [
        'server CPU µs/edit (% of 1 core)',
        'PostgreSQL CPU µs/edit',
        'other load % of 1 core',
        'harness loop-delay p99 ms',
        'edit schedule lateness p95 ms',
        'PG sessions of the run (max) / busy (max)',
        'waiting on the projection lock: max / mean / share of samples',
      ],
      [
        [
          `${f(d.server_proc?.cpu_us_per_edit)} (${f(d.server_proc?.cpu_pct_of_one_core)} %)`,
          f(d.postgres?.cpu_us_per_edit),
          f(d.machine?.others_pct_of_one_core, 0),
          f(d.harness?.eventloop_delay_ms?.p99),
          f(d.schedule_lateness_ms?.p95),
          `${f(pg.max_total)} / ${f(pg.max_active)}`,
          `${f(pg.max_waiting_on_projection_lock ?? pg.max_waiting_on_advisory_lock)} / ${f(pg.mean_waiting_on_projection_lock ?? pg.mean_waiting_on_advisory_lock)} / ${f(pg.share_of_samples_with_waiters)}`,
        ],
      ],
      ['---:', '---:', '---:', '---:', '---:', '---:', '---:'],
    ),
    '',
    `PostgreSQL sessions of the run's database were sampled every 250 ms (\`pg_stat_activity\`); the server's pool has 10 connections. A session "waiting on the projection lock" is a projection transaction blocked on \`pg_advisory_xact_lock(hashtextextended('timetable-projection', 0))\` (server/modules/timetable/projection.ts) while holding a pooled connection; the room starts a new projection every debounce (100 ms) even while the previous one still runs (server/realtime/collab/room.ts, queueProjection/project), so when one projection takes longer than the debounce they queue up on that lock and take the pool from the update writer (group commit), which every broadcast and acknowledgement waits for.`,
    '',
  ]
  if (pc.project_week) {
    out.push(
      `One projection run, in-process on the final document (median of ${pc.samples}; the server runs one per burst of commits, debounced 100 ms, so up to ~10 per second under this load): \`projectWeek\` for one changed lesson (moved by a quarter hour) ${f(pc.project_week.wall_ms)} ms wall / ${f(pc.project_week.cpu_ms)} ms CPU of the Node process; its parts: \`readLessons\` (all ${f(pc.lessons_in_doc)} lessons to JSON, whatever changed) ${f(pc.read_lessons.cpu_ms)} ms CPU, \`loadTimetableContext\` (one query) ${f(pc.load_context.wall_ms)} ms wall / ${f(pc.load_context.cpu_ms)} ms CPU, \`refreshClashes\` (${f(pc.lessons_in_clash_window)} lessons around the week) ${f(pc.refresh_clashes.wall_ms)} ms wall / ${f(pc.refresh_clashes.cpu_ms)} ms CPU.`,
    )
    out.push('')
  }
  return out.join('\n')
}

export function renderRender(s: Stored): string {
  const d = s.data
  if (d.skipped) return `Run: ${when(s)}. Not measured: ${d.skipped}.`
  const fig = d.figures ?? {}
  const runs =
    (fig.runs as Any[] | undefined) ??
    (fig.measures ? [{ measures: fig.measures, calibrationMs: fig.calibrationMs, normalised: fig.normalisedMax }] : [])
  return [
    `Run: ${when(s)}. The timetable UI engineers' spec \`${d.spec}\` (Playwright, ${d.chromium}, its own e2e server: built client, embedded database), run by this benchmark (${f(d.wall_s, 0)} s including the client build when stale); spec ${d.spec_passed ? 'passed' : '**failed**'}. ${f(fig.lessons)} lessons in one week document (${f(fig.rooms)} rooms × 7 days × 14 hours), week view; the benchmark's probe (\`bench/timetable/render-probe.ts\`, from the page's performance marks) measures \`timetable-render\` from the data's arrival (the week document's update as Yjs starts applying it, or the projection's last byte, so parsing counts) to the next frame painted, when the page takes input again; the slowest of a page load is the document's arrival, where Yjs decodes the whole week. ${f(fig.renderedBlocks)} lesson blocks rendered near the viewport, ${f(fig.gridElements)} elements in the grid.`,
    '',
    table(
      [
        'page load',
        'timetable-render measures ms',
        'slowest ms',
        'calibration loop ms (~10 idle)',
        'slowest scaled by calibration ms',
      ],
      runs.map((r, i) => [
        i + 1,
        (r.measures as number[]).map((x) => f(x, 1)).join(', '),
        Math.max(...(r.measures as number[])),
        r.calibrationMs,
        r.normalised,
      ]),
    ),
    '',
    `Median of the slowest per load: ${f(fig.medianMax ?? fig.max)} ms; scaled: ${f(fig.medianNormalisedMax ?? fig.normalisedMax)} ms.`,
  ].join('\n')
}
