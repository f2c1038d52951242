import type { Page } from '@playwright/test'
import { TIMETABLE_MARKS, type TimetableMarkNames } from '../../client/src/data/timetable-marks'

/**
 * The render benchmark's timing, injected into the page (`page.addInitScript`): the timetable
 * itself only leaves performance marks (client/src/data/timetable-marks.ts); this probe turns them
 * into one `timetable-render` measure per update of the page that showed arrived data, as
 * timetable-render.spec.ts beside it reads them:
 *
 * - start: when the data arrived. For the week document, the update from the server as Yjs starts
 *   applying it (`timetable-doc-update`), for its last sync message the latest such update; for the
 *   projection, its response's last byte (resource timing), so parsing counts; for the rest (names,
 *   rooms, our own edits) when the page took them in. Data that one update shows together is
 *   measured from the first to arrive.
 * - end: the next frame painted after the grid rendered that update (`timetable-rendered`), when
 *   the page takes input again. A hidden tab paints nothing: nothing is measured there.
 * - detail: `what` arrived; ms from its arrival to the page's update (`beforeMs`: decoding it,
 *   waiting for the main thread), of which Yjs applying the document's update (`decodeMs`) and
 *   reading the lessons it changed (`readMs`); the whole document's arrival from its first message
 *   (`sinceFirstMs`); the projection's parsing (`parseMs`); the update (`updateMs`: deriving,
 *   placing, rendering the grid) and the frame (`paintMs`).
 *
 * The marks `timetable-render-start`/`-end` bracket each measure for traces.
 * @example await installTimetableRenderProbe(page); await page.goto('/timetable?…')
 */
export async function installTimetableRenderProbe(page: Page): Promise<void> {
  await page.addInitScript(timetableRenderProbe, TIMETABLE_MARKS)
}

/**
 * Runs in the page before its scripts (serialised by Playwright: it must not use anything from
 * this module). Wraps `performance.mark` so that each of the timetable's marks is seen as it is made.
 */
function timetableRenderProbe(names: TimetableMarkNames): void {
  type Arrival = { at: number; what: Set<string>; parts: Record<string, number> }
  const perf = performance
  const mark = perf.mark.bind(perf)
  /** Remote updates of the open week document: its first, the latest, the latest not yet read. */
  let txFirst = -1
  let txLatest = -1
  let txUnread = -1
  let readAt = -1
  let arrival: Arrival | null = null
  /** Updates under way that show arrived data, oldest first (each is followed by its `timetable-rendered`). */
  const measuring: Array<Arrival & { updateAt: number }> = []
  const round = (x: number) => Math.round(x * 10) / 10

  const arrived = (at: number, what: string, parts: Record<string, number> = {}) => {
    if (!arrival) arrival = { at, what: new Set(), parts: {} }
    arrival.at = Math.min(arrival.at, at)
    arrival.what.add(what)
    for (const [k, v] of Object.entries(parts)) arrival.parts[k] = (arrival.parts[k] ?? 0) + v
  }

  /** When the newest lessons response that finished by `by` finished arriving (resource timing), if known. */
  const responseEnd = (by: number): number | undefined => {
    const entries = perf.getEntriesByType('resource') as PerformanceResourceTiming[]
    for (let i = entries.length - 1; i >= 0 && i >= entries.length - 50; i--) {
      const e = entries[i]
      if (e.name.includes('/api/lessons?') && e.responseEnd > 0 && e.responseEnd <= by) return e.responseEnd
    }
    return undefined
  }

  const finish = (m: Arrival & { updateAt: number }, renderedAt: number) => {
    if (document.visibilityState === 'hidden') return
    // a task queued from requestAnimationFrame runs after that frame was painted
    requestAnimationFrame(() => {
      const ch = new MessageChannel()
      ch.port1.onmessage = () => {
        const end = perf.now()
        mark('timetable-render-start', { startTime: m.at })
        mark('timetable-render-end', { startTime: end })
        const parts = Object.fromEntries(Object.entries(m.parts).map(([k, v]) => [k, round(v)]))
        const detail = {
          what: [...m.what].join(','),
          beforeMs: round(m.updateAt - m.at),
          ...parts,
          updateMs: round(renderedAt - m.updateAt),
          paintMs: round(end - renderedAt),
        }
        perf.measure('timetable-render', { start: m.at, end, detail })
      }
      ch.port2.postMessage(null)
    })
  }

  perf.mark = (name: string, options?: PerformanceMarkOptions): PerformanceMark => {
    const entry = mark(name, options)
    const now = entry.startTime
    if (name === names.docUpdate) {
      txLatest = txUnread = now
      if (txFirst < 0) txFirst = now
    } else if (name === names.docRead) {
      readAt = now
    } else if (name === names.data) {
      const d = (options?.detail ?? {}) as { what?: string; opened?: boolean; synced?: boolean }
      const what = d.what ?? 'unknown'
      if (what === 'projection') {
        const end = responseEnd(now) ?? now
        arrived(end, what, { parseMs: now - end })
      } else if (d.opened) {
        txFirst = txLatest = txUnread = -1
        arrived(now, what)
      } else if (d.synced) {
        if (txLatest >= 0) arrived(txLatest, what, { sinceFirstMs: txLatest - txFirst })
        else arrived(now, what)
      } else if (what === 'document' || what === 'edit') {
        const read = readAt >= 0 ? readAt : now
        const at = what === 'document' && txUnread >= 0 ? txUnread : read
        arrived(at, what, { decodeMs: read - at, readMs: now - read })
        txUnread = readAt = -1
      } else arrived(now, what)
    } else if (name === names.update) {
      if (arrival) measuring.push({ ...arrival, updateAt: now })
      arrival = null
    } else if (name === names.rendered) {
      const m = measuring.shift()
      if (m) finish(m, now)
    }
    return entry
  }
}
