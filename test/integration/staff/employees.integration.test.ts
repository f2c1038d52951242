import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../../db/client'
import { clients, groupMembers, lessons, paySchemes, payrolls } from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildUser } from '../../support/factories'
import { buildTwoBranches } from '../../support/two-branches'

/** Employees' files and pay schemes (issue #19): who may, schemes in time, locked months, services of a month. */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  await buildUser(database.db, { login: 'manager2', roles: ['manager'], branchIds: [center.riverside.branch.id] })
  t = createTestApp(database)
  for (const login of ['manager', 'manager2', 'accountant', 'auditor', 'reception', 'teacher', 'teacher2'])
    cookies[login] = await t.login(login)
})
afterAll(async () => database?.destroy())

const count = async (table: string, employeeId: string) =>
  (
    await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where employee_id = ${employeeId}`,
    )
  )[0].n

async function newEmployee(name: string, extra: Record<string, unknown> = {}) {
  const r = await t.call('POST', '/api/staff/employees', {
    cookie: cookies.manager,
    json: { name, positions: ['teacher'], branchIds: [center.central.branch.id], ...extra },
  })
  expect(r.status, JSON.stringify(r.data)).toBe(201)
  return r.data.employee as { id: string }
}

const scheme = (id: string, body: Record<string, unknown>, login = 'manager') =>
  t.call('POST', `/api/staff/employees/${id}/schemes`, { cookie: cookies[login], json: body })

describe('pay schemes in time', () => {
  it('a change closes the open scheme the day before; the file shows both, dated', async () => {
    const e = await newEmployee('Anna Petrosyan')
    expect((await scheme(e.id, { validFrom: '2030-01-01', perLesson: 3000 })).status).toBe(201)
    const changed = await scheme(e.id, { validFrom: '2030-02-16', perLesson: 3500, revenueBp: 1000 })
    expect(changed.status).toBe(201)
    const file = await t.call('GET', `/api/staff/employees/${e.id}`, { cookie: cookies.manager })
    expect(file.status).toBe(200)
    expect(file.data.employee.schemes).toMatchObject([
      { validFrom: '2030-01-01', validTo: '2030-02-15', perLesson: 3000 },
      { validFrom: '2030-02-16', validTo: null, perLesson: 3500, revenueBp: 1000 },
    ])
  })

  it('an overlap is a 409 naming validFrom, and nothing is written', async () => {
    const e = await newEmployee('Overlap Test')
    await scheme(e.id, { validFrom: '2030-01-01', validTo: '2030-06-30', hourly: 4000 })
    const audits = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`)
    const r = await scheme(e.id, { validFrom: '2030-03-01', validTo: '2030-04-30', hourly: 5000 })
    expect(r.status).toBe(409)
    expect(r.data.error.fieldMessages.validFrom.id).toBe('staff.scheme.overlaps')
    expect(r.data.error.fields.validFrom).toBeTruthy()
    expect(await count('pay_schemes', e.id)).toBe(1)
    const after = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`)
    expect(after[0].n).toBe(audits[0].n)
  })

  it('a change dated inside an approved month is a 409, the open scheme untouched', async () => {
    const e = await newEmployee('Locked Month')
    await scheme(e.id, { validFrom: '2031-01-01', monthly: 200_000 })
    await database.db.insert(payrolls).values({
      branchId: center.central.branch.id,
      month: '2031-03',
      currency: 'AMD',
      total: 0,
      approvedBy: center.staff.manager.id,
    })
    const r = await scheme(e.id, { validFrom: '2031-03-10', monthly: 250_000 })
    expect(r.status).toBe(409)
    expect(r.data.error.fieldMessages.validFrom.id).toBe('staff.scheme.insideApproved')
    const rows = await database.db.select().from(paySchemes).where(eq(paySchemes.employeeId, e.id))
    expect(rows).toMatchObject([{ validFrom: '2031-01-01', validTo: null }])
    // an adjustment or a service dated there too: 409 naming `on`
    const adj = await t.call('POST', `/api/staff/employees/${e.id}/adjustments`, {
      cookie: cookies.manager,
      json: { kind: 'bonus', on: '2031-03-05', amount: 1000, reason: 'Late bonus' },
    })
    expect(adj.status).toBe(409)
    expect(adj.data.error.fieldMessages.on.id).toBe('staff.approvedMonth')
    const svc = await t.call('POST', `/api/staff/employees/${e.id}/services`, {
      cookie: cookies.manager,
      json: { kind: 'party', on: '2031-03-05', minutes: 60 },
    })
    expect(svc.status).toBe(409)
    // a correction in an open month is fine
    const corr = await t.call('POST', `/api/staff/employees/${e.id}/adjustments`, {
      cookie: cookies.accountant,
      json: { kind: 'correction', on: '2031-04-02', amount: -500, reason: 'Overpaid in March', corrects: '2031-03' },
    })
    expect(corr.status, JSON.stringify(corr.data)).toBe(201)
    // the translated message
    const ru = await scheme(e.id, { validFrom: '2031-03-10', monthly: 1 })
    expect(ru.status).toBe(409)
    const hy = await t.call('POST', `/api/staff/employees/${e.id}/schemes`, {
      cookie: cookies.manager,
      json: { validFrom: '2031-03-10', monthly: 1 },
      headers: { 'accept-language': 'ru' },
    })
    expect(hy.data.error.message).toMatch(/утверждена/)
  })

  it('a negative rate is a 400 naming the field; nothing is written', async () => {
    const e = await newEmployee('Negative Rate')
    const r = await scheme(e.id, { validFrom: '2030-01-01', perClient: -100 })
    expect(r.status).toBe(400)
    expect(r.data.error.fieldMessages.perClient.id).toBe('staff.scheme.negativeRate')
    const empty = await scheme(e.id, { validFrom: '2030-01-01' })
    expect(empty.status).toBe(400)
    expect(empty.data.error.fieldMessages.perLesson.id).toBe('staff.scheme.empty')
    expect(await count('pay_schemes', e.id)).toBe(0)
  })

  it('an adjustment without a reason is a 400 naming reason', async () => {
    const e = await newEmployee('No Reason')
    const r = await t.call('POST', `/api/staff/employees/${e.id}/adjustments`, {
      cookie: cookies.manager,
      json: { kind: 'bonus', on: '2030-05-01', amount: 1000, reason: '  ' },
    })
    expect(r.status).toBe(400)
    expect(r.data.error.fieldMessages.reason.id).toBe('staff.reasonRequired')
    expect(await count('pay_adjustments', e.id)).toBe(0)
  })
})

describe('who may', () => {
  it('receptionists and teachers are refused others’ files; a teacher reads their own through /staff/me', async () => {
    const e = await newEmployee('Teacher One', { userId: center.staff.teacher.id })
    await scheme(e.id, { validFrom: '2032-01-01', perLesson: 3000 })
    for (const login of ['reception', 'teacher']) {
      expect((await t.call('GET', `/api/staff/employees/${e.id}`, { cookie: cookies[login] })).status).toBe(403)
      expect((await t.call('GET', '/api/staff/employees', { cookie: cookies[login] })).status).toBe(403)
    }
    const me = await t.call('GET', '/api/staff/me', { cookie: cookies.teacher })
    expect(me.status).toBe(200)
    expect(me.data.employee).toMatchObject({ id: e.id, login: 'teacher', schemes: [{ perLesson: 3000 }] })
    expect((await t.call('GET', '/api/staff/me', { cookie: cookies.teacher2 })).status).toBe(404)
    // a second employee on the same login
    const twice = await t.call('POST', '/api/staff/employees', {
      cookie: cookies.manager,
      json: { name: 'Again', branchIds: [center.central.branch.id], userId: center.staff.teacher.id },
    })
    expect(twice.status).toBe(409)
    expect(twice.data.error.fieldMessages.userId.id).toBe('staff.loginTaken')
  })

  it('the auditor reads but cannot write; a manager of another branch is refused', async () => {
    const e = await newEmployee('Central Only')
    expect((await t.call('GET', `/api/staff/employees/${e.id}`, { cookie: cookies.auditor })).status).toBe(200)
    expect((await scheme(e.id, { validFrom: '2032-01-01', perLesson: 1 }, 'auditor')).status).toBe(403)
    expect(
      (await t.call('POST', `/api/staff/employees/${e.id}/notes`, { cookie: cookies.auditor, json: { text: 'x' } })).status,
    ).toBe(403)
    expect((await t.call('GET', `/api/staff/employees/${e.id}`, { cookie: cookies.manager2 })).status).toBe(403)
    expect((await scheme(e.id, { validFrom: '2032-01-01', perLesson: 1 }, 'manager2')).status).toBe(403)
    const list = await t.call('GET', '/api/staff/employees', { cookie: cookies.manager2 })
    expect(list.status).toBe(200)
    expect(list.data.items.map((i: { id: string }) => i.id)).not.toContain(e.id)
    expect(
      (await t.call('GET', `/api/staff/employees?branchId=${center.central.branch.id}`, { cookie: cookies.manager2 })).status,
    ).toBe(403)
    // the accountant sets pay but does not keep files
    expect((await scheme(e.id, { validFrom: '2032-01-01', perLesson: 1 }, 'accountant')).status).toBe(201)
    expect(
      (await t.call('POST', `/api/staff/employees/${e.id}/notes`, { cookie: cookies.accountant, json: { text: 'x' } })).status,
    ).toBe(403)
  })
})

describe('the file', () => {
  it('services rendered, hours and distinct clients taught of a month, from real done lessons and other services', async () => {
    const { lesson, group } = center.riverside
    const start = new Date(Date.now() - 2 * 60 * 60_000)
    await database.db
      .update(lessons)
      .set({ startsAt: start, endsAt: new Date(start.getTime() + 50 * 60_000) })
      .where(eq(lessons.id, lesson.id))
    const kids = await database.db
      .insert(clients)
      .values([
        { firstName: 'Lilit', lastName: 'Present' },
        { firstName: 'Aram', lastName: 'Late' },
        { firstName: 'Mane', lastName: 'Absent' },
      ])
      .returning()
    for (const k of kids) await database.db.insert(groupMembers).values({ groupId: group.id, clientId: k.id })
    const teacher2 = await t.login('teacher2')
    const att = await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, {
      cookie: teacher2,
      json: {
        entries: [
          { clientId: kids[0].id, status: 'present' },
          { clientId: kids[1].id, status: 'late' },
          { clientId: kids[2].id, status: 'absent' },
        ],
      },
    })
    expect(att.status, JSON.stringify(att.data)).toBe(200)
    const done = await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie: teacher2 })
    expect(done.status, JSON.stringify(done.data)).toBe(200)

    const mgr = await t.login('manager')
    const created = await t.call('POST', '/api/staff/employees', {
      cookie: mgr,
      json: {
        name: 'Teacher Two',
        positions: ['teacher'],
        branchIds: [center.riverside.branch.id],
        userId: center.staff.teacher2.id,
      },
    })
    const id = created.data.employee.id as string
    const [month] = await queryRows<{ m: string }>(
      database.db,
      sql`select to_char(${start.toISOString()}::timestamptz at time zone b.timezone, 'YYYY-MM') as m from branches b where b.id = ${center.riverside.branch.id}`,
    )
    const day = `${month.m}-01`
    const svc = await t.call('POST', `/api/staff/employees/${id}/services`, {
      cookie: mgr,
      json: { kind: 'consultation', on: day, minutes: 40, clients: 1, fee: 0, note: 'A new family' },
    })
    expect(svc.status, JSON.stringify(svc.data)).toBe(201)
    const file = await t.call('GET', `/api/staff/employees/${id}?month=${month.m}`, { cookie: mgr })
    expect(file.status).toBe(200)
    expect(file.data.employee.lessons).toMatchObject([
      { lessonId: lesson.id, minutes: 50, attending: 2, groupName: 'Group riverside' },
    ])
    expect(file.data.employee.services).toMatchObject([{ kind: 'consultation', minutes: 40 }])
    expect(file.data.employee.totals).toEqual({
      lessons: 1,
      lessonMinutes: 50,
      serviceMinutes: 40,
      minutes: 90,
      clientsTaught: 2,
    })
    const list = await t.call('GET', `/api/staff/employees?branchId=${center.riverside.branch.id}`, { cookie: mgr })
    expect(list.data.items.find((i: { id: string }) => i.id === id)).toMatchObject({ login: 'teacher2' })
  })

  it('notes, documents (upload, download), a patch; each write audited', async () => {
    const e = await newEmployee('With Papers')
    const note = await t.call('POST', `/api/staff/employees/${e.id}/notes`, {
      cookie: cookies.manager,
      json: { text: 'Punctual, prepared' },
    })
    expect(note.status).toBe(201)
    const form = new FormData()
    form.append('file', new Blob(['%PDF-1.4\n% contract\n%%EOF\n']), 'contract.pdf')
    form.append('kind', 'contract')
    const up = await t.app.request(`http://localhost/api/staff/employees/${e.id}/documents`, {
      method: 'POST',
      headers: { cookie: cookies.manager, origin: 'http://localhost' },
      body: form,
    })
    expect(up.status, await up.clone().text()).toBe(201)
    const doc = ((await up.json()) as { document: { id: string } }).document
    const down = await t.app.request(`http://localhost/api/staff/employees/${e.id}/documents/${doc.id}`, {
      headers: { cookie: cookies.auditor },
    })
    expect(down.status).toBe(200)
    expect(down.headers.get('content-type')).toBe('application/pdf')
    const patched = await t.call('PATCH', `/api/staff/employees/${e.id}`, {
      cookie: cookies.manager,
      json: { positions: ['teacher', 'methodologist'], phone: '+374 10 000000' },
    })
    expect(patched.status).toBe(200)
    const file = await t.call('GET', `/api/staff/employees/${e.id}`, { cookie: cookies.manager })
    expect(file.data.employee).toMatchObject({
      positions: ['teacher', 'methodologist'],
      notes: [{ text: 'Punctual, prepared' }],
      documents: [{ kind: 'contract', fileName: 'contract.pdf' }],
    })
    const actions = await queryRows<{ action: string }>(
      database.db,
      sql`select action from audit_log where entity = 'employee' and entity_id = ${e.id} order by id`,
    )
    expect(actions.map((a) => a.action)).toEqual([
      'staff.employee.create',
      'staff.note.add',
      'staff.document.attach',
      'staff.employee.update',
    ])
  })
})

