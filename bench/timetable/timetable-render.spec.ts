import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { expect, test } from '../../test/e2e/fixtures'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { signInFast } from '../../test/e2e/support'
import { installTimetableRenderProbe } from './render-probe'

/**
 * Render benchmark: a branch of 30 rooms with a full week (7 days × 14 hours, one lesson per room
 * and hour: 2,940 lessons) written straight into its week document, then the week view opened.
 * Prints the `timetable-render` measures — from the data's arrival (the week document's update as
 * Yjs starts applying it, the projection's last byte, the names) to the next frame painted after
 * the grid showed it, worked out by the benchmark's probe (bench/timetable/render-probe.ts) from the
 * marks the page leaves — as
 *   TIMETABLE_RENDER {"lessons":2940,"medianMax":…,"medianScreenMax":…,"medianNormalisedMax":…,"medianCpuMax":…,"runs":[{"measures":[…],"screen":[…],"cpu":[…],"calibrationMs":…},…]}
 * so a benchmark can pick the line up (three page loads; per load the slowest render), and each
 * load's measures with what arrived and where the time went ("run N: {…}"). `screen` is the same
 * without Yjs's own work on the document's update (decoding it; re-encoding it for its 'update'
 * event), which is the document library's, not the screen's. On a busy
 * machine wall time includes waiting for a CPU: `cpu` scales each measure by the main thread's CPU
 * time over wall time in a Chrome trace of the load (the best figure there); `calibrationMs` times a
 * fixed loop (~10 ms on an idle core) and the normalised figure scales the slowest render by it. Runs only as a benchmark (E2E_BENCH=1, `npm run bench`), which judges the
 * figure against the goal (< 100 ms); the spec itself asserts no timing. E2E_PROFILE=1 adds a CPU
 * profile of the last load, by function; E2E_TRACE_OUT=/tmp/x writes each load's Chrome trace to
 * /tmp/x-N.json.
 * The week document reaches the page in slices (the server's `syncSliceBytes`) applied in the
 * browser's idle time; two more figures tell that part: `documentWholeMs`, from the document's first
 * message to the week editable and painted, and `longestTaskMs`, the longest main-thread task while
 * the week loads (how long the page could not take input).
 */
// no Playwright trace here: its DOM snapshots walk the page on the main thread during the render it measures
test.use({ trace: 'off' })

const ROOMS = 30
const HOURS = 14 // 08:00 → 22:00
const DAYS = 7

