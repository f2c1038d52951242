import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildVisitsCenter, owedVisits, passLedger } from './visits-support'

/**
 * Write-offs racing on real PostgreSQL: the pass row's lock and the check constraint keep a pass
 * from going below zero; and any interleaving of check-ins, lessons done and undone, freezes and
 * their undo keeps every pass's counter equal to the sum of its ledger, between 0 and its total.
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

/** Every pass: counter = ledger, 0 ≤ used ≤ total; and no client has two visits standing for one lesson. */
async function invariants() {
  const bad = await queryRows<{ id: string; used: number; total: number | null; ledger: string | number }>(
    database.db,
    sql`select p.id, p.sessions_used as used, p.sessions_total as total,
          coalesce((select sum(v.sign) from pass_visits v where v.pass_id = p.id), 0) as ledger
        from passes p
        where p.sessions_used <> coalesce((select sum(v.sign) from pass_visits v where v.pass_id = p.id), 0)
           or p.sessions_used < 0 or (p.sessions_total is not null and p.sessions_used > p.sessions_total)`,
  )
  expect(bad).toEqual([])
  const twice = await queryRows<{ lesson_id: string; client_id: string; n: string }>(
    database.db,
    sql`select v.lesson_id, v.client_id, count(*) as n from pass_visits v
        where v.lesson_id is not null and v.sign = 1 and not exists (select 1 from pass_visits r where r.reversal_of = v.id)
        group by v.lesson_id, v.client_id having count(*) > 1`,
  )
  expect(twice).toEqual([])
  // money: never more paid on an invoice than its total (overpayment is kept apart as credit), never more refunded than paid
  const money = await queryRows<{ id: string }>(
    database.db,
    sql`select i.id from invoices i
        where coalesce((select sum(amount) from payments p where p.invoice_id = i.id), 0) > i.total
           or coalesce((select sum(amount) from refunds r where r.invoice_id = i.id), 0)
              > coalesce((select sum(amount) from payments p where p.invoice_id = i.id), 0)`,
  )
  expect(money).toEqual([])
  // every reversal reverses a row of the same pass (or an owed row)
  const crossed = await queryRows<{ id: string }>(
    database.db,
    sql`select r.id from pass_visits r join pass_visits v on v.id = r.reversal_of
        where r.sign <> -1 or v.sign <> 1 or r.pass_id is distinct from v.pass_id or r.client_id <> v.client_id`,
  )
  expect(crossed).toEqual([])
}

