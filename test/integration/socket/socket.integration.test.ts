import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { WebSocket, WebSocketServer } from 'ws'
import { alerts, lessons, users } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildBranch, buildStaff, buildUser } from '../../support/factories'
import { UUID, api, ask, client, closeClients, connected, login, next, record, refused, until } from './helpers'

let database: TestDatabase
let server: RunningServer
let staff: Awaited<ReturnType<typeof buildStaff>>
let branchA: { id: string }
let branchB: { id: string }
let cookies: Record<string, string>

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  branchA = await buildBranch(database.db, 'North')
  branchB = await buildBranch(database.db, 'South')
  const recA = await buildUser(database.db, { login: 'reception-north', roles: ['receptionist'] })
  await database.db
    .update(users)
    .set({ branchIds: [branchA.id] })
    .where(eq(users.id, recA.id))
  server = await startTestServer(database)
  cookies = {}
  for (const who of ['owner', 'manager', 'reception', 'reception-north', 'teacher', 'auditor'])
    cookies[who] = await login(server, who)
})
afterEach(() => closeClients())
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const live = () => server.realtime.socket
const roomsOf = async (userId: string) => (await live().io.in(`user:${userId}`).fetchSockets()).map((s) => [...s.rooms])

describe('handshake', () => {
  it('refuses a connection without a session cookie (connect_error "unauthenticated")', async () => {
    const err = await refused(client(server))
    expect(err.message).toBe('unauthenticated')
  })

  it('refuses an unknown or garbage session cookie', async () => {
    expect((await refused(client(server, 'clubroom_session=not-a-session'))).message).toBe('unauthenticated')
    expect((await refused(client(server, 'clubroom_session=%E0%A4%A'))).message).toBe('unauthenticated')
  })

  it('refuses a cross-origin handshake even with a valid cookie', async () => {
    const err = await refused(client(server, cookies.reception, { origin: 'http://evil.example' }))
    expect(err).toBeInstanceOf(Error)
    expect(live().io.of('/').sockets.size).toBe(0)
  })

  it('accepts the session cookie from our own origin and puts the user in their rooms', async () => {
    const north = await userByLogin('reception-north')
    await connected(client(server, cookies['reception-north']))
    await connected(client(server, cookies.owner))
    const [rooms] = await roomsOf(north.id)
    expect(rooms).toEqual(expect.arrayContaining([`user:${north.id}`, 'role:receptionist', `branch:${branchA.id}`]))
    expect(rooms).not.toContain('branches:all')
    const [ownerRooms] = await roomsOf(staff.owner.id)
    expect(ownerRooms).toEqual(expect.arrayContaining([`user:${staff.owner.id}`, 'role:owner', 'branches:all']))
  })

  it('shares the port with the document server: a /yjs/<doc> WebSocket and a Socket.IO client side by side', async () => {
    const live = await connected(client(server, cookies.teacher))
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/workspace:${staff.teacher.id}`, {
      headers: { cookie: cookies.teacher, origin: server.url },
    })
    const first = await new Promise<Buffer>((resolve, reject) => {
      ws.once('message', (m) => resolve(m as Buffer))
      ws.once('error', reject)
      ws.once('close', (code) => reject(new Error(`closed ${code}`)))
    })
    expect(first.length).toBeGreaterThan(0) // y-websocket sync step 1
    expect(await ask(live, 'subscribe', { room: `doc:workspace:${staff.teacher.id}` })).toEqual({ ok: true })
    ws.close()
  })

  it('leaves other WebSocket upgrades alone, even slow ones (destroyUpgrade: false)', async () => {
    const wss = new WebSocketServer({ noServer: true })
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url?.startsWith('/probe/')) return
      // answer after engine.io's destroyUpgradeTimeout (1 s) would have fired
      setTimeout(() => wss.handleUpgrade(req, socket, head, (ws) => ws.on('message', (m) => ws.send(`echo:${m}`))), 1_100)
    }
    server.http.on('upgrade', onUpgrade)
    try {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/probe/slow`)
      const reply = await new Promise<string>((resolve, reject) => {
        ws.once('open', () => ws.send('hi'))
        ws.once('message', (m) => resolve(String(m)))
        ws.once('error', reject)
      })
      expect(reply).toBe('echo:hi')
      ws.close()
    } finally {
      server.http.off('upgrade', onUpgrade)
      wss.close()
    }
  })
})