test('a week of 30 rooms × 7 days × 14 hours renders, and reports how fast', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000)
  await signInFast(page, 'owner', '/workspace')

  // a branch of its own, with 30 rooms open all week
  const branch = await (
    await page.request.post('/api/branches', { data: { name: `Bench ${randomUUID().slice(0, 6)}`, timezone: 'Europe/Berlin' } })
  ).json()
  const branchId: string = branch.branch.id
  const open = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['08:00', '22:00']]))
  const roomIds: string[] = []
  for (let i = 0; i < ROOMS; i++) {
    const res = await page.request.post('/api/rooms', {
      data: { branchId, name: `Room ${String(i + 1).padStart(2, '0')}`, capacity: 12, openingHours: open },
    })
    expect(res.ok(), await res.text()).toBe(true)
    roomIds.push((await res.json()).room.id)
  }
  const activities = await listOr(page, '/api/activities')
  const teachers = await listOr(page, '/api/teachers')

  // the week: Monday in four weeks' time (nothing else is booked there)
  const monday = new Date()
  monday.setUTCDate(monday.getUTCDate() + 28 - ((monday.getUTCDay() + 6) % 7))
  const day = (i: number) => new Date(monday.getTime() + i * 86_400_000).toISOString().slice(0, 10)
  const week = isoWeek(day(0))
  const offset = (d: string) => (berlinOffset(d) === 120 ? '+02:00' : '+01:00')
  const hh = (h: number) => String(h).padStart(2, '0')

  // write the lessons as any y-websocket client may (the server treats it like the app)
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
  const origin = new URL(baseURL!).origin
  class AuthedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } })
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/yjs`, `timetable:${branchId}:${week}`, doc, {
    WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
  const lessons = doc.getMap('lessons')
  // one transaction per room: a message stays well under the server's 512 KB limit
  roomIds.forEach((roomId, r) => {
    doc.transact(() => {
      for (let d = 0; d < DAYS; d++) {
        for (let h = 8; h < 8 + HOURS; h++) {
          const m = new Y.Map<unknown>()
          const date = day(d)
          m.set('roomId', roomId)
          m.set('start', `${date}T${hh(h)}:00:00${offset(date)}`)
          m.set('end', `${date}T${hh(h)}:50:00${offset(date)}`)
          m.set('activityId', activities[(r + h) % Math.max(1, activities.length)] ?? randomUUID())
          m.set('groupId', null)
          m.set('teacherId', teachers[(r + d) % Math.max(1, teachers.length)] ?? randomUUID())
          m.set('status', 'planned')
          m.set('note', '')
          lessons.set(randomUUID(), m)
        }
      }
    })
  })
  // the server has it all when a fresh connection reads every lesson back
  await expect
    .poll(
      async () => {
        const check = new Y.Doc()
        const reader = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/yjs`, `timetable:${branchId}:${week}`, check, {
          WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        })
        await new Promise<void>((resolve) => reader.once('sync', () => resolve()))
        const n = check.getMap('lessons').size
        reader.destroy()
        check.destroy()
        return n
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toBe(ROOMS * DAYS * HOURS)
  provider.destroy()
  doc.destroy()

  // open the week three times; each time: the renders after the document and the projection arrive
  const runs: Array<{
    measures: number[]
    screen: number[]
    cpu: number[]
    calibrationMs: number
    normalised: number
    documentWholeMs: number | null
    longestTaskMs: number
  }> = []
  const browser = page.context().browser()!
  // the page only leaves marks; the probe (injected before the page's scripts) measures from them
  await installTimetableRenderProbe(page)
  for (let run = 0; run < 3; run++) {
    // RunTask events (with thread time) are in the "disabled by default" timeline category
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
    })
    // E2E_PROFILE=1: a V8 CPU profile of the last load, summed by function (where the time goes)
    const cdp = process.env.E2E_PROFILE && run === 2 ? await page.context().newCDPSession(page) : null
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
      await cdp.send('Profiler.start')
    }
    await page.goto(`/timetable?branch=${branchId}&date=${day(0)}&view=week&step=60`)
    // wait without walking the page's DOM meanwhile (a locator polled during the load would take the
    // main thread from the render it measures): the projection is the last to arrive, then 2 s of quiet
    await page.waitForFunction(
      () =>
        performance
          .getEntriesByName('timetable-render')
          .some((e) => String((e as PerformanceMeasure).detail?.what).includes('projection')),
      undefined,
      { polling: 500, timeout: 60_000 },
    )
    await page.waitForTimeout(2000)
    await expect(page.locator('crm-timetable-grid .lesson').first()).toBeVisible()
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'))
    if (process.env.E2E_TRACE_OUT)
      (await import('node:fs')).writeFileSync(`${process.env.E2E_TRACE_OUT}-${run + 1}.json`, JSON.stringify(trace))
    if (cdp) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile }
      console.log(`TIMETABLE_PROFILE\n${topFunctions(profile, 40)}`)
    }
    const entries = await page.evaluate(() =>
      performance.getEntriesByName('timetable-render').map((e) => ({
        ms: Math.round(e.duration * 10) / 10,
        ...((e as PerformanceMeasure).detail as {
          beforeMs?: number
          decodeMs?: number
          readMs?: number
          sinceFirstMs?: number
        }),
      })),
    )
    const measures = entries.map((e) => e.ms)
    console.log(`run ${run + 1}: ${entries.map((e) => JSON.stringify(e)).join(' ')}`)
    // how busy is this machine? 10 million additions take ~10 ms on an idle core
    const calibrationMs = await page.evaluate(() => {
      const t = performance.now()
      let x = 0
      for (let i = 0; i < 1e7; i++) x += i
      return Math.round((performance.now() - t + (x < 0 ? 1 : 0)) * 10) / 10
    })
    // the same without Yjs: its decoding of the update and its work after our observer ran (the
    // 'update' event re-encodes the whole update for y-websocket) are the document library's, not the screen's
    const screen = entries.map(
      (e) => Math.round((e.decodeMs !== undefined ? e.ms - (e.beforeMs ?? 0) + (e.readMs ?? 0) : e.ms) * 10) / 10,
    )
    // the whole document, from its first message to the week editable and painted (it comes in slices)
    const whole = entries.filter((e) => e.sinceFirstMs !== undefined).map((e) => e.ms + e.sinceFirstMs!)
    const documentWholeMs = whole.length ? Math.round(Math.max(...whole) * 10) / 10 : null
    runs.push({
      measures,
      screen,
      cpu: cpuScaled(trace),
      calibrationMs,
      normalised: Math.round(Math.max(...measures) * Math.min(1, 10 / calibrationMs) * 10) / 10,
      documentWholeMs,
      longestTaskMs: longestTask(trace),
    })
  }
  const rendered = await page.locator('crm-timetable-grid .lesson').count()
  const elements = await page.locator('crm-timetable-grid').evaluate((el) => el.shadowRoot!.querySelectorAll('*').length)
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const max = median(runs.map((r) => Math.max(...r.measures)))
  const screenMax = median(runs.map((r) => Math.max(...r.screen)))
  const normalised = median(runs.map((r) => r.normalised))
  const cpuMax = median(runs.map((r) => Math.max(0, ...r.cpu)))
  const documentWhole = median(runs.map((r) => r.documentWholeMs ?? Number.NaN))
  const longest = median(runs.map((r) => r.longestTaskMs))
  console.log(
    `TIMETABLE_RENDER ${JSON.stringify({ lessons: ROOMS * DAYS * HOURS, rooms: ROOMS, medianMax: max, medianScreenMax: screenMax, medianNormalisedMax: normalised, medianCpuMax: cpuMax, medianDocumentWholeMs: Number.isNaN(documentWhole) ? null : documentWhole, medianLongestTaskMs: longest, runs, renderedBlocks: rendered, gridElements: elements })}`,
  )

  // scrolling to the end of the week renders Sunday's rooms
  await page.locator('crm-timetable-grid').evaluate((el) => {
    const s = el.shadowRoot!.querySelector('.scroller') as HTMLElement
    s.scrollLeft = s.scrollWidth
  })
  await expect(page.locator('crm-timetable-grid .head .room', { hasText: `Room ${ROOMS}` }).last()).toBeVisible()

  // the figures are judged by the benchmark (bench/timetable/render.ts: < 100 ms), not asserted here
  expect(runs.every((r) => r.measures.length > 0)).toBe(true)
})

