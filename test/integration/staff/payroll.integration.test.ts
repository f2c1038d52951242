import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import {
  employees,
  lessons,
  passes,
  passPlans,
  passVisits,
  payAdjustments,
  paySchemes,
  staffServices,
  teacherServices,
  users,
} from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildUser } from '../../support/factories'
import { pdfText, squash } from '../../support/pdf-text'
import { buildTwoBranches } from '../../support/two-branches'

/**
 * Issue #19, the payroll of a month, worked by hand through the database: every scheme kind
 * (per lesson, per client, revenue share, hourly, fixed monthly pro rata) and a combination with
 * its rate changed mid-month; services outside the timetable, a bonus and a deduction; a lesson on
 * the month's last evening that is the next month's day in the branch's time zone; approval locks
 * (the stored lines, whatever changes after); a lesson undone and one marked done late after
 * approval are corrections of the approved month in the NEXT one, and not again once that is
 * approved; 409s with nothing written; who may read, approve and get a payslip; CSV and PDF.
 */
let database: TestDatabase
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let t: ReturnType<typeof createTestApp>
const cookies: Record<string, string> = {}
let central = ''
const ids: Record<string, string> = {}
const emp: Record<string, string> = {}
let n = 0

const call = (method: string, path: string, who: string, json?: unknown) =>
  t.call(method, path, { cookie: cookies[who], json, headers: { 'accept-language': 'en' } })

async function lesson(teacherId: string, startsAt: string, minutes = 60): Promise<string> {
  const id = `pay-lesson-${++n}`
  const start = new Date(startsAt)
  await database.db.insert(lessons).values({
    id,
    branchId: central,
    doc: 'timetable:test',
    startsAt: start,
    endsAt: new Date(start.getTime() + minutes * 60_000),
    activityId: center.activity.id,
    groupId: center.central.group.id,
    teacherId,
    status: 'done',
  })
  return id
}

/** A teacher's service as mark-done writes it (its undo: sign −1, same completion). */
async function service(lessonId: string, teacherId: string, attending: number, minutes = 60, sign = 1, completionId = 1000 + n) {
  const [row] = await database.db
    .insert(teacherServices)
    .values({
      completionId,
      lessonId,
      teacherId,
      activityId: center.activity.id,
      durationMinutes: minutes,
      attending,
      sign,
      by: teacherId,
    })
    .returning()
  return row
}

async function employee(name: string, userId: string | null, schemes: Array<Partial<typeof paySchemes.$inferInsert>>) {
  const [e] = await database.db
    .insert(employees)
    .values({ name, userId, positions: ['teacher'], branchIds: [central] })
    .returning()
  for (const s of schemes) await database.db.insert(paySchemes).values({ employeeId: e.id, validFrom: '2026-01-01', ...s })
  return e.id
}

