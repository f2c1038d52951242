/**
 * Load generator for `timetable-editors`: N receptionists, each a stock y-websocket
 * `WebsocketProvider` (disableBc) with its own Y.Doc and its OWN session cookie, editing one week
 * document `timetable:<branchId>:<YYYY-Www>` at a fixed open-loop rate: moving lessons (start and
 * end together, another day or time), resizing them (end), changing their room, creating lessons,
 * editing notes — the shapes of domain/docs/timetable-week.ts, always valid (so the projection has
 * real work: rows, clash checks, alerts).
 *
 * Measures, in this one process on one monotonic clock: propagation (edit → first other editor /
 * every other editor / each delivery, from state vectors), the type-100 `saved` acknowledgement,
 * convergence (state vectors and key-sorted JSON of all editors), then the projection: the time
 * from the last edit until `lessons` matches the final document (polled), plus single edits on a
 * quiet document, and GET /api/lessons for the week. Server and PostgreSQL CPU from /proc.
 *
 * Usage: node --import tsx bench/timetable/editors-load.ts '<json options>' → one JSON object on stdout.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import postgres from 'postgres'
import { stableJson } from '../lib/json'
import { machineBusyS, procCpuS, procSample, type ProcSample } from '../lib/proc'
import { summarize } from '../lib/stats'
import { seededRandom } from '../../db/seeded-random'
import { Propagation, scheduleEdits, sleep, waitFor, type TrackedEdit, type TrackedEditor } from '../lib/propagation'

process.setMaxListeners(0) // every provider adds a process 'exit' listener

export interface EditorsOptions {
  /** ws://host:port/yjs */
  url: string
  /** http://host:port (Origin, and GET /api/lessons) */
  origin: string
  room: string
  branchId: string
  cookies: string[]
  rate: number
  m: number
  duration: number
  settle: number
  connectTimeout: number
  seed: number
  rooms: string[]
  teachers: string[]
  activities: string[]
  /** Monday … Saturday of the week, YYYY-MM-DD. */
  dates: string[]
  /** UTC offset of the branch in that week, e.g. +01:00. */
  offset: string
  pid: number
  /** The run's database (projection polling) and the admin URL + name (backend CPU). */
  dbUrl: string
  pgUrl: string
  pgDb: string
  quietSamples: number
}

