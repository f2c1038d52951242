import { afterAll, beforeAll, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { auditLog, lessons, rooms } from '../../../db/schema/index'
import { lessonRevenue } from '../../../server/modules/staff/queries/lesson-revenue'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { costCenter } from './cost-center'

/**
 * Issue #19, lesson cost: a lesson's revenue (sessions written off at their value, VAT beside it)
 * against its cost (teacher, room, consumables by the norms at cost, overhead per hour), worked by hand.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let manager: string
const day = (d: Date) => d.toISOString().slice(0, 10)
const from = day(new Date(Date.now() - 3 * 86_400_000))
const to = day(new Date(Date.now() + 86_400_000))
let n = 0

/** A past lesson of the Central group (90 minutes), the six members present, marked done over HTTP by its teacher. */
async function lessonDone(teacherCookie: string, members: readonly string[]): Promise<string> {
  n += 1
  const base = center.central.lesson
  const startsAt = new Date(Date.now() - (n + 2) * 3600_000)
  const [lesson] = await database.db
    .insert(lessons)
    .values({ ...base, id: `lesson-cost-${n}`, startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000) })
    .returning()
  const att = await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, {
    cookie: teacherCookie,
    json: { entries: members.map((clientId) => ({ clientId, status: 'present' })) },
  })
  expect(att.status, JSON.stringify(att.data)).toBe(200)
  const done = await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie: teacherCookie })
  expect(done.status, JSON.stringify(done.data)).toBe(200)
  return lesson.id
}

let teacherCookie: string
let members: string[]

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  t = createTestApp(database)
  const built = await costCenter(database.db, center, {
    scheme: { perLesson: 5000, perClient: 500 },
    members: Array.from({ length: 6 }, () => ({ sessions: 10, price: 60_000 })),
    label: '10 sessions',
  })
  members = built.members.map((m) => m.clientId)
  await database.db.update(rooms).set({ hourlyCost: '3000.00' }).where(eq(rooms.id, center.central.room.id))
  manager = await t.login('manager')
  teacherCookie = await t.login('teacher')
  const set = await t.call('POST', '/api/costs/overhead', {
    cookie: manager,
    json: { branchId: center.central.branch.id, validFrom: '2020-01-01', overheadPerHour: 2000 },
  })
  expect(set.status, JSON.stringify(set.data)).toBe(201)
})
afterAll(async () => database?.destroy())

type Report = { rows: Array<Record<string, unknown>>; totals: Record<string, unknown> }
const report = async (cookie: string, groupBy: string, branchId?: string) =>
  t.call('GET', `/api/costs/lessons?from=${from}&to=${to}&groupBy=${groupBy}${branchId ? `&branchId=${branchId}` : ''}`, {
    cookie,
  })

it('works one lesson out by hand: 36 000 gross, 6 000 VAT, cost 16 000, margin 14 000', async () => {
  const id = await lessonDone(teacherCookie, members)
  const res = await report(manager, 'lesson', center.central.branch.id)
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  const data = res.data as Report
  expect(data.rows).toHaveLength(1)
  expect(data.rows[0]).toMatchObject({
    key: id,
    lessons: 1,
    minutes: 90,
    revenueGross: 36_000,
    vat: 6_000,
    revenueNet: 30_000,
    teacherPay: 8_000, // 5 000 a lesson + 6 × 500
    roomCost: 4_500, // 3 000/h × 1.5 h
    consumablesCost: 500, // 2 pcs × 250
    overhead: 3_000, // 2 000/h × 1.5 h
    totalCost: 16_000,
    margin: 14_000,
    marginBp: 4667, // 14 000 / 30 000
  })
  expect(data.totals).toMatchObject({ revenueNet: 30_000, totalCost: 16_000, margin: 14_000 })
  // the report's revenue (computed for the whole period at once) is lessonRevenue's
  expect((await lessonRevenue(database.db, [id])).get(id)).toEqual({ gross: 36_000, tax: 6_000 })
})

it('sums lessons per group, teacher, activity and branch; a lesson undone drops out', async () => {
  const second = await lessonDone(teacherCookie, members)
  for (const groupBy of ['group', 'teacher', 'activity', 'branch']) {
    const data = (await report(manager, groupBy)).data as Report
    expect(data.rows, groupBy).toHaveLength(1)
    // the second lesson: 6 more sessions (the passes have 8 left), same costs
    expect(data.rows[0], groupBy).toMatchObject({
      lessons: 2,
      revenueGross: 72_000,
      vat: 12_000,
      totalCost: 32_000,
      margin: 28_000,
    })
  }
  const teacherRow = ((await report(manager, 'teacher')).data as Report).rows[0]
  expect(teacherRow).toMatchObject({ key: center.staff.teacher.id, name: 'Teacher One' })
  const undo = await t.call('POST', `/api/lessons/${second}/undo`, { cookie: teacherCookie })
  expect(undo.status, JSON.stringify(undo.data)).toBe(200)
  const after = (await report(manager, 'group')).data as Report
  expect(after.rows[0]).toMatchObject({ lessons: 1, margin: 14_000 })
})

it('lets the readers read their branches only, and the payers set the overhead', async () => {
  expect((await report(await t.login('reception'), 'lesson')).status).toBe(403)
  const teacher2 = await t.login('teacher2')
  expect((await report(teacher2, 'lesson')).status).toBe(403)
  const auditor = await t.login('auditor')
  const read = await report(auditor, 'branch')
  expect(read.status).toBe(200)
  expect((read.data as Report).totals).toMatchObject({ margin: 14_000 })
  const accountant = await t.login('accountant')
  const overhead = await t.call('GET', `/api/costs/overhead?branchId=${center.central.branch.id}`, { cookie: accountant })
  expect(overhead.status).toBe(200)
  expect(overhead.data).toMatchObject({ current: { overheadPerHour: 2000, validFrom: '2020-01-01' } })
  const auditorSets = await t.call('POST', '/api/costs/overhead', {
    cookie: auditor,
    json: { branchId: center.central.branch.id, validFrom: '2030-01-01', overheadPerHour: 1 },
  })
  expect(auditorSets.status).toBe(403)
  const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'costs.setOverhead'))
  expect(audit).toHaveLength(1)
})

it('refuses a negative overhead with a 400 naming the field', async () => {
  const res = await t.call('POST', '/api/costs/overhead', {
    cookie: manager,
    json: { branchId: center.central.branch.id, validFrom: '2030-01-01', overheadPerHour: -5 },
  })
  expect(res.status).toBe(400)
  expect(JSON.stringify(res.data)).toContain('overheadPerHour')
  expect(JSON.stringify(res.data)).toContain('costs.overheadNegative')
})