describe('entity.changed', () => {
  it('reaches a connected receptionist after a manager creates a room, with a unique eventId', async () => {
    const reception = await connected(client(server, cookies.reception))
    const got = next(reception, 'entity.changed', (e) => e.type === 'room')
    const res = await api(server, cookies.manager, 'POST', '/api/rooms', { branchId: branchA.id, name: 'Studio 1', capacity: 12 })
    expect(res.status).toBe(201)
    const e = await got
    expect(e).toMatchObject({ type: 'room', id: res.data.room.id, action: 'create', branchId: branchA.id })
    expect(e.eventId).toMatch(UUID)
    const second = next(reception, 'entity.changed', (x) => x.type === 'room')
    await api(server, cookies.manager, 'PATCH', `/api/rooms/${res.data.room.id}`, { capacity: 14 })
    expect((await second).eventId).not.toBe(e.eventId)
  })

  it('goes to the branch concerned only: a receptionist of another branch does not get it', async () => {
    const north = await connected(client(server, cookies['reception-north']))
    const seen = record(north)
    const reception = await connected(client(server, cookies.reception))
    const southDone = next(reception, 'entity.changed', (e) => e.type === 'room' && e.branchId === branchB.id)
    await api(server, cookies.manager, 'POST', '/api/rooms', { branchId: branchB.id, name: 'South hall', capacity: 30 })
    await southDone
    const northDone = next(north, 'entity.changed', (e) => e.branchId === branchA.id)
    await api(server, cookies.manager, 'POST', '/api/rooms', { branchId: branchA.id, name: 'North hall', capacity: 30 })
    await northDone
    expect(seen.filter((s) => s.event === 'entity.changed').map((s) => s.payload.branchId)).toEqual([branchA.id])
  })

  it("timetable changes also reach whoever has the week open (its document's room); another branch's staff cannot open it", async () => {
    const week = `timetable:${branchB.id}:2026-W48`
    await database.db.insert(lessons).values({ id: 'l-socket-1', branchId: branchB.id, doc: week })
    const north = await connected(client(server, cookies['reception-north']))
    expect(await ask(north, 'subscribe', { room: `doc:${week}` })).toEqual({ ok: false, error: 'forbidden' })
    north.disconnect()
    // the teacher here has no branch list (every branch)
    const reader = await connected(client(server, cookies.teacher))
    expect(await ask(reader, 'subscribe', { room: `doc:${week}` })).toEqual({ ok: true })
    // a lesson marked done (the event names the branch only; its week comes from lessons.doc)
    const done = next(reader, 'entity.changed', (e) => e.type === 'lesson')
    server.deps.events.emit('entity.changed', { type: 'lesson', id: 'l-socket-1', action: 'done', branchId: branchB.id })
    expect(await done).toMatchObject({ type: 'lesson', id: 'l-socket-1', action: 'done', branchId: branchB.id })
    // the week re-projected
    const projected = next(reader, 'entity.changed', (e) => e.type === 'timetable')
    server.deps.events.emit('entity.changed', {
      type: 'timetable',
      id: `${branchB.id}:2026-W48`,
      action: 'update',
      branchId: branchB.id,
    })
    expect(await projected).toMatchObject({ type: 'timetable', id: `${branchB.id}:2026-W48` })
  })

  it('goes to everyone signed in when it has no branch', async () => {
    const teacher = await connected(client(server, cookies.teacher))
    const got = next(teacher, 'entity.changed', (e) => e.type === 'branch')
    const res = await api(server, cookies.owner, 'POST', '/api/branches', { name: 'East' })
    expect(res.status).toBe(201)
    expect(await got).toMatchObject({ type: 'branch', id: res.data.branch.id, action: 'create' })
  })
})

