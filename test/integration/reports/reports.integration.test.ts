import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, and, isNotNull } from 'drizzle-orm'
import readXlsxFile from 'read-excel-file/node'
import {
  activities,
  branches,
  clients,
  employees,
  groupMembers,
  invoiceLines,
  invoices,
  lessons,
  passPlans,
  passes,
  payments,
  paySchemes,
  productPrices,
  products,
  rooms,
  saleLines,
  saleReturnLines,
  saleReturns,
  sales,
  stores,
  users,
} from '../../../db/schema/index'
import { centerTimeZone } from '../../../server/modules/center/index'
import { todayIn } from '../../../server/modules/passes/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'

/**
 * Issue #20, the Reports area: revenue by month, branch and activity; debts and ageing; VAT per
 * month; teacher performance. A small center worked by hand: Central sells six 10-session passes
 * (60 000 with 20 % VAT in it) and marks one 90-minute lesson done with all six present (the
 * lesson cost test's figures: 36 000 gross, 6 000 VAT, cost 16 000, margin 14 000); Riverside
 * issues invoices in September and October 2026, sells a product and takes half of it back.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let owner: string
let manager: string
let accountant: string
let today: string
const dayOf = (d: Date) => d.toISOString().slice(0, 10)
const from = dayOf(new Date(Date.now() - 3 * 86_400_000))
const to = dayOf(new Date(Date.now() + 86_400_000))
const daysAgo = (n: number) => dayOf(new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000))
const members: string[] = []
let lessonMonth = ''
let invoiceNo = 100

async function client(name: string) {
  const [c] = await database.db.insert(clients).values({ firstName: name, lastName: 'Report' }).returning()
  return c.id
}

/** An invoice of a branch, nothing paid yet; with a line when it carries VAT. */
async function invoice(
  branchId: string,
  clientId: string,
  o: { total: number; tax: number; issuedOn: string; dueOn: string; line?: boolean },
) {
  const [inv] = await database.db
    .insert(invoices)
    .values({
      branchId,
      year: Number(o.issuedOn.slice(0, 4)),
      number: ++invoiceNo,
      clientId,
      currency: 'AMD',
      net: o.total - o.tax,
      tax: o.tax,
      total: o.total,
      issuedOn: o.issuedOn,
      dueOn: o.dueOn,
      createdBy: center.staff.manager.id,
    })
    .returning()
  if (o.line)
    await database.db.insert(invoiceLines).values({
      invoiceId: inv.id,
      kind: 'other',
      description: 'Course',
      unitPrice: o.total,
      net: o.total - o.tax,
      tax: o.tax,
      gross: o.total,
      taxRateBp: 2000,
      taxMode: 'included',
    })
  return inv
}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  t = createTestApp(database)
  const db = database.db
  today = todayIn(await centerTimeZone(db))
  // Central: the lesson cost test's center (consumables, room cost, pay scheme, overhead, passes)
  await db
    .update(activities)
    .set({ consumables: [{ item: 'Glue stick', quantity: 2, unit: 'pcs' }] })
    .where(eq(activities.id, center.activity.id))
  const [glue] = await db
    .insert(products)
    .values({ name: 'Glue stick', kind: 'consumable', sku: 'GLUE-1', unit: 'pcs', createdAt: new Date(Date.now() - 86_400_000) })
    .returning()
  await db.insert(productPrices).values({ productId: glue.id, effectiveFrom: '2020-01-01', salePrice: 400, cost: 250 })
  await db.update(rooms).set({ hourlyCost: '3000.00' }).where(eq(rooms.id, center.central.room.id))
  const [emp] = await db
    .insert(employees)
    .values({
      name: 'Teacher One',
      userId: center.staff.teacher.id,
      positions: ['teacher'],
      branchIds: [center.central.branch.id],
    })
    .returning()
  await db.insert(paySchemes).values({ employeeId: emp.id, validFrom: '2020-01-01', perLesson: 5000, perClient: 500 })
  const [plan] = await db
    .insert(passPlans)
    .values({ name: '10 sessions', activityIds: [center.activity.id], sessions: 10, validDays: 365 })
    .returning()
  for (let i = 1; i <= 6; i++) {
    const id = await client(`Member${i}`)
    members.push(id)
    await db.insert(groupMembers).values({ groupId: center.central.group.id, clientId: id })
    const inv = await invoice(center.central.branch.id, id, {
      total: 60_000,
      tax: 10_000,
      issuedOn: '2026-01-01',
      dueOn: '2026-01-01',
    })
    const [pass] = await db
      .insert(passes)
      .values({
        clientId: id,
        planId: plan.id,
        branchId: center.central.branch.id,
        invoiceId: inv.id,
        activityIds: [center.activity.id],
        sessionsTotal: 10,
        startsOn: '2026-01-01',
        validUntil: '2027-12-31',
        soldValidUntil: '2027-12-31',
        price: 60_000,
      })
      .returning()
    await db.insert(invoiceLines).values({
      invoiceId: inv.id,
      kind: 'pass',
      passId: pass.id,
      planId: plan.id,
      description: '10 sessions',
      unitPrice: 60_000,
      net: 50_000,
      tax: 10_000,
      gross: 60_000,
      taxRateBp: 2000,
      taxMode: 'included',
    })
  }
  owner = await t.login('owner')
  manager = await t.login('manager')
  const teacher = await t.login('teacher')
  const set = await t.call('POST', '/api/costs/overhead', {
    cookie: manager,
    json: { branchId: center.central.branch.id, validFrom: '2020-01-01', overheadPerHour: 2000 },
  })
  expect(set.status, JSON.stringify(set.data)).toBe(201)

  // a lesson two hours ago, all six present, marked done; another, four present and two absent, not done
  const base = center.central.lesson
  for (const [n, present] of [
    [1, 6],
    [2, 4],
  ] as const) {
    const startsAt = new Date(Date.now() - (n + 1) * 3600_000)
    const [lesson] = await db
      .insert(lessons)
      .values({ ...base, id: `report-lesson-${n}`, startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000) })
      .returning()
    const entries = members.map((clientId, i) => ({ clientId, status: i < present ? 'present' : 'absent' }))
    const att = await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, { cookie: teacher, json: { entries } })
    expect(att.status, JSON.stringify(att.data)).toBe(200)
    if (n === 1) {
      const done = await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie: teacher })
      expect(done.status, JSON.stringify(done.data)).toBe(200)
      const [branch] = await db.select().from(branches).where(eq(branches.id, center.central.branch.id))
      lessonMonth = new Intl.DateTimeFormat('en-CA', { timeZone: branch.timezone }).format(startsAt).slice(0, 7)
    }
  }
  // the sixth member leaves the group afterwards, saying why
  const leave = await t.call(
    'DELETE',
    `/api/groups/${center.central.group.id}/members/${members[5]}?reason=moved&note=${encodeURIComponent('Too far now')}`,
    { cookie: manager },
  )
  expect(leave.status, JSON.stringify(leave.data)).toBe(204)
  const [left] = await db
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.clientId, members[5]), isNotNull(groupMembers.leftAt)))
  expect(left.leftReasonCode).toBe('moved')
  expect(left.leftReason).toBe('Too far now')

  // Riverside: invoices with VAT in September (12 000, 2 000 VAT) and October (6 000, 1 000 VAT, 1 000 paid)
  const riverside = center.riverside.branch.id
  const d1 = await client('Debtor1')
  const d2 = await client('Debtor2')
  const d3 = await client('Debtor3')
  const d4 = await client('Debtor4')
  await invoice(riverside, d1, { total: 12_000, tax: 2_000, issuedOn: '2026-09-10', dueOn: daysAgo(45), line: true })
  const b = await invoice(riverside, d2, { total: 6_000, tax: 1_000, issuedOn: '2026-10-05', dueOn: daysAgo(10), line: true })
  await db.insert(payments).values({
    invoiceId: b.id,
    clientId: d2,
    branchId: riverside,
    amount: 1_000,
    method: 'cash',
    idempotencyKey: 'report-pay-1',
    day: '2026-10-05',
    by: center.staff.manager.id,
  })
  await invoice(riverside, d3, { total: 3_000, tax: 0, issuedOn: '2025-01-01', dueOn: daysAgo(75) })
  await invoice(riverside, d4, { total: 4_000, tax: 0, issuedOn: '2025-01-02', dueOn: daysAgo(120) })
  // a sale at Riverside in October (2 × 600 with 20 % VAT in it: 1 200, 200 VAT), one of the two returned
  const [store] = await db.insert(stores).values({ branchId: riverside, name: 'Riverside desk' }).returning()
  const [ball] = await db.insert(products).values({ name: 'Ball', kind: 'goods', sku: 'BALL-1', unit: 'pcs' }).returning()
  const [sale] = await db
    .insert(sales)
    .values({
      branchId: riverside,
      storeId: store.id,
      year: 2026,
      number: 1,
      currency: 'AMD',
      net: 1_000,
      tax: 200,
      total: 1_200,
      method: 'cash',
      day: '2026-10-20',
    })
    .returning()
  const [line] = await db
    .insert(saleLines)
    .values({
      saleId: sale.id,
      lineKey: '0',
      productId: ball.id,
      description: 'Ball',
      quantity: 2,
      unitPrice: 600,
      net: 1_000,
      tax: 200,
      gross: 1_200,
      taxRateBp: 2000,
      taxMode: 'included',
    })
    .returning()
  const [ret] = await db
    .insert(saleReturns)
    .values({ saleId: sale.id, branchId: riverside, amount: 600, tax: 100, method: 'cash', day: '2026-10-22' })
    .returning()
  await db.insert(saleReturnLines).values({ returnId: ret.id, saleLineId: line.id, quantity: 1, net: 500, tax: 100, gross: 600 })

  // an accountant of Central only
  await db
    .update(users)
    .set({ branchIds: [center.central.branch.id] })
    .where(eq(users.id, center.staff.accountant.id))
  accountant = await t.login('accountant')
})
afterAll(async () => database?.destroy())