const payroll = async (month: string, who = 'accountant') => {
  const res = await call('GET', `/api/payroll?branchId=${central}&month=${month}`, who)
  expect(res.status).toBe(200)
  return (res.data as { payroll: PayrollBody }).payroll
}
interface PayrollBody {
  status: string
  total: number
  approvedBy: { name: string } | null
  employees: Array<{ employeeId: string | null; name: string; total: number; lines: Array<Record<string, unknown>> }>
  problems: Array<{ kind: string; name: string; day: string }>
}
/** A binary answer (a PDF) as bytes. */
const bytes = async (path: string, who: string) => {
  const res = await t.app.request(`http://localhost${path}`, { headers: { cookie: cookies[who], 'accept-language': 'en' } })
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) }
}
const totalOf = (p: PayrollBody, id: string) => p.employees.find((e) => e.employeeId === id)?.total ?? 0
const count = async (table: string) =>
  Number((await queryRows<{ n: string }>(database.db, sql.raw(`select count(*) as n from ${table}`)))[0].n)

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  central = center.central.branch.id
  t = createTestApp(database)
  const db = database.db
  await db
    .update(users)
    .set({ branchIds: [central] })
    .where(eq(users.id, center.staff.accountant.id))
  await buildUser(db, { roles: ['accountant'], login: 'accountant2', branchIds: [center.riverside.branch.id] })
  for (const login of ['tb', 'tc', 'td', 'te', 'tx'])
    ids[login] = (await buildUser(db, { roles: ['teacher'], login, name: `Teacher ${login}`, branchIds: [central] })).id
  ids.ta = center.staff.teacher.id
  for (const who of ['owner', 'accountant', 'accountant2', 'auditor', 'reception', 'teacher', 'tb'])
    cookies[who] = await t.login(who)

  emp.ta = await employee('Anna Per-Lesson', ids.ta, [{ perLesson: 3000 }])
  emp.tb = await employee('Boris Per-Client', ids.tb, [{ perClient: 500 }])
  emp.tc = await employee('Carine Share', ids.tc, [{ revenueBp: 2500 }])
  emp.td = await employee('David Hourly', ids.td, [{ hourly: 6000 }])
  emp.te = await employee('Eva Combined', ids.te, [
    { validFrom: '2026-01-01', validTo: '2026-10-15', perLesson: 1000, perClient: 200, hourly: 1200, monthly: 310000 },
    { validFrom: '2026-10-16', perLesson: 2000, perClient: 200, hourly: 1200, monthly: 620000 },
  ])
  const [cleaner] = await db
    .insert(employees)
    .values({ name: 'Gayane Cleaner', branchIds: [central] })
    .returning()
  await db.insert(paySchemes).values({ employeeId: cleaner.id, validFrom: '2026-10-01', monthly: 155000 })
  emp.cleaner = cleaner.id

  // Anna: two lessons (3 000 each), one in September, one on 31 Oct 23:30 UTC = 1 Nov in Berlin
  await service(await lesson(ids.ta, '2026-10-05T10:00:00Z'), ids.ta, 4)
  await service(await lesson(ids.ta, '2026-10-06T10:00:00Z'), ids.ta, 4)
  await service(await lesson(ids.ta, '2026-09-30T10:00:00Z'), ids.ta, 4)
  await service(await lesson(ids.ta, '2026-10-31T23:30:00Z'), ids.ta, 4)
  await db.insert(payAdjustments).values([
    { employeeId: emp.ta, branchId: central, on: '2026-10-15', kind: 'bonus', amount: 2500, reason: 'Open day' },
    { employeeId: emp.ta, branchId: central, on: '2026-10-16', kind: 'deduction', amount: 1000, reason: 'Lost key' },
  ])
  // Boris: 6 attending × 500
  await service(await lesson(ids.tb, '2026-10-07T10:00:00Z'), ids.tb, 6)
  // Carine: 25% of the lesson's revenue, three sessions written off 10-session passes of 10 000 (1 000 each)
  const tcLesson = await lesson(ids.tc, '2026-10-08T10:00:00Z')
  const tcService = await service(tcLesson, ids.tc, 3)
  const [plan] = await db
    .insert(passPlans)
    .values({ name: 'Ten', activityIds: [center.activity.id], sessions: 10, validDays: 60 })
    .returning()
  for (let i = 0; i < 3; i++) {
    const clientId = crypto.randomUUID()
    const [pass] = await db
      .insert(passes)
      .values({
        clientId,
        planId: plan.id,
        branchId: central,
        activityIds: [center.activity.id],
        sessionsTotal: 10,
        startsOn: '2026-10-01',
        validUntil: '2026-11-30',
        soldValidUntil: '2026-11-30',
        price: 10000,
      })
      .returning()
    await db.insert(passVisits).values({
      clientId,
      branchId: central,
      passId: pass.id,
      source: 'lesson',
      lessonId: tcLesson,
      activityId: center.activity.id,
      completionId: tcService.completionId,
      on: '2026-10-08',
      by: ids.tc,
    })
  }
  // David: 45 minutes at 6 000 an hour; a consultation of 30 minutes with a fee of 2 000
  await service(await lesson(ids.td, '2026-10-09T10:00:00Z', 45), ids.td, 2, 45)
  await db
    .insert(staffServices)
    .values({ employeeId: emp.td, branchId: central, on: '2026-10-12', kind: 'consultation', minutes: 30, fee: 2000 })
  // Eva: scheme A until 15 Oct, B from 16 Oct
  await service(await lesson(ids.te, '2026-10-10T10:00:00Z', 90), ids.te, 4, 90)
  await service(await lesson(ids.te, '2026-10-20T10:00:00Z'), ids.te, 4)
  // a teacher without an employee file
  await service(await lesson(ids.tx, '2026-10-11T10:00:00Z'), ids.tx, 3)
}, 60_000)
afterAll(async () => {
  await database?.destroy()
})

