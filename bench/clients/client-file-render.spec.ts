import { randomUUID } from 'node:crypto'
import { type Page, expect, test } from '../../test/e2e/fixtures'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { signInFast } from '../../test/e2e/support'
import { timeClientFileRender } from './render-timing'

/**
 * Open benchmark: how long from navigating to a client file until it is rendered with its data
 * (the header from GET /api/clients/:id and the live document `client:<id>` on the File tab, style
 * and layout included: the page's `client-file-rendered` mark, see crm-client-file.ts, recorded
 * after style and layout by the hook in render-timing.ts).
 *
 * Two ways of opening, each file opened once (a document nobody has open: the server loads it),
 * after one file opened first and not counted (browser cache, the server's first request):
 * - by URL: `page.goto('/clients/<id>')`, a full page load with the app's files in the browser
 *   cache (from navigation start to the mark);
 * - from the list: the app's own client-side navigation from the client list (from the pushState
 *   to the mark).
 * Prints `CLIENT_FILE_RENDER {"byUrl":{…},"inApp":{…},…}` for bench/clients/client-file.ts, which
 * judges it against the goal (< 300 ms); this spec asserts no timing. Runs only as a benchmark
 * (bench/clients/playwright.config.ts). The benchmark passes the files to open (CLIENT_FILE_IDS,
 * documents with a long history on PostgreSQL, CLIENT_FILE_BASE_URL its server); alone, the spec
 * makes its own.
 */
const OPENS = Number(process.env.CLIENT_FILE_OPENS ?? 6)
const EDITS = 200

test('a client file opens, and reports how fast', async ({ page, context, baseURL }) => {
  test.setTimeout(300_000)
  await timeClientFileRender(page)
  await signInFast(page, 'reception', '/clients')
  const given = (process.env.CLIENT_FILE_IDS ?? '').split(',').filter(Boolean)
  const [warmUp, ...ids] = given.length ? given : await makeFiles(page, context, baseURL!, OPENS * 2 + 1)
  expect(ids.length, 'files to open').toBeGreaterThanOrEqual(2)
  const half = Math.floor(ids.length / 2)

  // the app's files are in the browser cache and the server has served a file before, as on any
  // working day: one file opened first, not counted
  await page.goto(`/clients/${warmUp}`)
  await renderedAt(page, warmUp, 'navigation')
  await page.goto('/clients')
  await expect(page.locator('crm-client-list')).toBeVisible()

  const byUrl: number[] = []
  const phases: Array<Record<string, number | null>> = []
  for (const id of ids.slice(0, half)) {
    await page.goto(`/clients/${id}`)
    byUrl.push(await renderedAt(page, id, 'navigation'))
    phases.push(await phasesOf(page, id))
    await expectFileShown(page)
  }

  const inApp: number[] = []
  for (const id of ids.slice(half)) {
    await page.goto('/clients')
    await expect(page.locator('crm-client-list')).toBeVisible()
    await page.waitForTimeout(300) // the list's first page and live connection settle
    await page.evaluate((path) => {
      performance.mark('client-file-nav', { detail: { path } })
      // what the app's navigate() does on a click on a row
      history.pushState(null, '', path)
      window.dispatchEvent(new CustomEvent('crm-location-changed'))
    }, `/clients/${id}`)
    inApp.push(await renderedAt(page, id, 'client-file-nav'))
    await expectFileShown(page)
  }

  // how busy is this machine? 10 million additions take ~10 ms on an idle core
  const calibrationMs = await page.evaluate(() => {
    const t = performance.now()
    let x = 0
    for (let i = 0; i < 1e7; i++) x += i
    return Math.round((performance.now() - t + (x < 0 ? 1 : 0)) * 10) / 10
  })
  // where a full page load spends it (ms from navigation start, medians)
  const med = (k: string) => {
    const xs = phases
      .map((p) => p[k])
      .filter((x): x is number => typeof x === 'number')
      .sort((a, b) => a - b)
    return xs.length ? xs[Math.floor(xs.length / 2)] : null
  }
  const byUrlPhases = Object.fromEntries(Object.keys(phases[0] ?? {}).map((k) => [k, med(k)]))
  console.log(
    `CLIENT_FILE_RENDER ${JSON.stringify({ files: ids.length, generated: !given.length, byUrl: stats(byUrl), inApp: stats(inApp), byUrlPhases, calibrationMs })}`,
  )
  expect(byUrl.length + inApp.length).toBe(ids.length)
})

