/**
 * Load generator for the "Live documents" benchmark: N editors, each a stock y-websocket
 * `WebsocketProvider` (disableBc) with its own Y.Doc, all in this one process (run it pinned to
 * its own CPU), editing a timetable (`Y.Map 'lessons'` of `Y.Map`s room/start/teacher/group/note)
 * at a fixed open-loop rate. Same workload as the shared harness `yload.mjs`.
 *
 * Measures propagation latency (first other editor / every other editor / every delivery), the
 * `saved` (type 100) acknowledgement latency, convergence, its own CPU, and the server's CPU and
 * memory from /proc (and, given a database, the CPU of PostgreSQL's backends for it).
 *
 * Usage: node --import tsx bench/collab/load.ts '<json options>'   → one JSON object on stdout.
 */
import { createHash } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import postgres from 'postgres'
import { machineBusyS, pinPid, procCpuS, procSample, raisePriority, schedStat, type ProcSample } from '../lib/proc'
import { summarize } from '../lib/stats'
import { seededRandom } from '../../db/seeded-random'
import { Propagation, scheduleEdits, sleep, waitFor, type TrackedEditor } from '../lib/propagation'

process.setMaxListeners(0) // every provider adds a process 'exit' listener

export interface LoadOptions {
  /** ws://host:port[/path]; the provider connects to `${url}/${room}`. */
  url: string
  room: string
  n: number
  m: number
  rate: number
  /** Caps (seconds). */
  duration: number
  settle: number
  connectTimeout: number
  connectBatch?: number
  keys?: number
  createRatio?: number
  seed?: number
  cookie?: string
  origin?: string
  /** Server pid for /proc samples. */
  pid?: number
  /** Wait for and measure type-100 `saved` acks. */
  acks?: boolean
  /** PostgreSQL admin URL and database name: CPU of the backends serving that database. */
  pgUrl?: string
  pgDb?: string
  /** Pin those backends to this CPU (the server's), so that the load generator's core is the same for every side. */
  pgCpu?: number
}

const opt = JSON.parse(process.argv[2] ?? '{}') as LoadOptions
const N = opt.n
const M = opt.m
const KEYS = opt.keys ?? 40
const CREATE_RATIO = opt.createRatio ?? 0.2
const BATCH = opt.connectBatch ?? 25
const log = (...a: unknown[]) => console.error(`[load ${(performance.now() / 1000).toFixed(1)}s]`, ...a)

const rnd = seededRandom(opt.seed ?? 1)
const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) o[k] = canonical((v as Record<string, unknown>)[k])
    return o
  }
  return v
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']
const FIELDS = ['room', 'start', 'teacher', 'group'] as const
const gen: Record<(typeof FIELDS)[number], () => string> = {
  room: () => `R${100 + Math.floor(rnd() * 40)}`,
  start: () => `${pick(DAYS)} ${String(8 + Math.floor(rnd() * 9)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}`,
  teacher: () => `T${Math.floor(rnd() * 60)}`,
  group: () => `G${1 + Math.floor(rnd() * 12)}${pick(['a', 'b', 'c'])}`,
}

interface Editor extends TrackedEditor {
  provider: WebsocketProvider
  lessons: Y.Map<Y.Map<string>>
  synced: boolean
  editsDone: number
  closes: number
}

const TOTAL = N * M
const delivLat = new Float64Array(Math.min(TOTAL * Math.max(1, N - 1), 2e7))
let delivN = 0
const seen = new Propagation(N, (dt) => {
  if (delivN < delivLat.length) delivLat[delivN++] = dt
})
let editsMade = 0
const lateness: number[] = []
const editors: Editor[] = []

const headers: Record<string, string> = {}
if (opt.cookie) headers.Cookie = opt.cookie
if (opt.origin) headers.Origin = opt.origin
/** Messages received by all editors, by type (0.0 sync step 1, 0.1 step 2, 0.2 update, 1 awareness, 100 saved, …). */
let received: Record<string, number> = {}
let receivedBytes = 0
class HeaderWS extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { headers, perMessageDeflate: false })
    this.on('message', (data: Buffer | ArrayBuffer) => {
      const u8 = data instanceof ArrayBuffer ? new Uint8Array(data) : data
      const type = u8[0] === 0 ? `0.${u8[1]}` : String(u8[0])
      received[type] = (received[type] ?? 0) + 1
      receivedBytes += u8.byteLength
    })
  }
}

