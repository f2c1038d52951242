import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { auditLog, users } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #17, "every user opens on their own branch (remembered per user)": the branch a user chose
 * is kept on the server (PUT /api/me/preferences) and given back by /api/auth/me and the sign-in's
 * answer, so another browser opens on it. Only a branch they work in (403 naming branchId), one that
 * exists (400 naming branchId); audited.
 */
let database: TestDatabase
let server: RunningServer
let world: Awaited<ReturnType<typeof buildTwoBranches>>
const call = (method: string, path: string, cookie: string | null, json?: unknown) =>
  apiCaller(server)(method, path, cookie, json, 'en')

beforeAll(async () => {
  database = await createTestDatabase()
  world = await buildTwoBranches(database.db)
  server = await startTestServer(database)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('the branch one opens on', () => {
  it('is not chosen at first, then kept for the user and given back on every sign-in', async () => {
    const first = await login(server, 'manager')
    const me = await call('GET', '/api/auth/me', first)
    expect(me.data.preferences).toEqual({ branchId: null })
    const saved = await call('PUT', '/api/me/preferences', first, { branchId: world.riverside.branch.id })
    expect(saved.status).toBe(200)
    expect(saved.data.preferences).toEqual({ branchId: world.riverside.branch.id })
    // another browser: a new session
    const other = await login(server, 'manager')
    expect((await call('GET', '/api/auth/me', other)).data.preferences.branchId).toBe(world.riverside.branch.id)
    const signIn = await call('POST', '/api/auth/login', null, { login: 'manager', password: 'clubroom' })
    expect(signIn.data.preferences).toEqual({ branchId: world.riverside.branch.id })
    const trail = await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.preferences_change'))
    expect(trail).toHaveLength(1)
    expect(trail[0]).toMatchObject({ entity: 'user', after: { branchId: world.riverside.branch.id } })
  })

  it('refuses a branch the user does not work in (403 naming branchId), changing nothing', async () => {
    const desk = await login(server, 'reception2')
    expect((await call('PUT', '/api/me/preferences', desk, { branchId: world.riverside.branch.id })).status).toBe(200)
    const other = await call('PUT', '/api/me/preferences', desk, { branchId: world.central.branch.id })
    expect(other.status).toBe(403)
    expect(other.data.error.fields.branchId).toBe('This belongs to a branch you do not work in')
    const [row] = await database.db.select().from(users).where(eq(users.login, 'reception2'))
    expect(row.lastBranchId).toBe(world.riverside.branch.id)
  })

  it('refuses a branch that does not exist and bad input with a 400 naming branchId', async () => {
    const desk = await login(server, 'reception')
    const missing = await call('PUT', '/api/me/preferences', desk, { branchId: '00000000-0000-4000-8000-000000000000' })
    expect(missing.status).toBe(400)
    expect(missing.data.error.fields.branchId).toBe('No such branch')
    for (const body of [{ branchId: 'central' }, {}, { branchId: null }]) {
      const bad = await call('PUT', '/api/me/preferences', desk, body)
      expect(bad.status).toBe(400)
      expect(bad.data.error.fields).toHaveProperty('branchId')
    }
    expect((await call('PUT', '/api/me/preferences', null, { branchId: world.central.branch.id })).status).toBe(401)
  })

  it('is in the API document', async () => {
    const doc = await call('GET', '/api/openapi.json', null)
    expect(doc.data.paths['/api/me/preferences']).toHaveProperty('put')
  })
})
