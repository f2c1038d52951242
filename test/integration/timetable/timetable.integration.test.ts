import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, isNull } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildBranch, buildRoom, buildStaff } from '../../support/factories'
import {
  activities,
  alerts,
  auditLog,
  clientMedicalSummary,
  consumableUses,
  groups,
  lessonCompletions,
  lessons,
  medicalViews,
  teacherServices,
  visits,
} from '../../../db/schema/index'
import { encodeTimetableDocName, isoWeekOf, lessonMap, lessonsOf, mondayOf, addDays } from '../../../domain/docs/timetable-week'
import type { LessonDoneInput as WriteOffInput } from '../../../server/contracts/hooks'
import { setPassWriteOff } from '../../support/test-area'
import { TEST_MODULES, registerOwingCheck } from '../../support/test-area'
import type { RunningServer } from '../../../server/server'
import { connect, login, waitFor } from '../collab/helpers'

let database: TestDatabase
let server: RunningServer
let staff: Awaited<ReturnType<typeof buildStaff>>
const cookies: Record<string, string> = {}
let branchId: string

let roomA: string
let roomB: string
let roomOther: string
let activityId: string

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  const b = await buildBranch(database.db, 'Central')
  const o = await buildBranch(database.db, 'Riverside')
  branchId = b.id

  roomA = (await buildRoom(database.db, b.id, { name: 'Lab', capacity: 12 })).id
  roomB = (await buildRoom(database.db, b.id, { name: 'Studio', capacity: 3 })).id
  roomOther = (await buildRoom(database.db, o.id, { name: 'Pool', capacity: 16 })).id
  const [a] = await database.db
    .insert(activities)
    .values({
      name: 'Robotics',
      category: 'science',
      durationMinutes: 60,
      maxGroupSize: 10,
      staffRatio: 8,
      pricePerSession: '15.00',
      consumables: [{ item: 'LEGO battery', quantity: 0.5, unit: 'pcs' }],
    })
    .returning()
  activityId = a.id
  server = await startTestServer(database, {}, TEST_MODULES)
  for (const l of ['owner', 'manager', 'reception', 'reception2', 'teacher', 'teacher2', 'auditor', 'storekeeper'])
    cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

async function client(first: string, birthDate = '1990-01-01') {
  const res = await call('POST', '/api/clients', cookies.reception, {
    firstName: first,
    lastName: 'Test',
    birthDate,
    phone: `+49 30 ${Math.floor(1000000 + Math.random() * 8999999)}`,
    consent: true,
    confirmNotDuplicate: true,
  })
  return res.data.id as string
}

async function group(name: string, over: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/groups', cookies.manager, {
    branchId,
    activityId,
    name,
    teacherId: staff.teacher.id,
    roomId: roomA,
    pattern: [
      { weekday: 1, start: '16:00', end: '17:00' },
      { weekday: 3, start: '16:00', end: '17:00' },
    ],
    termStart: '2026-09-01',
    termEnd: '2027-01-31',
    ...over,
  })
  if (res.status !== 201) throw new Error(JSON.stringify(res.data))
  return res.data.group.id as string
}

const today = new Date().toISOString().slice(0, 10)

