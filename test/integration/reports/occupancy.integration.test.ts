import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import readXlsxFile from 'read-excel-file/node'
import { attendance, clients, closures, groupMembers, groups, lessons, rooms, users, waitingList } from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildActivity, buildRoom } from '../../support/factories'
import { buildTwoBranches } from '../../support/two-branches'

/**
 * Issue #20, the occupancy report, on a small center worked by hand. The period is the two weeks
 * Monday 3 – Sunday 16 March 2025 (Europe/Berlin, UTC+1 all along), long past: nothing depends on
 * the day the test runs. Central:
 *
 * - Room A (10 places) opens Mondays and Wednesdays 16:00–18:00; Room B (4 places) Mondays
 *   16:00–17:30; Room C is not offered for booking; Room D has no opening hours. The whole center
 *   closes on Wednesday 12 March; Riverside alone on Monday 10 March (Central stays open).
 *   Open minutes: Mon 16h A 2×60 + B 2×60 = 240, Mon 17h A 2×60 + B 2×30 = 180, Wed 16h and 17h A
 *   1×60 each: 540 in all (9 hours).
 * - Lessons: L1 Mon 3rd 16:00–17:00 in A, done, 7 came of 9 marked; L2 Mon 10th 16:30–17:30 in A,
 *   not done but 4 came of 5 marked; L3 Mon 3rd 17:00–18:30 in B (group G2), only 17:00–17:30 inside
 *   B's hours; L4 Wed 12th in A (the closure: books nothing); L5 Wed 5th cancelled; L6 Wed 5th
 *   15:00–16:30 in A taught by teacher2, 5 came (only 16:00–16:30 inside the hours); L7 deleted; L8
 *   after the period.
 *   Booked: Mon 16h 60 + 30 = 90, Mon 17h 30 + 30 = 60, Wed 16h 30, Wed 17h 0: 180 (3 hours).
 *   Place-minutes (capacity 10 × minutes) and taken (came × minutes): Mon 16h L1 600/420 + L2
 *   300/120 = 900/540; Mon 17h L2 300/120; Wed 15h L6 600/300; Wed 16h L6 300/150; 2100/1110 in all.
 * - Groups: G (Robotics, no capacity of its own: the activity's 10, room A's 10) with 8 members
 *   from February, one leaving on 10 March and one joining after the period: 7 at the period's
 *   end; held L1, L2, L6: 16 came of 30 places. G2 (capacity 6, room B holds 4) with 4 members,
 *   nothing held. G4 (Chess) ended on 9 March; G3 was deleted before the period.
 * - Waiting: X waits for G since 20 February and for G2 since 6 March; Y for G since 1 March,
 *   enrolled on 20 March (still waiting at the period's end); Z removed on 5 March; W added after
 *   the period. Robotics: 2 people waiting, free places 3 (G) + 0 (G2), 0.67 per free place,
 *   the longest wait 24 days (20 February to 16 March).
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let owner: string
let manager: string
let accountant: string
const ids: Record<string, string> = {}
const FROM = '2025-03-03'
const TO = '2025-03-16'
/** A Berlin wall-clock time in March 2025 (UTC+1) as an instant. */
const at = (day: string, time: string) => new Date(`2025-${day}T${time}:00+01:00`)

