import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { reviewPassAlerts } from '../../../server/modules/passes/pass-alerts'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { login } from '../collab/helpers'
import { buildVisitsCenter, openAlerts } from './visits-support'

/**
 * A client who leaves the center takes their pass flags off the wall in the status change itself
 * (the `client.statusChanged` hook, in its transaction), not at the next nightly review; one who
 * comes back gets them again as their passes stand.
 */
let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildVisitsCenter>>

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildVisitsCenter(database.db)
  server = await startTestServer(database)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('a client who leaves', () => {
  it('takes their pass flags off at once, and gets them back on returning', async () => {
    const call = apiCaller(server)
    const reception = await login(server, 'reception')
    const gone = await center.client(center.central.group.id, 'Leaving')
    const pass = await center.pass(gone.id, { sessions: 3, used: 3 })
    const other = await center.pass((await center.client(center.central.group.id, 'Staying')).id, { sessions: 3, used: 3 })
    await reviewPassAlerts(database.db, [pass.id, other.id], null)
    expect(await openAlerts(database.db, `pass:${pass.id}`)).toEqual(['pass_used_up'])

    // refused (leaving needs a reason): nothing changes
    const refused = await call('POST', `/api/clients/${gone.id}/status`, reception, { status: 'left' })
    expect(refused.status).toBe(400)
    expect(await openAlerts(database.db, `pass:${pass.id}`)).toEqual(['pass_used_up'])

    const left = await call('POST', `/api/clients/${gone.id}/status`, reception, { status: 'left', reason: 'moved' })
    expect(left.status, JSON.stringify(left.data)).toBe(200)
    expect(await openAlerts(database.db, `pass:${pass.id}`)).toEqual([])
    // cleared by the one who changed the status, in the same transaction as the change
    const [cleared] = await queryRows<{ by: string }>(
      database.db,
      sql`select a.cleared_by::text as by from alerts a where a.subject = ${'pass:' + pass.id} and a.cleared_at is not null`,
    )
    expect(cleared.by).toBe(center.staff.reception.id)
    // another client's flag is not touched
    expect(await openAlerts(database.db, `pass:${other.id}`)).toEqual(['pass_used_up'])

    const back = await call('POST', `/api/clients/${gone.id}/status`, reception, { status: 'active' })
    expect(back.status, JSON.stringify(back.data)).toBe(200)
    expect(await openAlerts(database.db, `pass:${pass.id}`)).toEqual(['pass_used_up'])
  })
})
