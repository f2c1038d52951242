import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import type { RunningServer } from '../../../server/server'
import { login } from '../collab/helpers'
import { buildStaff } from '../../support/factories'
import { medicalViews } from '../../../db/schema/index'

/** Issue #11 point 3: bulk exports of personal data, and reading a medical file's history. */
let database: TestDatabase
let server: RunningServer
let staff: Awaited<ReturnType<typeof buildStaff>>
let clientId: string
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception', 'teacher', 'auditor', 'accountant']) cookies[l] = await login(server, l)
  const res = await call('POST', '/api/clients', cookies.reception, {
    firstName: 'Mira',
    lastName: 'Export',
    birthDate: '1990-04-02',
    phone: '+49 30 5550 9911',
    consent: true,
    confirmNotDuplicate: true,
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  clientId = res.data.id
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

describe('the client list as CSV (a bulk export of personal data)', () => {
  it('is for owners and managers only', async () => {
    for (const login of ['owner', 'manager']) {
      const res = await call('GET', '/api/clients/export.csv', cookies[login])
      expect(res.status, login).toBe(200)
      expect(res.text).toContain('+49 30 5550 9911')
    }
    for (const login of ['reception', 'teacher', 'auditor', 'accountant']) {
      const res = await call('GET', '/api/clients/export.csv', cookies[login])
      expect(res.status, login).toBe(403)
      expect(res.text).not.toContain('5550 9911')
    }
  })
})

describe('the medical file’s history', () => {
  it('records a medical view, exactly like opening the medical file', async () => {
    const views = () =>
      database.db
        .select()
        .from(medicalViews)
        .where(and(eq(medicalViews.clientId, clientId), eq(medicalViews.userId, staff.manager.id)))
    expect(await views()).toHaveLength(0)
    const res = await call('GET', `/api/docs/${encodeURIComponent(`client-medical:${clientId}`)}/history`, cookies.manager)
    expect(res.status).toBe(200)
    const rows = await views()
    expect(rows).toHaveLength(1)
    expect(rows[0].what).toBe('document')
    // refused readers leave no view and see nothing
    const refused = await call('GET', `/api/docs/${encodeURIComponent(`client-medical:${clientId}`)}/history`, cookies.reception)
    expect(refused.status).toBe(403)
    expect(
      await database.db
        .select()
        .from(medicalViews)
        .where(and(eq(medicalViews.clientId, clientId), eq(medicalViews.userId, staff.reception.id))),
    ).toHaveLength(0)
  })
})
