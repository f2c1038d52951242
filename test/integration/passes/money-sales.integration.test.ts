import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, isNull, sql } from 'drizzle-orm'
import {
  alerts,
  clientGuardians,
  clients,
  invoiceCounters,
  invoices,
  passes,
  passPlans,
  payments,
  refunds,
} from '../../../db/schema/index'
import { addDays } from '../../../domain/docs/timetable-week'
import type { RunningServer } from '../../../server/server'
import { reviewOverdueInvoices } from '../../../server/modules/passes/jobs/invoices-overdue'
import { debtOwing } from '../../../server/modules/passes/owing-debt'
import { debtSql } from '../../../server/modules/passes/queries/balances'
import { queryRows } from '../../../db/client'
import { todayIn } from '../../../server/modules/passes/pass-alerts'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildActivity } from '../../support/factories'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #15, money: plans with effective-dated prices and tax, selling a pass (invoice number,
 * discounts, paying guardian), partial payments and debts, idempotency, overpayment as credit,
 * pro-rata refunds, cancellation, closed days, the cash desk, debtors with ageing, the tax report
 * and the PDFs. Every expected amount is worked out by hand in the comments (AMD: whole drams).
 */
let database: TestDatabase
let server: RunningServer
let world: Awaited<ReturnType<typeof buildTwoBranches>>
let chess: { id: string }
let today: string
const cookies: Record<string, string> = {}
const call = (method: string, path: string, who: string, json?: unknown, lang = 'en') =>
  apiCaller(server)(method, path, cookies[who], json, lang)
let n = 0
const key = () => `test-key-${++n}-${Math.random().toString(36).slice(2)}`

async function newClient(
  opts: { first?: string; branch?: 'central' | 'riverside'; birthDate?: string; guardianPhone?: string } = {},
) {
  const [c] = await database.db
    .insert(clients)
    .values({
      firstName: opts.first ?? `Client${++n}`,
      lastName: 'Test',
      branchId: world[opts.branch ?? 'central'].branch.id,
      birthDate: opts.birthDate ?? null,
      status: 'active',
    })
    .returning()
  if (opts.guardianPhone)
    await database.db.insert(clientGuardians).values({
      clientId: c.id,
      key: 'g1',
      name: 'Anna Guardian',
      relation: 'mother',
      phone: opts.guardianPhone,
      phoneDigits: opts.guardianPhone.replace(/\D/g, ''),
    })
  return c.id
}

let vatIncluded: string
let vatAdded: string
async function plan(body: Record<string, unknown>) {
  const r = await call('POST', '/api/pass-plans', 'manager', {
    name: `Plan ${++n}`,
    activityIds: [world.activity.id],
    sessions: 8,
    validDays: 30,
    price: 12_000,
    ...body,
  })
  expect(r.status, JSON.stringify(r.data)).toBe(201)
  return r.data.plan as { id: string; price: number }
}
async function sell(clientId: string, planId: string, who = 'reception', extra: Record<string, unknown> = {}) {
  const r = await call('POST', `/api/clients/${clientId}/passes`, who, { planId, ...extra })
  expect(r.status, JSON.stringify(r.data)).toBe(201)
  return r.data as {
    pass: { id: string; sessionsLeft: number | null; validUntil: string; status: string }
    invoice: { id: string; number: string; seq: number; total: number; net: number; tax: number; paid: number; due: number }
  }
}
const count = async (table: typeof invoices | typeof payments | typeof refunds | typeof passes | typeof passPlans) =>
  Number((await database.db.select({ n: sql<number>`count(*)` }).from(table))[0].n)
const openAlert = async (kind: string, subject: string) =>
  (
    await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, kind), eq(alerts.subject, subject), isNull(alerts.clearedAt)))
  ).length

