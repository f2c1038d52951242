import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildUser } from '../../support/factories'
import { buildTwoBranches } from '../../support/two-branches'
import { alerts, groups } from '../../../db/schema/index'
import { alertRecipients } from '../../../server/modules/alerts/visibility'

/** Issue #11 point 3: alerts reach, and are acknowledged by, only those whose branches and role cover them. */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let assistant: { id: string }
const cookies: Record<string, string> = {}
let centralAlert: string
let riversideAlert: string

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  assistant = await buildUser(database.db, { roles: ['teacher'], login: 'assistant', branchIds: [center.central.branch.id] })
  await database.db.update(groups).set({ assistantId: assistant.id }).where(eq(groups.id, center.central.group.id))
  t = createTestApp(database)
  for (const l of ['manager', 'reception', 'reception2', 'teacher', 'teacher2', 'assistant', 'auditor'])
    cookies[l] = await t.login(l)
  // a cancellation in each branch raises a lesson_cancelled alert (addressed to the front desk and teachers)
  for (const [cookie, side] of [
    [cookies.reception, center.central],
    [cookies.reception2, center.riverside],
  ] as const) {
    const res = await t.call('POST', `/api/lessons/${side.lesson.id}/cancel`, { cookie, json: { reason: 'Ill' } })
    expect(res.status).toBe(200)
  }
  const find = async (lessonId: string) =>
    String(
      (
        await database.db
          .select()
          .from(alerts)
          .where(and(eq(alerts.kind, 'lesson_cancelled'), eq(alerts.subject, `lesson:${lessonId}`)))
      )[0].id,
    )
  centralAlert = await find(center.central.lesson.id)
  riversideAlert = await find(center.riverside.lesson.id)
})
afterAll(async () => database?.destroy())

const listed = async (login: string) => {
  const res = await t.call('GET', '/api/alerts?kind=lesson_cancelled', { cookie: cookies[login] })
  expect(res.status).toBe(200)
  return res.data.items.map((a: { id: string }) => a.id).sort()
}

describe('alert lists', () => {
  it('a teacher sees only the alerts of their own lessons and groups', async () => {
    expect(await listed('teacher')).toEqual([centralAlert])
    expect(await listed('teacher2')).toEqual([riversideAlert])
    // the central group's assistant sees its lesson's alert too
    expect(await listed('assistant')).toEqual([centralAlert])
  })

  it('a receptionist sees their branch’s alerts; a manager of every branch sees all', async () => {
    expect(await listed('reception')).toEqual([centralAlert])
    expect(await listed('reception2')).toEqual([riversideAlert])
    expect(await listed('manager')).toEqual([centralAlert, riversideAlert].sort())
    // not addressed to auditors
    expect(await listed('auditor')).toEqual([])
  })
})

describe('acknowledging', () => {
  it('teacher2 cannot acknowledge teacher’s alert (404: not theirs to see); teacher can', async () => {
    const other = await t.call('POST', `/api/alerts/${centralAlert}/acknowledge`, { cookie: cookies.teacher2 })
    expect(other.status).toBe(404)
    const reception2 = await t.call('POST', `/api/alerts/${centralAlert}/acknowledge`, { cookie: cookies.reception2 })
    expect(reception2.status).toBe(404)
    const [row] = await database.db
      .select()
      .from(alerts)
      .where(eq(alerts.id, Number(centralAlert)))
    expect(row.acknowledgedAt).toBeNull()
    const own = await t.call('POST', `/api/alerts/${centralAlert}/acknowledge`, { cookie: cookies.teacher })
    expect(own.status).toBe(200)
    expect(own.data.alert.acknowledgedBy).toBe(center.staff.teacher.id)
  })
})

describe('broadcast audience', () => {
  it('is the users the policy shows the alert to, by id (never a whole role)', async () => {
    const s = center.staff
    const central = await alertRecipients(database.db, centralAlert)
    expect(central.sort()).toEqual([s.owner.id, s.manager.id, s.reception.id, s.teacher.id, assistant.id].sort())
    const riverside = await alertRecipients(database.db, riversideAlert)
    expect(riverside.sort()).toEqual([s.owner.id, s.manager.id, s.reception2.id, s.teacher2.id].sort())
  })
})