describe('the payroll of October, worked by hand', () => {
  it('pays every scheme kind and a combination with its rate changed mid-month', async () => {
    const p = await payroll('2026-10')
    expect(p.status).toBe('draft')
    // Anna: 2 × 3 000 + bonus 2 500 − deduction 1 000 (September's lesson and 1 Nov's are not October's)
    expect(totalOf(p, emp.ta)).toBe(7500)
    // Boris: 6 × 500
    expect(totalOf(p, emp.tb)).toBe(3000)
    // Carine: 25% of 3 × (10 000 / 10)
    expect(totalOf(p, emp.tc)).toBe(750)
    const share = p.employees.find((e) => e.employeeId === emp.tc)!.lines[0]
    expect(share).toMatchObject({ kind: 'revenue', rate: 2500, base: 3000, amount: 750, attendees: 3 })
    // David: 45/60 × 6 000 = 4 500; the consultation 2 000 + 30/60 × 6 000
    expect(totalOf(p, emp.td)).toBe(9500)
    // Eva: 10 Oct (A) 1 000 + 4 × 200 + 90/60 × 1 200 = 3 600; 20 Oct (B) 2 000 + 800 + 1 200 = 4 000;
    // monthly 310 000 × 15/31 = 150 000 and 620 000 × 16/31 = 320 000
    expect(totalOf(p, emp.te)).toBe(3600 + 4000 + 150000 + 320000)
    const monthly = p.employees.find((e) => e.employeeId === emp.te)!.lines.filter((l) => l.kind === 'monthly')
    expect(monthly.map((l) => [l.amount, l.base])).toEqual([
      [150000, 15],
      [320000, 16],
    ])
    // the cleaner: a whole month's fixed pay
    expect(totalOf(p, emp.cleaner)).toBe(155000)
    expect(p.total).toBe(7500 + 3000 + 750 + 9500 + 477600 + 155000)
    // the teacher without a file: a problem, paid nothing
    expect(p.problems).toEqual([expect.objectContaining({ kind: 'noScheme', name: 'Teacher tx', day: '2026-10-11' })])
    const line = p.employees.find((e) => e.employeeId === emp.tb)!.lines[0]
    expect(line).toMatchObject({
      kind: 'client',
      day: '2026-10-07',
      lesson: 'Group central',
      attendees: 6,
      rate: 500,
      amount: 3000,
    })
  })

  it('keeps a lesson of the month’s last evening in the month of its day in the branch’s time zone', async () => {
    const p = await payroll('2026-11')
    expect(p.employees.find((e) => e.employeeId === emp.ta)!.lines.map((l) => l.day)).toContain('2026-11-01')
  })
})