beforeAll(async () => {
  database = await createTestDatabase()
  world = await buildTwoBranches(database.db)
  chess = await buildActivity(database.db, { name: 'Chess' })
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception', 'reception2', 'teacher', 'accountant']) cookies[l] = await login(server, l)
  today = todayIn('Europe/Berlin') // a test branch's zone (the schema's default)
  const inc = await call('POST', '/api/tax-rates', 'manager', { name: 'VAT 20% incl.', rateBp: 2000, mode: 'included' })
  expect(inc.status).toBe(201)
  vatIncluded = inc.data.taxRate.id
  const added = await call('POST', '/api/tax-rates', 'manager', { name: 'VAT 20% added', rateBp: 2000, mode: 'added' })
  vatAdded = added.data.taxRate.id
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('plans', () => {
  it('creates a plan with its rules and price; only managers; lists it', async () => {
    const p = await plan({
      taxRateId: vatIncluded,
      burnsUnexcused: true,
      freezeMaxDays: 14,
      freezeMaxTimes: 2,
      siblingDiscountBp: 1000,
      multiActivityDiscountBp: 500,
    })
    expect(p).toMatchObject({ price: 12_000, sessions: 8, burnsUnexcused: true, freezeMaxDays: 14, siblingDiscountBp: 1000 })
    expect(
      (
        await call('POST', '/api/pass-plans', 'reception', {
          name: 'x',
          activityIds: [world.activity.id],
          sessions: 1,
          validDays: 1,
          price: 1,
        })
      ).status,
    ).toBe(403)
    const list = await call('GET', '/api/pass-plans', 'reception')
    expect(list.status).toBe(200)
    expect(list.data.items.some((i: { id: string }) => i.id === p.id)).toBe(true)
  })

  it('refuses zero sessions, a zero price, no validity, an unknown activity: 400 naming the field, nothing written', async () => {
    const before = await count(passPlans)
    const base = { name: 'Bad', activityIds: [world.activity.id], sessions: 8, validDays: 30, price: 1000 }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ sessions: 0 }, 'sessions'],
      [{ price: 0 }, 'price'],
      [{ price: -5 }, 'price'],
      [{ validDays: null }, 'validDays'],
      [{ activityIds: [] }, 'activityIds'],
      [{ activityIds: ['7d1f4c1e-0000-4000-8000-000000000000'] }, 'activityIds.0'],
      [{ taxRateId: '7d1f4c1e-0000-4000-8000-000000000000' }, 'taxRateId'],
    ]
    for (const [patch, field] of cases) {
      const r = await call('POST', '/api/pass-plans', 'manager', { ...base, ...patch }, 'ru')
      expect(r.status, field).toBe(400)
      expect(Object.keys(r.data.error.fields), field).toContain(field)
      expect(r.data.error.fields[field]).toMatch(/[а-яА-Я]/)
    }
    expect(await count(passPlans)).toBe(before)
  })

  it('an effective-dated price never rewrites a past sale', async () => {
    const p = await plan({ price: 10_000, priceFrom: '2020-01-01' })
    const client = await newClient()
    const first = await sell(client, p.id)
    expect(first.invoice.total).toBe(10_000)
    // a price from tomorrow does not apply today
    expect(
      (await call('POST', `/api/pass-plans/${p.id}/prices`, 'manager', { price: 11_000, from: addDays(today, 1) })).status,
    ).toBe(201)
    expect((await sell(client, p.id)).invoice.total).toBe(10_000)
    // a price from today applies to the next sale …
    expect((await call('POST', `/api/pass-plans/${p.id}/prices`, 'manager', { price: 9_000, from: today })).status).toBe(201)
    expect((await sell(client, p.id)).invoice.total).toBe(9_000)
    // … and the first sale keeps its 10 000
    const account = await call('GET', `/api/clients/${client}/account`, 'reception')
    const firstInvoice = account.data.invoices.find((i: { id: string }) => i.id === first.invoice.id)
    expect(firstInvoice.total).toBe(10_000)
    expect(firstInvoice.lines[0].unitPrice).toBe(10_000)
    // a second price on the same day: 409 naming from
    const dup = await call('POST', `/api/pass-plans/${p.id}/prices`, 'manager', { price: 8_000, from: today })
    expect(dup.status).toBe(409)
    expect(Object.keys(dup.data.error.fields)).toEqual(['from'])
  })
})