function makeEditor(idx: number): Editor {
  const doc = new Y.Doc()
  const base = {
    idx,
    doc,
    lessons: doc.getMap<Y.Map<string>>('lessons'),
    synced: false,
    edits: [],
    cursors: new Int32Array(N),
    editsDone: 0,
    ackPos: 0,
    savedClock: 0,
    closes: 0,
  }
  seen.add(base, rnd) // settles the clientID before the provider (and its awareness) take it
  const provider = new WebsocketProvider(opt.url, opt.room, doc, {
    WebSocketPolyfill: HeaderWS as never,
    disableBc: true,
    maxBackoffTime: 2500,
    params: opt.acks ? { ext: 'saved,notice' } : {} /* acks measured: ask for them */,
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
  provider.awareness.setLocalStateField('user', { name: `editor-${idx}` })
  return ed
}

function doEdit(ed: Editor, k: number) {
  const key = `L${Math.floor(rnd() * KEYS)}`
  const t0 = performance.now()
  const stamp = `c${ed.idx}#${k}@${(performance.timeOrigin + t0).toFixed(3)}`
  const before = Y.getState(ed.doc.store, ed.doc.clientID)
  ed.doc.transact(() => {
    const existing = ed.lessons.get(key)
    if (!existing || rnd() < CREATE_RATIO) {
      const l = new Y.Map<string>()
      l.set('room', gen.room())
      l.set('start', gen.start())
      l.set('teacher', gen.teacher())
      l.set('group', gen.group())
      l.set('note', stamp)
      ed.lessons.set(key, l)
    } else {
      const f = pick([...FIELDS])
      existing.set(f, gen[f]())
      existing.set('note', stamp)
    }
  })
  const after = Y.getState(ed.doc.store, ed.doc.clientID)
  if (after > before) {
    ed.edits.push({ end: after, t0, remaining: N - 1 })
    editsMade++
  }
}

// PostgreSQL backends serving the database (their CPU is not in the server process)
const pg = opt.pgUrl && opt.pgDb ? postgres(opt.pgUrl, { max: 1, onnotice: () => {} }) : null
async function pgCpu(): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  if (!pg) return out
  const rows = await pg`select pid from pg_stat_activity where datname = ${opt.pgDb!} and pid <> pg_backend_pid()`
  for (const r of rows) {
    raisePriority(Number(r.pid)) // PostgreSQL works for the server under test: same priority
    if (opt.pgCpu !== undefined) pinPid(Number(r.pid), opt.pgCpu)
    const c = procCpuS(Number(r.pid))
    if (c !== null) out.set(Number(r.pid), c)
  }
  return out
}

/** Transactions committed so far in the run's database (pg_stat_database; its counters lag by up to the stats flush). */
async function pgCommits(): Promise<number | null> {
  if (!pg) return null
  await pg`select pg_stat_clear_snapshot()`
  const [row] = await pg`select xact_commit::float8 as n from pg_stat_database where datname = ${opt.pgDb!}`
  return row ? Number(row.n) : null
}

const result: Record<string, unknown> = {
  room: opt.room,
  clients: N,
  edits_per_client: M,
  rate_per_client: opt.rate,
  offered_edits_per_s: Math.round(N * opt.rate * 100) / 100,
}
const watchdog = setTimeout(
  () => {
    console.log(JSON.stringify({ ...result, status: 'watchdog' }))
    process.exit(3)
  },
  (opt.connectTimeout + opt.duration + opt.settle + 30) * 1000,
)
watchdog.unref()

const sample = (): ProcSample | null => (opt.pid ? procSample(opt.pid) : null)
const srv0 = sample()
const tStart = performance.now()
log(`connecting ${N} editors to ${opt.url}/${opt.room}`)
for (let i = 0; i < N; i += BATCH) {
  for (let j = i; j < Math.min(N, i + BATCH); j++) editors.push(makeEditor(j))
  await waitFor(() => editors.every((e) => e.synced), Math.max(1, opt.connectTimeout * 1000 - (performance.now() - tStart)))
}
const allSynced = await waitFor(
  () => editors.every((e) => e.synced),
  Math.max(1, opt.connectTimeout * 1000 - (performance.now() - tStart)),
)
result.connect_s = Math.round(performance.now() - tStart) / 1000
if (!allSynced) {
  result.status = 'connect-timeout'
  result.clients_synced = editors.filter((e) => e.synced).length
  console.log(JSON.stringify(result))
  for (const e of editors) e.provider.destroy()
  await pg?.end({ timeout: 1 })
  setTimeout(() => process.exit(4), 300).unref()
} else {
  const srvSynced = sample()
  const acksAtSync = seen.acksReceived
  log(`synced in ${result.connect_s}s; ${N}x${M} edits at ${opt.rate}/s each`)
  await sleep(300)
  const eld = monitorEventLoopDelay({ resolution: 10 })
  eld.enable()
  const pg0 = await pgCpu()
  const commits0 = await pgCommits()
  const srvEdit0 = sample()
  const busy0 = machineBusyS()
  const sched0 = opt.pid ? schedStat(opt.pid) : null
  received = {}
  receivedBytes = 0
  const cpu0 = process.cpuUsage()
  const tEdit0 = performance.now()
  const hr0 = process.hrtime.bigint()
  const deadline = tEdit0 + opt.duration * 1000
  const stopEdits = scheduleEdits(editors, { t0: tEdit0, deadline, rate: opt.rate, m: M, random: rnd, lateness, edit: doEdit })
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
  await waitFor(() => seen.fullyObserved >= editsMade && (!opt.acks || seen.ack.length >= editsMade), opt.settle * 1000, 10)
  const tSettled = performance.now()
  const hr1 = process.hrtime.bigint()
  const cpu = process.cpuUsage(cpu0)
  eld.disable()
  const srvEnd = sample()
  const busy1 = machineBusyS()
  const sched1 = opt.pid ? schedStat(opt.pid) : null
  const pg1 = await pgCpu()
  const commits1 = await pgCommits()
  let pgCpuS = 0
  for (const [pid, c] of pg1) pgCpuS += c - (pg0.get(pid) ?? 0)

  const sv0 = Buffer.from(Y.encodeStateVector(editors[0].doc))
  const json0 = JSON.stringify(canonical(editors[0].lessons.toJSON()))
  let svEqual = 0
  let jsonEqual = 0
  for (const e of editors) {
    if (Buffer.compare(Buffer.from(Y.encodeStateVector(e.doc)), sv0) === 0) svEqual++
    if (JSON.stringify(canonical(e.lessons.toJSON())) === json0) jsonEqual++
  }
  const observedAll = seen.fullyObserved >= editsMade
  const wall = ((observedAll ? seen.lastFullAt : tSettled) - tEdit0) / 1000
  const eldMs = (ns: number) => Math.max(0, Math.round((ns / 1e6 - 10) * 100) / 100)
  Object.assign(result, {
    status: 'ok',
    total_edits: editsMade,
    undelivered_edits: editsMade - seen.fullyObserved,
    edit_phase_s: Math.round(tEditEnd - tEdit0) / 1000,
    wall_s: Math.round(wall * 1000) / 1000,
    edits_per_s: Math.round((editsMade / wall) * 10) / 10,
    latency_first_ms: summarize(seen.first),
    latency_all_ms: summarize(seen.all),
    latency_delivery_ms: summarize(delivLat.subarray(0, delivN)),
    ack_ms: opt.acks ? summarize(seen.ack) : null,
    acks: opt.acks ? { edits_acked: seen.ack.length, messages: seen.acksReceived - acksAtSync } : null,
    /** CLOCK_MONOTONIC µs of the edit phase (to cut a server CPU profile to it). */
    edit_window_us: [Number(hr0 / 1000n), Number(hr1 / 1000n)],
    reconnects: editors.reduce((n, e) => n + e.closes, 0),
    messages_received: {
      by_type: received,
      per_edit: editsMade ? Math.round((Object.values(received).reduce((a, b) => a + b, 0) / editsMade) * 10) / 10 : null,
      bytes: receivedBytes,
    },
    converged: observedAll && svEqual === N && jsonEqual === N && (!opt.acks || seen.ack.length >= editsMade),
    convergence: { all_seen: observedAll, state_vector_equal: `${svEqual}/${N}`, json_equal: `${jsonEqual}/${N}` },
    lessons: editors[0].lessons.size,
    final_json_sha1: createHash('sha1').update(json0).digest('hex'),
    final_json: json0,
    doc_update_bytes: Y.encodeStateAsUpdate(editors[0].doc).length,
    schedule_lateness_ms: summarize(lateness),
    harness: {
      cpu_s: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      cpu_pct_of_one_core: Math.round(((cpu.user + cpu.system) / 1e3 / (tSettled - tEdit0)) * 1000) / 10,
      eventloop_delay_ms: { p50: eldMs(eld.percentile(50)), p99: eldMs(eld.percentile(99)), max: eldMs(eld.max) },
      us_per_delivery: delivN ? Math.round(((cpu.user + cpu.system) / delivN) * 10) / 10 : null,
      floor_ms: delivN ? Math.round((((N - 1) * (cpu.user + cpu.system)) / delivN / 1000) * 100) / 100 : null,
      rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
    },
  })
  if (srv0 && srvSynced && srvEdit0 && srvEnd) {
    const cpuS = srvEnd.cpuS - srvEdit0.cpuS
    result.server_proc = {
      pid: opt.pid,
      rss_before_mb: Math.round((srv0.rssKb ?? 0) / 102.4) / 10,
      rss_synced_mb: Math.round((srvSynced.rssKb ?? 0) / 102.4) / 10,
      rss_after_mb: Math.round((srvEnd.rssKb ?? 0) / 102.4) / 10,
      hwm_mb: Math.round((srvEnd.hwmKb ?? 0) / 102.4) / 10,
      cpu_s_edit_phase: Math.round(cpuS * 100) / 100,
      cpu_pct_of_one_core: Math.round((cpuS / ((srvEnd.t - srvEdit0.t) / 1000)) * 1000) / 10,
      cpu_us_per_edit: editsMade ? Math.round((cpuS * 1e6) / editsMade) : null,
      // of which in the kernel (stime), and on the main thread (the rest: GC helpers, the thread pool, …)
      sys_us_per_edit: editsMade ? Math.round(((srvEnd.sysS - srvEdit0.sysS) * 1e6) / editsMade) : null,
      main_thread_us_per_edit: editsMade ? Math.round(((srvEnd.mainS - srvEdit0.mainS) * 1e6) / editsMade) : null,
      // how often the event loop slept and was woken, per edit (a wake-up costs tens of µs on a VM)
      main_wakeups_per_edit: editsMade ? Math.round(((srvEnd.mainWakeups - srvEdit0.mainWakeups) / editsMade) * 100) / 100 : null,
      cpu_s_connect: Math.round((srvSynced.cpuS - srv0.cpuS) * 100) / 100,
      // scheduler view of the edit phase: on-CPU time per edit (precise) and time spent runnable but waiting for a CPU
      sched_us_per_edit: sched0 && sched1 && editsMade ? Math.round(((sched1.runS - sched0.runS) * 1e6) / editsMade) : null,
      runqueue_wait_pct:
        sched0 && sched1 ? Math.round(((sched1.waitS - sched0.waitS) / ((srvEnd.t - srvEdit0.t) / 1000)) * 1000) / 10 : null,
    }
  }
  {
    // everything else the machine ran meanwhile (other processes compete for the 2 cores)
    const secs = (tSettled - tEdit0) / 1000
    const busy = busy1 - busy0
    const own = (cpu.user + cpu.system) / 1e6 + (srvEnd && srvEdit0 ? srvEnd.cpuS - srvEdit0.cpuS : 0) + pgCpuS
    result.machine = {
      busy_pct_of_one_core: Math.round((busy / secs) * 1000) / 10,
      others_pct_of_one_core: Math.round(((busy - own) / secs) * 1000) / 10,
    }
  }
  if (pg)
    result.postgres = {
      backends: pg1.size,
      cpu_s_edit_phase: Math.round(pgCpuS * 100) / 100,
      cpu_us_per_edit: editsMade ? Math.round((pgCpuS * 1e6) / editsMade) : null,
      // transactions committed in the run's database during the edit phase (group commits, and the
      // server's other queries): edits per commit says how much the group commit batched
      commits: commits0 !== null && commits1 !== null ? commits1 - commits0 : null,
      edits_per_commit:
        commits0 !== null && commits1 !== null && commits1 > commits0
          ? Math.round((editsMade / (commits1 - commits0)) * 100) / 100
          : null,
    }
  log(`done: ${editsMade} edits, converged=${result.converged}`)
  console.log(JSON.stringify(result))
  for (const e of editors) {
    try {
      e.provider.destroy()
    } catch {
      /* closing anyway */
    }
  }
  await pg?.end({ timeout: 1 })
  setTimeout(() => process.exit(result.converged ? 0 : 1), 300).unref()
}