describe('subscribe', () => {
  it('joins a subject room the user may read and refuses one they may not', async () => {
    const teacher = await connected(client(server, cookies.teacher))
    const CLIENT = 'client:3b6c1f2e-0000-4000-8000-000000000001'
    expect(await ask(teacher, 'subscribe', { room: CLIENT })).toEqual({ ok: true })
    // documents follow their type's own rule (here: a workspace is its user's)
    expect(await ask(teacher, 'subscribe', { room: `doc:workspace:${staff.teacher.id}` })).toEqual({ ok: true })
    expect(await ask(teacher, 'subscribe', { room: `doc:workspace:${staff.owner.id}` })).toEqual({
      ok: false,
      error: 'forbidden',
    })
    expect(await ask(teacher, 'subscribe', { room: 'payment:42' })).toEqual({ ok: false, error: 'forbidden' })
    expect(await ask(teacher, 'subscribe', { room: 'client-medical:42' })).toEqual({ ok: false, error: 'forbidden' })
    const north = await connected(client(server, cookies['reception-north']))
    expect(await ask(north, 'subscribe', { room: `branch:${branchB.id}` })).toEqual({ ok: false, error: 'forbidden' })
    expect(await ask(teacher, 'subscribe', { room: `user:${staff.owner.id}` })).toEqual({ ok: false, error: 'not_subscribable' })
    expect(await ask(teacher, 'subscribe', { room: 'role:owner' })).toEqual({ ok: false, error: 'not_subscribable' })
    expect(await ask(teacher, 'subscribe', { room: 'spaceship:1' })).toEqual({ ok: false, error: 'unknown_room' })
    expect(await ask(teacher, 'subscribe', { room: 'doc:spaceship:1' })).toEqual({ ok: false, error: 'unknown_room' })
    const [rooms] = await roomsOf(staff.teacher.id)
    expect(rooms).toEqual(expect.arrayContaining([CLIENT, `doc:workspace:${staff.teacher.id}`]))
    expect(rooms).not.toContain(`doc:workspace:${staff.owner.id}`)
    expect(rooms).not.toContain('payment:42')
    expect(rooms).not.toContain('role:owner')
    expect(await ask(teacher, 'unsubscribe', { room: CLIENT })).toEqual({ ok: true })
    expect((await roomsOf(staff.teacher.id))[0]).not.toContain(CLIENT)
  })

  it('lets a manager join any branch room', async () => {
    const manager = await connected(client(server, cookies.manager))
    expect(await ask(manager, 'subscribe', { room: `branch:${branchB.id}` })).toEqual({ ok: true })
  })

  it('answers malformed payloads with {ok:false} and keeps serving', async () => {
    const s = await connected(client(server, cookies.reception))
    for (const bad of [
      undefined,
      null,
      42,
      'client:1',
      [],
      { room: 5 },
      { room: '' },
      { room: 'x'.repeat(500) },
      { room: 'client:' },
      { room: 'CLIENT:1' },
      { room: 'client:a b' },
      { room: 'doc:' },
      { room: `branch:not-a-uuid` },
    ]) {
      const res = await ask(s, 'subscribe', bad)
      expect(res, JSON.stringify(bad)).toMatchObject({ ok: false })
    }
    expect(await ask(s, 'subscribe')).toEqual({ ok: false, error: 'invalid_payload' })
    expect(await ask(s, 'unsubscribe', { room: 7 })).toEqual({ ok: false, error: 'invalid_payload' })
    s.emit('subscribe', { room: 'client:no-ack' }) // no ack: no crash
    s.emit('subscribe', { room: { toString: null } }, 'not-a-function')
    expect(await ask(s, 'subscribe', { room: 'client:after-garbage' })).toEqual({ ok: true })
    expect(s.connected).toBe(true)
  })

  it('caps the subject rooms one socket may hold', async () => {
    const s = await connected(client(server, cookies.reception))
    const answers = await Promise.all(Array.from({ length: 101 }, (_, i) => ask(s, 'subscribe', { room: `client:c${i}` })))
    expect(answers.filter((a) => a.ok)).toHaveLength(100)
    expect(answers[100]).toEqual({ ok: false, error: 'too_many_rooms' })
    expect(await ask(s, 'subscribe', { room: 'client:c5' })).toEqual({ ok: true }) // already in: fine
  })
})

