import { createHash } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { io as connectClient, type Socket } from 'socket.io-client'
import {
  alerts,
  attendance,
  clients,
  groupMembers,
  invoices,
  lessons,
  passPlans,
  passVisits,
  passes,
  payments,
  wallTokens,
} from '../../../db/schema/index'
import type { WallSnapshot, WallUpdate } from '../../../domain/wall'
import { raiseAlert } from '../../../server/modules/alerts/index'
import { passAlerts } from '../../../server/modules/passes/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../socket/helpers'

let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let call: ReturnType<typeof apiCaller>
const cookies: Record<string, string> = {}
const sockets: Socket[] = []

const today = (tz = 'Europe/Berlin') => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date())
const hourNow = (tz = 'Europe/Berlin') =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' }).format(new Date()))

/** A wall socket (a screen with its token, or a browser with its session cookie). */
function wallSocket(auth: { token?: string; cookie?: string }): Socket {
  const s = connectClient(`${server.url}/wall`, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(auth.token ? { auth: { token: auth.token } } : {}),
    extraHeaders: { origin: server.url, ...(auth.cookie ? { cookie: auth.cookie } : {}) },
  })
  sockets.push(s)
  return s
}
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve())
    s.once('connect_error', reject)
  })
const watch = (s: Socket, branchId?: string) =>
  s.emitWithAck('watch', branchId ? { branchId } : {}) as Promise<{ ok: boolean; snapshot?: WallSnapshot; error?: string }>
function nextUpdate(s: Socket, where: (u: WallUpdate) => boolean, ms = 3000): Promise<WallUpdate> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off('wall.update', on)
      reject(new Error('no wall.update'))
    }, ms)
    const on = (u: WallUpdate) => {
      if (!where(u)) return
      clearTimeout(timer)
      s.off('wall.update', on)
      resolve(u)
    }
    s.on('wall.update', on)
  })
}

async function newToken(branchId: string | null, who = 'manager') {
  const res = await call('POST', '/api/wall-tokens', cookies[who], { name: `Screen ${branchId ?? 'all'}`, branchId })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data as { token: string; url: string; wallToken: { id: string } }
}
const wallGet = (token: string, query = '') =>
  fetch(`${server.url}/api/wall${query}`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({
    status: r.status,
    data: (await r.json()) as WallSnapshot & { error?: { fields?: Record<string, string> } },
  }))