/**
 * Each `timetable-render` measure scaled by the main thread's CPU share while it ran (the trace's
 * thread time over wall time of the tasks it spans): what the render costs the browser, whatever
 * else the machine is doing. Same order as performance.getEntriesByName('timetable-render').
 */
function cpuScaled(trace: { traceEvents?: TraceEvent[] } | TraceEvent[]): number[] {
  const ev = Array.isArray(trace) ? trace : (trace.traceEvents ?? [])
  // the measure itself (async begin/end events, paired by id), else the marks around it
  const begins = ev.filter((e) => e.name === 'timetable-render' && e.ph === 'b')
  const spans: Array<[number, number]> = begins.length
    ? begins.flatMap((b) => {
        const e = ev.find((x) => x.name === 'timetable-render' && x.ph === 'e' && x.id === b.id && x.ts >= b.ts)
        return e ? [[b.ts, e.ts] as [number, number]] : []
      })
    : ev
        .filter((e) => e.name === 'timetable-render-start')
        .flatMap((s) => {
          const e = ev.find((x) => x.name === 'timetable-render-end' && x.ts >= s.ts)
          return e ? [[s.ts, e.ts] as [number, number]] : []
        })
  // the page's main thread is where its marks were made
  const main = (begins[0] ?? ev.find((e) => e.name === 'timetable-render-start'))?.tid
  const tasks = ev.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.tid === main)
  return spans.flatMap(([s, e]) => {
    const spanned = tasks.filter((t) => t.ts < e && t.ts + (t.dur ?? 0) > s)
    const wall = spanned.reduce((a, t) => a + (t.dur ?? 0), 0)
    const cpu = spanned.reduce((a, t) => a + (t.tdur ?? 0), 0)
    return [Math.round(((e - s) / 1000) * (wall ? cpu / wall : 1) * 10) / 10]
  })
}

