import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { attendance, makeUpCredits } from '../../../db/schema/index'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildVisitsCenter, openAlerts, owedVisits, passLedger } from './visits-support'

/**
 * The front-desk check-in: the automatic choice and the choice by hand, owed visits, the roster,
 * a check-in and "done" never writing the same visit off twice, make-up credits, role and branch,
 * and bad input refused with nothing written.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildVisitsCenter>>
let reception: string

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildVisitsCenter(database.db)
  t = createTestApp(database)
  reception = await t.login('reception')
})
afterAll(async () => database?.destroy())

const checkIn = (json: unknown, cookie = reception) => t.call('POST', '/api/check-ins', { cookie, json })
const visitCount = async () =>
  Number((await queryRows<{ n: string }>(database.db, sql`select count(*) as n from pass_visits`))[0].n)
const auditCount = async (action: string) =>
  Number((await queryRows<{ n: string }>(database.db, sql`select count(*) as n from audit_log where action = ${action}`))[0].n)

describe('POST /api/check-ins', () => {
  it('writes a session off the pass for the lesson, marks the member present, and answers 201 with the visit', async () => {
    const ann = await center.client(center.central.group.id, 'Ann')
    const pass = await center.pass(ann.id, { sessions: 10 })
    const lesson = await center.lesson('central', 10)
    const before = await auditCount('visits.checkIn')
    const res = await checkIn({ clientId: ann.id, lessonId: lesson.id })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.visit).toMatchObject({ passId: pass.id, owed: false, lessonId: lesson.id, source: 'check_in' })
    expect(res.data.pass).toMatchObject({ id: pass.id, sessionsLeft: 9, status: 'active' })
    expect(res.data.attendance).toBe('present')
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
    expect(await auditCount('visits.checkIn')).toBe(before + 1)
    const [mark] = await database.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.lessonId, lesson.id), eq(attendance.clientId, ann.id)))
    expect(mark.status).toBe('present')

    // a second check-in for the same lesson: 409 naming clientId, nothing written
    const n = await visitCount()
    const again = await checkIn({ clientId: ann.id, lessonId: lesson.id })
    expect(again.status).toBe(409)
    expect(again.data.error.fields).toHaveProperty('clientId')
    expect(await visitCount()).toBe(n)

    // "done" afterwards does not write her off again
    const done = await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie: reception })
    expect(done.status, JSON.stringify(done.data)).toBe(200)
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
    // undoing "done" leaves the front desk's visit: she did come
    expect((await t.call('POST', `/api/lessons/${lesson.id}/undo`, { cookie: reception })).status).toBe(200)
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
  })

  it('publishes after commit what screens refetch on: the pass written off, the visit, the lesson, the flag raised', async () => {
    const kim = await center.client(center.central.group.id, 'Kim')
    const pass = await center.pass(kim.id, { sessions: 3, validUntil: '2099-01-01' })
    const lesson = await center.lesson('central', 12)
    const heard: string[] = []
    const offChanged = t.deps.events.on('entity.changed', (e) => heard.push(`${e.type}:${e.action}:${e.branchId}`))
    const offRaised = t.deps.events.on('alert.raised', (e) => heard.push(`alert:${e.kind}:${e.subject}`))
    try {
      expect((await checkIn({ clientId: kim.id, lessonId: lesson.id })).status).toBe(201)
    } finally {
      offChanged()
      offRaised()
    }
    const branch = center.central.branch.id
    expect(heard).toEqual(
      expect.arrayContaining([
        `pass:written_off:${branch}`,
        `visit:checked_in:${branch}`,
        `lesson:update:${branch}`,
        `alert:pass_running_out:pass:${pass.id}`,
      ]),
    )
  })

  it('after "done" wrote a member off, a check-in for that lesson is 409 (vice versa)', async () => {
    const bo = await center.client(center.central.group.id, 'Bo')
    const pass = await center.pass(bo.id)
    const lesson = await center.lesson('central', -20)
    await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, {
      cookie: reception,
      json: { entries: [{ clientId: bo.id, status: 'present' }] },
    })
    expect((await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie: reception })).status).toBe(200)
    const res = await checkIn({ clientId: bo.id, lessonId: lesson.id })
    expect(res.status).toBe(409)
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
  })

  it('no usable pass: 201 with an owed visit and visit_owed open for the client', async () => {
    const cy = await center.client(center.central.group.id, 'Cy')
    const lesson = await center.lesson('central', 5)
    const res = await checkIn({ clientId: cy.id, lessonId: lesson.id })
    expect(res.status).toBe(201)
    expect(res.data.visit).toMatchObject({ passId: null, owed: true })
    expect(await owedVisits(database.db, cy.id)).toBe(1)
    expect(await openAlerts(database.db, `client:${cy.id}`)).toEqual(['visit_owed'])
  })

  it('passId chooses the pass by hand; one not usable is 409 naming passId, nothing written', async () => {
    const di = await center.client(center.central.group.id, 'Di')
    const sooner = await center.pass(di.id, { validUntil: '2098-01-01' })
    const later = await center.pass(di.id, { validUntil: '2099-01-01' })
    const usedUp = await center.pass(di.id, { sessions: 2, used: 2 })
    const l1 = await center.lesson('central', 15)
    const chosen = await checkIn({ clientId: di.id, lessonId: l1.id, passId: later.id })
    expect(chosen.status).toBe(201)
    expect(chosen.data.visit.passId).toBe(later.id)
    expect((await passLedger(database.db, sooner.id)).used).toBe(0)
    const l2 = await center.lesson('central', 20)
    const n = await visitCount()
    const refused = await checkIn({ clientId: di.id, lessonId: l2.id, passId: usedUp.id })
    expect(refused.status).toBe(409)
    expect(refused.data.error.fields.passId).toBeTruthy()
    // someone else's pass
    const other = await center.client(undefined, 'Other')
    const theirs = await center.pass(other.id)
    const notHers = await checkIn({ clientId: di.id, lessonId: l2.id, passId: theirs.id })
    expect(notHers.status).toBe(409)
    expect(notHers.data.error.fields).toHaveProperty('passId')
    expect(await visitCount()).toBe(n)
    // the automatic choice: earliest expiry first
    const auto = await checkIn({ clientId: di.id, lessonId: l2.id })
    expect(auto.data.visit.passId).toBe(sooner.id)
  })

  it('a frozen pass is passed over by the automatic choice', async () => {
    const ed = await center.client(center.central.group.id, 'Ed')
    const frozen = await center.pass(ed.id, { validUntil: '2098-01-01' })
    const open = await center.pass(ed.id, { validUntil: '2099-01-01' })
    const today = new Date().toISOString().slice(0, 10)
    const fr = await t.call('POST', `/api/passes/${frozen.id}/freeze`, { cookie: reception, json: { from: today, days: 3 } })
    expect(fr.status, JSON.stringify(fr.data)).toBe(201)
    const lesson = await center.lesson('central', 25)
    const res = await checkIn({ clientId: ed.id, lessonId: lesson.id })
    expect(res.data.visit.passId).toBe(open.id)
  })

  it('without a lesson: today’s lesson of the client’s groups; with only a pass, a visit on it today', async () => {
    const fay = await center.client(center.central.group.id, 'Fay')
    const pass = await center.pass(fay.id)
    const lesson = await center.lesson('central', 1)
    const res = await checkIn({ clientId: fay.id })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.visit.lessonId).not.toBeNull()
    const dropIn = await checkIn({ clientId: fay.id, passId: pass.id })
    expect(dropIn.status).toBe(201)
    expect(dropIn.data.visit).toMatchObject({ passId: pass.id, lessonId: null })
    expect(lesson.id).toBeTruthy()
    // nobody's lesson today and no pass: 400 naming lessonId
    const loner = await center.client(undefined, 'Loner')
    const none = await checkIn({ clientId: loner.id })
    expect(none.status).toBe(400)
    expect(none.data.error.fields).toHaveProperty('lessonId')
  })

  it('a make-up credit: a lesson of the same activity in another group, marked used, the client a walk-in', async () => {
    const gus = await center.client(center.central.group.id, 'Gus')
    const pass = await center.pass(gus.id)
    const cancelled = await center.lesson('central', -60 * 24)
    const [credit] = await database.db
      .insert(makeUpCredits)
      .values({ clientId: gus.id, activityId: center.activity.id, fromLessonId: cancelled.id })
      .returning()
    // the same group: refused
    const same = await center.lesson('central', 30)
    const refused = await checkIn({ clientId: gus.id, lessonId: same.id, makeUpCreditId: credit.id })
    expect(refused.status).toBe(409)
    expect(refused.data.error.fields).toHaveProperty('makeUpCreditId')
    // another group (Riverside's, same activity); the manager works in both branches
    const manager = await t.login('manager')
    const other = await center.lesson('riverside', 30)
    const res = await checkIn({ clientId: gus.id, lessonId: other.id, makeUpCreditId: credit.id }, manager)
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.visit).toMatchObject({ passId: pass.id, source: 'make_up' })
    expect(res.data.attendance).toBe('walk_in')
    const [used] = await database.db.select().from(makeUpCredits).where(eq(makeUpCredits.id, credit.id))
    expect(used.usedLessonId).toBe(other.id)
    // used once only
    const third = await center.lesson('riverside', 40)
    const twice = await checkIn({ clientId: gus.id, lessonId: third.id, makeUpCreditId: credit.id }, manager)
    expect(twice.status).toBe(409)
    // someone else's credit: 400 naming makeUpCreditId
    const hal = await center.client(undefined, 'Hal')
    const notHis = await checkIn({ clientId: hal.id, lessonId: third.id, makeUpCreditId: credit.id }, manager)
    expect(notHis.status).toBe(400)
    expect(notHis.data.error.fields).toHaveProperty('makeUpCreditId')
  })

  it('the lesson panel’s make-up: POST /api/lessons/{id}/make-up with the credit; errors name creditId', async () => {
    const jo = await center.client(center.central.group.id, 'Jo')
    const pass = await center.pass(jo.id)
    const cancelled = await center.lesson('central', -60 * 48)
    const [credit] = await database.db
      .insert(makeUpCredits)
      .values({ clientId: jo.id, activityId: center.activity.id, fromLessonId: cancelled.id })
      .returning()
    const manager = await t.login('manager')
    const same = await center.lesson('central', 55)
    const refused = await t.call('POST', `/api/lessons/${same.id}/make-up`, {
      cookie: manager,
      json: { clientId: jo.id, creditId: credit.id },
    })
    expect(refused.status).toBe(409)
    expect(refused.data.error.fields).toHaveProperty('creditId')
    const other = await center.lesson('riverside', 55)
    const res = await t.call('POST', `/api/lessons/${other.id}/make-up`, {
      cookie: manager,
      json: { clientId: jo.id, creditId: credit.id },
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.visit).toMatchObject({ passId: pass.id, source: 'make_up', lessonId: other.id })
    // a receptionist of Central may not use it at Riverside's lesson
    const again = await t.call('POST', `/api/lessons/${other.id}/make-up`, {
      cookie: reception,
      json: { clientId: jo.id, creditId: credit.id },
    })
    expect(again.status).toBe(403)
  })

  it('role and branch: a teacher may not, a receptionist of the other branch may not; bad input is 400 naming the field', async () => {
    const ivy = await center.client(center.central.group.id, 'Ivy')
    await center.pass(ivy.id)
    const lesson = await center.lesson('central', 35)
    const teacher = await t.login('teacher')
    expect((await checkIn({ clientId: ivy.id, lessonId: lesson.id }, teacher)).status).toBe(403)
    const reception2 = await t.login('reception2')
    expect((await checkIn({ clientId: ivy.id, lessonId: lesson.id }, reception2)).status).toBe(403)
    const n = await visitCount()
    const bad = await checkIn({ clientId: 'nope', lessonId: lesson.id })
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields).toHaveProperty('clientId')
    const unknownLesson = await checkIn({ clientId: ivy.id, lessonId: 'no-such-lesson' })
    expect(unknownLesson.status).toBe(400)
    expect(unknownLesson.data.error.fields).toHaveProperty('lessonId')
    const ru = await t.call('POST', '/api/check-ins', {
      cookie: reception,
      json: { clientId: ivy.id, lessonId: 'no-such-lesson' },
      headers: { 'accept-language': 'ru' },
    })
    expect(ru.data.error.fields.lessonId).toBe('Занятие не найдено')
    expect(await visitCount()).toBe(n)
  })
})
