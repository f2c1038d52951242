import { afterAll, beforeAll, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { clients } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { TEST_MODULES } from '../../support/test-area'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/** Issue #20: how a client heard of the center, asked at registration (a code of the list and an optional note). */
let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let owner: string

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database, {}, TEST_MODULES)
  owner = await login(server, 'owner')
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

it('keeps the source and its note (trimmed) on the client and in its read', async () => {
  const call = apiCaller(server)
  const res = await call(
    'POST',
    '/api/clients',
    owner,
    {
      firstName: 'Sona',
      lastName: 'Source',
      birthDate: '1990-04-04',
      phone: '+374 91 555 111',
      consent: true,
      source: 'school',
      sourceNote: '  School No. 5 open day ',
      branchId: center.central.branch.id,
      confirmNotDuplicate: true,
    },
    'en',
  )
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  const id = (res.data as { id?: string; client?: { id: string } }).client?.id ?? (res.data as { id: string }).id
  const [row] = await database.db.select().from(clients).where(eq(clients.id, id))
  expect(row).toMatchObject({ source: 'school', sourceNote: 'School No. 5 open day' })
  const read = await call('GET', `/api/clients/${id}`, owner, undefined, 'en')
  expect((read.data as { client: object }).client).toMatchObject({ source: 'school', sourceNote: 'School No. 5 open day' })
})

it('refuses a source not on the list, naming it, in the reader’s language', async () => {
  const res = await apiCaller(server)(
    'POST',
    '/api/clients',
    owner,
    {
      firstName: 'Bad',
      lastName: 'Source',
      birthDate: '1990-04-04',
      phone: '+374 91 555 112',
      consent: true,
      source: 'billboard',
    },
    'hy',
  )
  expect(res.status).toBe(400)
  expect(Object.keys((res.data as { error: { fields?: object } }).error.fields ?? {})).toContain('source')
})