/**
 * The longest task on the page's main thread from the first render measure's start to the last
 * one's end (ms): how long the page could not take input while the week loaded.
 */
function longestTask(trace: { traceEvents?: TraceEvent[] } | TraceEvent[]): number {
  const ev = Array.isArray(trace) ? trace : (trace.traceEvents ?? [])
  const marks = ev.filter((e) => e.name === 'timetable-render' && (e.ph === 'b' || e.ph === 'e'))
  if (!marks.length) return 0
  const from = Math.min(...marks.map((e) => e.ts))
  const to = Math.max(...marks.map((e) => e.ts))
  const main = marks[0].tid
  const tasks = ev.filter(
    (e) => e.ph === 'X' && e.name === 'RunTask' && e.tid === main && e.ts < to && e.ts + (e.dur ?? 0) > from,
  )
  return Math.round(Math.max(0, ...tasks.map((t) => t.dur ?? 0)) / 100) / 10
}

interface TraceEvent {
  name: string
  ph: string
  id?: string
  ts: number
  dur?: number
  tdur?: number
  tid?: number
  args?: { name?: string }
}

async function listOr(page: import('@playwright/test').Page, path: string): Promise<string[]> {
  const res = await page.request.get(path)
  if (!res.ok()) return []
  return ((await res.json()) as { items: Array<{ id: string }> }).items.map((x) => x.id)
}

function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3)
  const year = d.getUTCFullYear()
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const week = 1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7)
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** Berlin's offset in minutes at noon UTC of a date. */
function berlinOffset(date: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')!.value
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
}

interface CpuProfile {
  nodes: Array<{
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }
    children?: number[]
  }>
  samples: number[]
  timeDeltas: number[]
}

/** Self time per function (ms), the largest first: where a profiled page load spent its CPU (names from the build's source maps). */
function topFunctions(profile: CpuProfile, n: number): string {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const key = sourceName(byId.get(id)!.callFrame)
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`)
    .join('\n')
}

interface SourceMap {
  originalPositionFor(p: { line: number; column: number }): { source: string | null; line: number | null; name: string | null }
}
const maps = new Map<string, SourceMap | null>()
/** source-map-js (Vite's own dependency) when it is there; profiles then name original functions. */
const SourceMapConsumer: (new (raw: unknown) => SourceMap) | null = (() => {
  try {
    return createRequire(import.meta.url)('source-map-js').SourceMapConsumer
  } catch {
    return null
  }
})()

/** "function file:line" of a profiled frame: the original source position when the built file has a map. */
function sourceName(f: { functionName: string; url: string; lineNumber: number; columnNumber?: number }): string {
  const file = f.url.split('/').pop() ?? ''
  let map = maps.get(file)
  if (map === undefined) {
    const path = join(dirname(fileURLToPath(import.meta.url)), '../../dist/client/assets', `${file}.map`)
    map = SourceMapConsumer && file && existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : null
    maps.set(file, map)
  }
  const pos = map && f.lineNumber >= 0 ? map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber ?? 0 }) : null
  if (pos?.source)
    return `${pos.name ?? f.functionName ?? '(anonymous)'} ${pos.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')}:${pos.line}`
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber}`
}