describe('catalogue and groups', () => {
  it('lists activities with their norms and lets only managers edit them', async () => {
    const list = await call('GET', '/api/activities', cookies.teacher)
    expect(list.data.items[0]).toMatchObject({ name: 'Robotics', durationMinutes: 60, maxGroupSize: 10, staffRatio: 8 })
    expect(
      (
        await call('POST', '/api/activities', cookies.reception, {
          name: 'Chess',
          category: 'games',
          durationMinutes: 60,
          maxGroupSize: 12,
          staffRatio: 12,
          pricePerSession: 10,
        })
      ).status,
    ).toBe(403)
    const bad = await call('POST', '/api/activities', cookies.manager, {
      name: 'Chess',
      category: 'games',
      durationMinutes: 60,
      minGroupSize: 20,
      maxGroupSize: 12,
      staffRatio: 12,
      pricePerSession: 10,
    })
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields.minGroupSize).toBeTruthy()
  })

  it('refuses a group in another branch’s room or with a non-teacher', async () => {
    const res = await call('POST', '/api/groups', cookies.manager, {
      branchId,
      activityId,
      name: 'Bad',
      teacherId: staff.storekeeper.id,
      roomId: roomOther,
      pattern: [{ weekday: 1, start: '17:00', end: '16:00' }],
      termStart: '2026-09-01',
      termEnd: '2026-08-01',
    })
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.error.fields).sort()).toEqual(['pattern.0.end', 'roomId', 'teacherId', 'termEnd'])
  })

  it('refuses members above capacity without the override, and offers a freed place to the first waiting client', async () => {
    const g = await group('Small', { roomId: roomB, pattern: [{ weekday: 5, start: '10:00', end: '11:00' }] })
    const [c1, c2, c3, c4, c5] = await Promise.all(['Ada', 'Bea', 'Cy', 'Dan', 'Eve'].map((n) => client(n)))
    for (const c of [c1, c2, c3])
      expect((await call('POST', `/api/groups/${g}/members`, cookies.reception, { clientId: c })).status).toBe(201)
    const full = await call('POST', `/api/groups/${g}/members`, cookies.reception, { clientId: c4 })
    expect(full.status).toBe(400)
    expect(full.data.error.fields.clientId).toMatch(/full/)
    expect((await call('POST', `/api/groups/${g}/waiting`, cookies.reception, { clientId: c4 })).status).toBe(201)
    expect((await call('POST', `/api/groups/${g}/waiting`, cookies.reception, { clientId: c5 })).status).toBe(201)
    expect((await call('DELETE', `/api/groups/${g}/members/${c1}`, cookies.reception)).status).toBe(204)
    const offers = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, 'waiting_list_offer'), isNull(alerts.clearedAt)))
    expect(offers).toHaveLength(1)
    expect(offers[0].message).toContain('Dan Test')
    const detail = await call('GET', `/api/groups/${g}`, cookies.reception)
    const offered = detail.data.group.waiting.find((w: { status: string }) => w.status === 'offered')
    expect(offered.clientId).toBe(c4)
    const enrol = await call('POST', `/api/groups/${g}/waiting/${offered.entryId}/enrol`, cookies.reception)
    expect(enrol.status).toBe(200)
    expect(enrol.data.memberCount).toBe(3)
    expect(
      await database.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.kind, 'waiting_list_offer'), isNull(alerts.clearedAt))),
    ).toHaveLength(0)
    // the override lets a fourth member in
    expect(
      (await call('POST', `/api/groups/${g}/members`, cookies.manager, { clientId: c1, overrideCapacity: true })).status,
    ).toBe(201)
  })
})

describe('automatic schedule', () => {
  it('generates lessons from weekly patterns, skips closures, is idempotent and never overwrites edits', async () => {
    const g = await group('Robotics Mon/Wed')
    await call('POST', '/api/closures', cookies.manager, {
      branchId,
      fromDate: '2026-12-02',
      toDate: '2026-12-02',
      name: 'Staff training',
    })
    const first = await call('POST', '/api/timetable/generate', cookies.reception, {
      branchId,
      from: '2026-11-30',
      to: '2026-12-13',
    })
    expect(first.status).toBe(200)
    // this group: Mon 30 Nov, (Wed 2 Dec closed), Mon 7, Wed 9 Dec; the Friday group above: 4 and 11 Dec
    expect(first.data.created).toBe(5)
    const mine = await database.db.select().from(lessons).where(eq(lessons.groupId, g))
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.groupId, g))).length === 3,
      2000,
      'projected',
    )
    void mine
    expect(first.data.weeks).toEqual(['2026-W49', '2026-W50'])
    const again = await call('POST', '/api/timetable/generate', cookies.reception, {
      branchId,
      from: '2026-11-30',
      to: '2026-12-13',
    })
    expect(again.data.created).toBe(0)
    expect(again.data.skipped).toBe(5)
    // someone moves one lesson and deletes another; generating again restores neither
    const docName = encodeTimetableDocName(branchId, '2026-W50')
    const r = connect(server, cookies.reception, docName)
    await r.synced()
    const ids = [...lessonsOf(r.doc).keys()].filter((id) => id.includes(g)).sort()
    expect(ids).toHaveLength(2)
    r.doc.transact(() => {
      lessonsOf(r.doc).get(ids[0])!.set('start', '2026-12-07T17:00:00+01:00')
      lessonsOf(r.doc).get(ids[0])!.set('end', '2026-12-07T18:00:00+01:00')
      lessonsOf(r.doc).delete(ids[1])
    })
    await waitFor(() => r.isSaved(), 2000, 'saved')
    const third = await call('POST', '/api/timetable/generate', cookies.reception, {
      branchId,
      from: '2026-11-30',
      to: '2026-12-13',
    })
    expect(third.data.created).toBe(0)
    expect(lessonsOf(r.doc).has(ids[1])).toBe(false)
    expect(lessonsOf(r.doc).get(ids[0])!.get('start')).toBe('2026-12-07T17:00:00+01:00')
    r.destroy()
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'timetable.generate'))
    expect(audit.length).toBe(3)
  })

  it('reports the double bookings it creates instead of dropping them', async () => {
    await group('Robotics clash', { pattern: [{ weekday: 2, start: '16:00', end: '17:00' }] })
    await group('Robotics clash 2', { teacherId: staff.teacher2.id, pattern: [{ weekday: 2, start: '16:30', end: '17:30' }] })
    const res = await call('POST', '/api/timetable/generate', cookies.reception, {
      branchId,
      from: '2026-12-14',
      to: '2026-12-20',
    })
    expect(res.data.created).toBeGreaterThanOrEqual(2)
    expect(res.data.clashes.filter((c: { kind: string }) => c.kind === 'room_clash')).toHaveLength(2)
  })
})