describe('plan rules and settings', () => {
  it('a sold pass keeps the plan’s rules of its sale day; a plan valid until a date; a plan of another branch', async () => {
    const p = await plan({
      burnsUnexcused: true,
      freezeMaxDays: 10,
      freezeMaxTimes: 1,
      validDays: null,
      validUntil: addDays(today, 40),
    })
    const client = await newClient()
    const sale = await sell(client, p.id)
    expect(sale.pass.validUntil).toBe(addDays(today, 40))
    // a later change of the plan changes no pass sold
    const patched = await call('PATCH', `/api/pass-plans/${p.id}`, 'manager', { burnsUnexcused: false, freezeMaxDays: 0 })
    expect(patched.status).toBe(200)
    expect(patched.data.plan).toMatchObject({ burnsUnexcused: false, freezeMaxDays: 0 })
    const [pass] = await database.db.select().from(passes).where(eq(passes.id, sale.pass.id))
    expect(pass).toMatchObject({ burnsUnexcused: true, freezeMaxDays: 10, freezeMaxTimes: 1 })
    // a plan for Riverside only: a Central client cannot be sold it (409 naming planId); a Central manager-less receptionist cannot make one
    const riverside = await plan({ branchId: world.riverside.branch.id })
    const other = await call('POST', `/api/clients/${client}/passes`, 'reception', { planId: riverside.id })
    expect(other.status).toBe(409)
    expect(Object.keys(other.data.error.fields)).toEqual(['planId'])
    // an archived plan is not sold
    await call('PATCH', `/api/pass-plans/${p.id}`, 'manager', { archived: true })
    expect((await call('POST', `/api/clients/${client}/passes`, 'reception', { planId: p.id })).status).toBe(409)
    expect((await call('PATCH', `/api/pass-plans/${p.id}`, 'reception', { name: 'x' })).status).toBe(403)
  })

  it('the settings: managers change the thresholds; bad values 400; others 403', async () => {
    expect((await call('GET', '/api/pass-settings', 'reception')).data.settings).toEqual({
      runningOutSessions: 2,
      runningOutDays: 7,
      invoiceDueDays: 7,
    })
    expect((await call('PATCH', '/api/pass-settings', 'reception', { invoiceDueDays: 10 })).status).toBe(403)
    const bad = await call('PATCH', '/api/pass-settings', 'manager', { runningOutSessions: -1 })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.data.error.fields)).toEqual(['runningOutSessions'])
    const ok = await call('PATCH', '/api/pass-settings', 'manager', { invoiceDueDays: 14 })
    expect(ok.data.settings.invoiceDueDays).toBe(14)
    // the next invoice falls due in 14 days
    const client = await newClient()
    const sale = await sell(client, (await plan({})).id)
    const [inv] = await database.db.select().from(invoices).where(eq(invoices.id, sale.invoice.id))
    expect(inv.dueOn).toBe(addDays(today, 14))
    await call('PATCH', '/api/pass-settings', 'manager', { invoiceDueDays: 7 })
  })

  it('tax rates: managers of the whole center; archived ones cannot be attached', async () => {
    expect((await call('POST', '/api/tax-rates', 'reception', { name: 'x', rateBp: 1000, mode: 'added' })).status).toBe(403)
    const bad = await call('POST', '/api/tax-rates', 'manager', { name: 'x', rateBp: 20_000, mode: 'added' })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.data.error.fields)).toEqual(['rateBp'])
    const r = await call('POST', '/api/tax-rates', 'manager', { name: 'Old VAT', rateBp: 1800, mode: 'included' })
    expect(
      (await call('PATCH', `/api/tax-rates/${r.data.taxRate.id}`, 'manager', { archived: true })).data.taxRate.archived,
    ).toBe(true)
    const refused = await call('POST', '/api/pass-plans', 'manager', {
      name: 'With old VAT',
      activityIds: [world.activity.id],
      sessions: 4,
      validDays: 10,
      price: 1000,
      taxRateId: r.data.taxRate.id,
    })
    expect(refused.status).toBe(400)
    expect(Object.keys(refused.data.error.fields)).toEqual(['taxRateId'])
  })
})