describe('linking a login later', () => {
  it('lists the logins no employee has yet (and the employee’s own), for the keepers only, of their branches', async () => {
    const free = await buildUser(database.db, {
      login: 'freeteacher',
      name: 'Free Teacher',
      roles: ['teacher'],
      branchIds: [center.central.branch.id],
    })
    await buildUser(database.db, {
      login: 'riverfree',
      name: 'River Free',
      roles: ['teacher'],
      branchIds: [center.riverside.branch.id],
    })
    await buildUser(database.db, { login: 'gone', roles: ['teacher'], active: false, branchIds: [center.central.branch.id] })
    const linked = await newEmployee('Linked Later', { userId: free.id })
    const logins = async (who: string, query = '') => {
      const r = await t.call('GET', `/api/staff/logins${query}`, { cookie: cookies[who] })
      expect(r.status, JSON.stringify(r.data)).toBe(200)
      return (r.data.items as Array<{ id: string; login: string; name: string }>).map((u) => u.login)
    }
    const all = await logins('manager')
    expect(all).toEqual(expect.arrayContaining(['riverfree', 'accountant']))
    expect(all).not.toContain('freeteacher') // linked
    expect(all).not.toContain('gone') // inactive
    // the employee's own login is offered when editing them
    expect(await logins('manager', `?employeeId=${linked.id}`)).toContain('freeteacher')
    // a manager of Riverside: Riverside's logins only, and not for Central's employees
    const mine = await logins('manager2')
    expect(mine).toContain('riverfree')
    expect(mine).not.toContain('accountant')
    expect((await t.call('GET', `/api/staff/logins?employeeId=${linked.id}`, { cookie: cookies.manager2 })).status).toBe(403)
    // who may not keep files may not list logins
    for (const who of ['accountant', 'auditor', 'reception', 'teacher'])
      expect((await t.call('GET', '/api/staff/logins', { cookie: cookies[who] })).status).toBe(403)
  })

  it('links a login to an employee made without one, refuses another employee’s (409 naming userId, translated), unlinks', async () => {
    const login = await buildUser(database.db, {
      login: 'latelink',
      name: 'Late Link',
      roles: ['teacher'],
      branchIds: [center.central.branch.id],
    })
    const a = await newEmployee('No Login Yet')
    const b = await newEmployee('Second Person')
    const patch = (id: string, json: Record<string, unknown>, language = 'en') =>
      t.call('PATCH', `/api/staff/employees/${id}`, { cookie: cookies.manager, json, headers: { 'accept-language': language } })
    const linked = await patch(a.id, { userId: login.id, positions: ['teacher', 'methodologist'] })
    expect(linked.status, JSON.stringify(linked.data)).toBe(200)
    expect(linked.data.employee).toMatchObject({ userId: login.id, login: 'latelink', positions: ['teacher', 'methodologist'] })
    const audits = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`)
    for (const [lang, words] of [
      ['en', /another employee/],
      ['hy', /աշխատակց/],
      ['ru', /сотрудник/],
    ] as const) {
      const taken = await patch(b.id, { userId: login.id }, lang)
      expect(taken.status).toBe(409)
      expect(taken.data.error.fieldMessages.userId.id).toBe('staff.loginTaken')
      expect(taken.data.error.fields.userId).toMatch(words)
    }
    expect((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`))[0].n).toBe(audits[0].n)
    expect((await t.call('GET', `/api/staff/employees/${b.id}`, { cookie: cookies.manager })).data.employee.userId).toBeNull()
    // unlinking is allowed; the login is free again for the second
    const unlinked = await patch(a.id, { userId: null })
    expect(unlinked.status).toBe(200)
    expect(unlinked.data.employee).toMatchObject({ userId: null, login: null })
    const moved = await patch(b.id, { userId: login.id })
    expect(moved.status).toBe(200)
    expect(moved.data.employee.login).toBe('latelink')
    // an unknown login: 400 naming userId
    const unknown = await patch(a.id, { userId: '00000000-0000-4000-8000-000000000000' })
    expect(unknown.status).toBe(400)
    expect(unknown.data.error.fieldMessages.userId.id).toBe('staff.unknownLogin')
  })
})