async function client(name: string) {
  const [c] = await database.db.insert(clients).values({ firstName: name, lastName: 'Occupancy' }).returning()
  return c.id
}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  t = createTestApp(database)
  const db = database.db
  const central = center.central.branch.id
  const riverside = center.riverside.branch.id
  const a = center.central.room
  await db
    .update(rooms)
    .set({ name: 'Room A', openingHours: { mon: ['16:00', '18:00'], wed: ['16:00', '18:00'] } })
    .where(eq(rooms.id, a.id))
  const b = await buildRoom(db, central, { name: 'Room B', capacity: 4 })
  await db
    .update(rooms)
    .set({ openingHours: { mon: ['16:00', '17:30'] } })
    .where(eq(rooms.id, b.id))
  const c = await buildRoom(db, central, { name: 'Room C', capacity: 30 })
  await db
    .update(rooms)
    .set({ bookable: false, openingHours: { mon: ['08:00', '20:00'] } })
    .where(eq(rooms.id, c.id))
  const d = await buildRoom(db, central, { name: 'Room D', capacity: 8 })
  await db
    .update(rooms)
    .set({ openingHours: { mon: ['16:00', '18:00'] } })
    .where(eq(rooms.id, center.riverside.room.id))
  Object.assign(ids, { a: a.id, b: b.id, c: c.id, d: d.id })
  await db.insert(closures).values([
    { branchId: null, fromDate: '2025-03-12', toDate: '2025-03-12', name: 'Centre closed' },
    { branchId: riverside, fromDate: '2025-03-10', toDate: '2025-03-10', name: 'Riverside closed' },
  ])

  // groups: G (the central group, its term moved to spring 2025), G2 in room B, G3 deleted, G4 Chess ended on 9 March
  const g = center.central.group
  await db.update(groups).set({ termStart: '2025-01-01', termEnd: '2025-06-30' }).where(eq(groups.id, g.id))
  const chess = await buildActivity(db, { name: 'Chess', maxGroupSize: 8 })
  const base = {
    branchId: central,
    activityId: center.activity.id,
    teacherId: center.staff.teacher.id,
    pattern: [{ weekday: 1, start: '17:00', end: '18:30' }],
    termStart: '2025-01-01',
    termEnd: '2025-06-30',
  }
  const [g2] = await db
    .insert(groups)
    .values({ ...base, name: 'G2', roomId: b.id, capacity: 6 })
    .returning()
  await db.insert(groups).values({ ...base, name: 'G3', roomId: a.id, deletedAt: new Date('2025-02-15T10:00:00Z') })
  const [g4] = await db
    .insert(groups)
    .values({ ...base, name: 'G4', activityId: chess.id, roomId: a.id, termEnd: '2025-03-09' })
    .returning()
  Object.assign(ids, { g: g.id, g2: g2.id, g4: g4.id, chess: chess.id })

  const people = await Promise.all(Array.from({ length: 20 }, (_, i) => client(`P${i + 1}`)))
  const joined = new Date('2025-02-01T10:00:00Z')
  // G: P1…P8 from February, P8 leaves on 10 March; P9 joins after the period
  await db
    .insert(groupMembers)
    .values([
      ...people.slice(0, 7).map((clientId) => ({ groupId: g.id, clientId, joinedAt: joined })),
      { groupId: g.id, clientId: people[7], joinedAt: joined, leftAt: new Date('2025-03-10T09:00:00Z') },
      { groupId: g.id, clientId: people[8], joinedAt: new Date('2025-03-20T09:00:00Z') },
      ...people.slice(9, 13).map((clientId) => ({ groupId: g2.id, clientId, joinedAt: joined })),
      ...people.slice(13, 16).map((clientId) => ({ groupId: g4.id, clientId, joinedAt: joined })),
    ])
  const [x, y, z, w] = people.slice(16)
  await db.insert(waitingList).values([
    { groupId: g.id, clientId: x, addedAt: new Date('2025-02-20T10:00:00Z'), position: 1 },
    { groupId: g2.id, clientId: x, addedAt: new Date('2025-03-06T10:00:00Z'), position: 1 },
    {
      groupId: g.id,
      clientId: y,
      addedAt: new Date('2025-03-01T10:00:00Z'),
      status: 'enrolled',
      closedAt: new Date('2025-03-20T10:00:00Z'),
    },
    {
      groupId: g.id,
      clientId: z,
      addedAt: new Date('2025-03-02T10:00:00Z'),
      status: 'removed',
      closedAt: new Date('2025-03-05T10:00:00Z'),
    },
    { groupId: g.id, clientId: w, addedAt: new Date('2025-03-18T10:00:00Z'), position: 2 },
  ])

  const lesson = async (
    id: string,
    start: Date,
    minutes: number,
    o: Partial<typeof lessons.$inferInsert> = {},
    marks: Array<'present' | 'late' | 'absent' | 'walk_in'> = [],
  ) => {
    await db.insert(lessons).values({
      ...center.central.lesson,
      id,
      roomId: a.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + minutes * 60_000),
      ...o,
    })
    if (marks.length)
      await db.insert(attendance).values(marks.map((status, i) => ({ lessonId: id, clientId: people[i], status })))
  }
  const came = (n: number, absent = 0, first: 'present' | 'late' = 'present') =>
    [...Array<'present'>(n).fill('present'), ...Array<'absent'>(absent).fill('absent')].map((s, i) => (i === 0 ? first : s))
  await lesson('occ-l1', at('03-03', '16:00'), 60, { status: 'done' }, came(7, 2, 'late'))
  await lesson('occ-l2', at('03-10', '16:30'), 60, {}, came(4, 1))
  await lesson('occ-l3', at('03-03', '17:00'), 90, { roomId: b.id, groupId: g2.id })
  await lesson('occ-l4', at('03-12', '16:00'), 60)
  await lesson('occ-l5', at('03-05', '16:00'), 60, { status: 'cancelled' }, came(6))
  await lesson('occ-l6', at('03-05', '15:00'), 90, { teacherId: center.staff.teacher2.id }, came(5))
  await lesson('occ-l7', at('03-03', '17:00'), 60, { deleted: true }, came(3))
  await lesson('occ-l8', at('03-17', '16:00'), 60, {}, came(3))
  // Riverside: a lesson in its room on Monday 3rd, 16:00–17:00 (its room open Mondays 16–18, closed on the 10th)
  await db.insert(lessons).values({
    ...center.riverside.lesson,
    id: 'occ-r1',
    startsAt: at('03-03', '16:00'),
    endsAt: at('03-03', '17:00'),
  })

  owner = await t.login('owner')
  manager = await t.login('manager')
  await db
    .update(users)
    .set({ branchIds: [central] })
    .where(eq(users.id, center.staff.accountant.id))
  accountant = await t.login('accountant')
})
afterAll(async () => database?.destroy())