describe('selling a pass', () => {
  it('VAT included: 12 000 → net 10 000 + tax 2 000; numbered CEN-<year>-…; pass with sessions and validity', async () => {
    const p = await plan({ taxRateId: vatIncluded, price: 12_000, validDays: 30 })
    const client = await newClient()
    const sale = await sell(client, p.id)
    expect(sale.invoice).toMatchObject({ total: 12_000, net: 10_000, tax: 2_000, paid: 0, due: 12_000 })
    expect(sale.invoice.number).toMatch(new RegExp(`^CEN-${today.slice(0, 4)}-\\d{6}$`))
    // 30 days from today: today + 29
    expect(sale.pass).toMatchObject({ sessionsLeft: 8, validUntil: addDays(today, 29), status: 'active' })
  })

  it('VAT with rounding: 10 001 included → tax round(1 666.83) = 1 667; 9 999 added → tax round(1 999.8) = 2 000, total 11 999', async () => {
    const client = await newClient()
    const inc = await sell(client, (await plan({ taxRateId: vatIncluded, price: 10_001 })).id)
    expect(inc.invoice).toMatchObject({ total: 10_001, tax: 1_667, net: 8_334 })
    const add = await sell(client, (await plan({ taxRateId: vatAdded, price: 9_999 })).id)
    expect(add.invoice).toMatchObject({ net: 9_999, tax: 2_000, total: 11_999 })
  })

  it('a pass for an activity the plan does not cover: 400 naming activityIds, nothing written (no number used)', async () => {
    const p = await plan({})
    const client = await newClient()
    const [invoicesBefore, passesBefore] = [await count(invoices), await count(passes)]
    const counters = await database.db.select().from(invoiceCounters)
    const r = await call('POST', `/api/clients/${client}/passes`, 'reception', { planId: p.id, activityIds: [chess.id] }, 'hy')
    expect(r.status).toBe(400)
    expect(Object.keys(r.data.error.fields)).toEqual(['activityIds'])
    expect(r.data.error.fields.activityIds).toMatch(/[\u0530-\u058F]/)
    expect(await count(invoices)).toBe(invoicesBefore)
    expect(await count(passes)).toBe(passesBefore)
    expect(await database.db.select().from(invoiceCounters)).toEqual(counters)
  })

  it('role and branch: a receptionist of the other branch and a teacher are refused', async () => {
    const p = await plan({})
    const client = await newClient({ branch: 'central' })
    expect((await call('POST', `/api/clients/${client}/passes`, 'reception2', { planId: p.id })).status).toBe(403)
    expect((await call('POST', `/api/clients/${client}/passes`, 'teacher', { planId: p.id })).status).toBe(403)
    expect((await call('GET', `/api/clients/${client}/account`, 'teacher')).status).toBe(403)
    expect((await call('GET', `/api/clients/${client}/account`, 'reception2')).status).toBe(403)
    expect((await call('GET', `/api/clients/${client}/account`, 'accountant')).status).toBe(200)
    // a payment or a refund on a Central invoice by Riverside's receptionist: refused, nothing written
    const sale = await sell(client, p.id)
    const before = await count(payments)
    const pay = { invoiceId: sale.invoice.id, amount: 100, method: 'cash', idempotencyKey: key() }
    expect((await call('POST', '/api/payments', 'reception2', pay)).status).toBe(403)
    expect((await call('POST', '/api/payments', 'teacher', pay)).status).toBe(403)
    expect(await count(payments)).toBe(before)
  })

  it('sibling discount (10 %): the second child of a guardian pays 9 000 of 10 000; the invoice names the paying guardian; family debt', async () => {
    const p = await plan({ price: 10_000, siblingDiscountBp: 1000, multiActivityDiscountBp: 500 })
    const a = await newClient({ first: 'Ani', birthDate: '2016-05-01', guardianPhone: '+374 91 111111' })
    const b = await newClient({ first: 'Aram', birthDate: '2018-05-01', guardianPhone: '+374 91 111111' })
    const first = await sell(a, p.id)
    expect(first.invoice.total).toBe(10_000)
    const second = await sell(b, p.id)
    // 10 000 − 10 % = 9 000
    expect(second.invoice.total).toBe(9_000)
    const account = await call('GET', `/api/clients/${b}/account`, 'reception')
    expect(account.data.invoices[0]).toMatchObject({ payerName: 'Anna Guardian', total: 9_000 })
    expect(account.data.invoices[0].lines[0]).toMatchObject({ unitPrice: 10_000, discount: 1_000, discountReason: 'sibling' })
    expect(account.data.debt).toBe(9_000)
    // the family: Ani's 10 000 shows on Aram's account too; total 19 000
    expect(account.data.familyDebt.members).toEqual([{ clientId: a, name: 'Ani Test', debt: 10_000 }])
    expect(account.data.familyDebt.total).toBe(19_000)
  })

  it('several activities (5 %): a client holding a Robotics pass buys Chess at 9 500 of 10 000', async () => {
    const robotics = await plan({ price: 10_000 })
    const chessPlan = await plan({ activityIds: [chess.id], price: 10_000, multiActivityDiscountBp: 500, siblingDiscountBp: 300 })
    const client = await newClient()
    await sell(client, robotics.id)
    expect((await sell(client, chessPlan.id)).invoice.total).toBe(9_500)
  })
})

