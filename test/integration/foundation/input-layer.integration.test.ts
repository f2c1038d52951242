import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, eq } from 'drizzle-orm'
import { auditLog, branches, clients } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildStaff } from '../../support/factories'
import { login } from '../collab/helpers'

/**
 * Issue #11 point 5, the requests that were answered 500: NUL bytes and lone surrogates in
 * strings, impossible dates that pass a pattern, a duplicate name on PATCH, overflowing cursors,
 * malformed JSON. Each is a 400/409 naming the field, and changes nothing.
 */

let database: TestDatabase
let server: RunningServer
let owner: string
const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)
const countOf = async (table: typeof clients | typeof branches | typeof auditLog) =>
  (await database.db.select({ n: count() }).from(table))[0].n

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  owner = await login(server, 'owner')
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const registration = (over: Record<string, unknown> = {}) => ({
  firstName: 'Leo',
  lastName: 'Adler',
  birthDate: '1990-01-02',
  consent: true,
  source: 'referral',
  phone: '+49 170 1112223',
  ...over,
})

describe('strings: no NUL, no lone surrogate, anywhere', () => {
  it('a NUL in a body field is a 400 naming the field, and nothing is written', async () => {
    const before = await countOf(branches)
    const res = await call('POST', '/api/branches', owner, { name: 'North\u0000', address: 'x' })
    expect(res.status).toBe(400)
    expect(res.data.error.code).toBe('validation_error')
    expect(res.data.error.fields).toHaveProperty('name')
    expect(await countOf(branches)).toBe(before)
  })

  it('a lone surrogate in a registration is refused before anything is written: no half client, no audit row', async () => {
    const [c0, a0] = [await countOf(clients), await countOf(auditLog)]
    const res = await call('POST', '/api/clients', owner, registration({ firstName: 'Le\uD800o' }))
    expect(res.status).toBe(400)
    expect(res.data.error.fields).toHaveProperty('firstName')
    const nested = await call(
      'POST',
      '/api/clients',
      owner,
      registration({ guardians: [{ name: 'Eva', relation: 'mother', phone: '+49 170 1', email: 'e\uDC00@x.org' }] }),
    )
    expect(nested.status).toBe(400)
    expect(nested.data.error.fields).toHaveProperty(['guardians.0.email'])
    expect([await countOf(clients), await countOf(auditLog)]).toEqual([c0, a0])
  })

  it('a NUL in a query string or a path parameter is a 400 naming it', async () => {
    const q = await call('GET', '/api/clients?q=' + encodeURIComponent('Ad\u0000'), owner)
    expect(q.status).toBe(400)
    expect(q.data.error.fields).toHaveProperty('q')
    const key = await call('POST', '/api/branches', owner, JSON.parse('{"name":"Key","address":"x","\\u0000":"y"}'))
    expect(key.status).toBeLessThan(500)
  })
})

describe('dates and numbers are real values', () => {
  it('2026-02-31 matches YYYY-MM-DD but is no date: 400 naming the field', async () => {
    const res = await call('POST', '/api/closures', owner, {
      branchId: null,
      fromDate: '2026-02-31',
      toDate: '2026-03-02',
      name: 'Holiday',
    })
    expect(res.status).toBe(400)
    expect(res.data.error.fields).toHaveProperty('fromDate')
    const week = await call(
      'GET',
      '/api/lessons?branchId=00000000-0000-4000-8000-000000000000&from=2026-01-01&to=2026-13-01',
      owner,
    )
    expect(week.status).toBe(400)
    expect(week.data.error.fields).toHaveProperty('to')
    const since = await call('GET', '/api/audit/log?since=' + encodeURIComponent('2026-02-30T10:00:00Z'), owner)
    expect(since.status).toBe(400)
    expect(since.data.error.fields).toHaveProperty('since')
  })

  it('a generation range of centuries is refused, naming `to`', async () => {
    const res = await call('POST', '/api/timetable/generate', owner, {
      branchId: '00000000-0000-4000-8000-000000000000',
      from: '1900-01-01',
      to: '2200-12-31',
    })
    expect(res.status).toBe(400)
    expect(res.data.error.fields).toHaveProperty('to')
  })

  it('overflowing and tampered cursors are a 400 naming `cursor`', async () => {
    for (const path of [
      '/api/audit/log?cursor=99999999999999999999999',
      '/api/docs/' +
        encodeURIComponent('workspace:00000000-0000-4000-8000-000000000000') +
        '/history?cursor=99999999999999999999',
      '/api/clients?sort=newest&cursor=' +
        Buffer.from(JSON.stringify({ s: 'c', t: '-999999999999999999', i: '00000000-0000-4000-8000-000000000000' })).toString(
          'base64url',
        ),
      '/api/clients?cursor=' +
        Buffer.from(JSON.stringify({ s: 'n', l: 'A\u0000', f: 'B', i: '00000000-0000-4000-8000-000000000000' })).toString(
          'base64url',
        ),
      '/api/clients?cursor=not-a-cursor',
    ]) {
      const res = await call('GET', path, owner)
      expect(res.status, path).toBe(400)
      expect(res.data.error.fields, path).toHaveProperty('cursor')
    }
    const alert = await call('POST', '/api/alerts/99999999999999999999/acknowledge', owner)
    expect(alert.status).toBe(400)
    expect(alert.data.error.fields).toHaveProperty('id')
  })
})

describe('database refusals are answers, not crashes', () => {
  it('renaming a branch to a name another branch has is a 409 naming `name`', async () => {
    const a = await call('POST', '/api/branches', owner, { name: 'East', address: 'x' })
    const b = await call('POST', '/api/branches', owner, { name: 'West', address: 'y' })
    expect([a.status, b.status]).toEqual([201, 201])
    const audits = await countOf(auditLog)
    const res = await call('PATCH', `/api/branches/${b.data.branch.id}`, owner, { name: 'East' })
    expect(res.status).toBe(409)
    expect(res.data.error.fields).toEqual({ name: expect.any(String) })
    expect(JSON.stringify(res.data)).not.toMatch(/\bat |\.ts:|postgres/i)
    const [west] = await database.db.select().from(branches).where(eq(branches.id, b.data.branch.id))
    expect(west.name).toBe('West')
    expect(await countOf(auditLog)).toBe(audits)
  })

  it('malformed JSON is a 400; an upper-case UUID names the same row as its lower-case spelling', async () => {
    const res = await fetch(server.url + '/api/branches', {
      method: 'POST',
      headers: { cookie: owner, origin: server.url, 'content-type': 'application/json' },
      body: '{"name": "x",',
    })
    expect(res.status).toBe(400)
    const created = await call('POST', '/api/clients', owner, registration({ confirmNotDuplicate: true }))
    expect(created.status).toBe(201)
    const upper = await call('GET', `/api/clients/${created.data.id.toUpperCase()}`, owner)
    expect(upper.status).toBe(200)
    expect(upper.data.client.id).toBe(created.data.id)
    expect(upper.data.client.document).toBe(`client:${created.data.id}`)
  })
})
