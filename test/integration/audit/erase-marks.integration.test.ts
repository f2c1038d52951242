import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../../db/client'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * An erasure reaches the auditors' marks: a mark on a change about the client keeps who marked it
 * and how, but its comment becomes "[erased]"; a comment on another change loses only the words that
 * name the person. The marks stay append-only for everyone else.
 */

let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception', 'auditor']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (method: string, path: string, cookie: string, json?: unknown) => apiCaller(server)(method, path, cookie, json, 'en')

interface Item {
  id: number
  action: string | null
  subject: { type: string; id: string | null }
  mark: { status: string; comment: string | null; by: { login: string } | null; assignee: { id: string } | null } | null
}

async function changes(query: string): Promise<Item[]> {
  const res = await call('GET', `/api/audit/changes?since=start&limit=500&${query}`, cookies.auditor)
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  return res.data.items as Item[]
}

describe('erasing a client redacts the auditors’ comments that name them', () => {
  it('keeps the marks, clears comments on the client’s changes and the name and phone elsewhere', async () => {
    const created = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Lusine',
      lastName: 'Abrahamyan',
      birthDate: '1992-05-05',
      phone: '+37491555777',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(created.status, JSON.stringify(created.data)).toBe(201)
    const clientId = created.data.id as string
    // another change, not about her: a branch renamed
    const renamed = await call('PATCH', `/api/branches/${center.central.branch.id}`, cookies.owner, { phone: '+374 10 000000' })
    expect(renamed.status, JSON.stringify(renamed.data)).toBe(200)

    const [create] = (await changes(`area=clients`)).filter((i) => i.action === 'clients.create' && i.subject.id === clientId)
    const [branch] = (await changes(`area=settings`)).filter((i) => i.action === 'branches.update').slice(-1)
    expect(create && branch).toBeTruthy()
    const mark = (id: number, comment: string) =>
      call('PUT', `/api/audit/changes/${id}/mark`, cookies.auditor, {
        status: 'queried',
        comment,
        assigneeId: center.staff.manager.id,
      })
    expect((await mark(create.id, 'Lusine has no guardian on file, call her')).status).toBe(200)
    expect((await mark(branch.id, 'Changed the day LUSINE ABRAHAMYAN complained; she called from +37491555777.')).status).toBe(
      200,
    )

    const erased = await call('POST', `/api/clients/${clientId}/erase`, cookies.owner, { reason: 'Erasure request 12' })
    expect(erased.status, JSON.stringify(erased.data)).toBe(200)

    const after = new Map((await changes('')).map((i) => [i.id, i]))
    expect(after.get(create.id)?.mark).toMatchObject({ status: 'queried', comment: '[erased]', by: { login: 'auditor' } })
    expect(after.get(branch.id)?.mark).toMatchObject({
      status: 'queried',
      comment: 'Changed the day [erased] complained; she called from [erased].',
      assignee: { id: center.staff.manager.id },
    })
    // the step is on the trail
    expect([...after.values()].some((i) => i.action === 'audit.erase_client' && i.subject.id === clientId)).toBe(true)
    // and the marks stay append-only outside an erasure
    await expect(database.db.execute(sql`update audit_marks set comment = 'x'`)).rejects.toThrow()
    const [left] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_marks where comment ilike '%lusine%' or comment like '%91555777%'`,
    )
    expect(Number(left.n)).toBe(0)
  })
})