describe('the week document and its projection', () => {
  it('projects an edit within a second, flags invalid lessons, and raises and clears clash alerts', async () => {
    const week = '2027-W02'
    const monday = mondayOf(week)
    const docName = encodeTimetableDocName(branchId, week)
    const a = connect(server, cookies.reception, docName)
    const b = connect(server, cookies.reception2, docName)
    await Promise.all([a.synced(), b.synced()])
    a.doc.transact(() => {
      lessonsOf(a.doc).set(
        'x1',
        lessonMap({
          roomId: roomA,
          start: `${monday}T10:00:00+01:00`,
          end: `${monday}T11:00:00+01:00`,
          activityId,
          teacherId: staff.teacher.id,
          status: 'planned',
        }),
      )
      lessonsOf(a.doc).set(
        'bad',
        lessonMap({
          roomId: roomOther,
          start: `${monday}T12:00:00+01:00`,
          end: `${monday}T11:00:00+01:00`,
          activityId,
          teacherId: staff.teacher.id,
          status: 'planned',
        }),
      )
    })
    const x1 = await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, 'x1')))[0],
      1500,
      'x1 projected',
    )
    expect(x1.valid).toBe(true)
    const bad = await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, 'bad')))[0],
      1500,
      'bad projected',
    )
    expect(bad.valid).toBe(false)
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        { id: 'timetable.problem.endsBeforeStart' },
        { id: 'timetable.problem.roomOfOtherBranch', params: { room: 'Pool' } },
      ]),
    )
    const listed = await call('GET', `/api/lessons?branchId=${branchId}&from=${monday}&to=${addDays(monday, 6)}`, cookies.teacher)
    expect(listed.data.items.find((l: { id: string }) => l.id === 'x1')).toMatchObject({
      roomId: roomA,
      valid: true,
      clashes: [],
    })
    // b books the same room at the same time: both lessons clash, one alert each
    b.doc.transact(() =>
      lessonsOf(b.doc).set(
        'x2',
        lessonMap({
          roomId: roomA,
          start: `${monday}T10:30:00+01:00`,
          end: `${monday}T11:30:00+01:00`,
          activityId,
          teacherId: staff.teacher2.id,
          status: 'planned',
        }),
      ),
    )
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, 'x1')))[0].clashes.includes('room_clash'),
      1500,
      'clash',
    )
    const open = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, 'room_clash'), isNull(alerts.clearedAt)))
    expect(
      open
        .map((o) => o.subject)
        .filter((s) => s === 'lesson:x1' || s === 'lesson:x2')
        .sort(),
    ).toEqual(['lesson:x1', 'lesson:x2'])
    // moving x2 to another room resolves it: alerts clear
    b.doc.transact(() => lessonsOf(b.doc).get('x2')!.set('roomId', roomB))
    await waitFor(
      async () =>
        (
          await database.db
            .select()
            .from(alerts)
            .where(and(eq(alerts.kind, 'room_clash'), isNull(alerts.clearedAt)))
        ).filter((x) => x.subject === 'lesson:x1' || x.subject === 'lesson:x2').length === 0,
      1500,
      'clash cleared',
    )
    // a deleted lesson leaves the projection
    a.doc.transact(() => lessonsOf(a.doc).delete('bad'))
    await waitFor(async () => (await database.db.select().from(lessons).where(eq(lessons.id, 'bad')))[0].deleted, 1500, 'deleted')
    a.destroy()
    b.destroy()
  })

  it('gives teachers a read-only week', async () => {
    const docName = encodeTimetableDocName(branchId, '2027-W03')
    const t = connect(server, cookies.teacher, docName)
    await t.synced()
    await waitFor(() => t.notices.some((n) => n.type === 'read-only'), 2000, 'read-only')
    t.destroy()
    const s = connect(server, cookies.storekeeper, docName)
    await waitFor(() => s.closes.some((c) => c.code === 4403), 2000, 'refused')
    s.destroy()
  })
})

