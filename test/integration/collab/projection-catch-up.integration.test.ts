import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { activities, clients, docProjections, lessons } from '../../../db/schema/index'
import { encodeClientDocName, profileOf } from '../../../domain/docs/client-file'
import { encodeTimetableDocName, isoWeekOf, lessonMap, lessonsOf } from '../../../domain/docs/timetable-week'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { readLagging } from '../../../server/realtime/collab/projection-watermarks'
import { buildBranch, buildRoom } from '../../support/factories'
import { apiCaller } from '../../support/http'
import { connect, login, useDocServer, waitFor, type TestClient } from './helpers'

/**
 * Projections that always catch up: an edit acknowledged (durable in doc_updates) by an instance
 * that dies before its projection timer fires still reaches its relational row — through the
 * projection watermark, which any instance's periodic sweep (or load of the document) compares
 * with the log's head. The dying instance is a child process killed with SIGKILL, its projection
 * delay set to ten minutes so that it never projects by itself.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
// the surviving instance, on Redis like the child of the second test; its sweep is off until a test turns it on
const ctx = useDocServer({ logins: ['manager', 'reception'], instances: [{ REDIS_URL }] })
const ENTRY = fileURLToPath(new URL('./fixtures/server-entry.ts', import.meta.url))
const NEVER = 3_600_000
beforeAll(() => {
  ctx.server.realtime.collab.settings.projectionSweepMs = NEVER
})

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

/** A server in a child process that projects nothing before it is killed. */
async function startDoomed(env: Record<string, string> = {}): Promise<{ child: ChildProcess; server: RunningServer }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      DATABASE_URL: ctx.database.url,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      COLLAB_PROJECT_DELAY_MS: String(NEVER),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`child server did not start: ${out}`)), 60_000)
    child.stdout.on('data', (d) => {
      out += d
      if (out.includes('LISTENING')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr.on('data', (d) => (out += d))
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`child exited ${code}: ${out}`))
    })
  })
  // what `connect` and `login` need of a server
  return { child, server: { port, url: `http://127.0.0.1:${port}` } as RunningServer }
}

const extra: RunningServer[] = []
const clientsOpen: TestClient[] = []
afterEach(async () => {
  for (const c of clientsOpen.splice(0)) c.destroy()
  for (const s of extra.splice(0)) await s.close()
  ctx.server.realtime.collab.settings.projectionSweepMs = NEVER
})

/** A branch, a room, an activity and a lesson time in this week. */
async function weekSetUp() {
  const db = ctx.database.db
  const branch = await buildBranch(db, `Catch-up ${Math.random().toString(36).slice(2, 7)}`)
  const room = await buildRoom(db, branch.id, { name: 'Studio' })
  const [activity] = await db
    .insert(activities)
    .values({
      name: `Pottery ${branch.id.slice(0, 4)}`,
      category: 'art',
      durationMinutes: 60,
      maxGroupSize: 10,
      staffRatio: 8,
      pricePerSession: '15.00',
    })
    .returning()
  const start = new Date(Date.now() + 24 * 3_600_000)
  const end = new Date(start.getTime() + 60 * 60_000)
  const docName = encodeTimetableDocName(branch.id, isoWeekOf(start.toISOString().slice(0, 10)))
  return {
    docName,
    fields: {
      roomId: room.id,
      start: start.toISOString(),
      end: end.toISOString(),
      activityId: activity.id,
      teacherId: ctx.staff.teacher.id,
      status: 'planned' as const,
    },
  }
}

const lessonRow = async (id: string) => (await ctx.database.db.select().from(lessons).where(eq(lessons.id, id)))[0]
const clientRow = async (id: string) => (await ctx.database.db.select().from(clients).where(eq(clients.id, id)))[0]

/** Edits on the doomed instance, acknowledged (durable), then SIGKILL before any projection. */
async function editThenKill(
  doomed: { child: ChildProcess; server: RunningServer },
  edits: Array<{ doc: string; edit: (c: TestClient) => void }>,
) {
  const cookie = await login(doomed.server, 'manager')
  const editors = edits.map(({ doc }) => connect(doomed.server, cookie, doc))
  clientsOpen.push(...editors)
  await Promise.all(editors.map((c) => c.synced()))
  edits.forEach(({ edit }, i) => edit(editors[i]))
  await waitFor(() => editors.every((c) => c.isSaved()), 10_000, 'acknowledged')
  doomed.child.kill('SIGKILL')
  await new Promise((r) => doomed.child.once('exit', r))
  for (const c of editors) c.provider.disconnect()
}