let clientId: string
let passId: string
let invoiceId: string

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database)
  call = apiCaller(server)
  for (const who of ['owner', 'manager', 'reception', 'reception2']) cookies[who] = await login(server, who)
  const db = database.db
  const [client] = await db.insert(clients).values({ firstName: 'Ani', lastName: 'Wallyan' }).returning()
  clientId = client.id
  await db.insert(groupMembers).values({ groupId: center.central.group.id, clientId })
  const [plan] = await db
    .insert(passPlans)
    .values({ name: '8 sessions', activityIds: [center.activity.id], sessions: 8, validDays: 30 })
    .returning()
  const [invoice] = await db
    .insert(invoices)
    .values({
      branchId: center.central.branch.id,
      // (a year of its own: the sales through the routes number this year's invoices from 1)
      year: 2000,
      number: 1,
      clientId,
      currency: 'EUR',
      net: 8000,
      tax: 0,
      total: 8000,
      issuedOn: today(),
      dueOn: today(),
      createdBy: center.staff.manager.id,
    })
    .returning()
  invoiceId = invoice.id
  const [pass] = await db
    .insert(passes)
    .values({
      clientId,
      planId: plan.id,
      branchId: center.central.branch.id,
      invoiceId,
      activityIds: [center.activity.id],
      sessionsTotal: 8,
      sessionsUsed: 6,
      startsOn: today(),
      validUntil: '2099-12-31',
      soldValidUntil: '2099-12-31',
      price: 8000,
    })
    .returning()
  passId = pass.id
})
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect()
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('wall tokens', () => {
  it('a manager creates one: the token is shown once, only its hash is kept, the list names it', async () => {
    const { token, url, wallToken } = await newToken(center.central.branch.id)
    expect(token).toMatch(/^wall_/)
    expect(url).toBe(`/wall?token=${encodeURIComponent(token)}`)
    const [row] = await database.db.select().from(wallTokens).where(eq(wallTokens.id, wallToken.id))
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(token)
    const list = await call('GET', '/api/wall-tokens', cookies.manager)
    expect(list.status).toBe(200)
    expect(list.data.items.map((t: { id: string }) => t.id)).toContain(wallToken.id)
    expect(JSON.stringify(list.data)).not.toContain(token)
  })

  it('refuses a receptionist, a bad name and an unknown branch (400 naming the field, nothing written)', async () => {
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(wallTokens)
    expect(
      (await call('POST', '/api/wall-tokens', cookies.reception, { name: 'TV', branchId: center.central.branch.id })).status,
    ).toBe(403)
    const noName = await call('POST', '/api/wall-tokens', cookies.manager, { name: ' ', branchId: null }, 'ru')
    expect(noName.status).toBe(400)
    expect(Object.keys(noName.data.error.fields)).toContain('name')
    const unknown = await call(
      'POST',
      '/api/wall-tokens',
      cookies.manager,
      { name: 'TV', branchId: '00000000-0000-4000-8000-000000000000' },
      'en',
    )
    expect(unknown.status).toBe(400)
    expect(unknown.data.error.fields.branchId).toBe('There is no such branch')
    const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(wallTokens)
    expect(after[0].n).toBe(before[0].n)
  })

  it('a token opens GET /api/wall of its branch only, and nothing else', async () => {
    const { token } = await newToken(center.central.branch.id)
    const own = await wallGet(token)
    expect(own.status).toBe(200)
    expect(own.data.branch.id).toBe(center.central.branch.id)
    expect(own.data.branches.map((b) => b.id)).toEqual([center.central.branch.id])
    expect((await wallGet(token, `?branchId=${center.riverside.branch.id}`)).status).toBe(403)
    // anywhere else it is nobody
    for (const path of ['/api/clients', '/api/wall-tokens', '/api/auth/me', '/api/alerts']) {
      const r = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } })
      expect(r.status, path).toBe(401)
    }
    expect((await fetch(`${server.url}/api/wall`)).status).toBe(401)
    expect((await wallGet('wall_not-a-token')).status).toBe(401)
    // its socket cannot watch the other branch either
    const s = wallSocket({ token })
    await connected(s)
    expect(await watch(s, center.riverside.branch.id)).toEqual({ ok: false, error: 'forbidden' })
    expect((await watch(s)).snapshot?.branch.id).toBe(center.central.branch.id)
  })

  it('signed-in staff: a receptionist sees the wall of her branch, not the other one', async () => {
    expect((await call('GET', '/api/wall', cookies.reception)).data.branch.id).toBe(center.central.branch.id)
    expect((await call('GET', `/api/wall?branchId=${center.riverside.branch.id}`, cookies.reception)).status).toBe(403)
    expect((await call('GET', `/api/wall?branchId=${center.riverside.branch.id}`, cookies.manager)).status).toBe(200)
  })

  it('revoking refuses the token at once and signs its screen out within 5 s', async () => {
    const { token, wallToken } = await newToken(center.central.branch.id)
    const s = wallSocket({ token })
    await connected(s)
    expect((await watch(s)).ok).toBe(true)
    const signedOut = new Promise<{ reason: string }>((resolve) => s.once('wall.signed_out', resolve))
    const gone = new Promise<string>((resolve) => s.once('disconnect', resolve))
    const started = Date.now()
    expect((await call('DELETE', `/api/wall-tokens/${wallToken.id}`, cookies.manager)).status).toBe(204)
    expect(await signedOut).toMatchObject({ reason: 'revoked' })
    expect(await gone).toBe('io server disconnect')
    expect(Date.now() - started).toBeLessThan(5000)
    expect((await wallGet(token)).status).toBe(401)
    const again = wallSocket({ token })
    await expect(connected(again)).rejects.toThrow('unauthenticated')
    expect((await call('DELETE', `/api/wall-tokens/${wallToken.id}`, cookies.manager)).status).toBe(409)
    const audit = await database.db.execute(sql`select action from audit_log where entity_id = ${wallToken.id} order by id`)
    expect(JSON.stringify(audit)).toContain('wall.tokens.revoke')
  })

  it('a token revoked behind the server’s back (another instance, the database) is caught by the sweep', async () => {
    const { token, wallToken } = await newToken(null, 'owner')
    const s = wallSocket({ token })
    await connected(s)
    const signedOut = new Promise<{ reason: string }>((resolve) => s.once('wall.signed_out', resolve))
    await database.db.update(wallTokens).set({ revokedAt: new Date() }).where(eq(wallTokens.id, wallToken.id))
    const started = Date.now()
    expect(await signedOut).toMatchObject({ reason: 'revoked' })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('a manager of one branch may not hand out a token for every branch', async () => {
    const { buildUser } = await import('../../support/factories')
    const { users } = await import('../../../db/schema/index')
    const m = await buildUser(database.db, { login: 'manager-central', roles: ['manager'] })
    await database.db
      .update(users)
      .set({ branchIds: [center.central.branch.id] })
      .where(eq(users.id, m.id))
    cookies.managerCentral = await login(server, 'manager-central')
    expect((await call('POST', '/api/wall-tokens', cookies.managerCentral, { name: 'All', branchId: null })).status).toBe(403)
    expect(
      (await call('POST', '/api/wall-tokens', cookies.managerCentral, { name: 'Riv', branchId: center.riverside.branch.id }))
        .status,
    ).toBe(403)
    const own = await call('POST', '/api/wall-tokens', cookies.managerCentral, {
      name: 'Central TV',
      branchId: center.central.branch.id,
    })
    expect(own.status).toBe(201)
  })
})