describe('lesson done: the electronic journal', () => {
  let lessonId: string
  let members: string[]
  let walkIn: string
  const calls: WriteOffInput[] = []
  beforeAll(async () => {
    setPassWriteOff({ writeOff: async (i) => void calls.push(i), restore: async () => {} })
    const g = await group('Journal group', { pattern: [{ weekday: 1, start: '08:00', end: '09:00' }] })
    members = [await client('Jon', '1994-01-01'), await client('Kim', '1994-02-02'), await client('Lou', '1994-03-03')]
    walkIn = await client('Walk')
    for (const m of members) await call('POST', `/api/groups/${g}/members`, cookies.reception, { clientId: m })
    await database.db
      .insert(clientMedicalSummary)
      .values({ clientId: members[0], allergies: 'peanuts', emergencyInstructions: 'EpiPen in bag' })
    // a lesson today, an hour ago
    const week = isoWeekOf(today)
    const start = new Date(Date.now() - 60 * 60_000)
    const end = new Date(Date.now() - 5 * 60_000)
    const doc = connect(server, cookies.reception, encodeTimetableDocName(branchId, week))
    await doc.synced()
    lessonId = `today-${Date.now()}`
    doc.doc.transact(() =>
      lessonsOf(doc.doc).set(
        lessonId,
        lessonMap({
          roomId: roomA,
          start: start.toISOString(),
          end: end.toISOString(),
          activityId,
          groupId: g,
          teacherId: staff.teacher.id,
          status: 'planned',
        }),
      ),
    )
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, lessonId))).length === 1,
      2000,
      'projected',
    )
    doc.destroy()
  })

  it('shows the lesson’s teacher the emergency subset only, and logs that view', async () => {
    const mine = await call('GET', `/api/lessons/${lessonId}`, cookies.teacher)
    const jon = mine.data.lesson.roster.find((r: { clientId: string }) => r.clientId === members[0])
    expect(jon).toMatchObject({ allergy: true, allergies: 'peanuts', emergencyInstructions: 'EpiPen in bag' })
    expect(Object.keys(jon)).not.toContain('medication')
    const views = await database.db
      .select()
      .from(medicalViews)
      .where(and(eq(medicalViews.clientId, members[0]), eq(medicalViews.userId, staff.teacher.id)))
    expect(views.map((v) => v.what)).toContain('roster')
    const other = await call('GET', `/api/lessons/${lessonId}`, cookies.teacher2)
    const jon2 = other.data.lesson.roster.find((r: { clientId: string }) => r.clientId === members[0])
    expect(jon2.allergy).toBe(true)
    expect(jon2.allergies).toBeUndefined()
  })

  it('refuses attendance from another teacher and for non-members not marked walk-in', async () => {
    expect((await call('PUT', `/api/lessons/${lessonId}/attendance`, cookies.teacher2, { entries: [] })).status).toBe(403)
    const bad = await call('PUT', `/api/lessons/${lessonId}/attendance`, cookies.teacher, {
      entries: [
        { clientId: walkIn, status: 'present' },
        { clientId: members[0], status: 'absent', grade: 5 },
      ],
    })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.data.error.fields).sort()).toEqual(['entries.0.status', 'entries.1.grade'])
    expect((await call('POST', `/api/lessons/${lessonId}/done`, cookies.teacher)).status).toBe(400) // attendance first
  })

  it('marks done in one transaction: visits, pass write-off step, teacher service, consumables, done mark; twice does nothing', async () => {
    const att = await call('PUT', `/api/lessons/${lessonId}/attendance`, cookies.teacher, {
      entries: [
        { clientId: members[0], status: 'present', grade: 5, comment: 'Built the gearbox' },
        { clientId: members[1], status: 'late', grade: 4 },
        { clientId: members[2], status: 'absent' },
        { clientId: walkIn, status: 'walk_in' },
      ],
    })
    expect(att.status).toBe(200)
    const done = await call('POST', `/api/lessons/${lessonId}/done`, cookies.teacher)
    expect(done.status).toBe(200)
    expect(done.data).toMatchObject({ done: true, alreadyDone: false, attending: 3 })
    expect(calls).toHaveLength(1)
    expect(calls[0].attended.sort()).toEqual([members[0], members[1], walkIn].sort())
    expect(calls[0].absentUnexcused).toEqual([members[2]])
    const v = await database.db.select().from(visits).where(eq(visits.lessonId, lessonId))
    expect(v).toHaveLength(3)
    const s = await database.db.select().from(teacherServices).where(eq(teacherServices.lessonId, lessonId))
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ teacherId: staff.teacher.id, attending: 3, durationMinutes: 55 })
    const cons = await database.db.select().from(consumableUses).where(eq(consumableUses.lessonId, lessonId))
    expect(cons.map((c) => [c.item, Number(c.quantity)])).toEqual([['LEGO battery', 0.5]])
    const twice = await call('POST', `/api/lessons/${lessonId}/done`, cookies.reception)
    expect(twice.data.alreadyDone).toBe(true)
    expect(calls).toHaveLength(1)
    expect(await database.db.select().from(visits).where(eq(visits.lessonId, lessonId))).toHaveLength(3)
    // the done mark is in the week document for everyone
    const watcher = connect(server, cookies.reception2, encodeTimetableDocName(branchId, isoWeekOf(today)))
    await watcher.synced()
    expect(lessonsOf(watcher.doc).get(lessonId)!.get('status')).toBe('done')
    watcher.destroy()
    const listed = await call('GET', `/api/lessons/${lessonId}`, cookies.reception)
    expect(listed.data.lesson.done).toBe(true)
    // the journal rolls up into the client's progress per activity
    const file = await call('GET', `/api/clients/${members[0]}`, cookies.reception)
    expect(file.data.client.progress).toEqual([
      {
        activityId,
        activity: 'Robotics',
        marked: 1,
        attended: 1,
        attendanceRate: 1,
        averageGrade: 5,
        lastComments: [expect.objectContaining({ comment: 'Built the gearbox', teacher: staff.teacher.name })],
        timeline: [{ at: expect.any(String), attended: true, grade: 5 }],
      },
    ])
  })

  it('undo the same day reverses everything with compensating records stamped with who undid it', async () => {
    const res = await call('POST', `/api/lessons/${lessonId}/undo`, cookies.reception)
    expect(res.status).toBe(200)
    const v = await database.db.select().from(visits).where(eq(visits.lessonId, lessonId))
    expect(v).toHaveLength(6)
    expect(v.reduce((n, x) => n + x.sign, 0)).toBe(0)
    expect(v.filter((x) => x.sign === -1).every((x) => x.by === staff.reception.id && x.reversalOf)).toBe(true)
    const s = await database.db.select().from(teacherServices).where(eq(teacherServices.lessonId, lessonId))
    expect(s.reduce((n, x) => n + x.sign, 0)).toBe(0)
    const cons = await database.db.select().from(consumableUses).where(eq(consumableUses.lessonId, lessonId))
    expect(cons.reduce((n, x) => n + x.sign, 0)).toBe(0)
    const [comp] = await database.db.select().from(lessonCompletions).where(eq(lessonCompletions.lessonId, lessonId))
    expect(comp.undoneBy).toBe(staff.reception.id)
    expect((await call('POST', `/api/lessons/${lessonId}/undo`, cookies.reception)).status).toBe(409)
    // and it can be marked done again
    expect((await call('POST', `/api/lessons/${lessonId}/done`, cookies.teacher)).data.alreadyDone).toBe(false)
  })

  it('cancels a lesson without write-offs, notifies in the alert feed and offers make-up credits', async () => {
    const g = (await database.db.select().from(groups).where(eq(groups.name, 'Journal group')))[0]
    const week = isoWeekOf(today)
    const doc = connect(server, cookies.reception, encodeTimetableDocName(branchId, week))
    await doc.synced()
    const id = `cancel-${Date.now()}`
    doc.doc.transact(() =>
      lessonsOf(doc.doc).set(
        id,
        lessonMap({
          roomId: roomA,
          start: new Date(Date.now() + 3 * 3600_000).toISOString(),
          end: new Date(Date.now() + 4 * 3600_000).toISOString(),
          activityId,
          groupId: g.id,
          teacherId: staff.teacher.id,
          status: 'planned',
        }),
      ),
    )
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, id))).length === 1,
      2000,
      'projected',
    )
    const before = calls.length
    const res = await call('POST', `/api/lessons/${id}/cancel`, cookies.reception, { reason: 'Teacher ill', offerMakeUp: true })
    expect(res.status).toBe(200)
    expect(res.data.makeUpCredits).toBe(3)
    expect(calls.length).toBe(before)
    const [alert] = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, 'lesson_cancelled'), eq(alerts.subject, `lesson:${id}`)))
    expect(alert.message).toContain('Jon Test')
    await waitFor(() => lessonsOf(doc.doc).get(id)?.get('status') === 'cancelled', 2000, 'cancelled in doc')
    doc.destroy()
  })
})