describe('alerts and presence', () => {
  it('sends alerts to the users the alert policy shows them to', async () => {
    const reception = await connected(client(server, cookies.reception))
    const teacher = await connected(client(server, cookies.teacher))
    const got = next(reception, 'alert.raised')
    const teacherSeen = record(teacher)
    const [debt] = await database.db
      .insert(alerts)
      .values({
        kind: 'debt',
        subject: 'payment:p1',
        severity: 'warning',
        message: 'Debt 40 €',
        roles: ['owner', 'manager', 'receptionist'],
      })
      .returning()
    server.deps.events.emit('alert.raised', {
      id: String(debt.id),
      kind: 'debt',
      subject: 'payment:p1',
      severity: 'warning',
      message: 'Debt 40 €',
    })
    expect(await got).toMatchObject({
      id: String(debt.id),
      kind: 'debt',
      subject: 'payment:p1',
      eventId: expect.stringMatching(UUID),
    })
    // teachers get the alerts of their own lessons; a later one proves the first was not just slow
    await database.db
      .insert(lessons)
      .values({ id: 'l-alert-1', branchId: branchA.id, doc: `timetable:${branchA.id}:2026-W48`, teacherId: staff.teacher.id })
    const [own] = await database.db
      .insert(alerts)
      .values({
        kind: 'lesson_cancelled',
        subject: 'lesson:l-alert-1',
        message: 'Cancelled',
        roles: ['owner', 'manager', 'receptionist', 'teacher'],
        clearedAt: new Date(),
      })
      .returning()
    const marker = next(teacher, 'alert.cleared')
    server.deps.events.emit('alert.cleared', { id: String(own.id), kind: 'lesson_cancelled', subject: 'lesson:l-alert-1' })
    await marker
    expect(teacherSeen.map((s) => s.event)).toEqual(['alert.cleared'])
  })

  it('sends each reader a presence summary of only the week documents they may open (their branches)', async () => {
    const north = await connected(client(server, cookies['reception-north']))
    const owner = await connected(client(server, cookies.owner))
    const northWeek = `timetable:${branchA.id}:2026-W50`
    const southWeek = `timetable:${branchB.id}:2026-W50`
    const tom = { id: staff.teacher.id, name: 'Tom', colour: '#2f8f5b' }
    const ownerSummary = next(owner, 'presence.summary', (p) => p.scope === 'timetable')
    const northSummary = next(north, 'presence.summary', (p) => p.scope === 'timetable')
    server.deps.events.emit('doc.presence', { doc: southWeek, users: [tom] })
    server.deps.events.emit('doc.presence', { doc: northWeek, users: [tom] })
    expect((await ownerSummary).docs.map((d: { doc: string }) => d.doc)).toEqual([northWeek, southWeek].sort())
    expect((await northSummary).docs.map((d: { doc: string }) => d.doc)).toEqual([northWeek])
    // emptied again (and its summary flushed) before the next test
    const cleared = next(owner, 'presence.summary', (p) => p.scope === 'timetable' && p.docs.length === 0)
    for (const doc of [northWeek, southWeek]) server.deps.events.emit('doc.presence', { doc, users: [] })
    await cleared
  })

  it("sends a document's presence to its room, and a per-type summary to the roles that may read that type", async () => {
    const DOC = `workspace:${staff.teacher.id}`
    const teacher = await connected(client(server, cookies.teacher))
    const owner = await connected(client(server, cookies.owner))
    const reception = await connected(client(server, cookies.reception))
    expect(await ask(teacher, 'subscribe', { room: `doc:${DOC}` })).toEqual({ ok: true })
    const receptionSeen = record(reception)
    const presence = next(teacher, 'presence')
    const summary = next(owner, 'presence.summary', (p) => p.scope === 'workspace')
    const tom = { id: staff.teacher.id, name: 'Tom', colour: '#2f8f5b' }
    server.deps.events.emit('doc.presence', { doc: DOC, users: [tom] })
    expect(await presence).toEqual({ doc: DOC, users: [tom], eventId: expect.stringMatching(UUID) })
    expect(await summary).toEqual({
      scope: 'workspace',
      docs: [{ doc: DOC, users: [tom] }],
      eventId: expect.stringMatching(UUID),
    })
    // receptionists may not read others' workspaces: the summary (already flushed) never reached them
    const marker = next(reception, 'alert.cleared')
    live().emitTo('role:receptionist', 'alert.cleared', { id: 'm', kind: 'k', subject: 'client:1' })
    await marker
    expect(receptionSeen.map((s) => s.event)).toEqual(['alert.cleared'])

    // newcomers get what is open now, as far as they may see it; a doc subscriber gets its people at once
    const auditor = client(server, cookies.auditor)
    const auditorSnapshot = next(auditor, 'presence.summary')
    await connected(auditor)
    expect((await auditorSnapshot).docs).toEqual([{ doc: DOC, users: [tom] }])
    const tab2 = client(server, cookies.teacher)
    const ownSnapshot = next(tab2, 'presence.summary')
    await connected(tab2)
    expect((await ownSnapshot).docs).toHaveLength(1)
    const docNow = next(tab2, 'presence')
    expect(await ask(tab2, 'subscribe', { room: `doc:${DOC}` })).toEqual({ ok: true })
    expect((await docNow).users).toEqual([tom])

    const emptied = next(owner, 'presence.summary', (p) => p.docs.length === 0)
    server.deps.events.emit('doc.presence', { doc: DOC, users: [] })
    expect(await emptied).toMatchObject({ scope: 'workspace', docs: [] })
  })
})