const get = (cookie: string, path: string, headers: Record<string, string> = {}) => t.call('GET', path, { cookie, headers })
const central = () => `/api/reports/occupancy?from=${FROM}&to=${TO}&branchId=${center.central.branch.id}`
type Cell = { weekday: number; hour: number }
const cell = (cells: Cell[], weekday: number, hour: number) => cells.find((c) => c.weekday === weekday && c.hour === hour)

describe('room fill by hour of the week', () => {
  it('booked lesson-minutes of open room-minutes, and attendees of capacity, per weekday × hour', async () => {
    const res = await get(manager, central())
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    const hours: Cell[] = res.data.hours
    expect(hours).toEqual([
      {
        weekday: 1,
        hour: 16,
        openMinutes: 240,
        bookedMinutes: 90,
        fillBp: 3750,
        placeMinutes: 900,
        takenMinutes: 540,
        attendanceBp: 6000,
      },
      {
        weekday: 1,
        hour: 17,
        openMinutes: 180,
        bookedMinutes: 60,
        fillBp: 3333,
        placeMinutes: 300,
        takenMinutes: 120,
        attendanceBp: 4000,
      },
      {
        weekday: 3,
        hour: 15,
        openMinutes: 0,
        bookedMinutes: 0,
        fillBp: null,
        placeMinutes: 600,
        takenMinutes: 300,
        attendanceBp: 5000,
      },
      {
        weekday: 3,
        hour: 16,
        openMinutes: 60,
        bookedMinutes: 30,
        fillBp: 5000,
        placeMinutes: 300,
        takenMinutes: 150,
        attendanceBp: 5000,
      },
      {
        weekday: 3,
        hour: 17,
        openMinutes: 60,
        bookedMinutes: 0,
        fillBp: 0,
        placeMinutes: 0,
        takenMinutes: 0,
        attendanceBp: null,
      },
    ])
    expect(res.data.totals).toEqual({
      openMinutes: 540,
      bookedMinutes: 180,
      fillBp: 3333,
      placeMinutes: 2100,
      takenMinutes: 1110,
      attendanceBp: 5286,
    })
  })

  it('one room, one teacher, one activity', async () => {
    const roomB = await get(manager, `${central()}&roomId=${ids.b}`)
    expect(roomB.data.totals).toMatchObject({ openMinutes: 180, bookedMinutes: 30, fillBp: 1667, placeMinutes: 0 })
    expect(cell(roomB.data.hours, 1, 17)).toMatchObject({ openMinutes: 60, bookedMinutes: 30, fillBp: 5000 })
    // teacher2 taught L6 alone: 30 booked minutes of the same 540 open ones, and its attendance
    const t2 = await get(manager, `${central()}&teacherId=${center.staff.teacher2.id}`)
    expect(t2.data.totals).toEqual({
      openMinutes: 540,
      bookedMinutes: 30,
      fillBp: 556,
      placeMinutes: 900,
      takenMinutes: 450,
      attendanceBp: 5000,
    })
    const chess = await get(manager, `${central()}&activityId=${ids.chess}`)
    expect(chess.data.totals).toMatchObject({ openMinutes: 540, bookedMinutes: 0, fillBp: 0, attendanceBp: null })
  })

  it('every branch of the reader: Riverside adds its Monday 16:00 lesson (closed on the 10th)', async () => {
    const res = await get(owner, `/api/reports/occupancy?from=${FROM}&to=${TO}`)
    expect(res.status).toBe(200)
    // Riverside's room: Mondays 16–18 on the 3rd only (the 10th closed): 60 + 60 open, 60 booked at 16h
    expect(cell(res.data.hours, 1, 16)).toMatchObject({ openMinutes: 300, bookedMinutes: 150, fillBp: 5000 })
    expect(cell(res.data.hours, 1, 17)).toMatchObject({ openMinutes: 240, bookedMinutes: 60, fillBp: 2500 })
  })
})

