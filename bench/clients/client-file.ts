import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { openDatabase, queryRows } from '../../db/client'
import { users } from '../../db/schema/index'
import {
  guardianMap,
  guardiansOf,
  initClientFile,
  notesOf,
  observationMap,
  observationsOf,
  profileOf,
  traitsOf,
} from '../../domain/docs/client-file'
import { describeTransaction, type DocChange } from '../../server/realtime/collab/describe'
import { appendUpdates, readUpdatesAfter } from '../../server/realtime/collab/persistence'
import type { BenchContext, Target } from '../lib/context'
import { stableJson } from '../lib/json'
import { raiseBackendsOf } from '../lib/pg'
import { closeDoc, openDoc } from '../lib/provider'
import { ROOT, login, startClubroom } from '../lib/servers'
import { round, summarize } from '../lib/stats'
import { seededRandom } from '../../db/seeded-random'

/**
 * "Open a client file (document loaded and rendered) under 300 ms".
 *
 * Server part: WebSocket connect → synced for `client:<id>` documents with a realistic history (the
 * demo client's registration plus 200 edits by three staff: profile fields, guardians, notes typed a
 * few characters at a time, observations, traits). Each document is opened cold (first open: read
 * from PostgreSQL) and again while loaded.
 *
 * Browser part: the Playwright spec bench/clients/client-file-render.spec.ts in the system Chromium
 * (bench/clients/playwright.config.ts) against the same server, on other documents of the same kind
 * that nobody has opened yet: from navigating to the file (a full page load by URL, or the app's own
 * navigation from the client list) to the file rendered with its header and document data (the
 * page's `client-file-rendered` mark, recorded after style and layout by render-timing.ts).
 */

const NOTES = [
  'Prefers mornings. ',
  'Call the mother first. ',
  'Lost a glove on Tuesday. ',
  'Very shy in the first lesson. ',
  'Brings own headphones. ',
]

function historyFor(base: Uint8Array, edits: number, seed: number, staff: Array<{ id: string; login: string }>) {
  const rand = seededRandom(seed)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, base)
  const out: Array<{ update: Uint8Array; changes: DocChange[]; userId: string }> = []
  let changes: DocChange[] = []
  let author = staff[0]
  doc.on('afterTransaction', (txn: Y.Transaction) => (changes = describeTransaction(txn)))
  doc.on('update', (update: Uint8Array) => out.push({ update, changes, userId: author.id }))
  const clientIds = staff.map((_, i) => 50_000 + seed * 10 + i)
  while (out.length < edits) {
    const who = Math.floor(rand() * staff.length)
    author = staff[who]
    doc.clientID = clientIds[who]
    const r = rand()
    doc.transact(() => {
      if (r < 0.55) {
        // typing into the notes, a few characters per update
        const text = notesOf(doc)
        const phrase = NOTES[Math.floor(rand() * NOTES.length)]
        const at = Math.floor(rand() * phrase.length)
        if (rand() < 0.1 && text.length > 5) text.delete(text.length - 3, 3)
        else text.insert(text.length, phrase.slice(at, at + 1 + Math.floor(rand() * 6)))
      } else if (r < 0.75) {
        const p = profileOf(doc)
        const f = ['phone', 'email', 'status', 'source'][Math.floor(rand() * 4)]
        p.set(
          f,
          f === 'phone'
            ? `+49 151 ${5550000 + Math.floor(rand() * 9999)}`
            : f === 'email'
              ? `x${Math.floor(rand() * 999)}@example.org`
              : f === 'status'
                ? ['active', 'trial', 'paused'][Math.floor(rand() * 3)]
                : 'referral',
        )
      } else if (r < 0.85) {
        const g = guardiansOf(doc)
        const key = `g${1 + Math.floor(rand() * 2)}`
        const existing = g.get(key)
        if (existing) existing.set('phone', `+49 152 ${5550000 + Math.floor(rand() * 9999)}`)
        else
          g.set(
            key,
            guardianMap({ name: 'Petra Lange', relation: 'mother', phone: '+49 152 5551234', email: null, canPickUp: true }),
          )
      } else if (r < 0.93) {
        traitsOf(doc).set(['perseverance', 'sensitivity'][Math.floor(rand() * 2)], 1 + Math.floor(rand() * 5))
      } else {
        observationsOf(doc).set(
          `o${out.length}`,
          observationMap({
            at: new Date().toISOString(),
            authorId: author.id,
            authorName: author.login,
            activity: 'Robotics',
            text: 'Concentrated for the whole lesson; finished the task early.',
          }),
        )
      }
    })
  }
  initClientFile(doc)
  return { updates: out, json: stableJson(doc.toJSON()) }
}