describe('concurrency', () => {
  it('50 parallel check-ins on one pass with 10 sessions: exactly 0 left and 40 owed visits', async () => {
    const ann = await center.client(center.central.group.id, 'Racer')
    const pass = await center.pass(ann.id, { sessions: 10, validUntil: '2099-01-01' })
    const lessons: Array<{ id: string }> = []
    for (let i = 0; i < 50; i++) lessons.push(await center.lesson('central', -120 + i))
    const results = await Promise.all(
      lessons.map((l) => t.call('POST', '/api/check-ins', { cookie: reception, json: { clientId: ann.id, lessonId: l.id } })),
    )
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201))
    expect(results.filter((r) => r.data.visit.passId === pass.id)).toHaveLength(10)
    expect(results.filter((r) => r.data.visit.owed)).toHaveLength(40)
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 10, ledger: 10, total: 10 })
    expect(await owedVisits(database.db, ann.id)).toBe(40)
    // one visit_owed alert for the client, never two
    const [alerts] = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*) as n from alerts where kind = 'visit_owed' and subject = ${'client:' + ann.id} and cleared_at is null`,
    )
    expect(Number(alerts.n)).toBe(1)
    await invariants()
  })

  it('the same client checked in twice at once for one lesson: one visit, one 409', async () => {
    const bo = await center.client(center.central.group.id, 'Twice')
    const pass = await center.pass(bo.id)
    const lesson = await center.lesson('central', 50)
    const [a, b] = await Promise.all([
      t.call('POST', '/api/check-ins', { cookie: reception, json: { clientId: bo.id, lessonId: lesson.id } }),
      t.call('POST', '/api/check-ins', { cookie: reception, json: { clientId: bo.id, lessonId: lesson.id } }),
    ])
    expect([a.status, b.status].sort()).toEqual([201, 409])
    expect(await passLedger(database.db, pass.id)).toEqual({ used: 1, ledger: 1, total: 10 })
  })

  it('any interleaving of check-ins, done/undone, freezes, resumes, mass freezes, sales, payments and refunds keeps every pass equal to its ledger (fast-check)', async () => {
    const group = center.central.group.id
    const branchId = center.central.branch.id
    const people = [await center.client(group, 'P1'), await center.client(group, 'P2'), await center.client(group, 'P3')]
    const passes = [
      await center.pass(people[0].id, { sessions: 3, burns: true, validUntil: '2099-01-01' }),
      await center.pass(people[0].id, { sessions: 2, validUntil: '2098-06-01' }),
      await center.pass(people[1].id, { sessions: 4, burns: true, validUntil: '2099-01-01' }),
      await center.pass(people[2].id, { sessions: null, validUntil: '2099-01-01' }),
    ]
    const lessons: Array<{ id: string }> = []
    for (let i = 0; i < 6; i++) lessons.push(await center.lesson('central', -300 + i * 10))
    const today = new Date().toISOString().slice(0, 10)
    const batches: string[] = []
    // the money side's sales, payments and refunds join in through its routes
    const planRes = await t.call('POST', '/api/pass-plans', {
      cookie: manager,
      json: {
        name: 'Robotics ×3',
        activityIds: [center.activity.id],
        sessions: 3,
        validDays: 30,
        price: 9000,
        burnsUnexcused: true,
        freezeMaxDays: 10,
        freezeMaxTimes: 2,
      },
    })
    expect(planRes.status, JSON.stringify(planRes.data)).toBe(201)
    const planId = planRes.data.plan.id as string
    const sold: Array<{ passId: string; invoiceId: string }> = []
    let keyN = 0

    const statuses = fc.constantFrom('present', 'late', 'absent', 'excused')
    const op = fc.oneof(
      fc.record({ kind: fc.constant('checkIn' as const), who: fc.nat(2), lesson: fc.nat(5), byHand: fc.boolean() }),
      fc.record({ kind: fc.constant('done' as const), lesson: fc.nat(5), marks: fc.tuple(statuses, statuses, statuses) }),
      fc.record({ kind: fc.constant('undo' as const), lesson: fc.nat(5) }),
      fc.record({
        kind: fc.constant('freeze' as const),
        pass: fc.nat(3),
        offset: fc.integer({ min: -2, max: 2 }),
        days: fc.integer({ min: 1, max: 5 }),
      }),
      fc.record({ kind: fc.constant('resume' as const), pass: fc.nat(3) }),
      fc.record({ kind: fc.constant('massFreeze' as const), days: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('undoMass' as const) }),
      fc.record({ kind: fc.constant('sell' as const), who: fc.nat(2) }),
      fc.record({
        kind: fc.constant('pay' as const),
        which: fc.nat(),
        amount: fc.integer({ min: 1, max: 12000 }),
        replay: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('refund' as const), which: fc.nat() }),
    )
    type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

    async function run(o: Op): Promise<number> {
      switch (o.kind) {
        case 'checkIn': {
          const who = people[o.who]
          const mine = passes.filter((p) => p.clientId === who.id)
          const json = { clientId: who.id, lessonId: lessons[o.lesson].id, ...(o.byHand ? { passId: mine[0].id } : {}) }
          return (await t.call('POST', '/api/check-ins', { cookie: reception, json })).status
        }
        case 'done': {
          const l = lessons[o.lesson].id
          const entries = people.map((p, i) => ({ clientId: p.id, status: o.marks[i] }))
          const att = await t.call('PUT', `/api/lessons/${l}/attendance`, { cookie: reception, json: { entries } })
          if (att.status >= 500) return att.status
          return (await t.call('POST', `/api/lessons/${l}/done`, { cookie: reception })).status
        }
        case 'undo':
          return (await t.call('POST', `/api/lessons/${lessons[o.lesson].id}/undo`, { cookie: reception })).status
        case 'freeze': {
          const from = new Date(Date.parse(today) + o.offset * 86_400_000).toISOString().slice(0, 10)
          return (
            await t.call('POST', `/api/passes/${passes[o.pass].id}/freeze`, { cookie: reception, json: { from, days: o.days } })
          ).status
        }
        case 'resume':
          return (await t.call('POST', `/api/passes/${passes[o.pass].id}/resume`, { cookie: reception, json: {} })).status
        case 'massFreeze': {
          const to = new Date(Date.parse(today) + (o.days - 1) * 86_400_000).toISOString().slice(0, 10)
          const res = await t.call('POST', '/api/freezes', {
            cookie: manager,
            json: { scope: 'group', groupId: group, branchId, from: today, to },
          })
          if (res.status === 201) batches.push(res.data.batch.id)
          return res.status
        }
        case 'sell': {
          const res = await t.call('POST', `/api/clients/${people[o.who].id}/passes`, { cookie: reception, json: { planId } })
          if (res.status === 201) sold.push({ passId: res.data.pass.id, invoiceId: res.data.invoice.id })
          return res.status
        }
        case 'pay': {
          if (!sold.length) return 299
          const { invoiceId } = sold[o.which % sold.length]
          const idempotencyKey = `prop-payment-${o.replay ? Math.max(0, keyN - 1) : ++keyN}`
          return (
            await t.call('POST', '/api/payments', {
              cookie: reception,
              json: { invoiceId, amount: o.amount, method: 'cash', idempotencyKey },
            })
          ).status
        }
        case 'refund': {
          if (!sold.length) return 299
          const { passId } = sold[o.which % sold.length]
          return (
            await t.call('POST', '/api/refunds', {
              cookie: manager,
              json: { passId, mode: 'unused', method: 'cash', idempotencyKey: `prop-refund-${++keyN}` },
            })
          ).status
        }
        case 'undoMass': {
          const id = batches.pop()
          if (!id) return 200
          return (await t.call('POST', `/api/freezes/${id}/undo`, { cookie: manager })).status
        }
      }
    }

    const succeeded = new Map<string, number>()
    const statusesSeen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), async (rounds) => {
        for (const round of rounds) {
          // the operations of a round run at the same time
          const codes = await Promise.all(round.map(run))
          codes.forEach((code, i) => {
            expect(code).toBeLessThan(500)
            statusesSeen.add(`${round[i].kind} ${code}`)
            if (code < 299) succeeded.set(round[i].kind, (succeeded.get(round[i].kind) ?? 0) + 1)
          })
        }
        await invariants()
      }),
      { numRuns: 25 },
    )
    // the runs did write: check-ins, lessons done and undone, freezes
    for (const kind of ['checkIn', 'done', 'undo', 'freeze', 'sell', 'pay'])
      expect(succeeded.get(kind) ?? 0, `${kind}: ${JSON.stringify([...statusesSeen])}`).toBeGreaterThan(0)
  })
})