/** ms from the start (navigation start, or the named mark) to this file's `client-file-rendered` mark. */
async function renderedAt(page: Page, id: string, from: 'navigation' | string): Promise<number> {
  const handle = await page.waitForFunction(
    ({ id, from }) => {
      const done = performance.getEntriesByName('client-file-rendered').find((e) => (e as PerformanceMark).detail?.id === id)
      if (!done) return null
      const start = from === 'navigation' ? 0 : (performance.getEntriesByName(from).at(-1)?.startTime ?? null)
      return start === null ? null : done.startTime - start
    },
    { id, from },
    { timeout: 60_000, polling: 50 },
  )
  return Math.round(((await handle.jsonValue()) as number) * 10) / 10
}

/** The milestones of a full page load of a client file (ms from navigation start). */
async function phasesOf(page: Page, id: string): Promise<Record<string, number | null>> {
  return page.evaluate((id) => {
    const r1 = (x: number | undefined | null) => (typeof x === 'number' ? Math.round(x * 10) / 10 : null)
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    const api = res.find((e) => e.name.endsWith(`/api/clients/${id}`))
    const me = res.find((e) => /\/api\/auth\/me$/.test(e.name))
    const scripts = res.filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
    const open = performance.getEntriesByName('client-file-open').find((e) => (e as PerformanceMark).detail?.id === id)
    const done = performance.getEntriesByName('client-file-rendered').find((e) => (e as PerformanceMark).detail?.id === id)
    return {
      html: r1(nav?.responseEnd),
      domContentLoaded: r1(nav?.domContentLoadedEventEnd),
      sessionCheckEnd: r1(me?.responseEnd),
      lastScriptEnd: r1(Math.max(0, ...scripts.map((e) => e.responseEnd))),
      fileElement: r1(open?.startTime),
      clientApiStart: r1(api?.startTime),
      clientApiEnd: r1(api?.responseEnd),
      rendered: r1(done?.startTime),
    }
  }, id)
}

async function expectFileShown(page: Page) {
  await expect(page.getByTestId('client-header')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Notes', exact: true })).not.toHaveValue('')
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b)
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : null)
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s.at(-1) ?? null, all: xs }
}

/** Registers `n` clients and gives each file a history of 200 edits (notes typed a few characters at a time, traits, observations). */
async function makeFiles(
  page: Page,
  context: import('@playwright/test').BrowserContext,
  baseURL: string,
  n: number,
): Promise<string[]> {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
  const origin = new URL(baseURL).origin
  class AuthedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } })
    }
  }
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const res = await page.request.post('/api/clients', {
      data: {
        firstName: 'Bench',
        lastName: `File${randomUUID().slice(0, 8)}`,
        birthDate: '2014-05-06',
        consent: true,
        source: 'walk_in',
        confirmNotDuplicate: true,
        guardians: [{ name: 'Petra Lange', relation: 'mother', phone: `+49 152 ${5_000_000 + i}` }],
      },
    })
    expect(res.status(), await res.text()).toBe(201)
    const id = ((await res.json()) as { id: string }).id
    for (let k = 0; k < 5; k++)
      await page.request.post(`/api/clients/${id}/observations`, {
        data: { text: `Concentrated for the whole lesson (${k}).`, activity: 'Robotics' },
      })
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/yjs`, `client:${id}`, doc, {
      WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    const phrases = ['Prefers mornings. ', 'Call the mother first. ', 'Very shy in the first lesson. ']
    for (let e = 0; e < EDITS; e++) {
      // under the server's 200 messages a second
      if (e % 20 === 19) await new Promise((r) => setTimeout(r, 150))
      doc.transact(() => {
        if (e % 10 === 9) doc.getMap('traits').set(e % 20 === 9 ? 'perseverance' : 'sensitivity', 1 + (e % 5))
        else {
          const p = phrases[e % phrases.length]
          const at = (e * 7) % p.length
          doc.getText('notes').insert(doc.getText('notes').length, p.slice(at, at + 4))
        }
      })
    }
    const length = doc.getText('notes').length
    // stored when a fresh connection reads it all back
    await expect
      .poll(
        async () => {
          const check = new Y.Doc()
          const reader = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/yjs`, `client:${id}`, check, {
            WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
            disableBc: true,
          })
          await new Promise<void>((resolve) => reader.once('sync', () => resolve()))
          const got = check.getText('notes').length
          reader.destroy()
          check.destroy()
          return got
        },
        { timeout: 30_000 },
      )
      .toBe(length)
    provider.destroy()
    doc.destroy()
    ids.push(id)
  }
  // (files written just now may still be loaded on the server: the benchmark's own files are not)
  return ids
}