describe('payments, debts, idempotency', () => {
  it('partial payments leave a debt; the same key again is the same payment; above due needs overpay, the rest is credit', async () => {
    const p = await plan({ price: 12_000 })
    const client = await newClient()
    const sale = await sell(client, p.id)
    expect(await openAlert('debt', `client:${client}`)).toBe(1)
    const k1 = key()
    const pay1 = await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 5_000,
      method: 'cash',
      idempotencyKey: k1,
    })
    expect(pay1.status).toBe(201)
    expect(pay1.data.invoice).toMatchObject({ paid: 5_000, due: 7_000, status: 'open' })
    // a double click: 200 with the same payment, nothing more written
    const again = await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 5_000,
      method: 'cash',
      idempotencyKey: k1,
    })
    expect(again.status).toBe(200)
    expect(again.data.payment.id).toBe(pay1.data.payment.id)
    expect((await database.db.select().from(payments).where(eq(payments.invoiceId, sale.invoice.id))).length).toBe(1)
    expect((await call('GET', `/api/clients/${client}/account`, 'reception')).data.debt).toBe(7_000)

    // 8 000 > 7 000 due, without overpay: 409 naming amount, nothing written
    const before = await count(payments)
    const over = await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 8_000,
      method: 'card',
      idempotencyKey: key(),
    })
    expect(over.status).toBe(409)
    expect(Object.keys(over.data.error.fields)).toEqual(['amount'])
    for (const amount of [0, -100]) {
      const bad = await call('POST', '/api/payments', 'reception', {
        invoiceId: sale.invoice.id,
        amount,
        method: 'card',
        idempotencyKey: key(),
      })
      expect(bad.status).toBe(400)
      expect(Object.keys(bad.data.error.fields)).toEqual(['amount'])
    }
    expect(await count(payments)).toBe(before)

    // with overpay: 7 000 applied, 1 000 kept as credit; the debt and its alert go
    const kept = await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 8_000,
      method: 'card',
      idempotencyKey: key(),
      overpay: true,
    })
    expect(kept.status).toBe(201)
    expect(kept.data.payment).toMatchObject({ amount: 7_000, credit: 1_000 })
    expect(kept.data.invoice).toMatchObject({ paid: 12_000, due: 0, status: 'paid' })
    const account = await call('GET', `/api/clients/${client}/account`, 'reception')
    expect(account.data).toMatchObject({ debt: 0, credit: 1_000 })
    expect(await openAlert('debt', `client:${client}`)).toBe(0)

    // the credit pays part of the next invoice (method credit); more than the credit: 409
    const next = await sell(client, p.id)
    const tooMuch = await call('POST', '/api/payments', 'reception', {
      invoiceId: next.invoice.id,
      amount: 1_500,
      method: 'credit',
      idempotencyKey: key(),
    })
    expect(tooMuch.status).toBe(409)
    const spent = await call('POST', '/api/payments', 'reception', {
      invoiceId: next.invoice.id,
      amount: 1_000,
      method: 'credit',
      idempotencyKey: key(),
    })
    expect(spent.status).toBe(201)
    const after = await call('GET', `/api/clients/${client}/account`, 'reception')
    // 12 000 − 1 000 = 11 000 due; credit 0
    expect(after.data).toMatchObject({ debt: 11_000, credit: 0 })
  })

  it('two identical payments at once make one payment', async () => {
    const client = await newClient()
    const sale = await sell(client, (await plan({ price: 6_000 })).id)
    const k = key()
    const body = { invoiceId: sale.invoice.id, amount: 2_000, method: 'cash', idempotencyKey: k }
    const results = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/api/payments', 'reception', body)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201])
    expect(new Set(results.map((r) => r.data.payment.id)).size).toBe(1)
    expect((await database.db.select().from(payments).where(eq(payments.idempotencyKey, k))).length).toBe(1)
    expect((await call('GET', `/api/clients/${client}/account`, 'reception')).data.debt).toBe(4_000)
  })

  it('a payment to a cancelled invoice: 409; cancelling needs no payments; the pass ends', async () => {
    const p = await plan({ price: 5_000 })
    const client = await newClient()
    const paid = await sell(client, p.id)
    await call('POST', '/api/payments', 'reception', {
      invoiceId: paid.invoice.id,
      amount: 1_000,
      method: 'cash',
      idempotencyKey: key(),
    })
    const refused = await call('POST', `/api/invoices/${paid.invoice.id}/cancel`, 'manager', {})
    expect(refused.status).toBe(409)
    expect(Object.keys(refused.data.error.fields)).toEqual(['invoiceId'])
    const unpaid = await sell(client, p.id)
    expect((await call('POST', `/api/invoices/${unpaid.invoice.id}/cancel`, 'reception', {})).status).toBe(403)
    const cancelled = await call('POST', `/api/invoices/${unpaid.invoice.id}/cancel`, 'manager', { reason: 'sold by mistake' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.data.invoice).toMatchObject({ status: 'cancelled', due: 0 })
    const [pass] = await database.db.select().from(passes).where(eq(passes.id, unpaid.pass.id))
    expect(pass.endedAt).not.toBeNull()
    const pay = await call('POST', '/api/payments', 'reception', {
      invoiceId: unpaid.invoice.id,
      amount: 1_000,
      method: 'cash',
      idempotencyKey: key(),
    })
    expect(pay.status).toBe(409)
    expect(Object.keys(pay.data.error.fields)).toEqual(['invoiceId'])
    // the debt is the paid invoice's rest only: 5 000 − 1 000
    expect((await call('GET', `/api/clients/${client}/account`, 'reception')).data.debt).toBe(4_000)
  })
})

