import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { auditLog, clients } from '../../../db/schema/index'
import { profileOf } from '../../../domain/docs/client-file'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { buildStaff } from '../../support/factories'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { connect, login, waitFor } from '../collab/helpers'

/**
 * Issue #17, "which client fields are mandatory, per age category": each age category may have its
 * own mandatory fields (`requiredByCategory`); a category without a list follows the center's
 * (`requiredFields`, the setting as it was before). Registration and the file's completeness (the
 * `file_incomplete` flag) ask for the fields of the client's category.
 */
let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}
const call = (method: string, path: string, who: string, json?: unknown) =>
  apiCaller(server)(method, path, cookies[who], json, 'en')

// born on 1 January: their age is the same whatever today's date in the year
const year = new Date().getUTCFullYear()
const child = (over: Record<string, unknown> = {}) => ({
  firstName: 'Lia',
  lastName: `Junior${Math.floor(Math.random() * 1e6)}`,
  birthDate: `${year - 8}-01-01`,
  consent: true,
  guardians: [{ name: 'Ara Parent', relation: 'father', phone: '+374 91 123456', canPickUp: true }],
  confirmNotDuplicate: true,
  ...over,
})
const adult = (over: Record<string, unknown> = {}) => ({
  firstName: 'Gor',
  lastName: `Adult${Math.floor(Math.random() * 1e6)}`,
  birthDate: `${year - 30}-01-01`,
  phone: '+374 91 654321',
  consent: true,
  confirmNotDuplicate: true,
  ...over,
})
const flags = async (id: string) => (await database.db.select().from(clients).where(eq(clients.id, id)))[0].flags

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['manager', 'reception']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('mandatory fields per age category', () => {
  it('keeps the old setting as every category’s until a category has its own list', async () => {
    const s = await call('GET', '/api/settings/registration', 'reception')
    expect(s.status).toBe(200)
    expect(s.data.requiredByCategory).toEqual({})
    expect(s.data.requiredFields).toContain('birthDate')
    // the email is nobody's mandatory field yet
    expect((await call('POST', '/api/clients', 'reception', child())).status).toBe(201)
  })

  it('a field mandatory for children only refuses a child without it (400 naming the field) and accepts an adult', async () => {
    const put = await call('PUT', '/api/settings/registration', 'manager', {
      requiredByCategory: { junior: ['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'consent', 'email'] },
    })
    expect(put.status).toBe(200)
    expect(put.data.requiredByCategory.junior).toContain('email')
    expect(put.data.requiredFields).not.toContain('email')
    const [trail] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update'))
    expect(trail).toBeTruthy()

    const refused = await call('POST', '/api/clients', 'reception', child())
    expect(refused.status).toBe(400)
    expect(refused.data.error.fields).toEqual({ email: 'Email is required' })
    expect((await call('POST', '/api/clients', 'reception', adult())).status).toBe(201)
    expect((await call('POST', '/api/clients', 'reception', child({ email: 'lia@example.org' }))).status).toBe(201)
  })

  it('the file’s completeness follows the client’s category', async () => {
    const kid = await call('POST', '/api/clients', 'reception', child({ email: 'kid@example.org' }))
    const grown = await call('POST', '/api/clients', 'reception', adult({ email: 'grown@example.org' }))
    expect([kid.status, grown.status]).toEqual([201, 201])
    const a = connect(server, cookies.reception, `client:${kid.data.id}`)
    const b = connect(server, cookies.reception, `client:${grown.data.id}`)
    await Promise.all([a.synced(), b.synced()])
    // the adult's email goes: their category does not ask for it
    b.doc.transact(() => profileOf(b.doc).set('email', ''))
    await waitFor(
      async () => (await database.db.select().from(clients).where(eq(clients.id, grown.data.id)))[0].email === null,
      1500,
      'adult projected',
    )
    expect(await flags(grown.data.id)).not.toContain('file_incomplete')
    // the child's email goes: their file turns incomplete
    a.doc.transact(() => profileOf(a.doc).set('email', ''))
    await waitFor(async () => (await flags(kid.data.id)).includes('file_incomplete'), 1500, 'child flagged')
    a.destroy()
    b.destroy()
  })

  it('refuses a list for a category that does not exist, naming it, and a receptionist', async () => {
    const bad = await call('PUT', '/api/settings/registration', 'manager', { requiredByCategory: { toddler: ['email'] } })
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields).toHaveProperty(['requiredByCategory.toddler'])
    const junk = await call('PUT', '/api/settings/registration', 'manager', { requiredByCategory: { junior: ['shoeSize'] } })
    expect(junk.status).toBe(400)
    expect(Object.keys(junk.data.error.fields)[0]).toMatch(/^requiredByCategory/)
    expect((await call('PUT', '/api/settings/registration', 'reception', { requiredByCategory: {} })).status).toBe(403)
    // a category removed takes its list with it
    const s = (await call('GET', '/api/settings/registration', 'manager')).data
    const put = await call('PUT', '/api/settings/registration', 'manager', {
      ageCategories: s.ageCategories.filter((c: { key: string }) => c.key !== 'junior'),
    })
    expect(put.status).toBe(200)
    expect(put.data.requiredByCategory).toEqual({})
  })
})