describe('red group lines', () => {
  it('turns a group and its lessons red when a registered owing check finds a reason', async () => {
    const g = await group('Owing group', { pattern: [{ weekday: 4, start: '18:00', end: '19:00' }] })
    const m = await client('Owen')
    await call('POST', `/api/groups/${g}/members`, cookies.reception, { clientId: m })
    let list = await call('GET', `/api/groups?branchId=${branchId}`, cookies.reception)
    expect(list.data.items.find((x: { id: string }) => x.id === g).red).toBe(false)
    const off = registerOwingCheck(
      'test: unpaid',
      async (ids) => new Map(ids.filter((i) => i === m).map((i) => [i, [{ id: 'clients.filters.owingHint' as const }]])),
    )
    list = await call('GET', `/api/groups?branchId=${branchId}`, cookies.reception)
    const row = list.data.items.find((x: { id: string }) => x.id === g)
    expect(row.red).toBe(true)
    expect(row.owing).toEqual([{ clientId: m, name: 'Owen Test', erased: false, reasons: [{ id: 'clients.filters.owingHint' }] }])
    off()
  })
})

describe('iCalendar feeds', () => {
  it('serves a room feed by secret token until the owner revokes it', async () => {
    const res = await call('POST', '/api/calendar-feeds', cookies.manager, { kind: 'room', subjectId: roomA })
    expect(res.status).toBe(201)
    const path = new URL(res.data.url).pathname
    const ics = await fetch(server.url + path)
    expect(ics.status).toBe(200)
    const text = await ics.text()
    expect(text).toContain('BEGIN:VCALENDAR')
    expect(text).toContain('Robotics')
    expect((await call('POST', '/api/calendar-feeds', cookies.reception, { kind: 'room', subjectId: roomA })).status).toBe(403)
    expect((await call('DELETE', `/api/calendar-feeds/${res.data.id}`, cookies.manager)).status).toBe(403)
    expect((await call('DELETE', `/api/calendar-feeds/${res.data.id}`, cookies.owner)).status).toBe(204)
    expect((await fetch(server.url + path)).status).toBe(404)
    expect((await fetch(server.url + '/ical/not-a-token.ics')).status).toBe(404)
  })
})
