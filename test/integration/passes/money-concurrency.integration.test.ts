import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { auditLog, clients, invoiceCounters, invoices } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildActivity, buildBranch, buildStaff } from '../../support/factories'
import { login } from '../collab/helpers'

/**
 * Issue #15: invoice numbers per branch and year without gaps under concurrent sales (the counter
 * row locked in each sale's transaction), on the real PostgreSQL; payments racing on one invoice
 * never take more than is due.
 */
let database: TestDatabase
let server: RunningServer
let cookie: string
let branchId: string
let planId: string
const call = (method: string, path: string, json?: unknown) => apiCaller(server)(method, path, cookie, json, 'en')

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  branchId = (await buildBranch(database.db, 'Harbour')).id
  const activity = await buildActivity(database.db)
  server = await startTestServer(database, {}, undefined)
  cookie = await login(server, 'manager')
  const plan = await call('POST', '/api/pass-plans', {
    name: 'Robotics 8',
    activityIds: [activity.id],
    sessions: 8,
    validDays: 30,
    price: 10_000,
  })
  expect(plan.status).toBe(201)
  planId = plan.data.plan.id
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('concurrency', () => {
  it('50 parallel sales leave invoice numbers 1..50 without gaps, each with its audit row', async () => {
    const ids = await database.db
      .insert(clients)
      .values(Array.from({ length: 50 }, (_, i) => ({ firstName: `Racer${i}`, lastName: 'Test', branchId })))
      .returning({ id: clients.id })
    const results = await Promise.all(ids.map((c) => call('POST', `/api/clients/${c.id}/passes`, { planId })))
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201))
    const numbers = results.map((r) => r.data.invoice.seq as number).sort((a, b) => a - b)
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect(new Set(results.map((r) => r.data.invoice.number)).size).toBe(50)
    expect(results[0].data.invoice.number).toMatch(/^HAR-\d{4}-0000\d\d$/)
    const [counter] = await database.db.select().from(invoiceCounters).where(eq(invoiceCounters.branchId, branchId))
    expect(counter.last).toBe(50)
    expect((await database.db.select().from(auditLog).where(eq(auditLog.action, 'passes.sell'))).length).toBe(50)
  })

  it('payments racing on one invoice never take more than is due: 5 × 3 000 on 10 000 → three taken, two refused', async () => {
    const [inv] = await database.db.select().from(invoices).where(eq(invoices.branchId, branchId)).limit(1)
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        call('POST', '/api/payments', { invoiceId: inv.id, amount: 3_000, method: 'cash', idempotencyKey: `race-${i}-key` }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409])
    const account = await call('GET', `/api/clients/${inv.clientId}/account`)
    // 10 000 − 3 × 3 000
    expect(account.data.debt).toBe(1_000)
  })
})