const get = (cookie: string, path: string, headers: Record<string, string> = {}) => t.call('GET', path, { cookie, headers })

describe('revenue by month, branch and activity', () => {
  it('sessions at their value (36 000, 6 000 VAT) and sales less returns (600, 100 VAT)', async () => {
    const res = await get(owner, `/api/reports/revenue?from=2026-09-01&to=${to}`)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.rows).toEqual([
      expect.objectContaining({ month: '2026-10', branch: 'Riverside', source: 'sales', gross: 600, vat: 100, net: 500 }),
      expect.objectContaining({
        month: lessonMonth,
        branch: 'Central',
        source: 'sessions',
        activityId: center.activity.id,
        gross: 36_000,
        vat: 6_000,
        net: 30_000,
      }),
    ])
    expect(res.data.totals).toEqual({ sessions: 36_000, sales: 600, gross: 36_600, vat: 6_100, net: 30_500 })
    expect(res.data.months.map((m: { month: string }) => m.month)).toEqual(
      ['2026-09', '2026-10', '2026-11', '2026-12'].filter((m) => m <= to.slice(0, 7)),
    )
    // one branch, one activity (sales have none)
    const central = await get(
      owner,
      `/api/reports/revenue?from=2026-09-01&to=${to}&branchId=${center.central.branch.id}&activityId=${center.activity.id}`,
    )
    expect(central.data.totals).toMatchObject({ sessions: 36_000, sales: 0, gross: 36_000 })
  })

  it('a reader of one branch reads only theirs; other roles are refused', async () => {
    const mine = await get(accountant, `/api/reports/revenue?from=2026-09-01&to=${to}`)
    expect(mine.status).toBe(200)
    expect(mine.data.totals).toMatchObject({ sessions: 36_000, sales: 0 })
    expect(
      (await get(accountant, `/api/reports/revenue?from=2026-09-01&to=${to}&branchId=${center.riverside.branch.id}`)).status,
    ).toBe(403)
    for (const login of ['reception', 'teacher', 'storekeeper']) {
      const cookie = await t.login(login)
      expect((await get(cookie, `/api/reports/revenue?from=${from}&to=${to}`)).status, login).toBe(403)
      expect((await get(cookie, `/api/reports/debts.xlsx`)).status, login).toBe(403)
    }
    const auditor = await t.login('auditor')
    expect((await get(auditor, `/api/reports/vat?from=${from}&to=${to}`)).status).toBe(200)
  })

  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await get(manager, `/api/reports/revenue?from=${to}&to=${from}`, { 'accept-language': 'ru' })
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.error.fields ?? {})).toContain('to')
  })
})

