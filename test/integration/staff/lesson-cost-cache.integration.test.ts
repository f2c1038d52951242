import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import {
  branches,
  centerSettings,
  employees,
  lessons,
  passes,
  paySchemes,
  productPrices,
  products,
  rooms,
} from '../../../db/schema/index'
import { GROUP_BY, lessonCostReport } from '../../../server/modules/staff/queries/lesson-cost'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { costCenter } from './cost-center'

/**
 * Issue #19, the margin report's kept months (migration 0032): after every kind of change the
 * figures rest on — a lesson done or undone, moved to another month, a product's cost or name, the
 * overhead, a pay scheme, a pass's price, an unlimited pass used again, a payroll approved, an
 * employee moved — the report from the kept months is exactly the report computed afresh from the
 * records, and a report with nothing changed computes nothing again.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let teacherCookie: string
let manager: string
let glueId: string
let employeeId: string
const members: string[] = []
const passIds: string[] = []
let unlimitedClient: string

const isoDay = (d: Date) => d.toISOString().slice(0, 10)
const today = new Date()
// the first of the month before last: the report spans three whole months and today's
const from = isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 1)))
const to = isoDay(new Date(today.getTime() + 86_400_000))
const lastMonth = isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))).slice(0, 7)
let n = 0

/** A lesson of the Central group (90 minutes) at `startsAt`, the members present, marked done by its teacher. */
async function lessonDone(startsAt: Date, who: readonly string[] = members): Promise<string> {
  n += 1
  const [lesson] = await database.db
    .insert(lessons)
    .values({
      ...center.central.lesson,
      id: `cost-cache-${n}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60_000),
    })
    .returning()
  const att = await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, {
    cookie: teacherCookie,
    json: { entries: who.map((clientId) => ({ clientId, status: 'present' })) },
  })
  expect(att.status, JSON.stringify(att.data)).toBe(200)
  const done = await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie: teacherCookie })
  expect(done.status, JSON.stringify(done.data)).toBe(200)
  return lesson.id
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000)

/** Every grouping from the kept months equals the same computed afresh; returns the kept one by lesson. */
async function expectSameAsFresh(label: string, currency: 'AMD' | 'EUR' = 'AMD') {
  let byLesson: Awaited<ReturnType<typeof lessonCostReport>> | null = null
  for (const groupBy of GROUP_BY) {
    const opts = { branchIds: null, from, to, groupBy, currency }
    const kept = await lessonCostReport(database.db, opts)
    const fresh = await lessonCostReport(database.db, { ...opts, fresh: true })
    expect(kept, `${label}, by ${groupBy}`).toEqual(fresh)
    if (groupBy === 'lesson') byLesson = kept
  }
  return byLesson!
}

const keptAt = async () =>
  queryRows<{ branch_id: string; month: string; computed_at: string }>(
    database.db,
    sql`select branch_id::text as branch_id, month, computed_at::text as computed_at from lesson_cost_months order by 1, 2`,
  )

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  t = createTestApp(database)
  const built = await costCenter(database.db, center, {
    scheme: { perLesson: 5000, perClient: 500, monthly: 30_000 },
    // four passes of 40 sessions and an unlimited one
    members: [40, 40, 40, 40, null].map((sessions) => ({ sessions, price: 120_000 })),
    label: 'Kept',
  })
  glueId = built.glueId
  employeeId = built.employeeId
  members.push(...built.members.slice(0, 4).map((m) => m.clientId))
  passIds.push(...built.members.slice(0, 4).map((m) => m.passId))
  unlimitedClient = built.members[4].clientId
  manager = await t.login('manager')
  teacherCookie = await t.login('teacher')
  const set = await t.call('POST', '/api/costs/overhead', {
    cookie: manager,
    json: { branchId: center.central.branch.id, validFrom: '2020-01-01', overheadPerHour: 2000 },
  })
  expect(set.status, JSON.stringify(set.data)).toBe(201)
})
afterAll(async () => database?.destroy())

describe('the kept months of the margin report', () => {
  it('are computed once: a second report with nothing changed computes nothing again', async () => {
    await lessonDone(hoursAgo(30))
    await lessonDone(new Date(`${lastMonth}-10T12:00:00Z`), [...members, unlimitedClient])
    const first = await expectSameAsFresh('two lessons')
    expect(first.rows).toHaveLength(2)
    const before = await keptAt()
    // every branch (two) × the three months and this one
    expect(before.length).toBeGreaterThanOrEqual(2 * 3)
    await lessonCostReport(database.db, { branchIds: null, from, to, groupBy: 'group', currency: 'AMD' })
    expect(await keptAt()).toEqual(before)
  })

  it('follow a lesson done and undone, and keep the other months as they were', async () => {
    const before = await keptAt()
    const id = await lessonDone(hoursAgo(5))
    const after = await expectSameAsFresh('a third lesson done')
    expect(after.rows).toHaveLength(3)
    expect(after.count).toBe(3)
    // a page of the lessons, in order of their start; the totals stay the whole period's
    const page = await lessonCostReport(database.db, {
      branchIds: null,
      from,
      to,
      groupBy: 'lesson',
      currency: 'AMD',
      offset: 1,
      limit: 1,
    })
    expect(page.rows).toEqual([after.rows[1]])
    expect(page).toMatchObject({ count: 3, offset: 1, totals: after.totals })
    const changed = (await keptAt()).filter(
      (m) => before.find((b) => b.branch_id === m.branch_id && b.month === m.month)?.computed_at !== m.computed_at,
    )
    // only this month of the lesson's branch was computed again
    expect(changed.map((m) => m.month)).toEqual([isoDay(hoursAgo(5)).slice(0, 7)])
    const undo = await t.call('POST', `/api/lessons/${id}/undo`, { cookie: teacherCookie })
    expect(undo.status, JSON.stringify(undo.data)).toBe(200)
    expect((await expectSameAsFresh('the third undone')).rows).toHaveLength(2)
  })

  it('follow an unlimited pass used again (its earlier sessions are worth less)', async () => {
    const before = (await expectSameAsFresh('before')).rows.find((r) => r.startsAt?.startsWith(lastMonth))!
    await lessonDone(hoursAgo(8), [unlimitedClient])
    const after = (await expectSameAsFresh('the unlimited pass used again')).rows.find((r) => r.startsAt?.startsWith(lastMonth))!
    // 120 000 over one session, then over two
    expect(before.revenueGross - after.revenueGross).toBe(60_000)
  })

  it('follow a lesson moved to another month', async () => {
    const [row] = await database.db.select().from(lessons).where(eq(lessons.id, 'cost-cache-1'))
    const moved = new Date(`${from.slice(0, 7)}-15T12:00:00Z`)
    await database.db
      .update(lessons)
      .set({ startsAt: moved, endsAt: new Date(moved.getTime() + (row.endsAt!.getTime() - row.startsAt!.getTime())) })
      .where(eq(lessons.id, row.id))
    const after = await expectSameAsFresh('moved')
    expect(after.rows.find((r) => r.key === row.id)?.startsAt).toBe(moved.toISOString())
  })

  it('follow costs, overhead, pay and prices changed back in time', async () => {
    await database.db.insert(productPrices).values({ productId: glueId, effectiveFrom: from, salePrice: 400, cost: 300 })
    await expectSameAsFresh('a consumable costs more')
    await database.db.update(products).set({ sku: 'GLUE-2', name: 'Glue' }).where(eq(products.id, glueId))
    const renamed = await expectSameAsFresh('the consumable no longer has the norms’ name')
    expect(renamed.totals.consumablesCost).toBe(0)
    await database.db.update(products).set({ name: 'Glue stick' }).where(eq(products.id, glueId))
    const set = await t.call('POST', '/api/costs/overhead', {
      cookie: manager,
      json: { branchId: center.central.branch.id, validFrom: from, overheadPerHour: 2500 },
    })
    expect(set.status, JSON.stringify(set.data)).toBe(201)
    await expectSameAsFresh('a higher overhead')
    await database.db.update(paySchemes).set({ perClient: 700 }).where(eq(paySchemes.employeeId, employeeId))
    await expectSameAsFresh('a higher rate per client')
    await database.db.update(passes).set({ price: 80_000 }).where(eq(passes.id, passIds[0]))
    await expectSameAsFresh('a cheaper pass')
    await database.db.update(branches).set({ timezone: 'Asia/Tbilisi' }).where(eq(branches.id, center.central.branch.id))
    await expectSameAsFresh('another time zone')
    await database.db.update(rooms).set({ hourlyCost: '4000.00' }).where(eq(rooms.id, center.central.room.id))
    const dearer = await expectSameAsFresh('a dearer room')
    expect(dearer.totals.roomCost).toBeGreaterThan(0)
    await database.db.update(centerSettings).set({ currency: 'EUR' })
    await expectSameAsFresh('the books kept in euros (a room’s hourly cost in cents)', 'EUR')
    await database.db.update(centerSettings).set({ currency: 'AMD' })
    await expectSameAsFresh('back in drams')
  })

  it('follow last month’s payroll approved and the teacher moved to another branch', async () => {
    const approve = await t.call('POST', '/api/payroll/approve', {
      cookie: manager,
      json: { branchId: center.central.branch.id, month: lastMonth },
    })
    expect(approve.status, JSON.stringify(approve.data)).toBe(201)
    await database.db.update(paySchemes).set({ perLesson: 9000 }).where(eq(paySchemes.employeeId, employeeId))
    await expectSameAsFresh('approved, then a rate changed (the approved month keeps its lines)')
    await database.db
      .update(employees)
      .set({ branchIds: [center.riverside.branch.id, center.central.branch.id] })
      .where(eq(employees.id, employeeId))
    await expectSameAsFresh('the monthly pay now belongs to another branch')
  })
})
