import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildBranch, buildStaff, buildUser } from '../../support/factories'
import { UUID, api, ask, client, closeClients, connected, login, next, until } from './helpers'

/** Two server processes (here: two servers in one process) on one database, joined through Redis. */
const REDIS = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }

let database: TestDatabase
let a: RunningServer
let b: RunningServer
let branch: { id: string }
/** Sessions live in the shared database: a cookie from A is good on B. */
let cookies: Record<string, string>

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  branch = await buildBranch(database.db)
  a = await startTestServer(database, REDIS)
  b = await startTestServer(database, REDIS)
  cookies = {}
  for (const who of ['owner', 'manager', 'reception', 'reception2', 'teacher']) cookies[who] = await login(a, who)
})
afterEach(() => closeClients())
afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()])
  await database?.destroy()
})

describe('several processes with REDIS_URL', () => {
  it('an event caused on instance A reaches a socket connected to instance B, with the same eventId on every copy', async () => {
    const onB = await connected(client(b, cookies.reception))
    const onA = await connected(client(a, cookies['reception2']))
    const gotB = next(onB, 'entity.changed', (e) => e.type === 'room')
    const gotA = next(onA, 'entity.changed', (e) => e.type === 'room')
    const res = await api(a, cookies.manager, 'POST', '/api/rooms', { branchId: branch.id, name: 'Across', capacity: 5 })
    expect(res.status).toBe(201)
    const [eb, ea] = await Promise.all([gotB, gotA])
    expect(eb).toMatchObject({ type: 'room', id: res.data.room.id, action: 'create' })
    expect(eb.eventId).toMatch(UUID)
    expect(ea.eventId).toBe(eb.eventId)
  })

  it('emitTo on A reaches a subject room joined on B', async () => {
    const onB = await connected(client(b, cookies.teacher))
    expect(await ask(onB, 'subscribe', { room: 'client:c1' })).toEqual({ ok: true })
    const got = next(onB, 'alert.raised')
    const id = a.realtime.socket.emitTo('client:c1', 'alert.raised', {
      id: 'al1',
      kind: 'debt',
      subject: 'client:c1',
      severity: 'warning',
      message: 'Debt',
    })
    expect(await got).toMatchObject({ id: 'al1', eventId: id })
  })

  it("deactivation on A ends the user's session on B: session.ended, then disconnect within 5 s", async () => {
    const u = await buildUser(database.db, { login: 'far-away', roles: ['receptionist'] })
    const onB = await connected(client(b, await login(b, 'far-away')))
    const ended = next(onB, 'session.ended')
    const gone = new Promise<string>((r) => onB.once('disconnect', r))
    const started = Date.now()
    expect((await api(a, cookies.owner, 'PATCH', `/api/users/${u.id}`, { active: false })).status).toBe(200)
    expect(await ended).toMatchObject({ userId: u.id, reason: 'deactivated' })
    expect(await gone).toBe('io server disconnect')
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it("a role change on A disconnects the user's sockets on B; reconnecting there gives the new rooms", async () => {
    const u = await buildUser(database.db, { login: 'moved', roles: ['teacher'] })
    const cookie = await login(b, 'moved')
    const onB = await connected(client(b, cookie))
    expect(await ask(onB, 'subscribe', { room: 'client:c2' })).toEqual({ ok: true })
    const gone = new Promise<string>((r) => onB.once('disconnect', r))
    const started = Date.now()
    expect((await api(a, cookies.owner, 'PATCH', `/api/users/${u.id}`, { roles: ['auditor'] })).status).toBe(200)
    expect(await gone).toBe('io server disconnect')
    expect(Date.now() - started).toBeLessThan(5_000)
    await connected(client(b, cookie))
    const roomsOnB = () => {
      const socket = [...b.realtime.socket.io.of('/').sockets.values()].find((s) => s.data.user.id === u.id)
      return socket ? [...socket.rooms] : []
    }
    await until(() => roomsOnB().includes('role:auditor'), 8_000, 'the new role room on B')
    expect(roomsOnB()).not.toContain('role:teacher')
    expect(roomsOnB()).not.toContain('client:c2')
  })

  it('keeps deployments on different databases apart on one Redis', async () => {
    const other = await createTestDatabase()
    await buildStaff(other.db)
    const c = await startTestServer(other, REDIS)
    try {
      const onC = await connected(client(c, await login(c, 'reception')))
      const onB = await connected(client(b, cookies.reception))
      const seenOnC: unknown[] = []
      onC.on('entity.changed', (e) => seenOnC.push(e))
      const gotB = next(onB, 'entity.changed', (e) => e.type === 'room')
      await api(a, cookies.manager, 'POST', '/api/rooms', { branchId: branch.id, name: 'Only here', capacity: 5 })
      await gotB
      // C listens on its own channel; give Redis a moment beyond B's delivery
      await new Promise((r) => setTimeout(r, 100))
      expect(seenOnC).toEqual([])
    } finally {
      await c.close()
      await other.destroy()
    }
  })
})