describe('approval', () => {
  it('who may: a receptionist and an accountant of another branch are refused; the auditor reads but cannot approve', async () => {
    expect((await call('GET', `/api/payroll?branchId=${central}&month=2026-10`, 'reception')).status).toBe(403)
    expect((await call('GET', `/api/payroll?branchId=${central}&month=2026-10`, 'accountant2')).status).toBe(403)
    expect((await call('GET', `/api/payroll?branchId=${central}&month=2026-10`, 'auditor')).status).toBe(200)
    expect((await call('POST', '/api/payroll/approve', 'auditor', { branchId: central, month: '2026-10' })).status).toBe(403)
    expect((await call('POST', '/api/payroll/approve', 'accountant2', { branchId: central, month: '2026-10' })).status).toBe(403)
    expect((await call('GET', `/api/payroll?branchId=${central}&month=2026-13`, 'accountant')).status).toBe(400)
    expect(await count('payrolls')).toBe(0)
  })

  it('refuses an empty month and a month not ended, naming the month; nothing written', async () => {
    const empty = await call('POST', '/api/payroll/approve', 'accountant', { branchId: central, month: '2025-12' })
    expect(empty.status).toBe(409)
    expect((empty.data as { error: { fields: Record<string, unknown> } }).error.fields.month).toBeTruthy()
    const future = await call('POST', '/api/payroll/approve', 'accountant', { branchId: central, month: '2027-01' })
    expect(future.status).toBe(409)
    expect(await count('payrolls')).toBe(0)
    expect(await count('payroll_lines')).toBe(0)
  })

  it('approves October into a locked snapshot; twice is a 409 with nothing written', async () => {
    const before = await payroll('2026-10')
    const res = await call('POST', '/api/payroll/approve', 'accountant', { branchId: central, month: '2026-10' })
    expect(res.status).toBe(201)
    const body = res.data as { payroll: PayrollBody }
    expect(body.payroll.status).toBe('approved')
    expect(body.payroll.total).toBe(before.total)
    const lines = await count('payroll_lines')
    expect(lines).toBeGreaterThan(10)
    const audit = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*) as n from audit_log where action = 'payroll.approve'`,
    )
    expect(Number(audit[0].n)).toBe(1)
    const again = await call('POST', '/api/payroll/approve', 'accountant', { branchId: central, month: '2026-10' })
    expect(again.status).toBe(409)
    expect((again.data as { error: { message: string } }).error.message).toMatch(/already approved/)
    expect(await count('payrolls')).toBe(1)
    expect(await count('payroll_lines')).toBe(lines)
  })

  it('shows the stored lines after approval, whatever changes in the schemes', async () => {
    await database.db.update(paySchemes).set({ perLesson: 9999 }).where(eq(paySchemes.employeeId, emp.ta))
    const p = await payroll('2026-10')
    expect(p.status).toBe('approved')
    expect(p.approvedBy?.name).toBe(center.staff.accountant.name)
    expect(totalOf(p, emp.ta)).toBe(7500)
    expect(p.total).toBe(653350)
    await database.db.update(paySchemes).set({ perLesson: 3000 }).where(eq(paySchemes.employeeId, emp.ta))
  })

  it('pays a lesson undone and one marked done late after approval in November as corrections of October, once', async () => {
    const [anna] = await queryRows<{ lesson_id: string; completion_id: string }>(
      database.db,
      sql`select lesson_id, completion_id from teacher_services where teacher_id = ${ids.ta} order by id limit 1`,
    )
    await service(anna.lesson_id, ids.ta, 4, 60, -1, Number(anna.completion_id))
    await service(await lesson(ids.tb, '2026-10-25T10:00:00Z'), ids.tb, 2)
    const nov = await payroll('2026-11')
    const corrections = nov.employees.flatMap((e) => e.lines).filter((l) => l.corrects === '2026-10')
    expect(corrections.map((l) => l.amount).sort()).toEqual([-3000, 1000])
    // September is not approved: its lesson stays in September
    expect(nov.employees.flatMap((e) => e.lines).some((l) => l.day === '2026-09-30')).toBe(false)
    expect((await payroll('2026-09')).employees.find((e) => e.employeeId === emp.ta)?.total).toBe(3000)
    expect((await call('POST', '/api/payroll/approve', 'accountant', { branchId: central, month: '2026-11' })).status).toBe(201)
    const dec = await payroll('2026-12')
    expect(dec.employees.flatMap((e) => e.lines).some((l) => l.corrects)).toBe(false)
  })
})

describe('payslips and the CSV', () => {
  it('exports one row per line with the columns accounting needs', async () => {
    const res = await call('GET', `/api/payroll/export.csv?branchId=${central}&month=2026-10`, 'accountant')
    expect(res.status).toBe(200)
    const text = (res.data as string).replace(/^\uFEFF/, '')
    const rows = text.trim().split('\n')
    expect(rows[0]).toBe('Employee,Kind,Date,Lesson,Activity,Attendees,Minutes,Rate,Base,Amount,Currency,Corrects,Reason')
    expect(rows.length - 1).toBe(
      await count(`payroll_lines where payroll_id = (select id from payrolls where month = '2026-10')`),
    )
    expect(rows.some((r) => r.startsWith('Carine Share,Revenue share,2026-10-08,Group central,Robotics,3,60,25.00,'))).toBe(true)
  })

  it('gives a payslip PDF with the employee’s name; a teacher their own only', async () => {
    const url = (id: string) => `/api/payroll/payslip.pdf?branchId=${central}&month=2026-10&employeeId=${id}`
    const res = await bytes(url(emp.te), 'accountant')
    expect(res.status).toBe(200)
    const pdf = res.body
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    expect(squash(pdfText(pdf).text)).toContain(squash('Eva Combined'))
    expect((await call('GET', url(emp.ta), 'teacher')).status).toBe(200)
    expect((await call('GET', url(emp.tb), 'teacher')).status).toBe(403)
    const draft = await bytes(`/api/payroll/payslip.pdf?branchId=${central}&month=2026-12&employeeId=${emp.cleaner}`, 'owner')
    expect(draft.status).toBe(200)
    expect(squash(pdfText(draft.body).text)).toContain('DRAFT')
  })
})

describe('the revenue a share is of', () => {
  it('counts the sessions written off at the desk for the lesson before it was done, not a check-in taken back', async () => {
    const db = database.db
    const tf = (await buildUser(db, { roles: ['teacher'], login: 'tf', name: 'Teacher tf', branchIds: [central] })).id
    const flora = await employee('Flora Share', tf, [{ revenueBp: 5000 }])
    const l = await lesson(tf, '2027-01-12T10:00:00Z')
    const s = await service(l, tf, 2)
    const [plan] = await db
      .insert(passPlans)
      .values({ name: 'Eight', activityIds: [center.activity.id], sessions: 8, validDays: 60 })
      .returning()
    const visit = async (source: 'lesson' | 'check_in', completionId: number | null) => {
      const clientId = crypto.randomUUID()
      const [pass] = await db
        .insert(passes)
        .values({
          clientId,
          planId: plan.id,
          branchId: central,
          activityIds: [center.activity.id],
          sessionsTotal: 8,
          startsOn: '2027-01-01',
          validUntil: '2027-02-28',
          soldValidUntil: '2027-02-28',
          price: 8000,
        })
        .returning()
      const [v] = await db
        .insert(passVisits)
        .values({
          clientId,
          branchId: central,
          passId: pass.id,
          source,
          lessonId: l,
          activityId: center.activity.id,
          completionId,
          on: '2027-01-12',
          by: tf,
        })
        .returning()
      return { clientId, pass, v }
    }
    // written off by "done" (1 000), checked in at the desk before it (1 000), and a check-in taken back
    await visit('lesson', s.completionId)
    await visit('check_in', null)
    const back = await visit('check_in', null)
    await db.insert(passVisits).values({
      clientId: back.clientId,
      branchId: central,
      passId: back.pass.id,
      source: 'check_in',
      lessonId: l,
      activityId: center.activity.id,
      sign: -1,
      reversalOf: back.v.id,
      on: '2027-01-12',
      by: tf,
    })
    const jan = await payroll('2027-01')
    const lines = jan.employees.find((e) => e.employeeId === flora)?.lines ?? []
    // 50 % of 2 × 1 000
    expect(lines.map((x) => [x.kind, x.base, x.amount])).toEqual([['revenue', 2000, 1000]])
  })
})