describe('refunds', () => {
  it('pro rata to unused sessions: 12 000 for 8, 3 used → 12 000 × 5 / 8 = 7 500, tax share 2 000 × 7 500 / 12 000 = 1 250; ends the pass', async () => {
    const client = await newClient()
    const sale = await sell(client, (await plan({ price: 12_000, taxRateId: vatIncluded, sessions: 8 })).id)
    // not settled yet: 409 naming invoiceId
    const early = await call('POST', '/api/refunds', 'manager', {
      passId: sale.pass.id,
      mode: 'unused',
      method: 'cash',
      idempotencyKey: key(),
    })
    expect(early.status).toBe(409)
    expect(Object.keys(early.data.error.fields)).toEqual(['invoiceId'])
    await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 12_000,
      method: 'card',
      idempotencyKey: key(),
    })
    await database.db.update(passes).set({ sessionsUsed: 3 }).where(eq(passes.id, sale.pass.id))
    expect(
      (
        await call('POST', '/api/refunds', 'reception', {
          passId: sale.pass.id,
          mode: 'unused',
          method: 'cash',
          idempotencyKey: key(),
        })
      ).status,
    ).toBe(403)
    const k = key()
    const r = await call('POST', '/api/refunds', 'manager', {
      passId: sale.pass.id,
      mode: 'unused',
      method: 'cash',
      idempotencyKey: k,
    })
    expect(r.status, JSON.stringify(r.data)).toBe(201)
    expect(r.data.refund).toMatchObject({ amount: 7_500, tax: 1_250, sessions: 5 })
    expect(r.data.invoice).toMatchObject({ paid: 12_000, refunded: 7_500, due: 0 })
    const [pass] = await database.db.select().from(passes).where(eq(passes.id, sale.pass.id))
    expect(pass.endedAt).not.toBeNull()
    // the same key: the same refund
    const again = await call('POST', '/api/refunds', 'manager', {
      passId: sale.pass.id,
      mode: 'unused',
      method: 'cash',
      idempotencyKey: k,
    })
    expect(again.status).toBe(200)
    expect(again.data.refund.id).toBe(r.data.refund.id)
    // above what is left of the paid 12 000 (4 500): 409 naming amount, nothing written
    const before = await count(refunds)
    const above = await call('POST', '/api/refunds', 'manager', {
      invoiceId: sale.invoice.id,
      mode: 'amount',
      amount: 4_501,
      method: 'cash',
      idempotencyKey: key(),
    })
    expect(above.status).toBe(409)
    expect(Object.keys(above.data.error.fields)).toEqual(['amount'])
    expect(await count(refunds)).toBe(before)
    const ok = await call('POST', '/api/refunds', 'manager', {
      invoiceId: sale.invoice.id,
      mode: 'amount',
      amount: 4_500,
      method: 'cash',
      idempotencyKey: key(),
    })
    expect(ok.status).toBe(201)
    // refunds are credit notes: the debt stays 0
    expect((await call('GET', `/api/clients/${client}/account`, 'reception')).data.debt).toBe(0)
  })

  it('an unlimited pass is refunded by days left: 3 000 for 30 days, started 10 days ago → 3 000 × 20 / 30 = 2 000', async () => {
    const client = await newClient()
    const sale = await sell(client, (await plan({ price: 3_000, sessions: null, validDays: 30 })).id, 'reception', {
      startsOn: addDays(today, -10),
    })
    expect(sale.pass.sessionsLeft).toBeNull()
    await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 3_000,
      method: 'cash',
      idempotencyKey: key(),
    })
    const r = await call('POST', '/api/refunds', 'owner', {
      invoiceId: sale.invoice.id,
      mode: 'unused',
      method: 'transfer',
      idempotencyKey: key(),
    })
    expect(r.status).toBe(201)
    // valid from today−10 to today+19: 30 days; today..today+19 left: 20
    expect(r.data.refund.amount).toBe(2_000)
  })
})

