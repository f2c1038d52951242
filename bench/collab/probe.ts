/**
 * One more editor in a process of its own, beside the load generator (`load.ts`): a stock
 * `y-websocket` provider that measures what a single editor experiences while the server carries
 * the N-editor load, without the load generator's queue in front of it (that one process applies
 * every delivery for N editors, so its own backlog ends up in its latencies at large N).
 *
 * - `ack_ms`: its own edit → the type-100 `saved` message covering it;
 * - `seen_ms`: another editor's edit → applied here, from the edit's stamp (`…@<epoch ms>` in the
 *   lesson's `note`, written by load.ts with `performance.timeOrigin + now`; both processes read the
 *   same clock).
 *
 * It waits for the load's first edit, edits `rate` times a second for `seconds`, then waits for
 * its acks and prints one JSON object. Usage: node --import tsx bench/collab/probe.ts '<json>'
 */
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { wsWithHeaders } from '../lib/provider'
import { summarize } from '../lib/stats'

const opt = JSON.parse(process.argv[2] ?? '{}') as {
  url: string
  room: string
  cookie?: string
  origin?: string
  rate: number
  seconds: number
  timeoutS: number
  keys?: number
  /** Ask for Clubroom's `saved` acknowledgements (`?ext=saved,notice`) and measure them. */
  acks?: boolean
}
const headers: Record<string, string> = {}
if (opt.cookie) headers.Cookie = opt.cookie
if (opt.origin) headers.Origin = opt.origin
const epochNow = () => performance.timeOrigin + performance.now()

const doc = new Y.Doc()
const lessons = doc.getMap<Y.Map<string>>('lessons')
const provider = new WebsocketProvider(opt.url, opt.room, doc, {
  WebSocketPolyfill: wsWithHeaders(headers) as never,
  disableBc: true,
  params: opt.acks ? { ext: 'saved,notice' } : {} /* acks measured only when asked for */,
})
const ackMs: number[] = []
const seenMs: number[] = []
const mine: Array<{ end: number; t0: number }> = []
let ackPos = 0
let loadStarted: () => void
const started = new Promise<void>((r) => (loadStarted = r))

provider.messageHandlers[100] = (_enc, dec) => {
  const now = performance.now()
  const clock = Y.decodeStateVector(decoding.readVarUint8Array(dec)).get(doc.clientID) ?? 0
  while (ackPos < mine.length && mine[ackPos].end <= clock) ackMs.push(now - mine[ackPos++].t0)
}
provider.messageHandlers[101] = () => {}

const STAMP = /@(\d+\.\d+)$/
doc.on('afterTransaction', (tr: Y.Transaction) => {
  if (tr.local) return
  const now = epochNow()
  const notes = new Set<string>()
  tr.changed.forEach((keys, type) => {
    if ((type as unknown) === lessons) {
      for (const k of keys) {
        if (k === null) continue
        const l = lessons.get(k)
        const note = l instanceof Y.Map ? l.get('note') : undefined
        if (typeof note === 'string') notes.add(note)
      }
    } else if (type instanceof Y.Map && keys.has('note')) {
      const note = type.get('note')
      if (typeof note === 'string') notes.add(note)
    }
  })
  for (const note of notes) {
    const m = STAMP.exec(note)
    if (!m || note.startsWith('probe')) continue
    seenMs.push(now - Number(m[1]))
    loadStarted()
  }
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const watchdog = setTimeout(() => {
  console.log(JSON.stringify({ status: 'watchdog', edits: mine.length, ack_ms: summarize(ackMs), seen_ms: summarize(seenMs) }))
  process.exit(3)
}, opt.timeoutS * 1000)
watchdog.unref()

await new Promise<void>((r) => provider.once('sync', () => r()))
await started
const seenBefore = seenMs.length
const keys = opt.keys ?? 40
const tEnd = performance.now() + opt.seconds * 1000
let k = 0
const interval = 1000 / opt.rate
const t0 = performance.now()
while (performance.now() < tEnd) {
  const at = performance.now()
  const key = `L${Math.floor(Math.random() * keys)}`
  const before = Y.getState(doc.store, doc.clientID)
  doc.transact(() => {
    const l = lessons.get(key)
    const stamp = `probe#${k}@${epochNow().toFixed(3)}`
    if (l instanceof Y.Map) {
      l.set('room', `R${100 + (k % 40)}`)
      l.set('note', stamp)
    } else {
      const n = new Y.Map<string>()
      n.set('room', `R${100 + (k % 40)}`)
      n.set('note', stamp)
      lessons.set(key, n)
    }
  })
  const after = Y.getState(doc.store, doc.clientID)
  if (after > before) mine.push({ end: after, t0: at })
  k++
  await sleep(Math.max(0, t0 + k * interval - performance.now()))
}
const deadline = performance.now() + 20_000
while (opt.acks && ackPos < mine.length && performance.now() < deadline) await sleep(10)
console.log(
  JSON.stringify({
    status: 'ok',
    edits: mine.length,
    acked: ackPos,
    ack_ms: summarize(ackMs),
    seen_ms: summarize(seenMs),
    seen_before_own_edits: seenBefore,
  }),
)
provider.destroy()
setTimeout(() => process.exit(0), 200).unref()
