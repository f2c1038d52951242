import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp, testDocTypes } from '../../support/app'
import { buildUser } from '../../support/factories'
import { buildTwoBranches } from '../../support/two-branches'
import { closures, groups, lessons, users } from '../../../db/schema/index'
import { encodeTimetableDocName } from '../../../domain/docs/timetable-week'
import { toActor } from '../../../server/modules/auth/sessions'

const docTypes = testDocTypes()
const resolveDocName = (name: string) => docTypes.resolve(name)
const canAccessDoc: typeof docTypes.canAccess = (user, access, doc) => docTypes.canAccess(user, access, doc)

/** Issue #11 point 3: staff of one branch cannot act on another branch's lessons, groups, rooms, closures or weeks. */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  await buildUser(database.db, { roles: ['manager'], login: 'riverside-manager', branchIds: [center.riverside.branch.id] })
  t = createTestApp(database)
  for (const l of ['manager', 'reception', 'reception2', 'teacher', 'teacher2', 'riverside-manager'])
    cookies[l] = await t.login(l)
})
afterAll(async () => database?.destroy())

/** from a week ago to a month ahead (the lesson is an hour from now) */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const SPAN = `from=${day(-7)}&to=${day(30)}`

const lessonStatus = async (id: string) =>
  (await database.db.select({ s: lessons.status }).from(lessons).where(eq(lessons.id, id)))[0].s

describe('lessons of another branch', () => {
  it('reception2 (Riverside) cannot cancel a Central lesson: 403, the lesson stays planned', async () => {
    const id = center.central.lesson.id
    const res = await t.call('POST', `/api/lessons/${id}/cancel`, { cookie: cookies.reception2, json: { reason: 'Sneaky' } })
    expect(res.status).toBe(403)
    expect(res.data.error.message).toMatch(/branch/)
    expect(await lessonStatus(id)).toBe('planned')
  })

  it('nor take its attendance, mark it done or undo it, nor read it', async () => {
    const id = center.central.lesson.id
    expect(
      (await t.call('PUT', `/api/lessons/${id}/attendance`, { cookie: cookies.reception2, json: { entries: [] } })).status,
    ).toBe(403)
    expect((await t.call('POST', `/api/lessons/${id}/done`, { cookie: cookies.reception2 })).status).toBe(403)
    expect((await t.call('POST', `/api/lessons/${id}/undo`, { cookie: cookies.reception2 })).status).toBe(403)
    expect((await t.call('GET', `/api/lessons/${id}`, { cookie: cookies.reception2 })).status).toBe(403)
    expect(
      (await t.call('GET', `/api/lessons?branchId=${center.central.branch.id}&${SPAN}`, { cookie: cookies.reception2 })).status,
    ).toBe(403)
    expect(
      (
        await t.call('POST', '/api/timetable/generate', {
          cookie: cookies.reception2,
          json: { branchId: center.central.branch.id, from: '2026-12-01', to: '2026-12-07' },
        })
      ).status,
    ).toBe(403)
  })

  it('cancels a lesson of their own branch', async () => {
    const id = center.riverside.lesson.id
    const res = await t.call('POST', `/api/lessons/${id}/cancel`, { cookie: cookies.reception2, json: { reason: 'Pool closed' } })
    expect(res.status).toBe(200)
    expect(await lessonStatus(id)).toBe('cancelled')
    const mine = await t.call('GET', `/api/lessons?branchId=${center.riverside.branch.id}&${SPAN}`, {
      cookie: cookies.reception2,
    })
    expect(mine.status).toBe(200)
    expect(mine.data.items.map((l: { id: string }) => l.id)).toEqual([id])
  })

  it('a manager spanning every branch acts on both', async () => {
    expect((await t.call('GET', `/api/lessons/${center.central.lesson.id}`, { cookie: cookies.manager })).status).toBe(200)
    expect((await t.call('GET', `/api/lessons/${center.riverside.lesson.id}`, { cookie: cookies.manager })).status).toBe(200)
  })
})