const opt = JSON.parse(process.argv[2] ?? '{}') as EditorsOptions
const N = opt.cookies.length
const M = opt.m
const log = (...a: unknown[]) => console.error(`[editors ${(performance.now() / 1000).toFixed(1)}s]`, ...a)
const rnd = seededRandom(opt.seed)
const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]
// ── times in the week ──────────────────────────────────────────────────────
const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`
const at = (date: string, min: number) => `${date}T${hhmm(min)}:00${opt.offset}`
/** Minutes since local midnight of an ISO date-time with this week's offset, and its date. */
function parts(iso: string): { date: string; min: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso)
  return m ? { date: m[1], min: Number(m[2]) * 60 + Number(m[3]) } : null
}

// ── editors and latency bookkeeping (as bench/collab/load.ts) ────────────
interface Edit extends TrackedEdit {
  kind: string
}
interface Editor extends TrackedEditor {
  provider: WebsocketProvider
  lessons: Y.Map<Y.Map<unknown>>
  synced: boolean
  edits: Edit[]
  editsDone: number
  closes: number
}
const TOTAL = N * M
const delivLat: number[] = []
const seen = new Propagation(N, (dt) => delivLat.push(dt))
const kinds: Record<string, number> = {}
let editsMade = 0
let lastEditAt = 0
const lateness: number[] = []
const editors: Editor[] = []

function makeEditor(idx: number): Editor {
  const headers = { Cookie: opt.cookies[idx], Origin: opt.origin }
  class HeaderWS extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false })
    }
  }
  const doc = new Y.Doc()
  const base = {
    idx,
    doc,
    lessons: doc.getMap<Y.Map<unknown>>('lessons'),
    synced: false,
    edits: [] as Edit[],
    cursors: new Int32Array(N),
    editsDone: 0,
    ackPos: 0,
    closes: 0,
    savedClock: 0,
  }
  seen.add(base, rnd) // settles the clientID before the provider (and its awareness) take it
  const provider = new WebsocketProvider(opt.url, opt.room, doc, {
    WebSocketPolyfill: HeaderWS as never,
    disableBc: true,
    maxBackoffTime: 2500,
    params: { ext: 'saved,notice' } /* acks measured: ask for them */,
  })
  const ed: Editor = Object.assign(base, { provider })
  doc.on('afterTransaction', (tr: Y.Transaction) => seen.onTransaction(ed, tr))
  provider.on('sync', (s: boolean) => {
    if (s) ed.synced = true
  })
  provider.on('connection-close', () => ed.closes++)
  provider.messageHandlers[100] = (_enc, dec) =>
    seen.onSaved(ed, Y.decodeStateVector(decoding.readVarUint8Array(dec)).get(ed.doc.clientID) ?? 0)
  provider.messageHandlers[101] = () => {}
  provider.awareness.setLocalStateField('user', { name: `reception-${idx + 1}` })
  return ed
}

/** One receptionist's edit: move, resize, change room, create, or a note. Returns its kind. */
function editOnce(ed: Editor, k: number): string {
  const keys = [...ed.lessons.keys()]
  const r = rnd()
  const existing = keys.length ? ed.lessons.get(pick(keys)) : undefined
  const s = existing ? parts(String(existing.get('start'))) : null
  const e = existing ? parts(String(existing.get('end'))) : null
  if (existing && s && e && r < 0.35) {
    // move (drag): another weekday or time, same length
    const dur = Math.max(15, e.min - s.min)
    const date = pick(opt.dates.slice(0, 5))
    const start = 14 * 60 + 15 * Math.floor(rnd() * ((21 * 60 - dur - 14 * 60) / 15 + 1))
    ed.doc.transact(() => {
      existing.set('start', at(date, start))
      existing.set('end', at(date, start + dur))
    })
    return 'move'
  }
  if (existing && s && e && r < 0.55) {
    // resize (drag the bottom edge): ±15 or 30 minutes, 30 minutes to 3 hours
    const dur = Math.min(180, Math.max(30, e.min - s.min + pick([-30, -15, 15, 30])))
    ed.doc.transact(() => existing.set('end', at(s.date, Math.min(s.min + dur, 23 * 60 + 45))))
    return 'resize'
  }
  if (existing && r < 0.75) {
    ed.doc.transact(() => existing.set('roomId', pick(opt.rooms)))
    return 'room'
  }
  if (r < 0.95 || !existing) {
    const date = pick(opt.dates)
    const dur = pick([45, 60, 90])
    const start = 14 * 60 + 15 * Math.floor(rnd() * ((21 * 60 - dur - 14 * 60) / 15 + 1))
    ed.doc.transact(() => {
      const l = new Y.Map<unknown>()
      l.set('roomId', pick(opt.rooms))
      l.set('start', at(date, start))
      l.set('end', at(date, start + dur))
      l.set('activityId', pick(opt.activities))
      l.set('groupId', null)
      l.set('teacherId', pick(opt.teachers))
      l.set('status', 'planned')
      l.set('note', '')
      ed.lessons.set(`r${ed.idx + 1}-${k}-${ed.doc.clientID}`, l)
    })
    return 'create'
  }
  ed.doc.transact(() => existing.set('note', `Call the parents (${ed.idx + 1}/${k})`))
  return 'note'
}

function doEdit(ed: Editor, k: number) {
  const t0 = performance.now()
  const before = Y.getState(ed.doc.store, ed.doc.clientID)
  const kind = editOnce(ed, k)
  const after = Y.getState(ed.doc.store, ed.doc.clientID)
  if (after > before) {
    ed.edits.push({ end: after, t0, remaining: N - 1, kind })
    kinds[kind] = (kinds[kind] ?? 0) + 1
    editsMade++
    lastEditAt = t0
  }
}

// ── PostgreSQL: backend CPU, and the projection ──────────────────────────
const admin = postgres(opt.pgUrl, { max: 1, onnotice: () => {} })
const sqlc = postgres(opt.dbUrl, { max: 1, onnotice: () => {} })
async function pgCpu(): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  const rows = await admin`select pid from pg_stat_activity where datname = ${opt.pgDb} and pid <> pg_backend_pid()`
  for (const r of rows) {
    const c = procCpuS(Number(r.pid))
    if (c !== null) out.set(Number(r.pid), c)
  }
  return out
}
/** Does `lessons` show exactly this document's lessons (room, start, end, note, none extra)? */
async function projectionMatches(doc: Map<string, Record<string, unknown>>): Promise<{ ok: boolean; differ: number }> {
  const rows = await sqlc`select id, room_id, starts_at, ends_at, note, deleted from lessons where doc = ${opt.room}`
  const byId = new Map(rows.map((r) => [String(r.id), r]))
  let differ = 0
  for (const [id, l] of doc) {
    const r = byId.get(id)
    if (
      !r ||
      r.deleted ||
      r.room_id !== l.roomId ||
      new Date(r.starts_at).getTime() !== Date.parse(String(l.start)) ||
      new Date(r.ends_at).getTime() !== Date.parse(String(l.end)) ||
      r.note !== l.note
    )
      differ++
  }
  for (const r of rows) if (!r.deleted && !doc.has(String(r.id))) differ++
  return { ok: differ === 0, differ }
}
const plain = (ed: Editor) => new Map([...ed.lessons.entries()].map(([id, m]) => [id, m.toJSON() as Record<string, unknown>]))

const result: Record<string, unknown> = {
  room: opt.room,
  editors: N,
  edits_per_editor: M,
  rate_per_editor: opt.rate,
  offered_edits_per_s: N * opt.rate,
}
const watchdog = setTimeout(
  () => {
    console.log(JSON.stringify({ ...result, status: 'watchdog' }))
    process.exit(3)
  },
  (opt.connectTimeout + opt.duration + opt.settle + 60) * 1000,
)
watchdog.unref()

const sample = (): ProcSample | null => procSample(opt.pid)
const srv0 = sample()
const tStart = performance.now()
log(`connecting ${N} receptionists to ${opt.url}/${opt.room}`)
for (let i = 0; i < N; i++) editors.push(makeEditor(i))
const allSynced = await waitFor(() => editors.every((e) => e.synced), opt.connectTimeout * 1000)
result.connect_s = Math.round(performance.now() - tStart) / 1000
if (!allSynced) {
  result.status = 'connect-timeout'
  result.editors_synced = editors.filter((e) => e.synced).length
  console.log(JSON.stringify(result))
  for (const e of editors) e.provider.destroy()
  await admin.end({ timeout: 1 })
  await sqlc.end({ timeout: 1 })
  setTimeout(() => process.exit(4), 300).unref()
} else {
  result.lessons_at_start = editors[0].lessons.size
  log(`synced in ${result.connect_s}s (${result.lessons_at_start} lessons); ${N}×${M} edits at ${opt.rate}/s each`)
  await sleep(500)
  const eld = monitorEventLoopDelay({ resolution: 10 })
  eld.enable()
  const pg0 = await pgCpu()
  const srvEdit0 = sample()
  const busy0 = machineBusyS()
  const cpu0 = process.cpuUsage()
  const tEdit0 = performance.now()
  const deadline = tEdit0 + opt.duration * 1000
  const stopEdits = scheduleEdits(editors, { t0: tEdit0, deadline, rate: opt.rate, m: M, random: rnd, lateness, edit: doEdit })
  // PostgreSQL sessions of the run's database, every 250 ms: how many are busy, how many wait on an
  // advisory lock, and how many of those on the projection's global one ('timetable-projection');
  // series rows are [ms, sessions, active, advisory waiters, projection-lock waiters]
  const pgSeries: Array<{ t: number; total: number; active: number; advisory: number; projection: number; idleInTx: number }> = []
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const [r] = await admin`select count(*)::int as total, count(*) filter (where state = 'active')::int as active,
        count(*) filter (where wait_event_type = 'Lock' and wait_event = 'advisory')::int as advisory,
        count(*) filter (where wait_event_type = 'Lock' and wait_event = 'advisory' and query like '%timetable-projection%')::int as projection,
        count(*) filter (where state like 'idle in transaction%')::int as idle_in_tx
        from pg_stat_activity where datname = ${opt.pgDb} and pid <> pg_backend_pid()`
      pgSeries.push({
        t: Math.round(performance.now() - tEdit0),
        total: r.total,
        active: r.active,
        advisory: r.advisory,
        projection: r.projection,
        idleInTx: r.idle_in_tx,
      })
      await sleep(250)
    }
  })()
  let lastLog = performance.now()
  await waitFor(
    () => {
      const now = performance.now()
      if (now - lastLog > 5000) {
        lastLog = now
        log(`edits ${editsMade}/${TOTAL}, seen by all ${seen.fullyObserved}, acked ${seen.ack.length}`)
      }
      return editors.every((e) => e.editsDone >= M) || now > deadline
    },
    opt.duration * 1000 + 1000,
    50,
  )
  stopEdits()
  const tEditEnd = performance.now()
  const settled = await waitFor(() => seen.fullyObserved >= editsMade && seen.ack.length >= editsMade, opt.settle * 1000, 5)
  const tSettled = performance.now()
  const cpu = process.cpuUsage(cpu0)
  eld.disable()
  const srvSettled = sample()
  const busy1 = machineBusyS()
  const pg1 = await pgCpu()

  // convergence
  const sv0 = Buffer.from(Y.encodeStateVector(editors[0].doc))
  const json0 = stableJson(editors[0].lessons.toJSON())
  let svEqual = 0
  let jsonEqual = 0
  for (const e of editors) {
    if (Buffer.compare(Buffer.from(Y.encodeStateVector(e.doc)), sv0) === 0) svEqual++
    if (stableJson(e.lessons.toJSON()) === json0) jsonEqual++
  }

  // the projection after the last edit (polled every 10 ms, bounded)
  const finalDoc = plain(editors[0])
  let projectedAt: number | null = null
  let polls = 0
  let lastDiffer = -1
  const pEnd = performance.now() + 20_000
  while (performance.now() < pEnd) {
    polls++
    const m = await projectionMatches(finalDoc)
    lastDiffer = m.differ
    if (m.ok) {
      projectedAt = performance.now()
      break
    }
    await sleep(10)
  }
  const srvProjected = sample()
  sampling = false
  await sampler
  const pg2 = await pgCpu()
  let pgEditS = 0
  for (const [pid, c] of pg1) pgEditS += c - (pg0.get(pid) ?? 0)
  let pgProjS = 0
  for (const [pid, c] of pg2) pgProjS += c - (pg0.get(pid) ?? 0)

  // single edits on a quiet document: edit → its row in `lessons` (projection debounce included)
  const quiet: number[] = []
  const ed0 = editors[0]
  const keys = [...ed0.lessons.keys()]
  for (let i = 0; i < opt.quietSamples; i++) {
    await sleep(250)
    const id = keys[(i * 37) % keys.length]
    const l = ed0.lessons.get(id)!
    const s = parts(String(l.get('start')))!
    const e = parts(String(l.get('end')))!
    const dur = Math.max(15, e.min - s.min)
    const start = 8 * 60 + 15 * i // a time no other edit used
    const want = Date.parse(at(s.date, start))
    const t0 = performance.now()
    ed0.doc.transact(() => {
      l.set('start', at(s.date, start))
      l.set('end', at(s.date, start + dur))
    })
    const end = t0 + 10_000
    while (performance.now() < end) {
      const [row] = await sqlc`select starts_at from lessons where id = ${id}`
      if (row && new Date(row.starts_at).getTime() === want) {
        quiet.push(performance.now() - t0)
        break
      }
      await sleep(5)
    }
  }

  // the document as it ends (the quiet edits included), once durable: for the reload check
  const quietSaved = await waitFor(() => ed0.savedClock >= Y.getState(ed0.doc.store, ed0.doc.clientID), 10_000, 5)
  await waitFor(() => editors.every((e) => stableJson(e.lessons.toJSON()) === stableJson(ed0.lessons.toJSON())), 5_000, 20)
  const endJson = stableJson(ed0.lessons.toJSON())
  const endEqual = editors.filter((e) => stableJson(e.lessons.toJSON()) === endJson).length

  // the week as the timetable screen reads it
  const api: number[] = []
  let apiItems = 0
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    const res = await fetch(
      `${opt.origin}/api/lessons?branchId=${opt.branchId}&from=${opt.dates[0]}&to=${opt.dates[opt.dates.length - 1]}`,
      { headers: { cookie: opt.cookies[0] } },
    )
    const body = (await res.json()) as { items?: unknown[] }
    api.push(performance.now() - t0)
    apiItems = body.items?.length ?? -1
  }

  const observedAll = seen.fullyObserved >= editsMade
  const wall = ((observedAll ? seen.lastFullAt : tSettled) - tEdit0) / 1000
  const eldMs = (ns: number) => Math.max(0, Math.round((ns / 1e6 - 10) * 100) / 100)
  const secs = (tSettled - tEdit0) / 1000
  const srvCpuS = srvSettled && srvEdit0 ? srvSettled.cpuS - srvEdit0.cpuS : 0
  Object.assign(result, {
    status: settled ? 'ok' : 'not-settled',
    total_edits: editsMade,
    edit_kinds: kinds,
    undelivered_edits: editsMade - seen.fullyObserved,
    unacked_edits: editsMade - seen.ack.length,
    edit_phase_s: Math.round(tEditEnd - tEdit0) / 1000,
    edits_per_s: Math.round((editsMade / wall) * 10) / 10,
    latency_first_ms: summarize(seen.first),
    latency_all_ms: summarize(seen.all),
    latency_delivery_ms: summarize(delivLat),
    ack_ms: summarize(seen.ack),
    acks: { edits_acked: seen.ack.length, messages: seen.acksReceived },
    reconnects: editors.reduce((n, e) => n + e.closes, 0),
    converged: observedAll && svEqual === N && jsonEqual === N && seen.ack.length >= editsMade && endEqual === N && quietSaved,
    convergence: { all_seen: observedAll, state_vector_equal: `${svEqual}/${N}`, json_equal: `${jsonEqual}/${N}` },
    lessons_at_end: editors[0].lessons.size,
    doc_state_kib: Math.round(Y.encodeStateAsUpdate(editors[0].doc).length / 1024),
    projection: {
      after_last_edit_ms: projectedAt === null ? null : Math.round((projectedAt - lastEditAt) * 10) / 10,
      after_all_acked_ms: projectedAt === null ? null : Math.round((projectedAt - tSettled) * 10) / 10,
      polls,
      differing_rows_at_give_up: projectedAt === null ? lastDiffer : 0,
      quiet_single_edit_ms: summarize(quiet),
      quiet_samples_ms: quiet.map((x) => Math.round(x)),
    },
    api_lessons_week: { ms: summarize(api), items: apiItems },
    pg_sessions: {
      samples: pgSeries.length,
      max_total: Math.max(0, ...pgSeries.map((x) => x.total)),
      max_active: Math.max(0, ...pgSeries.map((x) => x.active)),
      max_waiting_on_advisory_lock: Math.max(0, ...pgSeries.map((x) => x.advisory)),
      mean_waiting_on_advisory_lock: pgSeries.length
        ? Math.round((pgSeries.reduce((n, x) => n + x.advisory, 0) / pgSeries.length) * 100) / 100
        : null,
      max_waiting_on_projection_lock: Math.max(0, ...pgSeries.map((x) => x.projection)),
      mean_waiting_on_projection_lock: pgSeries.length
        ? Math.round((pgSeries.reduce((n, x) => n + x.projection, 0) / pgSeries.length) * 100) / 100
        : null,
      share_of_samples_with_waiters: pgSeries.length
        ? Math.round((pgSeries.filter((x) => x.advisory > 0).length / pgSeries.length) * 100) / 100
        : null,
      series: pgSeries.filter((_, i) => i % 4 === 0).map((x) => [x.t, x.total, x.active, x.advisory, x.projection]),
    },
    schedule_lateness_ms: summarize(lateness),
    harness: {
      cpu_pct_of_one_core: Math.round(((cpu.user + cpu.system) / 1e3 / (tSettled - tEdit0)) * 1000) / 10,
      eventloop_delay_ms: { p50: eldMs(eld.percentile(50)), p99: eldMs(eld.percentile(99)), max: eldMs(eld.max) },
      us_per_delivery: delivLat.length ? Math.round(((cpu.user + cpu.system) / delivLat.length) * 10) / 10 : null,
    },
    server_proc: srv0 &&
      srvEdit0 &&
      srvSettled && {
        rss_before_mb: Math.round((srv0.rssKb ?? 0) / 102.4) / 10,
        rss_after_mb: Math.round((srvSettled.rssKb ?? 0) / 102.4) / 10,
        cpu_s_edit_phase: Math.round(srvCpuS * 100) / 100,
        cpu_pct_of_one_core: Math.round((srvCpuS / secs) * 1000) / 10,
        cpu_us_per_edit: editsMade ? Math.round((srvCpuS * 1e6) / editsMade) : null,
        cpu_s_until_projected: srvProjected ? Math.round((srvProjected.cpuS - srvEdit0.cpuS) * 100) / 100 : null,
      },
    postgres: {
      backends: pg1.size,
      cpu_s_edit_phase: Math.round(pgEditS * 100) / 100,
      cpu_us_per_edit: editsMade ? Math.round((pgEditS * 1e6) / editsMade) : null,
      cpu_s_until_projected: Math.round(pgProjS * 100) / 100,
    },
    machine: (() => {
      const busy = busy1 - busy0
      const own = (cpu.user + cpu.system) / 1e6 + srvCpuS + pgEditS
      return {
        busy_pct_of_one_core: Math.round((busy / secs) * 1000) / 10,
        others_pct_of_one_core: Math.round(((busy - own) / secs) * 1000) / 10,
      }
    })(),
    end: { quiet_edits_saved: quietSaved, json_equal: `${endEqual}/${N}` },
    final_json: endJson,
  })
  log(
    `done: ${editsMade} edits, converged=${result.converged}, projection +${(result.projection as { after_last_edit_ms: number }).after_last_edit_ms} ms`,
  )
  console.log(JSON.stringify(result))
  for (const e of editors) {
    try {
      e.provider.destroy()
    } catch {
      /* closing anyway */
    }
  }
  await admin.end({ timeout: 1 })
  await sqlc.end({ timeout: 1 })
  setTimeout(() => process.exit(result.converged ? 0 : 1), 300).unref()
}
