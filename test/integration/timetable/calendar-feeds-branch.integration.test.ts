import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { auditLog } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #17, calendar feeds: "create, copy the link, revoke (teacher: their own lessons; manager: a
 * room or a branch)". A branch's feed holds every lesson of that branch and none of another; a
 * teacher makes, lists and revokes the feeds of their own lessons, and nothing else.
 */
let database: TestDatabase
let server: RunningServer
let world: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}
const call = (method: string, path: string, who: string | null, json?: unknown) =>
  apiCaller(server)(method, path, who ? cookies[who] : null, json, 'en')
const pathOf = (url: string) => new URL(url).pathname

beforeAll(async () => {
  database = await createTestDatabase()
  world = await buildTwoBranches(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'teacher', 'teacher2', 'reception']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('a branch’s feed', () => {
  it('holds the branch’s lessons and not another branch’s', async () => {
    const made = await call('POST', '/api/calendar-feeds', 'manager', { kind: 'branch', subjectId: world.central.branch.id })
    expect(made.status).toBe(201)
    const ics = await call('GET', pathOf(made.data.url), null)
    expect(ics.status).toBe(200)
    expect(ics.headers.get('content-type')).toContain('text/calendar')
    expect(ics.text).toContain(`${world.central.lesson.id}@clubroom`)
    expect(ics.text).not.toContain(`${world.riverside.lesson.id}@clubroom`)
    expect(ics.text).toContain('Clubroom: a branch’s lessons')
    const [trail] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, made.data.id))
    expect(trail).toMatchObject({
      action: 'calendar_feeds.create',
      after: { kind: 'branch', subjectId: world.central.branch.id },
    })
  })

  it('refuses a branch that does not exist (400 naming subjectId), a receptionist and a teacher', async () => {
    const missing = await call('POST', '/api/calendar-feeds', 'manager', {
      kind: 'branch',
      subjectId: '00000000-0000-4000-8000-000000000000',
    })
    expect(missing.status).toBe(400)
    expect(missing.data.error.fields.subjectId).toBe('No such branch')
    const bad = await call('POST', '/api/calendar-feeds', 'manager', { kind: 'city', subjectId: world.central.branch.id })
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields).toHaveProperty('kind')
    for (const who of ['reception', 'teacher'])
      expect(
        (await call('POST', '/api/calendar-feeds', who, { kind: 'branch', subjectId: world.central.branch.id })).status,
      ).toBe(403)
  })
})

describe('a teacher’s feeds', () => {
  it('a teacher cannot make a room’s or a branch’s feed; makes, lists and revokes their own, not another’s', async () => {
    const teacherId = world.staff.teacher.id
    expect(
      (await call('POST', '/api/calendar-feeds', 'teacher', { kind: 'room', subjectId: world.central.room.id })).status,
    ).toBe(403)
    expect(
      (await call('POST', '/api/calendar-feeds', 'teacher', { kind: 'branch', subjectId: world.central.branch.id })).status,
    ).toBe(403)
    const own = await call('POST', '/api/calendar-feeds', 'teacher', { kind: 'teacher', subjectId: teacherId })
    expect(own.status).toBe(201)
    const theirs = await call('POST', '/api/calendar-feeds', 'teacher2', { kind: 'teacher', subjectId: world.staff.teacher2.id })
    expect(theirs.status).toBe(201)
    const room = await call('POST', '/api/calendar-feeds', 'manager', { kind: 'room', subjectId: world.central.room.id })

    // the list: only the feeds of their own lessons
    const list = await call('GET', '/api/calendar-feeds', 'teacher')
    expect(list.status).toBe(200)
    expect(list.data.items.map((f: { id: string }) => f.id)).toEqual([own.data.id])
    const all = await call('GET', '/api/calendar-feeds', 'manager')
    expect(all.data.items.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining([own.data.id, theirs.data.id, room.data.id]),
    )

    // another teacher's feed and a room's: refused, and they keep working
    const other = await call('DELETE', `/api/calendar-feeds/${theirs.data.id}`, 'teacher')
    expect(other.status).toBe(403)
    expect(other.data.error.message).toBe('This feed is not of your lessons: only the owner may revoke it')
    expect((await call('DELETE', `/api/calendar-feeds/${room.data.id}`, 'teacher')).status).toBe(403)
    expect((await call('GET', pathOf(theirs.data.url), null)).status).toBe(200)
    expect((await call('DELETE', '/api/calendar-feeds/00000000-0000-4000-8000-000000000000', 'teacher')).status).toBe(404)
    // a manager still does not revoke
    expect((await call('DELETE', `/api/calendar-feeds/${own.data.id}`, 'manager')).status).toBe(403)

    // their own: revoked (audited); its link stops working
    expect((await call('GET', pathOf(own.data.url), null)).status).toBe(200)
    expect((await call('DELETE', `/api/calendar-feeds/${own.data.id}`, 'teacher')).status).toBe(204)
    expect((await call('GET', pathOf(own.data.url), null)).status).toBe(404)
    const trail = await database.db.select().from(auditLog).where(eq(auditLog.entityId, own.data.id))
    expect(trail.map((t) => t.action)).toEqual(['calendar_feeds.create', 'calendar_feeds.revoke'])
    expect((await call('DELETE', `/api/calendar-feeds/${own.data.id}`, 'teacher')).status).toBe(404)
    // the owner revokes any
    expect((await call('DELETE', `/api/calendar-feeds/${theirs.data.id}`, 'owner')).status).toBe(204)
  })
})