describe('debts and ageing', () => {
  it('ages each debtor by their oldest unpaid invoice: 0–30, 31–60, 61–90, over 90', async () => {
    const res = await get(manager, `/api/reports/debts?branchId=${center.riverside.branch.id}`)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.today).toBe(today)
    expect(
      res.data.rows.map((r: { name: string; debt: number; bucket: string; daysOverdue: number }) => [
        r.name,
        r.debt,
        r.bucket,
        r.daysOverdue,
      ]),
    ).toEqual([
      ['Debtor1 Report', 12_000, '31-60', 45],
      ['Debtor2 Report', 5_000, '0-30', 10],
      ['Debtor4 Report', 4_000, '90+', 120],
      ['Debtor3 Report', 3_000, '61-90', 75],
    ])
    expect(res.data.buckets).toEqual([
      { bucket: '0-30', clients: 1, debt: 5_000 },
      { bucket: '31-60', clients: 1, debt: 12_000 },
      { bucket: '61-90', clients: 1, debt: 3_000 },
      { bucket: '90+', clients: 1, debt: 4_000 },
    ])
    expect(res.data.total).toBe(24_000)
    // the owner sees Central's six unpaid pass invoices (6 × 60 000, due on 1 January) too
    const all = await get(owner, '/api/reports/debts')
    expect(all.data.total).toBe(24_000 + 360_000)
  })
})