describe('rooms and groups', () => {
  it('per room: open and booked hours, fill, lessons and attendance fill', async () => {
    const res = await get(manager, central())
    expect(res.data.rooms).toEqual([
      {
        roomId: ids.a,
        name: 'Room A',
        branchId: center.central.branch.id,
        branch: 'Central',
        capacity: 10,
        openMinutes: 360,
        bookedMinutes: 150,
        fillBp: 4167,
        lessons: 4,
        attendanceBp: 5286,
      },
      expect.objectContaining({
        roomId: ids.b,
        openMinutes: 180,
        bookedMinutes: 30,
        fillBp: 1667,
        lessons: 1,
        attendanceBp: null,
      }),
      expect.objectContaining({ roomId: ids.d, openMinutes: 0, bookedMinutes: 0, fillBp: null, lessons: 0 }),
    ])
  })

  it('per group: members of capacity at the period’s end, average attendance of capacity, waiting', async () => {
    const res = await get(manager, central())
    expect(res.data.asOf).toBe(TO)
    const byName = Object.fromEntries(res.data.groups.map((g: { name: string }) => [g.name, g]))
    expect(Object.keys(byName).sort()).toEqual(['G2', 'G4', 'Group central'])
    expect(byName['Group central']).toEqual({
      groupId: ids.g,
      name: 'Group central',
      branch: 'Central',
      activity: 'Robotics',
      teacherId: center.staff.teacher.id,
      teacher: expect.any(String),
      room: 'Room A',
      capacity: 10,
      members: 7,
      membersBp: 7000,
      lessonsHeld: 3,
      attendees: 16,
      averageAttendance: 5.33,
      attendanceBp: 5333,
      waiting: 2,
    })
    expect(byName.G2).toMatchObject({
      capacity: 4,
      members: 4,
      membersBp: 10_000,
      lessonsHeld: 0,
      averageAttendance: null,
      attendanceBp: null,
      waiting: 1,
    })
    expect(byName.G4).toMatchObject({ activity: 'Chess', capacity: 8, members: 3, waiting: 0 })
  })
})

describe('waiting-list pressure per activity', () => {
  it('people waiting, free places, waiting per free place and the longest wait', async () => {
    const res = await get(manager, central())
    expect(res.data.waiting).toEqual([
      {
        activityId: center.activity.id,
        activity: 'Robotics',
        groups: 2,
        capacity: 14,
        members: 11,
        freePlaces: 3,
        waiting: 2,
        waitingPerFreePlace: 0.67,
        oldestWaitDays: 24,
      },
      // Chess's only group ended on 9 March: nothing running, nobody waiting
      {
        activityId: ids.chess,
        activity: 'Chess',
        groups: 0,
        capacity: 0,
        members: 0,
        freePlaces: 0,
        waiting: 0,
        waitingPerFreePlace: null,
        oldestWaitDays: null,
      },
    ])
    // room B holds G2 alone: full, X waits since 6 March (10 days)
    const roomB = await get(manager, `${central()}&roomId=${ids.b}`)
    expect(roomB.data.groups.map((g: { name: string }) => g.name)).toEqual(['G2'])
    expect(roomB.data.waiting).toEqual([
      expect.objectContaining({
        activity: 'Robotics',
        groups: 1,
        freePlaces: 0,
        waiting: 1,
        waitingPerFreePlace: null,
        oldestWaitDays: 10,
      }),
    ])
  })
})

