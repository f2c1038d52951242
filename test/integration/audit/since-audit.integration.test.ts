import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lessonMap } from '../../../domain/docs/timetable-week'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { connect, login, waitFor, type TestClient } from '../collab/helpers'

/**
 * Issue #16, "Highlight since audit": GET /api/docs/{docName}/since-audit answers the paths of one
 * document changed after the last checkpoint (all of its history before the first), the newest
 * change of each with its author; for the audit's readers who may read the document, never a
 * medical file.
 */

let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}
const clients: TestClient[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception', 'auditor']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.close()
  await database?.destroy()
})

const call = (method: string, path: string, cookie: string, json?: unknown) => apiCaller(server)(method, path, cookie, json, 'en')

async function open(who: string, doc: string): Promise<TestClient> {
  const c = connect(server, cookies[who], doc)
  clients.push(c)
  await c.synced()
  return c
}

async function edit(c: TestClient, fn: () => void) {
  fn()
  await waitFor(() => c.isSaved(), 10_000, 'the edit saved')
}

interface Change {
  path: string
  kind: string
  at: string
  actor: { id: string; login: string } | null
}

async function sinceAudit(doc: string, who = 'auditor') {
  const res = await call('GET', `/api/docs/${doc}/since-audit`, cookies[who])
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  return res.data as {
    checkpoint: { id: number; closedAt: string; closedBy: { login: string } | null } | null
    changes: Change[]
  }
}

const brief = (changes: Change[]) =>
  changes.map((c) => [c.path, c.kind, c.actor?.login ?? null]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))

function lesson(teacherId: string, hour: number) {
  const { central } = center
  const start = new Date((central.lesson.startsAt as Date).getTime() + hour * 3600_000)
  return lessonMap({
    roomId: central.room.id,
    start: start.toISOString(),
    end: new Date(start.getTime() + 3600_000).toISOString(),
    activityId: center.activity.id,
    groupId: central.group.id,
    teacherId,
    status: 'planned',
    note: '',
  })
}

let week: string
let file: string
const lessonA = randomUUID()
const lessonB = randomUUID()

describe('highlight since audit', () => {
  it('with no checkpoint yet, every change of the document counts', async () => {
    week = `timetable:${center.central.branch.id}:${center.week}`
    const created = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Anna',
      lastName: 'Petrosyan',
      birthDate: '1990-01-01',
      phone: '+37491000222',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(created.status, JSON.stringify(created.data)).toBe(201)
    file = `client:${created.data.id}`

    const w = await open('owner', week)
    await edit(w, () => w.doc.getMap('lessons').set(lessonA, lesson(center.staff.teacher.id, 0)))
    const f = await open('reception', file)
    await edit(f, () => f.doc.getMap('profile').set('firstName', 'Anya'))

    const t = await sinceAudit(week)
    expect(t.checkpoint).toBeNull()
    expect(brief(t.changes)).toContainEqual([`lessons.${lessonA}`, 'added', 'owner'])
    const c = await sinceAudit(file, 'owner')
    expect(c.checkpoint).toBeNull()
    expect(brief(c.changes)).toContainEqual(['profile.firstName', 'changed', 'reception'])
  })

  it('after a checkpoint, only the paths changed since, with their newest author', async () => {
    const closed = await call('POST', '/api/audit/checkpoints', cookies.auditor, { note: 'first' })
    expect(closed.status, JSON.stringify(closed.data)).toBe(201)
    expect((await sinceAudit(week)).changes).toEqual([])
    expect((await sinceAudit(file)).changes).toEqual([])

    const r = await open('reception', week)
    const m = await open('manager', week)
    await waitFor(() => r.doc.getMap('lessons').has(lessonA), 5_000, 'reception sees lesson A')
    await edit(r, () => (r.doc.getMap('lessons').get(lessonA) as Y.Map<unknown>).set('teacherId', center.staff.teacher2.id))
    await edit(m, () => m.doc.getMap('lessons').set(lessonB, lesson(center.staff.teacher.id, 2)))
    await edit(m, () => (m.doc.getMap('lessons').get(lessonB) as Y.Map<unknown>).set('note', 'bring mats'))
    await edit(r, () => (r.doc.getMap('lessons').get(lessonB) as Y.Map<unknown>).set('note', 'bring mats and water'))

    const f = await open('manager', file)
    await edit(f, () => f.doc.getMap('profile').set('lastName', 'Petrosyan-Sargsyan'))

    const t = await sinceAudit(week)
    expect(t.checkpoint).toMatchObject({ id: closed.data.id, closedBy: { login: 'auditor' } })
    expect(brief(t.changes)).toEqual(
      [
        [`lessons.${lessonA}.teacherId`, 'changed', 'reception'],
        [`lessons.${lessonB}`, 'added', 'manager'],
        [`lessons.${lessonB}.note`, 'changed', 'reception'],
      ].sort((a, b) => a[0].localeCompare(b[0])),
    )
    expect(t.changes.every((c) => !Number.isNaN(Date.parse(c.at)))).toBe(true)
    const c = await sinceAudit(file, 'owner')
    expect(brief(c.changes)).toEqual([['profile.lastName', 'changed', 'manager']])

    // a lesson removed after the checkpoint is a removed path (a deletion moves no clock of the
    // editor's, so "saved" cannot tell it was stored: wait for the server to have it)
    m.doc.getMap('lessons').delete(lessonA)
    const removed = [`lessons.${lessonA}`, 'removed', 'manager']
    const again = await waitFor(
      async () => brief((await sinceAudit(week)).changes).some((c) => JSON.stringify(c) === JSON.stringify(removed)),
      10_000,
      'the removal stored',
    )
    expect(again).toBe(true)
  })

  it('refuses those who may not read the audit, bad names and medical files', async () => {
    expect((await call('GET', `/api/docs/${week}/since-audit`, cookies.reception)).status).toBe(403)
    expect((await call('GET', `/api/docs/${file}/since-audit`, cookies.manager)).status).toBe(403)
    const bad = await call('GET', '/api/docs/timetable:not-a-branch/since-audit', cookies.auditor)
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.data)).toContain('docName')
    expect((await call('GET', '/api/docs/nonsense/since-audit', cookies.auditor)).status).toBe(400)
    const medical = file.replace('client:', 'client-medical:')
    expect((await call('GET', `/api/docs/${medical}/since-audit`, cookies.auditor)).status).toBe(403)
    expect((await call('GET', `/api/docs/${medical}/since-audit`, cookies.owner)).status).toBe(403)
    // a week of a branch that does not exist is no document
    expect((await call('GET', `/api/docs/timetable:${randomUUID()}:${center.week}/since-audit`, cookies.auditor)).status).toBe(
      404,
    )
  })
})