export async function runClientFile(ctx: BenchContext) {
  const { clubroomTemplate } = await import('../lib/template')
  const docsN = ctx.quick ? 10 : 30
  /** Files the browser opens (one to warm up, then half by URL, half from the list), each once. */
  const browserN = ctx.quick ? 9 : 21
  const edits = 200
  const tpl = await clubroomTemplate()
  const db = await tpl.clone('clientfile')
  try {
    const database = await openDatabase({ url: db.url, max: 2 })
    const expected = new Map<string, string>()
    let historyBytes = 0
    try {
      const staff = await database.db
        .select({ id: users.id, login: users.login })
        .from(users)
        .where(sql`${users.login} in ('reception', 'reception2', 'manager')`)
      const docs = await queryRows<{ doc: string }>(
        database.db,
        sql`select doc from doc_updates where doc like 'client:%' group by doc order by doc limit ${docsN + browserN}`,
      )
      for (const [i, { doc }] of docs.entries()) {
        const [first] = await readUpdatesAfter(database.db, doc, 0)
        const h = historyFor(first.update, edits, i + 1, staff)
        await appendUpdates(database.db, [{ doc, lastSeq: 1, rows: h.updates }], { verifySeq: false })
        historyBytes += h.updates.reduce((n, u) => n + u.update.length, 0) + first.update.length
        expected.set(doc, h.json)
      }
      // touch the users table so the session check is not the first query after start
      await database.db.select({ id: users.id }).from(users).where(eq(users.login, 'reception'))
    } finally {
      await database.close()
    }
    const built = ensureClientBuilt(ctx)
    const srv = await startClubroom({ databaseUrl: db.url, cpu: 0 })
    const cold: number[] = []
    const coldConnected: number[] = []
    const warm: number[] = []
    let mismatches = 0
    let browser: BrowserPart = { error: 'not run' }
    try {
      const cookie = await login(srv.url, 'reception')
      const headers = { Cookie: cookie, Origin: srv.url }
      const ws = `ws://127.0.0.1:${srv.port}/yjs`
      // one throw-away open (first-use costs of the process: JIT, pools)
      const all = [...expected.keys()]
      const names = all.slice(0, docsN)
      const forBrowser = all.slice(docsN)
      closeDoc(await openDoc(ws, `client:${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, headers))
      await raiseBackendsOf(db.name)
      for (const name of names) {
        const a = await openDoc(ws, name, headers)
        cold.push(a.syncedMs)
        if (a.connectedMs !== null) coldConnected.push(a.connectedMs)
        initClientFile(a.doc)
        if (stableJson(a.doc.toJSON()) !== expected.get(name)) mismatches++
        const b = await openDoc(ws, name, headers)
        warm.push(b.syncedMs)
        closeDoc(b)
        closeDoc(a)
      }
      browser = built
        ? await runBrowserPart(
            ctx,
            srv.url,
            forBrowser.map((d) => d.slice('client:'.length)),
          )
        : { error: 'the client could not be built' }
    } finally {
      await srv.stop()
    }
    const c = summarize(cold)
    const targets: Target[] = [
      {
        what: `open a client file (${edits} edits of history): connect → synced, cold, p95 of ${docsN}`,
        limit: '< 300 ms',
        measured: `${c.p95} ms (p50 ${c.p50})`,
        pass: c.p95 !== null && c.p95 < 300 && mismatches === 0,
      },
    ]
    const fig = browser.figures
    for (const [key, label] of [
      ['byUrl', 'by URL (full page load, app files cached): navigation start → header and document rendered'],
      ['inApp', 'from the client list (in-app navigation) → header and document rendered'],
    ] as const) {
      const f = fig?.[key]
      targets.push({
        what: `open a client file in Chromium, ${label}, p95 of ${f?.n ?? '—'} (median ${f?.p50 ?? '—'} ms)`,
        limit: '< 300 ms',
        measured: f?.p95 != null ? `${f.p95} ms` : `not measured${browser.error ? ` (${browser.error})` : ''}`,
        pass: f?.p95 != null ? f.p95 < 300 : false,
      })
    }
    return {
      docs: docsN,
      edits_per_doc: edits,
      avg_history_bytes: Math.round(historyBytes / Math.max(1, expected.size)),
      cold_ms: c,
      cold_upgrade_ms: summarize(coldConnected),
      warm_ms: summarize(warm),
      content_mismatches: mismatches,
      browser,
      targets,
    }
  } finally {
    await db.drop()
  }
}

interface BrowserPart {
  figures?: { files: number; byUrl: any; inApp: any; calibrationMs: number }
  spec_passed?: boolean
  wall_s?: number | null
  output_tail?: string
  error?: string
}

/** Newest modification time under a folder. */
function newest(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/** The server serves dist/client: build it when the client changed (as scripts/e2e-server.mjs does; never emptied). */
function ensureClientBuilt(ctx: BenchContext): boolean {
  const built = join(ROOT, 'dist/client/index.html')
  if (existsSync(built) && Math.max(newest(join(ROOT, 'client')), newest(join(ROOT, 'domain/docs'))) <= statSync(built).mtimeMs)
    return true
  ctx.log('client-file: building the client (it changed since the last build)')
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'client/vite.config.ts',
      '--emptyOutDir=false',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
  return r.status === 0
}

/** Runs the render spec in the system Chromium against `baseUrl`; its CLIENT_FILE_RENDER line holds the figures. */
async function runBrowserPart(ctx: BenchContext, baseUrl: string, ids: string[]): Promise<BrowserPart> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(chromium)) return { error: `no Chromium at ${chromium}` }
  ctx.log(`client-file: opening ${ids.length} files in Chromium (bench/clients/client-file-render.spec.ts)`)
  const t0 = performance.now()
  const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/@playwright/test/cli.js'),
        'test',
        '-c',
        'bench/clients/playwright.config.ts',
        '--reporter=list',
        '--workers=1',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          CLIENT_FILE_BASE_URL: baseUrl,
          CLIENT_FILE_IDS: ids.join(','),
          E2E_BENCH: '1',
          PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
          CI: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout = (stdout + b.toString()).slice(-100_000)))
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-20_000)))
    const timer = setTimeout(() => child.kill('SIGTERM'), 300_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
  const line = r.stdout.split('\n').find((l) => l.includes('CLIENT_FILE_RENDER '))
  const figures = line ? JSON.parse(line.slice(line.indexOf('CLIENT_FILE_RENDER ') + 'CLIENT_FILE_RENDER '.length)) : undefined
  const passed = /\b1 passed\b/.test(r.stdout)
  return {
    figures,
    spec_passed: passed,
    wall_s: round((performance.now() - t0) / 1000),
    output_tail: figures && passed ? undefined : (r.stdout + '\n' + r.stderr).slice(-3000),
    error: figures ? undefined : `spec exited ${r.code} without figures`,
  }
}
