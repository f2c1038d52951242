import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import readXlsxFile from 'read-excel-file/node'
import { clients, clientStatusHistory, groupMembers, invoices, passPlans, passes, refunds, users } from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'

/**
 * Issue #20, inflow and retention, worked by hand on a small center in 2025 (a year long past, so
 * the figures do not depend on the day the test runs). Central (its group is Teacher's):
 * - A: registered 10 Jan 2025 (recommendation) as a trial; pass 15 Jan–13 Feb (20 000), renewed
 *   14 Feb–15 Mar (20 000), then nothing. Trial to paid in 5 days.
 * - B: registered 20 Jan (social media) as a trial; a pass bought 3 Feb, valid to 2 Aug (60 000),
 *   10 000 refunded in May. Trial to paid in 14 days.
 * - C: registered 5 Feb (source not recorded) as a trial; never buys; leaves 10 Mar (price).
 * - D: registered 10 Feb (recommendation), no trial; a pass of another activity from 10 Feb for a
 *   year (120 000) ended by a refund of 50 000 on 1 Jun.
 * - F: registered 20 Dec 2024 (an event); pass 20 Dec–19 Jan; taken out of the group 2 Apr 2025
 *   (schedule) and leaves the center that day (schedule).
 * Riverside: E, registered 5 Jan (passing by), a pass for all of 2025 (100 000).
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let owner: string
let manager: string
let riversideManager: string
const ids: Record<string, string> = {}
let invoiceNo = 500
const noon = (day: string) => new Date(`${day}T12:00:00Z`)
const FROM = '2025-01-01'
const TO = '2025-12-31'

async function client(key: string, branchId: string, created: string, source: string | null, firstStatus: string) {
  const [c] = await database.db
    .insert(clients)
    .values({ firstName: key, lastName: 'Inflow', branchId, source, status: firstStatus, createdAt: noon(created) })
    .returning()
  await database.db.insert(clientStatusHistory).values({ clientId: c.id, toStatus: firstStatus, at: noon(created) })
  ids[key] = c.id
  return c.id
}

async function pass(
  clientId: string,
  branchId: string,
  o: { startsOn: string; validUntil: string; price: number; activityId?: string; endedOn?: string },
) {
  const [plan] = await database.db
    .insert(passPlans)
    .values({ name: 'Month', activityIds: [center.activity.id], validDays: 30 })
    .returning()
  const [inv] = await database.db
    .insert(invoices)
    .values({
      branchId,
      year: Number(o.startsOn.slice(0, 4)),
      number: ++invoiceNo,
      clientId,
      currency: 'AMD',
      net: o.price,
      tax: 0,
      total: o.price,
      issuedOn: o.startsOn,
      dueOn: o.startsOn,
      createdBy: center.staff.manager.id,
    })
    .returning()
  const [p] = await database.db
    .insert(passes)
    .values({
      clientId,
      planId: plan.id,
      branchId,
      invoiceId: inv.id,
      activityIds: [o.activityId ?? center.activity.id],
      startsOn: o.startsOn,
      validUntil: o.validUntil,
      soldValidUntil: o.validUntil,
      price: o.price,
      endedAt: o.endedOn ? noon(o.endedOn) : null,
      createdAt: noon(o.startsOn),
    })
    .returning()
  return { pass: p, invoice: inv }
}

async function refund(clientId: string, branchId: string, invoiceId: string, amount: number, day: string) {
  await database.db.insert(refunds).values({
    invoiceId,
    clientId,
    branchId,
    amount,
    method: 'cash',
    idempotencyKey: randomUUID(),
    day,
    at: noon(day),
    by: center.staff.manager.id,
  })
}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  t = createTestApp(database)
  const db = database.db
  const central = center.central.branch.id
  const riverside = center.riverside.branch.id
  const group = center.central.group.id

  const a = await client('A', central, '2025-01-10', 'referral', 'trial')
  await pass(a, central, { startsOn: '2025-01-15', validUntil: '2025-02-13', price: 20_000 })
  await pass(a, central, { startsOn: '2025-02-14', validUntil: '2025-03-15', price: 20_000 })
  const b = await client('B', central, '2025-01-20', 'social', 'trial')
  const bp = await pass(b, central, { startsOn: '2025-02-03', validUntil: '2025-08-02', price: 60_000 })
  await refund(b, central, bp.invoice.id, 10_000, '2025-05-01')
  const c = await client('C', central, '2025-02-05', null, 'trial')
  await db
    .insert(clientStatusHistory)
    .values({ clientId: c, fromStatus: 'trial', toStatus: 'left', reason: 'price', at: noon('2025-03-10') })
  const d = await client('D', central, '2025-02-10', 'referral', 'active')
  const dp = await pass(d, central, {
    startsOn: '2025-02-10',
    validUntil: '2026-02-09',
    price: 120_000,
    activityId: randomUUID(),
    endedOn: '2025-06-01',
  })
  await refund(d, central, dp.invoice.id, 50_000, '2025-06-01')
  const f = await client('F', central, '2024-12-20', 'event', 'active')
  await pass(f, central, { startsOn: '2024-12-20', validUntil: '2025-01-19', price: 20_000 })
  await db
    .insert(clientStatusHistory)
    .values({ clientId: f, fromStatus: 'active', toStatus: 'left', reason: 'schedule', at: noon('2025-04-02') })
  const e = await client('E', riverside, '2025-01-05', 'walk_in', 'active')
  await pass(e, riverside, { startsOn: '2025-01-05', validUntil: '2025-12-31', price: 100_000 })

  // Teacher's group: A, B and D still in it; F taken out on 2 April for the schedule
  await db.insert(groupMembers).values([
    { groupId: group, clientId: a, joinedAt: noon('2025-01-10') },
    { groupId: group, clientId: b, joinedAt: noon('2025-01-20') },
    { groupId: group, clientId: d, joinedAt: noon('2025-02-10') },
    { groupId: group, clientId: f, joinedAt: noon('2024-12-20'), leftAt: noon('2025-04-02'), leftReasonCode: 'schedule' },
  ])

  owner = await t.login('owner')
  await db
    .update(users)
    .set({ branchIds: [central] })
    .where(eq(users.id, center.staff.manager.id))
  manager = await t.login('manager')
  // the riverside manager: a second manager of the other branch
  const [other] = await db
    .insert(users)
    .values({
      ...(await db.select().from(users).where(eq(users.id, center.staff.manager.id)))[0],
      id: undefined as never,
      login: 'manager2',
      name: 'Manager Two',
      branchIds: [riverside],
    })
    .returning()
  expect(other.login).toBe('manager2')
  riversideManager = await t.login('manager2')
})
afterAll(async () => database?.destroy())

const get = (cookie: string, path: string, headers: Record<string, string> = {}) => t.call('GET', path, { cookie, headers })
const central = () => `from=${FROM}&to=${TO}&branchId=${center.central.branch.id}`

describe('inflow and retention, worked by hand', () => {
  it('new clients per month and by how they heard of us', async () => {
    const res = await get(manager, `/api/reports/inflow?${central()}`)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.newClients).toEqual([
      { month: '2025-01', source: 'referral', clients: 1 },
      { month: '2025-01', source: 'social', clients: 1 },
      { month: '2025-02', source: '', clients: 1 },
      { month: '2025-02', source: 'referral', clients: 1 },
    ])
    expect(res.data.sources).toEqual([
      { source: 'referral', clients: 2 },
      { source: '', clients: 1 },
      { source: 'social', clients: 1 },
    ])
    expect(res.data.months.slice(0, 3)).toEqual([
      { month: '2025-01', clients: 2, trials: 2, converted: 2 },
      { month: '2025-02', clients: 2, trials: 1, converted: 0 },
      { month: '2025-03', clients: 0, trials: 0, converted: 0 },
    ])
    expect(res.data.months).toHaveLength(12)
  })

  it('trial to paid: 2 of 3 trials bought a pass, in 5 and 14 days', async () => {
    const res = await get(manager, `/api/reports/inflow?${central()}`)
    expect(res.data.trials).toEqual({ started: 3, converted: 2, conversionBp: 6667, averageDays: 9.5, medianDays: 9.5 })
  })

  it('cohorts: of those who started in a month, who still holds a valid pass 1 … 12 months later', async () => {
    const res = await get(manager, `/api/reports/inflow?${central()}`)
    const cell = (retained: number, eligible: number) => ({
      eligible,
      retained,
      rateBp: Math.round((retained * 10_000) / eligible),
    })
    expect(res.data.cohorts).toEqual([
      {
        month: '2025-01',
        clients: 1,
        cells: [cell(1, 1), cell(1, 1), ...Array(10).fill(cell(0, 1))],
        revenue: 40_000,
        averageRevenue: 40_000,
        medianRevenue: 40_000,
      },
      {
        month: '2025-02',
        clients: 2,
        // B holds a pass to 2 August (months 1–5); D's ended by the refund on 1 June (months 1–3)
        cells: [cell(2, 2), cell(2, 2), cell(2, 2), cell(1, 2), cell(1, 2), ...Array(7).fill(cell(0, 2))],
        revenue: 120_000,
        averageRevenue: 60_000,
        medianRevenue: 60_000,
      },
    ])
    expect(res.data.curve.map((c: { rateBp: number }) => c.rateBp)).toEqual([
      10_000, 10_000, 6667, 3333, 3333, 0, 0, 0, 0, 0, 0, 0,
    ])
    expect(res.data.curve[2]).toEqual({ months: 3, eligible: 3, retained: 2, rateBp: 6667 })
  })

  it('lifetime revenue per client by source: invoices less refunds', async () => {
    const res = await get(manager, `/api/reports/inflow?${central()}`)
    expect(res.data.bySource).toEqual([
      { source: 'referral', clients: 2, revenue: 110_000, averageRevenue: 55_000, medianRevenue: 55_000 },
      { source: 'social', clients: 1, revenue: 50_000, averageRevenue: 50_000, medianRevenue: 50_000 },
    ])
  })

  it('churn by reason: clients who left the center and members taken out of groups', async () => {
    const res = await get(manager, `/api/reports/inflow?${central()}`)
    expect(res.data.churn).toEqual([
      { reason: 'schedule', clients: 1, groupLeavers: 1 },
      { reason: 'price', clients: 1, groupLeavers: 0 },
    ])
    expect(res.data.churnTotals).toEqual({ clients: 2, groupLeavers: 1 })
  })

  it('an activity keeps its passes only: D (another activity) leaves the February cohort', async () => {
    const res = await get(manager, `/api/reports/inflow?${central()}&activityId=${center.activity.id}`)
    expect(res.status).toBe(200)
    expect(res.data.cohorts.map((c: { month: string; clients: number }) => [c.month, c.clients])).toEqual([
      ['2025-01', 1],
      ['2025-02', 1],
    ])
    expect(res.data.bySource[0]).toEqual({
      source: 'referral',
      clients: 1,
      revenue: 40_000,
      averageRevenue: 40_000,
      medianRevenue: 40_000,
    })
  })

  it('every branch of the owner: Riverside’s E too', async () => {
    const res = await get(owner, `/api/reports/inflow?from=${FROM}&to=${TO}`)
    expect(res.data.sources).toContainEqual({ source: 'walk_in', clients: 1 })
    expect(res.data.months[0].clients).toBe(3)
    expect(res.data.cohorts[0]).toMatchObject({ month: '2025-01', clients: 2 })
  })

  it('teacher performance: refusals are leavers by reason and non-renewals (A after 15 March, B after 2 August)', async () => {
    const res = await get(manager, `/api/reports/teachers?${central()}`)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    const row = res.data.rows.find((r: { teacherId: string }) => r.teacherId === center.staff.teacher.id)
    expect(row).toMatchObject({
      accepted: 3,
      refusals: 3,
      refusalReasons: [
        { reason: 'non_renewal', count: 2 },
        { reason: 'schedule', count: 1 },
      ],
    })
    // in the first quarter: A's second pass ran out (15 March; A's first was renewed the next day)
    // and F's (19 January), F still in the group at the quarter's end (taken out in April): two
    // non-renewals; over the year F counts once, as a leaver for the schedule
    const q1 = await get(manager, `/api/reports/teachers?from=2025-01-01&to=2025-03-31&branchId=${center.central.branch.id}`)
    const r1 = q1.data.rows.find((r: { teacherId: string }) => r.teacherId === center.staff.teacher.id)
    expect(r1).toMatchObject({ refusals: 2, refusalReasons: [{ reason: 'non_renewal', count: 2 }] })
  })

  it('CSV and XLSX of each view in the reader’s language', async () => {
    const res = await t.app.request(`http://localhost/api/reports/inflow.xlsx?${central()}&view=cohorts`, {
      headers: { cookie: manager, 'accept-language': 'ru' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="inflow-cohorts-${FROM}-${TO}.xlsx"`)
    const [sheet] = await readXlsxFile(Buffer.from(await res.arrayBuffer()))
    expect(sheet.sheet).toBe('Удержание по когортам')
    const [head, first] = sheet.data
    expect(head.slice(0, 4)).toEqual(['Первый абонемент', 'Клиенты', 'Месяц 1', 'Месяц 2'])
    expect(head.slice(-3)).toEqual(['Доход за всё время', 'В среднем на клиента', 'Медиана на клиента'])
    expect(first[0]).toBeInstanceOf(Date)
    expect(first.slice(1)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40_000, 40_000, 40_000])

    const csv = await t.app.request(`http://localhost/api/reports/inflow.csv?${central()}&view=churn`, {
      headers: { cookie: manager, 'accept-language': 'en' },
    })
    const text = (await csv.text()).replace(/^\uFEFF/, '')
    expect(text.split(/\r?\n/).filter(Boolean)).toEqual(['Reason,Left the center,Left a group', 'Schedule,1,1', 'Price,1,0'])

    const hy = await t.app.request(`http://localhost/api/reports/inflow.csv?${central()}`, {
      headers: { cookie: manager, 'accept-language': 'hy' },
    })
    expect(await hy.text()).toContain('Նշված չէ')
  })
})

describe('inflow: who may read it, and bad filters', () => {
  it('refuses a receptionist, a teacher and another branch’s manager', async () => {
    for (const login of ['reception', 'teacher']) {
      const cookie = await t.login(login)
      expect((await get(cookie, `/api/reports/inflow?${central()}`)).status, login).toBe(403)
      expect((await get(cookie, `/api/reports/inflow.xlsx?${central()}`)).status, login).toBe(403)
    }
    expect((await get(riversideManager, `/api/reports/inflow?${central()}`)).status).toBe(403)
    // without a branch, their own branch only: E
    const mine = await get(riversideManager, `/api/reports/inflow?from=${FROM}&to=${TO}`)
    expect(mine.status).toBe(200)
    expect(mine.data.sources).toEqual([{ source: 'walk_in', clients: 1 }])
  })

  it('a 400 naming the field, in the reader’s language', async () => {
    for (const [query, field] of [
      [`from=2025-13-01&to=${TO}`, 'from'],
      [`from=${TO}&to=${FROM}`, 'to'],
      [`${central()}&activityId=judo`, 'activityId'],
      [`${central()}&view=everything`, 'view'],
      [`from=${FROM}&to=${TO}&branchId=nowhere`, 'branchId'],
    ]) {
      const res = await get(manager, `/api/reports/inflow?${query}`, { 'accept-language': 'ru' })
      expect(res.status, query).toBe(400)
      expect(Object.keys(res.data.error.fields ?? {}), query).toContain(field)
    }
  })
})