describe('VAT per month', () => {
  it('invoices by month and rate, and sales less returns', async () => {
    const res = await get(manager, `/api/reports/vat?from=2026-09-01&to=2026-10-31&branchId=${center.riverside.branch.id}`)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.rows).toEqual([
      expect.objectContaining({
        month: '2026-09',
        source: 'invoices',
        rateBp: 2000,
        salesGross: 12_000,
        salesVat: 2_000,
        vat: 2_000,
        net: 10_000,
      }),
      expect.objectContaining({
        month: '2026-10',
        source: 'invoices',
        rateBp: 2000,
        salesGross: 6_000,
        salesVat: 1_000,
        vat: 1_000,
      }),
      expect.objectContaining({
        month: '2026-10',
        source: 'sales',
        rateBp: 2000,
        salesGross: 1_200,
        salesVat: 200,
        refundsGross: 600,
        refundsVat: 100,
        vat: 100,
        gross: 600,
        net: 500,
      }),
    ])
    expect(res.data.months).toEqual([
      { month: '2026-09', vat: 2_000 },
      { month: '2026-10', vat: 1_100 },
    ])
    expect(res.data.totals).toEqual({ gross: 18_600, vat: 3_100, net: 15_500 })
  })
})

describe('teacher performance', () => {
  it('accepted 6, left 1, 1 lesson of 1.5 h, attendance 10 of 12, profit 14 000; ranked per measure', async () => {
    const res = await get(manager, `/api/reports/teachers?from=${from}&to=${to}`)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    const [one, two] = res.data.rows
    expect(one).toEqual({
      teacherId: center.staff.teacher.id,
      name: 'Teacher One',
      accepted: 6,
      refusals: 1,
      refusalReasons: [{ reason: 'moved', count: 1 }],
      lessons: 1,
      minutes: 90,
      attended: 10,
      marked: 12,
      attendanceBp: 8333,
      revenueNet: 30_000,
      cost: 16_000, // 8 000 teacher + 4 500 room + 500 consumables + 3 000 overhead
      profit: 14_000,
      ranks: { accepted: 1, refusals: 2, lessons: 1, minutes: 1, attendance: 1, profit: 1 },
    })
    expect(two).toMatchObject({
      teacherId: center.staff.teacher2.id,
      accepted: 0,
      refusals: 0,
      lessons: 0,
      attendanceBp: null,
      profit: 0,
      ranks: { accepted: 2, refusals: 1, lessons: 2, minutes: 2, attendance: 2, profit: 2 },
    })
    // one teacher's card keeps their place among all
    const card = await get(manager, `/api/reports/teachers?from=${from}&to=${to}&teacherId=${center.staff.teacher2.id}`)
    expect(card.data.rows).toHaveLength(1)
    expect(card.data.rows[0].ranks.refusals).toBe(1)
    // Riverside only: its teacher alone
    const riverside = await get(manager, `/api/reports/teachers?from=${from}&to=${to}&branchId=${center.riverside.branch.id}`)
    expect(riverside.data.rows.map((r: { teacherId: string }) => r.teacherId)).toEqual([center.staff.teacher2.id])
  })
})