describe('cash desk, closed days, debtors, tax report, PDFs, overdue', () => {
  it('the cash desk sums by method and user; a closed day refuses back-dated payments', async () => {
    const client = await newClient()
    const sale = await sell(client, (await plan({ price: 20_000 })).id)
    const yesterday = addDays(today, -1)
    const back = await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 1_000,
      method: 'transfer',
      idempotencyKey: key(),
      day: yesterday,
    })
    expect(back.status).toBe(201)
    const desk = await call('GET', `/api/cash-desk?branchId=${world.central.branch.id}&day=${yesterday}`, 'reception')
    expect(desk.status).toBe(200)
    expect(desk.data.taken.transfer).toBeGreaterThanOrEqual(1_000)
    expect(desk.data.byUser.some((u: { name: string }) => u.name.includes('reception'))).toBe(true)
    expect((await call('GET', `/api/cash-desk?branchId=${world.central.branch.id}`, 'reception2')).status).toBe(403)
    expect(
      (await call('POST', '/api/cash-desk/close', 'reception', { branchId: world.central.branch.id, day: yesterday })).status,
    ).toBe(403)
    const closed = await call('POST', '/api/cash-desk/close', 'manager', { branchId: world.central.branch.id, day: yesterday })
    expect(closed.status).toBe(200)
    expect(closed.data.closed).toBe(true)
    expect(
      (await call('POST', '/api/cash-desk/close', 'manager', { branchId: world.central.branch.id, day: yesterday })).status,
    ).toBe(409)
    const before = await count(payments)
    const late = await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 1_000,
      method: 'cash',
      idempotencyKey: key(),
      day: yesterday,
    })
    expect(late.status).toBe(409)
    expect(Object.keys(late.data.error.fields)).toEqual(['day'])
    const future = await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 1_000,
      method: 'cash',
      idempotencyKey: key(),
      day: addDays(today, 2),
    })
    expect(future.status).toBe(400)
    expect(await count(payments)).toBe(before)
  })

  it('debtors with ageing by the oldest unpaid due date, and as CSV for owner, manager, accountant', async () => {
    const client = await newClient({ first: 'Old' })
    const sale = await sell(client, (await plan({ price: 4_000 })).id)
    // its due date 45 days ago: 31–60
    await database.db
      .update(invoices)
      .set({ dueOn: addDays(today, -45) })
      .where(eq(invoices.id, sale.invoice.id))
    const list = await call('GET', `/api/debtors?branchId=${world.central.branch.id}`, 'manager')
    expect(list.status).toBe(200)
    const row = list.data.items.find((d: { clientId: string }) => d.clientId === client)
    expect(row).toMatchObject({ debt: 4_000, bucket: '31-60', daysOverdue: 45 })
    await database.db
      .update(invoices)
      .set({ dueOn: addDays(today, -61) })
      .where(eq(invoices.id, sale.invoice.id))
    const again = await call('GET', `/api/debtors?branchId=${world.central.branch.id}`, 'accountant')
    expect(again.data.items.find((d: { clientId: string }) => d.clientId === client).bucket).toBe('60+')
    const csv = await call('GET', `/api/debtors.csv?branchId=${world.central.branch.id}`, 'accountant', undefined, 'ru')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.text).toContain('Долг (AMD)')
    expect(csv.text).toContain('Old Test')
    expect((await call('GET', '/api/debtors.csv', 'reception')).status).toBe(403)
    expect((await call('GET', `/api/debtors?branchId=${world.riverside.branch.id}`, 'teacher')).status).toBe(403)
  })

  it('the overdue job raises invoice_overdue; the payment that settles it clears it', async () => {
    const client = await newClient()
    const sale = await sell(client, (await plan({ price: 2_000 })).id)
    await database.db
      .update(invoices)
      .set({ dueOn: addDays(today, -3) })
      .where(eq(invoices.id, sale.invoice.id))
    await reviewOverdueInvoices(database.db)
    await reviewOverdueInvoices(database.db)
    expect(await openAlert('invoice_overdue', `invoice:${sale.invoice.id}`)).toBe(1)
    await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 2_000,
      method: 'cash',
      idempotencyKey: key(),
    })
    expect(await openAlert('invoice_overdue', `invoice:${sale.invoice.id}`)).toBe(0)
  })

  it('the debt owing check: red while anything is due, with the amount; its SQL agrees', async () => {
    const client = await newClient()
    const sale = await sell(client, (await plan({ price: 3_000 })).id)
    const ctx = { db: database.db, activityId: null, on: today }
    expect((await debtOwing.check([client], ctx)).get(client)).toEqual([
      { id: 'passes.owing.debt', params: { amount: '3000 AMD' } },
    ])
    const [row] = await queryRows<{ debt: string; owes: boolean }>(
      database.db,
      sql`select ${debtSql(sql`${client}::uuid`)} as debt, ${debtOwing.sql!(sql`${client}::uuid`, { activityId: null, on: today })} as owes`,
    )
    expect([Number(row.debt), row.owes]).toEqual([3_000, true])
    await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 3_000,
      method: 'cash',
      idempotencyKey: key(),
    })
    expect((await debtOwing.check([client], ctx)).has(client)).toBe(false)
  })

  it('the tax report: net, tax and gross by rate, refunds subtracted', async () => {
    const r = await call(
      'GET',
      `/api/tax-report?from=${addDays(today, -1)}&to=${today}&branchId=${world.central.branch.id}`,
      'accountant',
    )
    expect(r.status).toBe(200)
    const incl = r.data.rows.find((x: { mode: string; rateBp: number }) => x.mode === 'included' && x.rateBp === 2000)
    expect(incl.sales.tax).toBeGreaterThan(0)
    // the pro-rata refund's 1 250 of tax is subtracted
    expect(incl.tax).toBe(incl.sales.tax - incl.refunds.tax)
    expect(incl.refunds.tax).toBeGreaterThanOrEqual(1_250)
    expect((await call('GET', `/api/tax-report?from=${today}&to=${today}`, 'reception')).status).toBe(403)
    const bad = await call('GET', `/api/tax-report?from=${today}&to=${addDays(today, -5)}`, 'accountant')
    expect(bad.status).toBe(400)
  })

  it('invoice and receipt PDFs in the reader’s language', async () => {
    const client = await newClient()
    const sale = await sell(client, (await plan({ price: 12_000, taxRateId: vatIncluded })).id)
    const pay = await call('POST', '/api/payments', 'reception', {
      invoiceId: sale.invoice.id,
      amount: 2_000,
      method: 'cash',
      idempotencyKey: key(),
    })
    for (const lang of ['hy', 'ru', 'en']) {
      const res = await fetch(`${server.url}/api/invoices/${sale.invoice.id}.pdf`, {
        headers: { cookie: cookies.reception, 'accept-language': lang },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 4)
          .toString(),
      ).toBe('%PDF')
    }
    const receipt = await fetch(`${server.url}/api/payments/${pay.data.payment.id}/receipt.pdf`, {
      headers: { cookie: cookies.reception },
    })
    expect(receipt.status).toBe(200)
    expect(
      (await fetch(`${server.url}/api/invoices/${sale.invoice.id}.pdf`, { headers: { cookie: cookies.teacher } })).status,
    ).toBe(403)
    expect(
      (await fetch(`${server.url}/api/invoices/${sale.invoice.id}.pdf`, { headers: { cookie: cookies.reception2 } })).status,
    ).toBe(403)
  })
})