describe('filters and access', () => {
  it('bad filters: 400 naming the field, in the reader’s language', async () => {
    const cases: Array<[string, string]> = [
      [`/api/reports/occupancy?from=${TO}&to=${FROM}`, 'to'],
      [`/api/reports/occupancy?from=2025-02-30&to=${TO}`, 'from'],
      [`/api/reports/occupancy?from=${FROM}`, 'to'],
      [`/api/reports/occupancy?from=2020-01-01&to=${TO}`, 'to'],
      [`/api/reports/occupancy?from=${FROM}&to=${TO}&roomId=nope`, 'roomId'],
      [`/api/reports/occupancy?from=${FROM}&to=${TO}&activityId=1`, 'activityId'],
      [`/api/reports/occupancy?from=${FROM}&to=${TO}&teacherId=x`, 'teacherId'],
      [`/api/reports/occupancy?from=${FROM}&to=${TO}&branchId=x`, 'branchId'],
      [`/api/reports/occupancy.csv?from=${FROM}&to=${TO}&part=everything`, 'part'],
    ]
    for (const [path, field] of cases) {
      const res = await get(manager, path, { 'accept-language': 'ru' })
      expect(res.status, path).toBe(400)
      expect(Object.keys(res.data.error.fields ?? {}), path).toEqual([field])
      expect(res.data.error.fields[field], path).toMatch(/[а-яё]/i)
    }
  })

  it('a reader of one branch reads only theirs; other roles are refused', async () => {
    const mine = await get(accountant, `/api/reports/occupancy?from=${FROM}&to=${TO}`)
    expect(mine.status).toBe(200)
    expect(mine.data.totals.openMinutes).toBe(540)
    expect(mine.data.rooms.map((r: { branch: string }) => r.branch)).not.toContain('Riverside')
    expect(
      (await get(accountant, `/api/reports/occupancy?from=${FROM}&to=${TO}&branchId=${center.riverside.branch.id}`)).status,
    ).toBe(403)
    // a room of another branch named without a branch: nothing of it
    const other = await get(accountant, `/api/reports/occupancy?from=${FROM}&to=${TO}&roomId=${center.riverside.room.id}`)
    expect(other.data.rooms).toEqual([])
    expect(other.data.totals.openMinutes).toBe(0)
    for (const login of ['reception', 'teacher', 'storekeeper']) {
      const cookie = await t.login(login)
      expect((await get(cookie, `/api/reports/occupancy?from=${FROM}&to=${TO}`)).status, login).toBe(403)
      expect((await get(cookie, `/api/reports/occupancy.xlsx?from=${FROM}&to=${TO}`)).status, login).toBe(403)
    }
    const auditor = await t.login('auditor')
    expect((await get(auditor, `/api/reports/occupancy.csv?from=${FROM}&to=${TO}`)).status).toBe(200)
  })
})

describe('exports', () => {
  const download = async (path: string, locale: string) => {
    const res = await t.app.request(`http://localhost${path}`, { headers: { cookie: manager, 'accept-language': locale } })
    return { res, body: Buffer.from(await res.arrayBuffer()) }
  }
  const q = () => `from=${FROM}&to=${TO}&branchId=${center.central.branch.id}`

  it('XLSX: a sheet per table in the reader’s language, figures as numbers', async () => {
    const { res, body } = await download(`/api/reports/occupancy.xlsx?${q()}`, 'ru')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="occupancy-${FROM}-${TO}.xlsx"`)
    const sheets = await readXlsxFile(body)
    expect(sheets.map((s) => s.sheet)).toEqual(['По часам', 'Кабинеты', 'Группы', 'Листы ожидания'])
    const [hours, roomsSheet, groupsSheet, waiting] = sheets.map((s) => s.data)
    expect(hours[0]).toEqual([
      'День',
      'Час',
      'Часы работы',
      'Занято часов',
      'Загрузка кабинетов',
      'Место-часов предложено',
      'Место-часов занято',
      'Заполняемость',
    ])
    expect(hours[1]).toEqual(['понедельник', '16:00–17:00', 4, 1.5, 0.375, 15, 9, 0.6])
    expect(roomsSheet[1]).toEqual(['Room A', 'Central', 10, 6, 2.5, 0.4167, 4, 0.5286])
    const g = groupsSheet.find((r) => r[0] === 'Group central')
    expect(g?.slice(5)).toEqual([7, 10, 0.7, 3, 5.33, 0.5333, 2])
    expect(waiting[1]).toEqual(['Robotics', 2, 14, 11, 3, 2, 0.67, 24])
    expect(waiting[2]).toEqual(['Chess', 0, 0, 0, 0, 0, null, null])
  })

  it('CSV of one table, in Armenian', async () => {
    const { res, body } = await download(`/api/reports/occupancy.csv?${q()}&part=waiting`, 'hy')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="occupancy-waiting-${FROM}-${TO}.csv"`)
    const lines = body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
    expect(lines[0]).toBe(
      'Զբաղմունք,Խմբեր,Տեղեր,Անդամներ,Ազատ տեղեր,Սպասում են,Սպասողներ մեկ ազատ տեղին,"Ամենաերկար սպասումը, օր"',
    )
    expect(lines[1]).toBe('Robotics,2,14,11,3,2,0.67,24')
    const rooms = await download(`/api/reports/occupancy.csv?${q()}`, 'en')
    expect(
      rooms.body
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split('\n')[1],
    ).toBe('Room A,Central,10,6.00,2.50,41.67,4,52.86')
  })
})