describe('access changes', () => {
  it('deactivating a user sends session.ended and disconnects their sockets within 5 s', async () => {
    const victim = await buildUser(database.db, { login: 'leaving', roles: ['receptionist'] })
    const cookie = await login(server, 'leaving')
    const a = await connected(client(server, cookie))
    const b = await connected(client(server, cookie))
    const ended = next(a, 'session.ended')
    const gone = Promise.all([a, b].map((s) => new Promise<string>((r) => s.once('disconnect', r))))
    const started = Date.now()
    const res = await api(server, cookies.owner, 'PATCH', `/api/users/${victim.id}`, { active: false })
    expect(res.status).toBe(200)
    expect(await ended).toMatchObject({ userId: victim.id, reason: 'deactivated', eventId: expect.stringMatching(UUID) })
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect'])
    expect(Date.now() - started).toBeLessThan(5_000)
    expect((await refused(client(server, cookie))).message).toBe('unauthenticated')
  })

  it('a password reset ends the sessions the same way', async () => {
    const u = await buildUser(database.db, { login: 'forgetful', roles: ['teacher'] })
    const s = await connected(client(server, await login(server, 'forgetful')))
    const ended = next(s, 'session.ended')
    await api(server, cookies.owner, 'PATCH', `/api/users/${u.id}`, { password: 'a-new-password' })
    expect(await ended).toMatchObject({ userId: u.id, reason: 'password_reset' })
    await until(() => !s.connected, 8_000, 'disconnect')
  })

  it('a role change disconnects the sockets (the session stays); a reconnect joins the new role rooms only', async () => {
    const u = await buildUser(database.db, { login: 'switcher', roles: ['teacher'] })
    const cookie = await login(server, 'switcher')
    const s = await connected(client(server, cookie))
    expect(await ask(s, 'subscribe', { room: 'client:c9' })).toEqual({ ok: true })
    const seen = record(s)
    const gone = new Promise<string>((r) => s.once('disconnect', r))
    const started = Date.now()
    const res = await api(server, cookies.owner, 'PATCH', `/api/users/${u.id}`, { roles: ['auditor'] })
    expect(res.status).toBe(200)
    expect(await gone).toBe('io server disconnect')
    expect(Date.now() - started).toBeLessThan(5_000)
    // not signed out: no session.ended, and the same cookie connects again with the new access
    expect(seen.map((e) => e.event)).not.toContain('session.ended')
    await connected(client(server, cookie))
    const [rooms] = await roomsOf(u.id)
    expect(rooms).toContain('role:auditor')
    expect(rooms).not.toContain('role:teacher')
    expect(rooms).not.toContain('client:c9')
  })
})

