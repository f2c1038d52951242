import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { settleOwedVisits } from '../../../server/modules/passes/index'
import { buildVisitsCenter, openAlerts, owedVisits, passLedger } from './visits-support'

/**
 * Sessions written off when a lesson is marked done, and given back when "done" is undone: worked
 * examples with the counts by hand. The counter and the ledger always agree.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildVisitsCenter>>
let cookie: string

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildVisitsCenter(database.db)
  t = createTestApp(database)
  cookie = await t.login('reception')
})
afterAll(async () => database?.destroy())

type Mark = { clientId: string; status: 'present' | 'late' | 'absent' | 'excused' | 'walk_in' }
async function done(lessonId: string, entries: Mark[]) {
  const att = await t.call('PUT', `/api/lessons/${lessonId}/attendance`, { cookie, json: { entries } })
  expect(att.status, JSON.stringify(att.data)).toBe(200)
  const res = await t.call('POST', `/api/lessons/${lessonId}/done`, { cookie })
  expect(res.status, JSON.stringify(res.data)).toBe(200)
}
async function undo(lessonId: string) {
  const res = await t.call('POST', `/api/lessons/${lessonId}/undo`, { cookie })
  expect(res.status, JSON.stringify(res.data)).toBe(200)
}

describe('lesson done → a session off each attending member’s pass', () => {
  it('a 10-session pass: 3 lessons done leave 7; undoing the last gives one back (8)', async () => {
    const ann = await center.client(center.central.group.id, 'Ann')
    const pass = await center.pass(ann.id, { sessions: 10 })
    const l1 = await center.lesson('central', -180)
    const l2 = await center.lesson('central', -120)
    const l3 = await center.lesson('central', -60)
    for (const l of [l1, l2, l3]) await done(l.id, [{ clientId: ann.id, status: 'present' }])
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 3, ledger: 3, total: 10 })
    await undo(l3.id)
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 2, ledger: 2, total: 10 })
    // the reversal points back at the row it reverses, on the same pass
    const rows = await queryRows<{ sign: number; reversal_of: string | null }>(
      database.db,
      sql`select sign, reversal_of from pass_visits where lesson_id = ${l3.id} order by id`,
    )
    expect(rows.map((r) => r.sign)).toEqual([1, -1])
    expect(rows[1].reversal_of).not.toBeNull()
    // done again: written off again (a new row), 7 left
    await done(l3.id, [{ clientId: ann.id, status: 'late' }])
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 3, ledger: 3, total: 10 })
  })

  it('an unexcused absence burns a session only where the plan says; an excused one never', async () => {
    const group = center.central.group.id
    const burns = await center.client(group, 'Burns')
    const keeps = await center.client(group, 'Keeps')
    const excused = await center.client(group, 'Excused')
    const pBurns = await center.pass(burns.id, { burns: true })
    const pKeeps = await center.pass(keeps.id, { burns: false })
    const pExcused = await center.pass(excused.id, { burns: true })
    const l = await center.lesson('central', -30)
    await done(l.id, [
      { clientId: burns.id, status: 'absent' },
      { clientId: keeps.id, status: 'absent' },
      { clientId: excused.id, status: 'excused' },
    ])
    expect((await passLedger(database.db, pBurns.id)).used).toBe(1)
    expect((await passLedger(database.db, pKeeps.id)).used).toBe(0)
    expect((await passLedger(database.db, pExcused.id)).used).toBe(0)
    const [row] = await queryRows<{ source: string }>(
      database.db,
      sql`select source from pass_visits where pass_id = ${pBurns.id}::uuid`,
    )
    expect(row.source).toBe('absence')
    // nobody without a pass is owed for an absence
    expect(await owedVisits(database.db, keeps.id)).toBe(0)
    await undo(l.id)
    expect((await passLedger(database.db, pBurns.id)).used).toBe(0)
  })

  it('the earliest-expiring usable pass first; an expired or other-activity pass is passed over', async () => {
    const bea = await center.client(center.central.group.id, 'Bea')
    const later = await center.pass(bea.id, { validUntil: '2099-01-01' })
    const sooner = await center.pass(bea.id, { validUntil: '2098-01-01' })
    const expired = await center.pass(bea.id, { startsOn: '2020-01-01', validUntil: '2020-12-31' })
    const other = await center.pass(bea.id, { activityIds: [center.plan.id] })
    const l = await center.lesson('central', -20)
    await done(l.id, [{ clientId: bea.id, status: 'present' }])
    expect((await passLedger(database.db, sooner.id)).used).toBe(1)
    for (const p of [later, expired, other]) expect((await passLedger(database.db, p.id)).used).toBe(0)
  })

  it('no usable pass: an owed visit and visit_owed; undo takes both back', async () => {
    const cy = await center.client(center.central.group.id, 'Cy')
    const l = await center.lesson('central', -25)
    await done(l.id, [{ clientId: cy.id, status: 'present' }])
    expect(await owedVisits(database.db, cy.id)).toBe(1)
    expect(await openAlerts(database.db, `client:${cy.id}`)).toEqual(['visit_owed'])
    await undo(l.id)
    expect(await owedVisits(database.db, cy.id)).toBe(0)
    expect(await openAlerts(database.db, `client:${cy.id}`)).toEqual([])
  })

  it('a pass sold later settles the owed visit (settleOwedVisits); undoing the lesson then gives it back to that pass', async () => {
    const di = await center.client(center.central.group.id, 'Di')
    const l = await center.lesson('central', -15)
    await done(l.id, [{ clientId: di.id, status: 'present' }])
    expect(await owedVisits(database.db, di.id)).toBe(1)
    const p = await center.pass(di.id, { sessions: 4 })
    const out = await database.db.transaction((tx) =>
      settleOwedVisits(
        tx,
        { id: p.id, clientId: di.id, activityIds: p.activityIds, startsOn: p.startsOn, validUntil: p.validUntil },
        center.staff.reception.id,
      ),
    )
    expect(out.settled).toBe(1)
    expect(await owedVisits(database.db, di.id)).toBe(0)
    expect(await openAlerts(database.db, `client:${di.id}`)).toEqual([])
    expect(await passLedger(database.db, p.id)).toEqual({ used: 1, ledger: 1, total: 4 })
    await undo(l.id)
    expect(await passLedger(database.db, p.id)).toEqual({ used: 0, ledger: 0, total: 4 })
    expect(await owedVisits(database.db, di.id)).toBe(0)
  })

  it('flags follow the counter in the same transaction: running out at 2 left, used up at 0, back on undo', async () => {
    const ed = await center.client(center.central.group.id, 'Ed')
    const p = await center.pass(ed.id, { sessions: 3, validUntil: '2099-01-01' })
    const subject = `pass:${p.id}`
    const l1 = await center.lesson('central', -50)
    await done(l1.id, [{ clientId: ed.id, status: 'present' }])
    expect(await openAlerts(database.db, subject)).toEqual(['pass_running_out'])
    const l2 = await center.lesson('central', -40)
    const l3 = await center.lesson('central', -35)
    await done(l2.id, [{ clientId: ed.id, status: 'present' }])
    await done(l3.id, [{ clientId: ed.id, status: 'present' }])
    expect(await openAlerts(database.db, subject)).toEqual(['pass_used_up'])
    // a fourth lesson: the visit is owed
    const l4 = await center.lesson('central', -32)
    await done(l4.id, [{ clientId: ed.id, status: 'present' }])
    expect(await owedVisits(database.db, ed.id)).toBe(1)
    await undo(l4.id)
    await undo(l3.id)
    expect(await openAlerts(database.db, subject)).toEqual(['pass_running_out'])
    expect(await passLedger(database.db, p.id)).toEqual({ used: 2, ledger: 2, total: 3 })
  })
})