describe('projections that always catch up', () => {
  it('one instance killed after an acknowledged edit: after a restart, the lesson and the client row match their documents within seconds', async () => {
    const { docName, fields } = await weekSetUp()
    const reg = await apiCaller(ctx.server)('POST', '/api/clients', ctx.cookies.reception, {
      firstName: 'Ani',
      lastName: 'Before',
      birthDate: '1990-03-01',
      phone: '+374 10 555 301',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(reg.status, JSON.stringify(reg.data)).toBe(201)
    const clientId = reg.data.id as string
    const doomed = await startDoomed()
    await editThenKill(doomed, [
      {
        doc: docName,
        edit: (c) => c.doc.transact(() => lessonsOf(c.doc).set('catch-up-1', lessonMap({ ...fields, note: 'after the crash' }))),
      },
      { doc: encodeClientDocName(clientId), edit: (c) => profileOf(c.doc).set('lastName', 'After') },
    ])
    // nothing was projected before the kill
    expect(await lessonRow('catch-up-1')).toBeUndefined()
    expect((await clientRow(clientId)).lastName).toBe('Before')

    // the restart: a fresh instance on the same database, nobody opens the documents
    const restarted = await startTestServer(ctx.database, {})
    extra.push(restarted)
    restarted.realtime.collab.settings.projectionSweepMs = 300
    await waitFor(async () => (await lessonRow('catch-up-1'))?.note === 'after the crash', 8_000, 'the lesson row')
    await waitFor(async () => (await clientRow(clientId)).lastName === 'After', 8_000, 'the client row')
    const row = await lessonRow('catch-up-1')
    expect(row.roomId).toBe(fields.roomId)
    expect(row.startsAt?.toISOString()).toBe(fields.start)
    // the watermarks reached the head
    await waitFor(
      async () => (await ctx.database.db.select().from(docProjections).where(eq(docProjections.doc, docName)))[0]?.seq >= 1,
      3_000,
      'the week watermark',
    )
  }, 120_000)

  it('two instances on Redis: when the one that took the edit dies, the other projects it within seconds (the document open on both)', async () => {
    const { docName, fields } = await weekSetUp()
    const watcher = connect(ctx.server, ctx.cookies.manager, docName)
    clientsOpen.push(watcher)
    await watcher.synced()
    const doomed = await startDoomed({ REDIS_URL })
    await editThenKill(doomed, [
      {
        doc: docName,
        edit: (c) =>
          c.doc.transact(() =>
            lessonsOf(c.doc).set('catch-up-2', lessonMap({ ...fields, note: 'made on the instance that died' })),
          ),
      },
    ])
    await waitFor(() => lessonsOf(watcher.doc).has('catch-up-2'), 5_000, 'the survivor has the edit')
    expect(await lessonRow('catch-up-2')).toBeUndefined()
    ctx.server.realtime.collab.settings.projectionSweepMs = 300
    await waitFor(async () => (await lessonRow('catch-up-2'))?.note === 'made on the instance that died', 8_000, 'the lesson row')
  }, 120_000)

  it('loading a document projects it from its watermark (no sweep)', async () => {
    const { docName, fields } = await weekSetUp()
    const doomed = await startDoomed()
    await editThenKill(doomed, [
      {
        doc: docName,
        edit: (c) =>
          c.doc.transact(() => lessonsOf(c.doc).set('catch-up-3', lessonMap({ ...fields, note: 'projected on load' }))),
      },
    ])
    expect(await lessonRow('catch-up-3')).toBeUndefined()
    // the sweep's two queries (documents updated recently; every projected document) both see it behind
    for (const lagging of [await readLagging(ctx.database.db, { recentMs: 600_000 }), await readLagging(ctx.database.db)]) {
      const found = lagging.find((l) => l.doc === docName)
      expect(found).toMatchObject({ seq: 0, head: 1 })
      expect(found!.behindMs).toBeGreaterThanOrEqual(0)
    }
    const reader = connect(ctx.server, ctx.cookies.manager, docName)
    clientsOpen.push(reader)
    await reader.synced()
    await waitFor(async () => (await lessonRow('catch-up-3'))?.note === 'projected on load', 5_000, 'the lesson row')
  }, 120_000)
})