describe('exports', () => {
  const download = async (path: string, locale: string) => {
    const res = await t.app.request(`http://localhost${path}`, { headers: { cookie: manager, 'accept-language': locale } })
    return { res, body: Buffer.from(await res.arrayBuffer()) }
  }

  it('XLSX in the reader’s language: numbers as numbers, money in drams, rates as fractions, opened back', async () => {
    const { res, body } = await download(`/api/reports/teachers.xlsx?from=${from}&to=${to}`, 'ru')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="teachers-${from}-${to}.xlsx"`)
    const [sheet] = await readXlsxFile(body)
    expect(sheet.sheet).toBe('Работа преподавателей')
    const [head, first] = sheet.data
    expect(head).toEqual([
      'Преподаватель',
      'Принято клиентов',
      'Ушли',
      'Причины ухода',
      'Занятия',
      'Часы',
      'Посещаемость',
      'Чистая выручка',
      'Себестоимость',
      'Прибыль',
    ])
    expect(first).toEqual(['Teacher One', 6, 1, 'Переехал (1)', 1, 1.5, 0.8333, 30_000, 16_000, 14_000])
  })

  it('XLSX of debts with days as dates; VAT in Armenian', async () => {
    const { body } = await download(`/api/reports/debts.xlsx?branchId=${center.riverside.branch.id}`, 'en')
    const [sheet] = await readXlsxFile(body)
    expect(sheet.data[0]).toEqual(['Client', 'Phone', 'Branch', 'Debt', 'Invoices', 'Oldest due date', 'Days overdue', 'Ageing'])
    expect(sheet.data[1]).toEqual([
      'Debtor1 Report',
      null,
      'Riverside',
      12_000,
      1,
      new Date(`${daysAgo(45)}T00:00:00Z`),
      45,
      '31–60 days',
    ])
    const vat = await download(`/api/reports/vat.xlsx?from=2026-09-01&to=2026-10-31&branchId=${center.riverside.branch.id}`, 'hy')
    const [v] = await readXlsxFile(vat.body)
    expect(v.data[0][0]).toBe('Ամիս')
    expect(v.data[1]).toEqual([
      new Date('2026-09-01T00:00:00Z'),
      'Հաշիվներ',
      0.2,
      'Ներառված գնի մեջ',
      12_000,
      2_000,
      0,
      0,
      10_000,
      2_000,
      12_000,
    ])
  })

  it('CSV with headers in the reader’s language and money as decimals', async () => {
    const { res, body } = await download(`/api/reports/revenue.csv?from=2026-09-01&to=${to}`, 'hy')
    expect(res.status).toBe(200)
    const text = body.toString('utf8').replace(/^\uFEFF/, '')
    const lines = text.trim().split('\n')
    expect(lines[0]).toBe('Ամիս,Մասնաճյուղ,Աղբյուր,Զբաղմունք,Համախառն,ԱԱՀ,Զուտ')
    expect(lines[1]).toBe('2026-10,Riverside,Վաճառքներ,,600,100,500')
  })
})
