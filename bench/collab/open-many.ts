/**
 * Opens many small documents on a server, one stock provider each (this process; pin it away from
 * the server), and samples the server's memory from /proc: before, with every document open and
 * idle, after the connections closed, and (optionally) once more later.
 *
 * Usage: node --import tsx bench/collab/open-many.ts '<json options>' → one JSON object on stdout.
 */
import * as Y from 'yjs'
import { procSample } from '../lib/proc'
import { closeDoc, openDoc, type Opened } from '../lib/provider'

interface Options {
  wsBase: string
  names: string[]
  warmup: string[]
  headers: Record<string, string>
  pid: number
  /** base64 update each provider's doc starts with (servers that only learn content from clients). */
  seedUpdate?: string
  settleMs: number
  afterCloseMs: number
  laterMs: number
}

const opt = JSON.parse(process.argv[2]) as Options
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const seed = opt.seedUpdate ? Buffer.from(opt.seedUpdate, 'base64') : null
const mb = (kb: number | null | undefined) => (kb == null ? null : Math.round(kb / 102.4) / 10)
const newDoc = () => {
  const d = new Y.Doc()
  if (seed) Y.applyUpdate(d, seed)
  return d
}

async function openAll(names: string[]): Promise<{ opened: Opened[]; ms: number[] }> {
  const opened: Opened[] = []
  for (let i = 0; i < names.length; i += 25) {
    opened.push(...(await Promise.all(names.slice(i, i + 25).map((n) => openDoc(opt.wsBase, n, opt.headers, 60_000, newDoc())))))
  }
  return { opened, ms: opened.map((o) => o.syncedMs) }
}

const warm = await openAll(opt.warmup)
await sleep(opt.settleMs)
const before = procSample(opt.pid)
const t0 = performance.now()
const all = await openAll(opt.names)
const openS = (performance.now() - t0) / 1000
await sleep(opt.settleMs)
const open = procSample(opt.pid)
for (const o of all.opened) closeDoc(o)
await sleep(opt.afterCloseMs)
const closed = procSample(opt.pid)
let later = null
if (opt.laterMs > 0) {
  await sleep(opt.laterMs)
  later = procSample(opt.pid)
}
for (const o of warm.opened) closeDoc(o)
const n = opt.names.length
const per = (a: typeof before, b: typeof before) =>
  a?.rssKb != null && b?.rssKb != null ? Math.round(((b.rssKb - a.rssKb) * 1024) / n / 102.4) / 10 : null
console.log(
  JSON.stringify({
    docs: n,
    open_s: Math.round(openS * 100) / 100,
    rss_before_mb: mb(before?.rssKb),
    rss_open_mb: mb(open?.rssKb),
    rss_after_close_mb: mb(closed?.rssKb),
    rss_later_mb: mb(later?.rssKb),
    hwm_mb: mb((later ?? closed)?.hwmKb),
    kib_per_doc_open: per(before, open),
    kib_per_doc_after_close: per(before, closed),
    kib_per_doc_later: later ? per(before, later) : null,
  }),
)
setTimeout(() => process.exit(0), 200).unref()