describe('a patch', () => {
  it('changes only what it names (a phone alone keeps the positions and branches), by a manager of the branch too', async () => {
    const e = await newEmployee('Patched Partly', { positions: ['teacher', 'methodologist'] })
    const phone = await t.call('PATCH', `/api/staff/employees/${e.id}`, {
      cookie: cookies.manager,
      json: { phone: '+374 10 111111' },
    })
    expect(phone.status, JSON.stringify(phone.data)).toBe(200)
    expect(phone.data.employee).toMatchObject({
      phone: '+374 10 111111',
      positions: ['teacher', 'methodologist'],
      branchIds: [center.central.branch.id],
    })
    // a manager of Central and Riverside edits Central's employee, and moves them to Riverside as well
    await buildUser(database.db, {
      login: 'manager3',
      roles: ['manager'],
      branchIds: [center.central.branch.id, center.riverside.branch.id],
    })
    const m3 = await t.login('manager3')
    const positions = await t.call('PATCH', `/api/staff/employees/${e.id}`, { cookie: m3, json: { positions: ['coordinator'] } })
    expect(positions.status, JSON.stringify(positions.data)).toBe(200)
    expect(positions.data.employee).toMatchObject({ positions: ['coordinator'], branchIds: [center.central.branch.id] })
    const moved = await t.call('PATCH', `/api/staff/employees/${e.id}`, {
      cookie: m3,
      json: { branchIds: [center.central.branch.id, center.riverside.branch.id] },
    })
    expect(moved.status).toBe(200)
    expect(moved.data.employee.branchIds).toEqual([center.central.branch.id, center.riverside.branch.id])
    // a manager of Riverside only may not make them the whole center's
    const whole = await t.call('PATCH', `/api/staff/employees/${e.id}`, { cookie: cookies.manager2, json: { branchIds: [] } })
    expect(whole.status).toBe(403)
  })
})
