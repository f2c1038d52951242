import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clients } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildActivity, buildBranch, buildStaff } from '../../support/factories'
import { login } from '../collab/helpers'

/**
 * Issue #16: the money area of the audit, declared by the passes module — a sale and a payment are
 * money-affecting (the `money=true` filter), a plan change is not; each is named as people say it.
 */

let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['manager', 'auditor']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (method: string, path: string, who: string, json?: unknown) =>
  apiCaller(server)(method, path, cookies[who], json, 'en')

describe('money in the audit', () => {
  it('lists sales and payments as money-affecting, named by invoice number and holder', async () => {
    const branchId = (await buildBranch(database.db, 'Harbour')).id
    const activity = await buildActivity(database.db)
    const cp = await call('POST', '/api/audit/checkpoints', 'auditor', {})
    expect(cp.status).toBe(201)
    const plan = await call('POST', '/api/pass-plans', 'manager', {
      name: 'Robotics 8',
      activityIds: [activity.id],
      sessions: 8,
      validDays: 30,
      price: 10_000,
    })
    expect(plan.status).toBe(201)
    const [client] = await database.db
      .insert(clients)
      .values({ firstName: 'Karen', lastName: 'Sargsyan', branchId })
      .returning({ id: clients.id })
    const sale = await call('POST', `/api/clients/${client.id}/passes`, 'manager', { planId: plan.data.plan.id })
    expect(sale.status, JSON.stringify(sale.data)).toBe(201)
    const paid = await call('POST', '/api/payments', 'manager', {
      invoiceId: sale.data.invoice.id,
      amount: 4_000,
      method: 'cash',
      idempotencyKey: 'audit-money-1',
    })
    expect(paid.status, JSON.stringify(paid.data)).toBe(201)

    const money = await call('GET', `/api/audit/changes?since=${cp.data.id}&money=true`, 'auditor')
    expect(money.status).toBe(200)
    const items = money.data.items as Array<{ action: string; area: string; subject: { type: string; label: string } }>
    expect(items.map((i) => [i.action, i.area, i.subject.type])).toEqual([
      ['passes.sell', 'money', 'invoice'],
      ['payments.take', 'money', 'payment'],
    ])
    expect(items[0].subject.label).toBe(`${sale.data.invoice.number} · Karen Sargsyan`)
    expect(items[1].subject.label).toBe(`${sale.data.invoice.number} · Karen Sargsyan`)
    const area = await call('GET', `/api/audit/changes?since=${cp.data.id}&area=money`, 'auditor')
    expect(area.data.items.map((i: { action: string }) => i.action)).toContain('passes.plans.create')
  })
})
