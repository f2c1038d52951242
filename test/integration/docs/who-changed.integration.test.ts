import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildBranch, buildStaff, buildUser } from '../../support/factories'
import { profileOf, traitsOf } from '../../../domain/docs/client-file'
import type { RunningServer } from '../../../server/server'
import { connect, login, waitFor, type TestClient } from '../collab/helpers'

/** "Who changed this": each field's last author, one field's history, under the document's read policy. */
let database: TestDatabase
let server: RunningServer
let staff: Awaited<ReturnType<typeof buildStaff>>
let branchA: string
let branchB: string
let clientId: string
const cookies: Record<string, string> = {}
const open: TestClient[] = []

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  branchA = (await buildBranch(database.db, 'North')).id
  branchB = (await buildBranch(database.db, 'South')).id
  await buildUser(database.db, { login: 'teachera', name: 'Karen North', roles: ['teacher'], branchIds: [branchA] })
  server = await startTestServer(database)
  for (const l of ['manager', 'reception', 'auditor', 'teachera']) cookies[l] = await login(server, l)
  const res = await call('POST', '/api/clients', cookies.reception, {
    firstName: 'Lena',
    lastName: 'Stone',
    birthDate: '1990-02-02',
    phone: '+49 30 1234567',
    consent: true,
  })
  expect(res.status).toBe(201)
  clientId = res.data.id
})
afterAll(async () => {
  for (const c of open) c.destroy()
  await server?.close()
  await database?.destroy()
})

async function edit(c: TestClient, fn: () => void) {
  c.doc.transact(fn)
  await waitFor(() => c.isSaved(), 5000, 'saved')
}

describe('who changed this', () => {
  it('names each field’s last author, and lists a field’s history with before → after in order', async () => {
    const doc = `client:${clientId}`
    const reception = connect(server, cookies.reception, doc)
    const manager = connect(server, cookies.manager, doc)
    open.push(reception, manager)
    await Promise.all([reception.synced(), manager.synced()])
    await edit(reception, () => profileOf(reception.doc).set('lastName', 'Fielding'))
    await edit(manager, () => traitsOf(manager.doc).set('needs', 'A quiet corner'))
    await waitFor(() => profileOf(manager.doc).get('lastName') === 'Fielding', 3000, 'manager sees the edit')
    await edit(manager, () => profileOf(manager.doc).set('lastName', 'Fields'))

    const authors = await call('GET', `/api/docs/${doc}/authors`, cookies.manager)
    expect(authors.status).toBe(200)
    const by = new Map<string, { login: string; name: string; at: string }>(
      authors.data.items.map((a: { path: string; login: string; name: string; at: string }) => [a.path, a]),
    )
    expect(by.get('profile.lastName')).toMatchObject({ login: 'manager', name: staff.manager.name })
    expect(by.get('traits.needs')).toMatchObject({ login: 'manager' })
    expect(by.get('profile.firstName')).toMatchObject({ login: 'reception', name: staff.reception.name })
    expect(Number.isNaN(Date.parse(by.get('profile.lastName')!.at))).toBe(false)
    // one row per path
    const paths = authors.data.items.map((a: { path: string }) => a.path)
    expect(new Set(paths).size).toBe(paths.length)

    const asc = await call('GET', `/api/docs/${doc}/field-history?path=profile.lastName&order=asc`, cookies.manager)
    expect(asc.status).toBe(200)
    const edits = asc.data.items
      .map((i: { actor: { login: string } | null; changes: Array<{ path: string; before: unknown; after: unknown }> }) => ({
        who: i.actor?.login,
        ...i.changes.find((c) => c.path === 'profile.lastName'),
      }))
      .filter((e: { before?: unknown }) => e.before !== undefined && e.before !== null)
    expect(edits).toEqual([
      { who: 'reception', path: 'profile.lastName', kind: 'update', before: 'Stone', after: 'Fielding' },
      { who: 'manager', path: 'profile.lastName', kind: 'update', before: 'Fielding', after: 'Fields' },
    ])
    // only that field's changes
    for (const i of asc.data.items) for (const c of i.changes) expect(c.path).toBe('profile.lastName')
    // newest first, one at a time, with a cursor
    const first = await call('GET', `/api/docs/${doc}/field-history?path=profile.lastName&limit=1`, cookies.manager)
    expect(first.data.items[0].changes[0].after).toBe('Fields')
    expect(first.data.nextCursor).not.toBeNull()
    const second = await call(
      'GET',
      `/api/docs/${doc}/field-history?path=profile.lastName&limit=1&cursor=${first.data.nextCursor}`,
      cookies.manager,
    )
    expect(second.data.items[0].changes[0]).toMatchObject({ before: 'Stone', after: 'Fielding' })

    // the auditor reads it too
    expect((await call('GET', `/api/docs/${doc}/authors`, cookies.auditor)).status).toBe(200)
  })

  it('refuses a bad path with a 400 naming the field', async () => {
    for (const bad of ['', 'profile..x', "x' or 1=1", 'a'.repeat(400)]) {
      const res = await call('GET', `/api/docs/client:${clientId}/field-history?path=${encodeURIComponent(bad)}`, cookies.manager)
      expect(res.status).toBe(400)
      expect(res.data.error.fields.path).toBeTruthy()
    }
    const order = await call('GET', `/api/docs/client:${clientId}/field-history?path=notes&order=sideways`, cookies.manager)
    expect(order.status).toBe(400)
    expect(order.data.error.fields.order).toBeTruthy()
  })

  it('follows the document’s read policy: medical only with medical access, a teacher only their branch’s weeks', async () => {
    const medical = `client-medical:${clientId}`
    expect((await call('GET', `/api/docs/${medical}/authors`, cookies.reception)).status).toBe(403)
    expect((await call('GET', `/api/docs/${medical}/field-history?path=allergies`, cookies.reception)).status).toBe(403)
    expect((await call('GET', `/api/docs/${medical}/authors`, cookies.manager)).status).toBe(200)

    const other = `timetable:${branchB}:2026-W10`
    expect((await call('GET', `/api/docs/${other}/authors`, cookies.teachera)).status).toBe(403)
    expect((await call('GET', `/api/docs/${other}/field-history?path=lessons`, cookies.teachera)).status).toBe(403)
    const own = await call('GET', `/api/docs/timetable:${branchA}:2026-W10/authors`, cookies.teachera)
    expect(own.status).toBe(200)
    expect(own.data.items).toEqual([])
    // a client who never existed has no file
    const none = await call('GET', `/api/docs/client:00000000-0000-4000-8000-000000000000/authors`, cookies.manager)
    expect(none.status).toBe(404)
  })
})
