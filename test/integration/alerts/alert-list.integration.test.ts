import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { alerts, branches, users } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { api, client, closeClients, connected, login, next, record, until } from '../socket/helpers'

/**
 * The alert list behind the header's Alerts panel (issue #14: a receptionist reads the alerts in her
 * language): each open alert with its branch, its time zone and who acknowledged it; acknowledging
 * keeps it open (listed until its cause is fixed) and tells everyone who lists it, live.
 */
let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}
let centralAlert = ''
let centerAlert = ''

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  // the center's time zone is its first branch's (Central); Riverside reads another
  await database.db.update(branches).set({ timezone: 'Europe/Moscow' }).where(eq(branches.id, center.central.branch.id))
  await database.db.update(branches).set({ timezone: 'Asia/Yerevan' }).where(eq(branches.id, center.riverside.branch.id))
  await database.db.update(users).set({ name: 'Anna Petrova' }).where(eq(users.id, center.staff.reception.id))
  server = await startTestServer(database)
  for (const who of ['manager', 'reception', 'reception2', 'auditor']) cookies[who] = await login(server, who)
  // a cancelled lesson in Central raises its alert (to the front desk and the teachers of that branch)
  const res = await api(server, cookies.reception, 'POST', `/api/lessons/${center.central.lesson.id}/cancel`, { reason: 'Ill' })
  expect(res.status).toBe(200)
  const [row] = await database.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.kind, 'lesson_cancelled'), eq(alerts.subject, `lesson:${center.central.lesson.id}`)))
  centralAlert = String(row.id)
  // an alert of no branch (the whole center's)
  const [whole] = await database.db
    .insert(alerts)
    .values({
      kind: 'waiting_list_offer',
      subject: 'waiting:1',
      severity: 'info',
      roles: ['receptionist'],
      message: 'A place is free',
      messageId: 'alerts.waitingListOffer',
      params: { group: 'Chess', client: 'Ani' },
    })
    .returning()
  centerAlert = String(whole.id)
})
afterEach(() => closeClients())
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

type Listed = {
  id: string
  branchId: string | null
  timeZone: string
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  acknowledgedByName: string | null
}
const openList = async (who: string): Promise<Listed[]> => {
  const res = await api(server, cookies[who], 'GET', '/api/alerts?open=true')
  expect(res.status).toBe(200)
  return res.data.items
}

describe('the open alerts list', () => {
  it('gives each alert its branch and the time zone it is read in (its branch’s, else the center’s)', async () => {
    const items = await openList('reception')
    const central = items.find((a) => a.id === centralAlert)!
    expect(central).toMatchObject({
      branchId: center.central.branch.id,
      timeZone: 'Europe/Moscow',
      acknowledgedAt: null,
      acknowledgedByName: null,
    })
    expect(items.find((a) => a.id === centerAlert)).toMatchObject({ branchId: null, timeZone: 'Europe/Moscow' })
    // newest first
    expect(items.map((a) => a.id)).toEqual([centerAlert, centralAlert])
    // the other branch's receptionist does not list Central's alert
    expect((await openList('reception2')).map((a) => a.id)).toEqual([centerAlert])
  })

  it('an alert of a branch in another zone is read in that zone', async () => {
    const res = await api(server, cookies.reception2, 'POST', `/api/lessons/${center.riverside.lesson.id}/cancel`, {})
    expect(res.status).toBe(200)
    const riverside = (await openList('reception2')).find((a) => a.branchId === center.riverside.branch.id)
    expect(riverside?.timeZone).toBe('Asia/Yerevan')
  })
})

describe('acknowledging', () => {
  it('keeps the alert open and listed, with who acknowledged it, and tells everyone who lists it at once', async () => {
    const manager = await connected(client(server, cookies.manager))
    const reception = await connected(client(server, cookies.reception))
    const other = await connected(client(server, cookies.reception2))
    const otherSeen = record(other)
    const toManager = next(manager, 'alert.acknowledged')
    const toReception = next(reception, 'alert.acknowledged')

    const res = await api(server, cookies.reception, 'POST', `/api/alerts/${centralAlert}/acknowledge`)
    expect(res.status).toBe(200)
    expect(res.data.alert).toMatchObject({
      id: centralAlert,
      acknowledgedBy: center.staff.reception.id,
      acknowledgedByName: 'Anna Petrova',
      timeZone: 'Europe/Moscow',
      clearedAt: null,
    })

    const [m, r] = await Promise.all([toManager, toReception])
    for (const e of [m, r])
      expect(e).toMatchObject({
        id: centralAlert,
        kind: 'lesson_cancelled',
        subject: `lesson:${center.central.lesson.id}`,
        acknowledgedBy: center.staff.reception.id,
        acknowledgedByName: 'Anna Petrova',
        acknowledgedAt: res.data.alert.acknowledgedAt,
      })
    expect(m.eventId).toBe(r.eventId)

    // still open: listed, now acknowledged
    const listed = (await openList('manager')).find((a) => a.id === centralAlert)
    expect(listed).toMatchObject({ acknowledgedByName: 'Anna Petrova', acknowledgedAt: res.data.alert.acknowledgedAt })

    // not to Riverside's receptionist (not hers to see): a later event of hers proves it was not just slow
    const marker = next(other, 'alert.acknowledged')
    const ack2 = await api(server, cookies.reception2, 'POST', `/api/alerts/${centerAlert}/acknowledge`)
    expect(ack2.status).toBe(200)
    await marker
    await until(() => otherSeen.some((s) => s.event === 'alert.acknowledged'))
    expect(otherSeen.filter((s) => s.event === 'alert.acknowledged').map((s) => s.payload.id)).toEqual([centerAlert])
  })

  it('is refused to the read-only auditor, and to someone who does not see the alert', async () => {
    expect((await api(server, cookies.auditor, 'POST', `/api/alerts/${centralAlert}/acknowledge`)).status).toBe(403)
    expect((await api(server, cookies.reception2, 'POST', `/api/alerts/${centralAlert}/acknowledge`)).status).toBe(404)
  })
})
