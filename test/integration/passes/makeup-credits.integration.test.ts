import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { attendance, groups, lessons, makeUpCredits } from '../../../db/schema/index'
import { encodeTimetableDocName, isoWeekOf } from '../../../domain/docs/timetable-week'
import { buildActivity } from '../../support/factories'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildVisitsCenter, passLedger } from './visits-support'

/**
 * Make-up credits on the screens (issue #15): a credit written by cancelling a lesson offering
 * make-up shows in the client's account (`makeUpCredits`) and among the make-up candidates of a
 * lesson of the same activity in another group of the branch (not of another activity, not of the
 * same group); using it (the check-in with `makeUpCreditId`, or the lesson panel's make-up) takes
 * it off both lists, writes the visit off the pass and marks the roster; another branch's
 * receptionist is refused; a used credit again is 409 naming the credit's field.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildVisitsCenter>>
let reception: string
let manager: string
/** A second group of Robotics at Central (the credit's other group in the same branch). */
let otherGroupId: string
/** Another activity's lesson at Central (Chess), no group. */
let chessLessonId: string
let n = 0

async function lessonOf(groupId: string | null, minutesFromNow: number, activityId = center.activity.id) {
  const s = center.central
  const start = new Date(Date.now() + minutesFromNow * 60_000)
  const [row] = await database.db
    .insert(lessons)
    .values({
      id: `makeup-lesson-${++n}-${Math.random().toString(36).slice(2, 8)}`,
      branchId: s.branch.id,
      doc: encodeTimetableDocName(s.branch.id, isoWeekOf(start.toISOString().slice(0, 10))),
      roomId: s.room.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 60 * 60_000),
      activityId,
      groupId,
      teacherId: s.group.teacherId,
    })
    .returning()
  return row
}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildVisitsCenter(database.db)
  t = createTestApp(database)
  reception = await t.login('reception')
  manager = await t.login('manager')
  const [g] = await database.db
    .insert(groups)
    .values({
      branchId: center.central.branch.id,
      activityId: center.activity.id,
      name: 'Group central B',
      teacherId: center.central.group.teacherId,
      roomId: center.central.room.id,
      pattern: [{ weekday: 3, start: '16:00', end: '17:00' }],
      termStart: '2026-01-01',
      termEnd: '2027-12-31',
    })
    .returning()
  otherGroupId = g.id
  const chess = await buildActivity(database.db, { name: 'Chess' })
  chessLessonId = (await lessonOf(null, 90, chess.id)).id
})
afterAll(async () => database?.destroy())

const account = async (clientId: string, cookie = reception) => {
  const res = await t.call('GET', `/api/clients/${clientId}/account`, { cookie })
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  return res.data.makeUpCredits as Array<{
    id: number
    activityId: string
    activity: string
    fromLesson: Record<string, unknown>
  }>
}
const candidates = async (lessonId: string, cookie = reception) => {
  const res = await t.call('GET', `/api/lessons/${lessonId}/make-up-candidates`, { cookie })
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  return res.data.clients as Array<{ clientId: string; name: string; credits: Array<{ id: number }> }>
}

/** A client of Central's group with a pass, and a lesson of that group cancelled offering make-up: their credit. */
async function creditFor(name: string, minutesAgo: number) {
  const client = await center.client(center.central.group.id, name)
  const pass = await center.pass(client.id, { sessions: 10 })
  const cancelled = await lessonOf(center.central.group.id, -minutesAgo)
  const res = await t.call('POST', `/api/lessons/${cancelled.id}/cancel`, {
    cookie: manager,
    json: { reason: 'Teacher ill', offerMakeUp: true },
  })
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  expect(res.data.makeUpCredits).toBeGreaterThanOrEqual(1)
  const [credit] = await database.db
    .select()
    .from(makeUpCredits)
    .where(and(eq(makeUpCredits.clientId, client.id), eq(makeUpCredits.fromLessonId, cancelled.id)))
  return { client, pass, cancelled, credit }
}

const rosterMark = async (lessonId: string, clientId: string) =>
  (
    await database.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.lessonId, lessonId), eq(attendance.clientId, clientId)))
  )[0]?.status ?? null

