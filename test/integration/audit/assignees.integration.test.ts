import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #16: GET /api/audit/assignees lists whom a queried change can be assigned to (the active
 * users: id, login, name) for the audit's readers, who may not list users otherwise.
 */

let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  await buildTwoBranches(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'auditor']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (path: string, cookie: string) => apiCaller(server)('GET', path, cookie, undefined, 'en')

describe('GET /api/audit/assignees', () => {
  it('gives the auditor and the owner the active users, id, login and name only', async () => {
    for (const who of ['auditor', 'owner']) {
      const res = await call('/api/audit/assignees', cookies[who])
      expect(res.status, JSON.stringify(res.data)).toBe(200)
      const items = (res.data as { items: Array<Record<string, unknown>> }).items
      const manager = items.find((u) => u.login === 'manager')
      expect(manager).toBeTruthy()
      expect(Object.keys(manager!).sort()).toEqual(['id', 'login', 'name'])
      expect(items.map((u) => u.login)).toContain('auditor')
    }
  })
  it('refuses those who do not read the audit, and the signed out', async () => {
    expect((await call('/api/audit/assignees', cookies.manager)).status).toBe(403)
    expect((await call('/api/audit/assignees', '')).status).toBe(401)
  })
})