describe('groups, rooms and closures of another branch', () => {
  it('lists only the actor’s branches', async () => {
    const g = await t.call('GET', '/api/groups', { cookie: cookies.reception2 })
    expect(g.data.items.map((x: { name: string }) => x.name)).toEqual(['Group riverside'])
    const r = await t.call('GET', '/api/rooms', { cookie: cookies.reception2 })
    expect(r.data.items.map((x: { name: string }) => x.name)).toEqual(['Room riverside'])
    expect((await t.call('GET', `/api/rooms?branchId=${center.central.branch.id}`, { cookie: cookies.reception2 })).status).toBe(
      403,
    )
    expect((await t.call('GET', `/api/groups?branchId=${center.central.branch.id}`, { cookie: cookies.reception2 })).status).toBe(
      403,
    )
    const all = await t.call('GET', '/api/groups', { cookie: cookies.manager })
    expect(all.data.items).toHaveLength(2)
  })

  it('refuses group commands in another branch', async () => {
    const gid = center.central.group.id
    expect((await t.call('GET', `/api/groups/${gid}`, { cookie: cookies.reception2 })).status).toBe(403)
    expect(
      (await t.call('PATCH', `/api/groups/${gid}`, { cookie: cookies.reception2, json: { name: 'Taken over' } })).status,
    ).toBe(403)
    expect(
      (
        await t.call('POST', `/api/groups/${gid}/members`, {
          cookie: cookies.reception2,
          json: { clientId: '00000000-0000-4000-8000-000000000001' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await t.call('POST', `/api/groups/${gid}/waiting`, {
          cookie: cookies.reception2,
          json: { clientId: '00000000-0000-4000-8000-000000000001' },
        })
      ).status,
    ).toBe(403)
    const create = await t.call('POST', '/api/groups', {
      cookie: cookies.reception2,
      json: {
        branchId: center.central.branch.id,
        activityId: center.activity.id,
        name: 'Intruder',
        teacherId: center.staff.teacher.id,
        roomId: center.central.room.id,
        pattern: [{ weekday: 2, start: '10:00', end: '11:00' }],
        termStart: '2026-09-01',
        termEnd: '2027-01-31',
      },
    })
    expect(create.status).toBe(403)
    expect((await database.db.select().from(groups).where(eq(groups.id, gid)))[0].name).toBe('Group central')
    // the group's own teacher still reads it
    expect((await t.call('GET', `/api/groups/${gid}`, { cookie: cookies.teacher })).status).toBe(200)
  })

  it('a Riverside manager edits Riverside rooms and closures only', async () => {
    const cookie = cookies['riverside-manager']
    expect((await t.call('PATCH', `/api/rooms/${center.central.room.id}`, { cookie, json: { capacity: 1 } })).status).toBe(403)
    expect((await t.call('PATCH', `/api/rooms/${center.riverside.room.id}`, { cookie, json: { capacity: 9 } })).status).toBe(200)
    expect(
      (await t.call('POST', '/api/rooms', { cookie, json: { branchId: center.central.branch.id, name: 'Annex', capacity: 5 } }))
        .status,
    ).toBe(403)
    expect(
      (await t.call('PATCH', `/api/branches/${center.central.branch.id}`, { cookie, json: { name: 'Renamed' } })).status,
    ).toBe(403)
    // a closure of every branch is the whole center's: not theirs
    expect(
      (
        await t.call('POST', '/api/closures', {
          cookie,
          json: { branchId: null, fromDate: '2026-12-24', toDate: '2026-12-26', name: 'Christmas' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await t.call('POST', '/api/closures', {
          cookie,
          json: { branchId: center.central.branch.id, fromDate: '2026-12-24', toDate: '2026-12-26', name: 'Christmas' },
        })
      ).status,
    ).toBe(403)
    const own = await t.call('POST', '/api/closures', {
      cookie,
      json: { branchId: center.riverside.branch.id, fromDate: '2026-12-24', toDate: '2026-12-26', name: 'Pool repair' },
    })
    expect(own.status).toBe(201)
    const [centralClosure] = await database.db
      .insert(closures)
      .values({ branchId: center.central.branch.id, fromDate: '2026-12-01', toDate: '2026-12-02', name: 'Central only' })
      .returning()
    expect((await t.call('DELETE', `/api/closures/${centralClosure.id}`, { cookie })).status).toBe(403)
    expect(await database.db.select().from(closures).where(eq(closures.id, centralClosure.id))).toHaveLength(1)
    const list = await t.call('GET', '/api/closures', { cookie: cookies.reception2 })
    expect(list.data.items.map((c: { name: string }) => c.name)).toEqual(['Pool repair'])
    // calendar feeds of another branch's room
    expect(
      (await t.call('POST', '/api/calendar-feeds', { cookie, json: { kind: 'room', subjectId: center.central.room.id } })).status,
    ).toBe(403)
    expect(
      (await t.call('POST', '/api/calendar-feeds', { cookie, json: { kind: 'room', subjectId: center.riverside.room.id } }))
        .status,
    ).toBe(201)
  })
})

describe('week documents of another branch', () => {
  it('are neither opened nor written by staff of the other branch', async () => {
    const name = encodeTimetableDocName(center.central.branch.id, center.week)
    const resolved = resolveDocName(name)
    if (!resolved.ok) throw new Error(resolved.reason)
    // the actor as a session lookup builds it (with the branches set up above)
    const fresh = async (login: keyof typeof center.staff) => {
      const [row] = await database.db.select().from(users).where(eq(users.id, center.staff[login].id))
      return toActor(row)
    }
    expect(canAccessDoc(await fresh('reception2'), 'read', resolved.doc)).toBe(false)
    expect(canAccessDoc(await fresh('reception2'), 'write', resolved.doc)).toBe(false)
    expect(canAccessDoc(await fresh('reception'), 'write', resolved.doc)).toBe(true)
    expect(canAccessDoc(await fresh('teacher'), 'read', resolved.doc)).toBe(true)
    expect(canAccessDoc(await fresh('teacher'), 'write', resolved.doc)).toBe(false)
    expect(canAccessDoc(await fresh('manager'), 'write', resolved.doc)).toBe(true)
  })
})