describe('connection-state recovery', () => {
  /** Drops the transport the way a flaky network would, and waits until the server has noticed. */
  async function dropTransport(s: ReturnType<typeof client>, userId: string) {
    s.io.engine.close()
    await until(() => !live().io.of('/').adapter.rooms.get(`user:${userId}`), 8_000, 'server to see the drop')
  }

  it('resumes a dropped connection with its rooms and the events it missed', async () => {
    const s = await connected(client(server, cookies.teacher))
    expect(await ask(s, 'subscribe', { room: 'client:c7' })).toEqual({ ok: true })
    // socket.io resumes from the offset of the last broadcast a client received: give it one
    const first = next(s, 'entity.changed', (e) => e.type === 'branch')
    await api(server, cookies.owner, 'POST', '/api/branches', { name: 'Before the drop' })
    await first
    await dropTransport(s, staff.teacher.id)
    const missed = next(s, 'entity.changed', (e) => e.type === 'branch')
    const res = await api(server, cookies.owner, 'POST', '/api/branches', { name: 'While away' })
    s.connect()
    await connected(s)
    expect(s.recovered).toBe(true)
    expect(await missed).toMatchObject({ id: res.data.branch.id })
    expect((await roomsOf(staff.teacher.id))[0]).toContain('client:c7')
  })

  it('refuses a recovering socket of a user deactivated meanwhile, without replaying what it missed', async () => {
    const u = await buildUser(database.db, { login: 'fired', roles: ['receptionist'] })
    const s = await connected(client(server, await login(server, 'fired')))
    const first = next(s, 'entity.changed', (e) => e.type === 'branch')
    await api(server, cookies.owner, 'POST', '/api/branches', { name: 'Before firing' })
    await first
    await dropTransport(s, u.id)
    await api(server, cookies.owner, 'POST', '/api/branches', { name: 'Secret branch' })
    await api(server, cookies.owner, 'PATCH', `/api/users/${u.id}`, { active: false })
    const raw: string[] = []
    s.io.once('open', () => s.io.engine.on('packet', (p: { data?: unknown }) => raw.push(String(p.data ?? ''))))
    s.connect()
    expect((await refused(s)).message).toBe('unauthenticated')
    expect(s.recovered).toBe(false)
    expect(raw.join('\n')).not.toContain('Secret branch')
    expect(raw.join('\n')).not.toContain('entity.changed')
  })

  it("starts afresh (no replay) when the user's roles changed while away", async () => {
    const u = await buildUser(database.db, { login: 'demoted', roles: ['manager'] })
    const s = await connected(client(server, await login(server, 'demoted')))
    const first = next(s, 'entity.changed', (e) => e.type === 'branch')
    await api(server, cookies.owner, 'POST', '/api/branches', { name: 'Before demotion' })
    await first
    await dropTransport(s, u.id)
    await api(server, cookies.owner, 'PATCH', `/api/users/${u.id}`, { roles: ['teacher'], branchIds: [branchA.id] })
    s.connect()
    await connected(s)
    expect(s.recovered).toBe(false)
    const [rooms] = await roomsOf(u.id)
    expect(rooms).toContain('role:teacher')
    expect(rooms).not.toContain('role:manager')
  })
})

describe('emitTo', () => {
  it('sends to a room on behalf of other modules and returns the eventId it used', async () => {
    const reception = await connected(client(server, cookies.reception))
    const got = next(reception, 'alert.raised')
    const id = live().emitTo(['role:receptionist', 'role:manager'], 'alert.raised', {
      id: 'x',
      kind: 'k',
      subject: 'client:1',
      severity: 'info',
      message: 'm',
    })
    expect((await got).eventId).toBe(id)
    // an empty room list is nobody, not everybody
    const seen = record(reception)
    expect(live().emitTo([], 'alert.raised', { id: 'y', kind: 'k', subject: 'client:1', severity: 'info', message: 'm' })).toBe(
      '',
    )
    const marker = next(reception, 'alert.cleared')
    live().emitTo('role:receptionist', 'alert.cleared', { id: 'x', kind: 'k', subject: 'client:1' })
    await marker
    expect(seen.map((s) => s.event)).toEqual(['alert.cleared'])
  })
})

async function userByLogin(loginName: string) {
  const [row] = await database.db.select().from(users).where(eq(users.login, loginName)).limit(1)
  return row
}
