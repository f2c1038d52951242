import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { addDaysIso, buildVisitsCenter } from './visits-support'

/**
 * Freezing a pass within its plan's rules, resuming it early, and the mass freeze of a group or a
 * branch with its undo: worked examples with the dates by hand.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildVisitsCenter>>
let reception: string
let manager: string

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildVisitsCenter(database.db)
  t = createTestApp(database)
  reception = await t.login('reception')
  manager = await t.login('manager')
})
afterAll(async () => database?.destroy())

const validUntil = async (passId: string) =>
  (
    await queryRows<{ d: string }>(
      database.db,
      sql`select to_char(valid_until, 'YYYY-MM-DD') as d from passes where id = ${passId}::uuid`,
    )
  )[0].d
const freezeRows = async () =>
  Number((await queryRows<{ n: string }>(database.db, sql`select count(*) as n from pass_freezes`))[0].n)

describe('freeze and resume', () => {
  it('a 14-day freeze moves the last day by 14; resuming after 5 days gives 9 back', async () => {
    const ann = await center.client(center.central.group.id, 'Ann')
    const pass = await center.pass(ann.id, { startsOn: '2026-11-01', validUntil: '2026-12-31', freezeMaxDays: 30 })
    const fr = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-01', days: 14, reason: 'Flu' },
    })
    expect(fr.status, JSON.stringify(fr.data)).toBe(201)
    expect(fr.data.freeze).toMatchObject({ days: 14, validUntil: '2027-01-14' })
    expect(await validUntil(pass.id)).toBe('2027-01-14')
    const res = await t.call('POST', `/api/passes/${pass.id}/resume`, { cookie: reception, json: { on: '2026-12-06' } })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.resume).toMatchObject({ givenBack: 9, validUntil: '2027-01-05' })
    expect(await validUntil(pass.id)).toBe('2027-01-05')
    // five days used of the allowance: 25 left
    expect(res.data.pass).toMatchObject({ freezeDaysUsed: 5, freezesUsed: 1 })
    // resuming again: nothing frozen that day
    const again = await t.call('POST', `/api/passes/${pass.id}/resume`, { cookie: reception, json: { on: '2026-12-07' } })
    expect(again.status).toBe(409)
    expect(again.data.error.fields).toHaveProperty('on')
  })

  it('to a last day: from 2026-12-10 to 2026-12-16 is 7 days', async () => {
    const bo = await center.client(center.central.group.id, 'Bo')
    const pass = await center.pass(bo.id, { startsOn: '2026-11-01', validUntil: '2026-12-31' })
    const fr = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-10', to: '2026-12-16' },
    })
    expect(fr.status).toBe(201)
    expect(await validUntil(pass.id)).toBe('2027-01-07')
  })

  it('beyond the plan’s rules: 409 naming days (or from), nothing written', async () => {
    const cy = await center.client(center.central.group.id, 'Cy')
    const pass = await center.pass(cy.id, {
      startsOn: '2026-11-01',
      validUntil: '2026-12-31',
      freezeMaxDays: 10,
      freezeMaxTimes: 2,
    })
    const n = await freezeRows()
    const tooLong = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-01', days: 11 },
    })
    expect(tooLong.status).toBe(409)
    expect(tooLong.data.error.fields.days).toMatch(/10 days left/)
    expect(await freezeRows()).toBe(n)
    expect(await validUntil(pass.id)).toBe('2026-12-31')
    // 6 + 4 = 10: allowed; then any more: 409
    expect(
      (await t.call('POST', `/api/passes/${pass.id}/freeze`, { cookie: reception, json: { from: '2026-12-01', days: 6 } }))
        .status,
    ).toBe(201)
    const overlapping = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-03', days: 2 },
    })
    expect(overlapping.status).toBe(409)
    expect(overlapping.data.error.fields).toHaveProperty('from')
    expect(
      (await t.call('POST', `/api/passes/${pass.id}/freeze`, { cookie: reception, json: { from: '2026-12-10', days: 4 } }))
        .status,
    ).toBe(201)
    const third = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-20', days: 1 },
    })
    expect(third.status).toBe(409)
    // a plan without freezes
    const dee = await center.client(undefined, 'Dee')
    const none = await center.pass(dee.id, { freezeMaxDays: 0, freezeMaxTimes: 0 })
    const refused = await t.call('POST', `/api/passes/${none.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-01', days: 1 },
    })
    expect(refused.status).toBe(409)
    expect(refused.data.error.fields).toHaveProperty('days')
  })

  it('bad input: 400 naming the field; role and branch', async () => {
    const ed = await center.client(center.central.group.id, 'Ed')
    const pass = await center.pass(ed.id)
    const both = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-01', days: 3, to: '2026-12-03' },
    })
    expect(both.status).toBe(400)
    expect(both.data.error.fields).toHaveProperty('days')
    const zero = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-01', days: 0 },
    })
    expect(zero.status).toBe(400)
    expect(zero.data.error.fields).toHaveProperty('days')
    const badDate = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-02-31', days: 2 },
    })
    expect(badDate.status).toBe(400)
    expect(badDate.data.error.fields).toHaveProperty('from')
    const backwards = await t.call('POST', `/api/passes/${pass.id}/freeze`, {
      cookie: reception,
      json: { from: '2026-12-05', to: '2026-12-01' },
    })
    expect(backwards.status).toBe(400)
    expect(backwards.data.error.fields).toHaveProperty('to')
    const reception2 = await t.login('reception2')
    expect(
      (await t.call('POST', `/api/passes/${pass.id}/freeze`, { cookie: reception2, json: { from: '2026-12-01', days: 2 } }))
        .status,
    ).toBe(403)
    const teacher = await t.login('teacher')
    expect(
      (await t.call('POST', `/api/passes/${pass.id}/freeze`, { cookie: teacher, json: { from: '2026-12-01', days: 2 } })).status,
    ).toBe(403)
  })
})

describe('mass freeze', () => {
  it('freezes every valid pass of the group’s members (not ended, not used up, not another activity) and its undo restores each last day exactly', async () => {
    const group = center.riverside.group.id
    const branchId = center.riverside.branch.id
    const a = await center.client(group, 'MassA')
    const b = await center.client(group, 'MassB')
    const c = await center.client(undefined, 'NotInGroup')
    const pA = await center.pass(a.id, { branchId, validUntil: '2026-12-20' })
    const pA2 = await center.pass(a.id, { branchId, validUntil: '2027-02-01', freezeMaxDays: 0, freezeMaxTimes: 0 })
    const pB = await center.pass(b.id, { branchId, validUntil: '2026-12-31' })
    const usedUp = await center.pass(b.id, { branchId, sessions: 4, used: 4, validUntil: '2026-12-31' })
    const otherActivity = await center.pass(b.id, { branchId, activityIds: [center.plan.id], validUntil: '2026-12-31' })
    const expiredBefore = await center.pass(b.id, { branchId, startsOn: '2026-01-01', validUntil: '2026-11-30' })
    const notMember = await center.pass(c.id, { branchId, validUntil: '2026-12-31' })
    const before = new Map<string, string>()
    for (const p of [pA, pA2, pB, usedUp, otherActivity, expiredBefore, notMember]) before.set(p.id, await validUntil(p.id))

    const res = await t.call('POST', '/api/freezes', {
      cookie: manager,
      json: { scope: 'group', groupId: group, branchId, from: '2026-12-15', to: '2026-12-28', reason: 'Winter break' },
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.batch).toMatchObject({ passes: 3, days: 14 })
    // 14 days each, whatever their plan's own limits
    expect(await validUntil(pA.id)).toBe('2027-01-03')
    expect(await validUntil(pA2.id)).toBe(addDaysIso('2027-02-01', 14))
    expect(await validUntil(pB.id)).toBe('2027-01-14')
    for (const p of [usedUp, otherActivity, expiredBefore, notMember]) expect(await validUntil(p.id)).toBe(before.get(p.id))
    // one audit row naming the count
    const [audit] = await queryRows<{ after: { passes: number } }>(
      database.db,
      sql`select after from audit_log where action = 'passes.massFreeze' order by id desc limit 1`,
    )
    expect(audit.after.passes).toBe(3)
    // a pass of the batch resumed early, then the batch undone: every last day exactly as before
    const resumed = await t.call('POST', `/api/passes/${pB.id}/resume`, { cookie: manager, json: { on: '2026-12-20' } })
    expect(resumed.status).toBe(200)
    expect(await validUntil(pB.id)).toBe('2027-01-05')
    const undo = await t.call('POST', `/api/freezes/${res.data.batch.id}/undo`, { cookie: manager })
    expect(undo.status, JSON.stringify(undo.data)).toBe(200)
    expect(undo.data.batch).toMatchObject({ undone: true, passes: 3 })
    for (const [id, day] of before) expect(await validUntil(id)).toBe(day)
    // undone twice: 409, nothing changed
    expect((await t.call('POST', `/api/freezes/${res.data.batch.id}/undo`, { cookie: manager })).status).toBe(409)
    for (const [id, day] of before) expect(await validUntil(id)).toBe(day)
  })

  it('a branch: every valid pass sold there; a receptionist may not, a manager of the branch may; bad input named', async () => {
    const branchId = center.central.branch.id
    const x = await center.client(undefined, 'BranchX')
    const p = await center.pass(x.id, { branchId, validUntil: '2027-03-01' })
    expect(
      (
        await t.call('POST', '/api/freezes', {
          cookie: reception,
          json: { scope: 'branch', branchId, from: '2027-01-01', to: '2027-01-07' },
        })
      ).status,
    ).toBe(403)
    const noGroup = await t.call('POST', '/api/freezes', {
      cookie: manager,
      json: { scope: 'group', branchId, from: '2027-01-01', to: '2027-01-07' },
    })
    expect(noGroup.status).toBe(400)
    expect(noGroup.data.error.fields).toHaveProperty('groupId')
    const otherBranchGroup = await t.call('POST', '/api/freezes', {
      cookie: manager,
      json: { scope: 'group', groupId: center.riverside.group.id, branchId, from: '2027-01-01', to: '2027-01-07' },
    })
    expect(otherBranchGroup.status).toBe(400)
    expect(otherBranchGroup.data.error.fields).toHaveProperty('groupId')
    const res = await t.call('POST', '/api/freezes', {
      cookie: manager,
      json: { scope: 'branch', branchId, from: '2027-01-01', to: '2027-01-07', reason: 'Repairs' },
    })
    expect(res.status).toBe(201)
    expect(res.data.batch.passes).toBeGreaterThanOrEqual(1)
    expect(await validUntil(p.id)).toBe('2027-03-08')
    expect((await t.call('POST', `/api/freezes/${res.data.batch.id}/undo`, { cookie: manager })).status).toBe(200)
    expect(await validUntil(p.id)).toBe('2027-03-01')
  })
})

describe('GET /api/clients/{id}/passes', () => {
  it('lists the passes with sessions left, last day, status and the open flag’s colour; branch rule', async () => {
    const zed = await center.client(center.central.group.id, 'Zed')
    const p = await center.pass(zed.id, { sessions: 10, used: 8, validUntil: '2099-01-01' })
    // the flag is raised by whatever changes the pass: here a check-in
    const lesson = await center.lesson('central', 45)
    expect(
      (await t.call('POST', '/api/check-ins', { cookie: reception, json: { clientId: zed.id, lessonId: lesson.id } })).status,
    ).toBe(201)
    const res = await t.call('GET', `/api/clients/${zed.id}/passes`, { cookie: reception })
    expect(res.status).toBe(200)
    expect(res.data.items).toEqual([
      expect.objectContaining({
        id: p.id,
        sessionsLeft: 1,
        validUntil: '2099-01-01',
        status: 'running_out',
        alert: 'pass_running_out',
        colour: 'amber',
      }),
    ])
    const teacher = await t.login('teacher')
    expect((await t.call('GET', `/api/clients/${zed.id}/passes`, { cookie: teacher })).status).toBe(403)
  })
})