describe('the API document', () => {
  it('describes the wall, its tokens and the token scheme', async () => {
    const doc = (await call('GET', '/api/openapi.json', null)).data
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/wall', '/api/wall-tokens', '/api/wall-tokens/{id}']))
    expect(doc.components.schemas.WallSnapshot.properties).toHaveProperty('runningOut')
    expect(doc.components.securitySchemes.wallToken).toMatchObject({ type: 'http', scheme: 'bearer' })
  })
})

describe('the snapshot and its live changes', () => {
  it('counts the day’s visits and takings, the room’s lessons with attendance, the passes running out', async () => {
    const db = database.db
    const central = center.central.branch.id
    // a lesson going on now in the central room, the client checked in for it
    const start = new Date(Date.now() - 15 * 60_000)
    await db.insert(lessons).values({
      id: 'lesson-now',
      branchId: central,
      doc: center.central.lesson.doc,
      roomId: center.central.room.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 3600_000),
      activityId: center.activity.id,
      groupId: center.central.group.id,
      teacherId: center.staff.teacher.id,
    })
    await db.insert(passVisits).values({
      clientId,
      branchId: central,
      passId,
      source: 'check_in',
      lessonId: 'lesson-now',
      activityId: center.activity.id,
      on: today(),
      by: center.staff.reception.id,
    })
    await db.update(passes).set({ sessionsUsed: 7 }).where(eq(passes.id, passId))
    await db.insert(payments).values({
      invoiceId,
      clientId,
      branchId: central,
      amount: 5000,
      method: 'cash',
      idempotencyKey: 'wall-test-1',
      day: today(),
      by: center.staff.reception.id,
    })
    const res = await call('GET', `/api/wall?branchId=${central}`, cookies.manager)
    expect(res.status).toBe(200)
    const wall = res.data as WallSnapshot
    expect(wall.totals.checkIns).toBe(1)
    expect(wall.totals.revenue).toBe(5000)
    expect(wall.totals.perHour[hourNow()]).toBe(1)
    expect(wall.totals.perHour.reduce((a, b) => a + b, 0)).toBe(1)
    const room = wall.rooms.find((r) => r.id === center.central.room.id)!
    // (the other lesson is an hour from now: today's, unless that is after midnight in Berlin)
    expect(room.lessons[0].id).toBe('lesson-now')
    expect(room.lessons[0]).toMatchObject({ present: 1, expected: 1, groupName: 'Group central' })
    expect(wall.runningOut).toEqual([
      expect.objectContaining({
        id: passId,
        clientName: 'Ani Wallyan',
        sessionsLeft: 1,
        status: 'running_out',
        groupName: 'Group central',
      }),
    ])
    // the other branch sees none of it
    const other = (await call('GET', `/api/wall?branchId=${center.riverside.branch.id}`, cookies.manager)).data as WallSnapshot
    expect(other.totals.checkIns).toBe(0)
    expect(other.totals.revenue).toBe(0)
    expect(other.runningOut).toEqual([])
  })

  it('a committed change reaches the walls of its branch once computed, and not the other branch’s', async () => {
    const central = center.central.branch.id
    const a = wallSocket({ cookie: cookies.reception })
    const b = wallSocket({ cookie: cookies.reception2 })
    await Promise.all([connected(a), connected(b)])
    const snapA = (await watch(a)).snapshot!
    expect(snapA.branch.id).toBe(central)
    expect((await watch(b)).snapshot?.branch.id).toBe(center.riverside.branch.id)
    let otherGot = 0
    b.on('wall.update', () => otherGot++)

    // attendance marked by the teacher + the lesson's write-off of the last session, then the event after commit
    await database.db.insert(attendance).values({ lessonId: 'lesson-now', clientId, status: 'present' })
    await database.db.update(passes).set({ sessionsUsed: 8 }).where(eq(passes.id, passId))
    const update = nextUpdate(a, (u) => u.parts.runningOut !== undefined)
    const started = Date.now()
    server.deps.events.emit('entity.changed', { type: 'pass', id: passId, action: 'written_off', branchId: central })
    const u = await update
    expect(Date.now() - started).toBeLessThan(1000)
    expect(u.branchId).toBe(central)
    expect(u.parts.runningOut).toEqual([expect.objectContaining({ id: passId, sessionsLeft: 0, status: 'used_up' })])
    expect(u.parts.rooms).toBeUndefined()

    // a red flag raised in a command's transaction: the event carries its branch and time
    const event = await database.db.transaction((tx) =>
      raiseAlert(tx, {
        kind: passAlerts.pass_used_up,
        subject: `pass:${passId}`,
        message: 'Ani Wallyan: pass used up',
        branchId: central,
      }),
    )
    expect(event?.name).toBe('alert.raised')
    if (event?.name !== 'alert.raised') throw new Error('no event')
    expect(event.payload).toMatchObject({ branchId: central, timeZone: 'Europe/Berlin' })
    expect(Date.parse(event.payload.raisedAt ?? '')).toBeGreaterThan(Date.now() - 60_000)
    const flagged = nextUpdate(a, (x) => x.parts.flags !== undefined)
    server.deps.events.emit(event.name, event.payload)
    const f = await flagged
    expect(f.parts.flags?.items[0]).toMatchObject({
      kind: 'pass_used_up',
      clientName: 'Ani Wallyan',
      groupName: 'Group central',
      clientId,
    })
    expect(f.parts.flags?.counts).toEqual({ pass_used_up: 1 })
    expect(f.parts.runningOut?.[0]).toMatchObject({ id: passId, flagged: true })

    // a visit event moves the rooms' attendance and the day's figures
    const visit = nextUpdate(a, (x) => x.parts.totals !== undefined)
    server.deps.events.emit('entity.changed', { type: 'visit', id: '1', action: 'checked_in', branchId: central })
    const v = await visit
    expect(v.parts.rooms?.find((r) => r.id === center.central.room.id)?.lessons[0]).toMatchObject({
      id: 'lesson-now',
      present: 1,
    })
    expect(v.parts.totals?.checkIns).toBe(1)
    await new Promise((r) => setTimeout(r, 200))
    expect(otherGot).toBe(0)
    await database.db.delete(alerts)
  })

  it('a burst of changes is computed once per branch, not once per wall or per event', async () => {
    const central = center.central.branch.id
    const walls = Array.from({ length: 5 }, () => wallSocket({ cookie: cookies.reception }))
    await Promise.all(walls.map(connected))
    await Promise.all(walls.map((w) => watch(w)))
    const got = walls.map((w) => nextUpdate(w, () => true))
    const ids = new Set<string>()
    for (let i = 0; i < 5; i++)
      server.deps.events.emit('entity.changed', { type: 'payment', id: String(i), action: 'created', branchId: central })
    for (const u of await Promise.all(got)) ids.add(u.eventId ?? '')
    expect(ids.size).toBe(1)
  })

  it('through the passes routes: a sale, a payment and a check-in move the figures, live', async () => {
    const central = center.central.branch.id
    const before = (await call('GET', `/api/wall?branchId=${central}`, cookies.manager)).data as WallSnapshot
    const s = wallSocket({ cookie: cookies.manager })
    await connected(s)
    expect((await watch(s, central)).ok).toBe(true)
    const [child] = await database.db
      .insert(clients)
      .values({ firstName: 'Aram', lastName: 'Routes', branchId: central })
      .returning()
    await database.db.insert(groupMembers).values({ groupId: center.central.group.id, clientId: child.id })
    const plan = await call('POST', '/api/pass-plans', cookies.manager, {
      name: 'Two sessions',
      activityIds: [center.activity.id],
      sessions: 2,
      validDays: 30,
      price: 3000,
    })
    expect(plan.status, JSON.stringify(plan.data)).toBe(201)
    const sold = await call('POST', `/api/clients/${child.id}/passes`, cookies.manager, {
      planId: plan.data.plan.id,
      branchId: central,
    })
    expect(sold.status, JSON.stringify(sold.data)).toBe(201)
    const paid = nextUpdate(s, (u) => (u.parts.totals?.revenue ?? 0) > before.totals.revenue)
    const pay = await call('POST', '/api/payments', cookies.reception, {
      invoiceId: sold.data.invoice.id,
      amount: 1200,
      method: 'cash',
      idempotencyKey: 'wall-routes-1',
    })
    expect(pay.status, JSON.stringify(pay.data)).toBe(201)
    expect((await paid).parts.totals?.revenue).toBe(before.totals.revenue + 1200)
    const checked = nextUpdate(s, (u) => (u.parts.totals?.checkIns ?? 0) > before.totals.checkIns)
    const visit = await call('POST', '/api/check-ins', cookies.reception, { clientId: child.id, passId: sold.data.pass.id })
    expect(visit.status, JSON.stringify(visit.data)).toBe(201)
    const u = await checked
    expect(u.parts.totals?.checkIns).toBe(before.totals.checkIns + 1)
    expect(u.parts.runningOut?.find((p) => p.id === sold.data.pass.id)).toMatchObject({
      sessionsLeft: 1,
      clientName: 'Aram Routes',
    })
    const after = (await call('GET', `/api/wall?branchId=${central}`, cookies.manager)).data as WallSnapshot
    expect(after.totals.revenue - before.totals.revenue).toBe(1200)
    expect(after.totals.checkIns - before.totals.checkIns).toBe(1)
  })

  it('a wall of a signed-in user is signed out when the session ends', async () => {
    const cookie = await login(server, 'reception')
    const s = wallSocket({ cookie })
    await connected(s)
    const signedOut = new Promise<{ reason: string }>((resolve) => s.once('wall.signed_out', resolve))
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: server.url } })
    const gone = new Promise<string>((resolve) => s.once('disconnect', resolve))
    expect(await signedOut).toMatchObject({ reason: 'session_ended' })
    expect(await gone).toBe('io server disconnect')
    await expect(connected(wallSocket({ cookie }))).rejects.toThrow('unauthenticated')
  })
})
