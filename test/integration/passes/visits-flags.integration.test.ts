import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { EventBus } from '../../../server/events/bus'
import { reviewExpiringPasses } from '../../../server/modules/passes/jobs/passes-expiring'
import { owingVisits } from '../../../server/modules/passes/owing-visits'
import { buildVisitsCenter, openAlerts } from './visits-support'

/**
 * The flags that come from the clock (the daily job) and the owing check of the visits side:
 * an owed visit, or no usable pass for the activity, turns a member's line red, and the SQL form
 * agrees with the check.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildVisitsCenter>>

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildVisitsCenter(database.db)
  t = createTestApp(database)
})
afterAll(async () => database?.destroy())

describe('the daily expiry job', () => {
  it('raises running out for a pass ending within 7 days and expired for one past its last day; clears them when the cause is gone', async () => {
    const a = await center.client(center.central.group.id, 'Soon')
    const b = await center.client(center.central.group.id, 'Past')
    const c = await center.client(center.central.group.id, 'Far')
    const soon = await center.pass(a.id, { startsOn: '2026-11-01', validUntil: '2026-12-08' })
    const past = await center.pass(b.id, { startsOn: '2026-10-01', validUntil: '2026-12-02' })
    const far = await center.pass(c.id, { startsOn: '2026-11-01', validUntil: '2027-03-01' })
    const events = new EventBus()
    const heard: string[] = []
    events.on('alert.raised', (e) => heard.push(`${e.kind} ${e.subject}`))
    const now = new Date('2026-12-03T09:00:00Z')
    const out = await reviewExpiringPasses(database.db, events, now)
    expect(out.reviewed).toBeGreaterThanOrEqual(2)
    expect(await openAlerts(database.db, `pass:${soon.id}`)).toEqual(['pass_running_out'])
    expect(await openAlerts(database.db, `pass:${past.id}`)).toEqual(['pass_expired'])
    expect(await openAlerts(database.db, `pass:${far.id}`)).toEqual([])
    expect(heard).toContain(`pass_expired pass:${past.id}`)
    // run twice: never two open for one cause
    await reviewExpiringPasses(database.db, events, now)
    const [n] = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*) as n from alerts where subject = ${'pass:' + past.id} and cleared_at is null`,
    )
    expect(Number(n.n)).toBe(1)
    // a renewal (a later pass covering the activity) clears the old one's flag
    await center.pass(b.id, { startsOn: '2026-12-03', validUntil: '2027-01-03' })
    await reviewExpiringPasses(database.db, events, now)
    expect(await openAlerts(database.db, `pass:${past.id}`)).toEqual([])
    // a client who has left the center: their expired pass's flag is cleared by the next review
    const gone = await center.client(center.central.group.id, 'Gone')
    const left = await center.pass(gone.id, { startsOn: '2026-10-01', validUntil: '2026-11-30' })
    await reviewExpiringPasses(database.db, events, now)
    expect(await openAlerts(database.db, `pass:${left.id}`)).toEqual(['pass_expired'])
    await database.db.execute(sql`update clients set status = 'left' where id = ${gone.id}::uuid`)
    await reviewExpiringPasses(database.db, events, now)
    expect(await openAlerts(database.db, `pass:${left.id}`)).toEqual([])
    // the job's work has its audit row
    const [audit] = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*) as n from audit_log where action = 'passes.expiring'`,
    )
    expect(Number(audit.n)).toBe(5)
  })
})

describe('owing: owed visits', () => {
  it('an owed visit owes (with the count); no pass, a used-up pass or a usable pass alone do not; the SQL form agrees', async () => {
    const group = center.central.group.id
    const owes = await center.client(group, 'Owes')
    const none = await center.client(group, 'NoPass')
    const usedUp = await center.client(group, 'UsedUp')
    const fine = await center.client(group, 'Fine')
    await center.pass(usedUp.id, { sessions: 3, used: 3 })
    await center.pass(fine.id)
    await center.pass(owes.id)
    // an owed visit (a lesson done before they had a pass for it)
    const lesson = await center.lesson('central', -10)
    const reception = await t.login('reception')
    await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, {
      cookie: reception,
      json: { entries: [{ clientId: owes.id, status: 'present' }] },
    })
    await database.db.execute(sql`update passes set ended_at = now() where client_id = ${owes.id}::uuid`)
    expect((await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie: reception })).status).toBe(200)
    await database.db.execute(sql`update passes set ended_at = null where client_id = ${owes.id}::uuid`)

    const ids = [owes.id, none.id, usedUp.id, fine.id]
    const today = new Date().toISOString().slice(0, 10)
    const ctx = { db: database.db, activityId: center.activity.id, on: today }
    const reasons = await owingVisits.check(ids, ctx)
    expect(reasons.get(owes.id)).toEqual([{ id: 'visits.owing.owedVisits', params: { count: 1 } }])
    expect([...reasons.keys()]).toEqual([owes.id])
    const sqlOwing = owingVisits.sql
    if (!sqlOwing) throw new Error('no sql form')
    const rows = await queryRows<{ id: string; owes: boolean }>(
      database.db,
      sql`select c.id, ${sqlOwing(sql`c.id`, { activityId: center.activity.id, on: today })} as owes
          from clients c where c.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    )
    for (const r of rows) expect(r.owes, r.id).toBe(reasons.has(r.id))
    // the same whatever the activity asked about
    const anyActivity = await owingVisits.check(ids, { db: database.db, activityId: null, on: today })
    expect([...anyActivity.keys()]).toEqual([owes.id])
    expect(none.id && usedUp.id).toBeTruthy()
    // the lesson's roster turns that member's line red with the reason
    const res = await t.call('GET', `/api/lessons/${lesson.id}`, { cookie: reception })
    expect(res.status).toBe(200)
    const owing = res.data.lesson.owing as Array<{ clientId: string; reasons: Array<{ id: string }> }>
    expect(owing.find((o) => o.clientId === owes.id)?.reasons).toEqual([{ id: 'visits.owing.owedVisits', params: { count: 1 } }])
    expect(owing.some((o) => o.clientId === fine.id)).toBe(false)
  })
})