describe('make-up credits: the account and the lesson panel’s candidates', () => {
  it('a cancelled lesson’s credit shows in the account, with the lesson it came from in the branch’s zone', async () => {
    const { client, cancelled, credit } = await creditFor('Ada', 60 * 24)
    const list = await account(client.id)
    expect(list).toHaveLength(1)
    const tz = (
      await queryRows<{ timezone: string }>(
        database.db,
        sql`select timezone from branches where id = ${center.central.branch.id}::uuid`,
      )
    )[0].timezone
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(cancelled.startsAt as Date)
    const part = (k: string) => parts.find((p) => p.type === k)?.value
    expect(list[0]).toMatchObject({
      id: credit.id,
      activityId: center.activity.id,
      activity: 'Robotics',
      fromLesson: {
        id: cancelled.id,
        branchId: center.central.branch.id,
        timezone: tz,
        groupId: center.central.group.id,
        group: center.central.group.name,
        startsAt: (cancelled.startsAt as Date).toISOString(),
        on: `${part('year')}-${part('month')}-${part('day')}`,
        time: `${part('hour')}:${part('minute')}`,
      },
    })
  })

  it('is a candidate for a lesson of the same activity in another group, not for another activity nor the same group', async () => {
    const { client, credit } = await creditFor('Bea', 60 * 26)
    const other = await lessonOf(otherGroupId, 45)
    const same = await lessonOf(center.central.group.id, 50)
    const there = (await candidates(other.id)).find((c) => c.clientId === client.id)
    expect(there).toMatchObject({ name: 'Bea Test', credits: [{ id: credit.id }] })
    expect((await candidates(same.id)).some((c) => c.clientId === client.id)).toBe(false)
    expect((await candidates(chessLessonId)).some((c) => c.clientId === client.id)).toBe(false)
    // Riverside's lesson of the same activity: not this branch's credit
    expect((await candidates(center.riverside.lesson.id, manager)).some((c) => c.clientId === client.id)).toBe(false)
  })

  it('used through the lesson panel’s make-up: off both lists, the visit written off the pass, the roster marked; again → 409 naming creditId', async () => {
    const { client, pass, credit } = await creditFor('Cal', 60 * 28)
    const other = await lessonOf(otherGroupId, 40)
    expect((await candidates(other.id)).some((c) => c.clientId === client.id)).toBe(true)
    const res = await t.call('POST', `/api/lessons/${other.id}/make-up`, {
      cookie: reception,
      json: { clientId: client.id, creditId: credit.id },
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.visit).toMatchObject({ passId: pass.id, source: 'make_up', lessonId: other.id, owed: false })
    expect(res.data.attendance).toBe('walk_in')
    expect(await rosterMark(other.id, client.id)).toBe('walk_in')
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
    expect(await account(client.id)).toEqual([])
    expect((await candidates(other.id)).some((c) => c.clientId === client.id)).toBe(false)
    const another = await lessonOf(otherGroupId, 60 * 24 * 7)
    expect((await candidates(another.id)).some((c) => c.clientId === client.id)).toBe(false)

    const again = await t.call('POST', `/api/lessons/${another.id}/make-up`, {
      cookie: reception,
      json: { clientId: client.id, creditId: credit.id },
    })
    expect(again.status).toBe(409)
    expect(again.data.error.fields).toHaveProperty('creditId')
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
  })

  it('used through the check-in with makeUpCreditId: off both lists; again → 409 naming makeUpCreditId', async () => {
    const { client, pass, credit } = await creditFor('Dan', 60 * 30)
    const other = await lessonOf(otherGroupId, 20)
    const res = await t.call('POST', '/api/check-ins', {
      cookie: reception,
      json: { clientId: client.id, lessonId: other.id, makeUpCreditId: credit.id },
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.visit).toMatchObject({ passId: pass.id, source: 'make_up' })
    expect(await rosterMark(other.id, client.id)).toBe('walk_in')
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
    expect(await account(client.id)).toEqual([])
    expect((await candidates(other.id)).some((c) => c.clientId === client.id)).toBe(false)

    const later = await lessonOf(otherGroupId, 60 * 24 * 8)
    const again = await t.call('POST', '/api/check-ins', {
      cookie: reception,
      json: { clientId: client.id, lessonId: later.id, makeUpCreditId: credit.id },
    })
    expect(again.status).toBe(409)
    expect(again.data.error.fields).toHaveProperty('makeUpCreditId')
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
  })

  it('role and branch: another branch’s receptionist gets 403 for the candidates and the make-up; a teacher too; an unknown lesson 404', async () => {
    const { client, credit } = await creditFor('Eve', 60 * 32)
    const other = await lessonOf(otherGroupId, 70)
    const reception2 = await t.login('reception2')
    const list = await t.call('GET', `/api/lessons/${other.id}/make-up-candidates`, { cookie: reception2 })
    expect(list.status).toBe(403)
    const use = await t.call('POST', `/api/lessons/${other.id}/make-up`, {
      cookie: reception2,
      json: { clientId: client.id, creditId: credit.id },
    })
    expect(use.status).toBe(403)
    const teacher = await t.login('teacher')
    expect((await t.call('GET', `/api/lessons/${other.id}/make-up-candidates`, { cookie: teacher })).status).toBe(403)
    expect((await t.call('GET', '/api/lessons/no-such-lesson/make-up-candidates', { cookie: reception })).status).toBe(404)
    expect((await t.call('GET', '/api/lessons/bad%20id!/make-up-candidates', { cookie: reception })).status).toBe(400)
    // still open
    expect((await account(client.id)).map((c) => c.id)).toEqual([credit.id])
  })
})
