import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, count, eq, isNull } from 'drizzle-orm'
import * as Y from 'yjs'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildStaff } from '../../support/factories'
import { alerts, auditLog, clientGuardians, clients, clientStatusHistory, docUpdates } from '../../../db/schema/index'
import { guardiansOf, profileOf, readClientFile } from '../../../domain/docs/client-file'
import type { RunningServer } from '../../../server/server'
import { connect, login, waitFor } from '../collab/helpers'

let database: TestDatabase
let server: RunningServer
let staff: Awaited<ReturnType<typeof buildStaff>>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception', 'reception2', 'teacher', 'storekeeper', 'auditor'])
    cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

const minor = (over: Record<string, unknown> = {}) => ({
  firstName: 'Mia',
  lastName: 'Kern',
  birthDate: '2017-04-12',
  consent: true,
  source: 'referral',
  guardians: [{ name: 'Eva Kern', relation: 'mother', phone: '+49 170 1234567', email: 'eva@example.org', canPickUp: true }],
  ...over,
})

async function clientCount() {
  const [{ n }] = await database.db.select({ n: count() }).from(clients)
  return n
}

describe('registration', () => {
  it('registers a minor with a guardian: row, guardians, status history, audit row and the live file', async () => {
    const res = await call('POST', '/api/clients', cookies.reception, minor())
    expect(res.status).toBe(201)
    const id = res.data.id
    expect(res.data.client).toMatchObject({ name: 'Mia Kern', status: 'lead', ageCategory: '6–9' })
    const [row] = await database.db.select().from(clients).where(eq(clients.id, id))
    expect(row.createdBy).toBe(staff.reception.id)
    expect(await database.db.select().from(clientGuardians).where(eq(clientGuardians.clientId, id))).toHaveLength(1)
    expect(await database.db.select().from(clientStatusHistory).where(eq(clientStatusHistory.clientId, id))).toHaveLength(1)
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'clients.create'), eq(auditLog.entityId, id)))
    expect(audit.actorId).toBe(staff.reception.id)
    // the file document was written as the receptionist
    const updates = await database.db
      .select()
      .from(docUpdates)
      .where(eq(docUpdates.doc, `client:${id}`))
    expect(updates.length).toBeGreaterThan(0)
    expect(updates[0].userId).toBe(staff.reception.id)
    const doc = new Y.Doc()
    for (const u of updates) Y.applyUpdate(doc, u.update)
    expect(readClientFile(doc).profile).toMatchObject({ firstName: 'Mia', birthDate: '2017-04-12' })
    expect(readClientFile(doc).guardians[0]).toMatchObject({ name: 'Eva Kern', relation: 'mother' })
  })

  it('refuses a minor without a guardian, naming the field, and saves nothing', async () => {
    const before = await clientCount()
    const res = await call('POST', '/api/clients', cookies.reception, minor({ firstName: 'Noah', guardians: [] }))
    expect(res.status).toBe(400)
    expect(res.data.error.code).toBe('validation_error')
    expect(res.data.error.fields.guardians).toMatch(/under 18/)
    expect(await clientCount()).toBe(before)
  })

  it('refuses future and pre-1900 birth dates, malformed phones and emails', async () => {
    const before = await clientCount()
    const future = await call('POST', '/api/clients', cookies.reception, minor({ birthDate: '2099-01-01' }))
    expect(future.data.error.fields.birthDate).toMatch(/future/)
    const old = await call('POST', '/api/clients', cookies.reception, minor({ birthDate: '1850-01-01' }))
    expect(old.data.error.fields.birthDate).toMatch(/1900/)
    const bad = await call(
      'POST',
      '/api/clients',
      cookies.reception,
      minor({ phone: 'call me maybe', email: 'nope@', guardians: [{ name: 'X', relation: 'father', phone: '12' }] }),
    )
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.data.error.fields)).toEqual(expect.arrayContaining(['phone', 'email', 'guardians.0.phone']))
    const types = await call('POST', '/api/clients', cookies.reception, { firstName: 5, guardians: 'none' })
    expect(types.status).toBe(400)
    expect(await clientCount()).toBe(before)
  })

  it('requires the fields managers configure', async () => {
    const put = await call('PUT', '/api/settings/registration', cookies.manager, {
      requiredFields: ['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'consent', 'email'],
    })
    expect(put.status).toBe(200)
    const res = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Ola',
      lastName: 'Nord',
      birthDate: '1990-02-02',
      phone: '+47 912 34 567',
      consent: true,
    })
    expect(res.status).toBe(400)
    expect(res.data.error.fields.email).toBeTruthy()
    expect((await call('PUT', '/api/settings/registration', cookies.reception, { requiredFields: [] })).status).toBe(403)
    await call('PUT', '/api/settings/registration', cookies.manager, {
      requiredFields: ['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'consent'],
    })
  })

  it('warns about a duplicate (same name and birth date, or same phone) before creating, and creates on confirmation', async () => {
    const first = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Liam',
      lastName: 'Berg',
      birthDate: '1985-06-01',
      phone: '+49 151 5550001',
      consent: true,
    })
    expect(first.status).toBe(201)
    const again = await call('POST', '/api/clients', cookies.reception2, {
      firstName: 'liam',
      lastName: 'berg',
      birthDate: '1985-06-01',
      phone: '+49 151 9999999',
      consent: true,
    })
    expect(again.status).toBe(409)
    expect(again.data.error.code).toBe('possible_duplicate')
    expect(again.data.error.duplicates[0].id).toBe(first.data.id)
    const samePhone = await call(
      'GET',
      `/api/clients/duplicates?phone=${encodeURIComponent('+49 (151) 555-0001')}`,
      cookies.reception,
    )
    expect(samePhone.data.duplicates.map((d: { id: string }) => d.id)).toContain(first.data.id)
    const confirmed = await call('POST', '/api/clients', cookies.reception2, {
      firstName: 'Liam',
      lastName: 'Berg',
      birthDate: '1985-06-01',
      phone: '+49 151 9999999',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(confirmed.status).toBe(201)
  })

  it('links a family through a shared guardian and shows them together', async () => {
    const a = await call(
      'POST',
      '/api/clients',
      cookies.reception,
      minor({
        firstName: 'Ben',
        lastName: 'Ortiz',
        birthDate: '2015-01-10',
        guardians: [{ name: 'Rosa Ortiz', relation: 'mother', phone: '+34 600 111 222' }],
      }),
    )
    const known = await call(
      'GET',
      `/api/clients/duplicates?guardianPhone=${encodeURIComponent('+34600111222')}`,
      cookies.reception,
    )
    expect(known.data.knownGuardians[0]).toMatchObject({ name: 'Rosa Ortiz', child: { id: a.data.id } })
    const b = await call(
      'POST',
      '/api/clients',
      cookies.reception,
      minor({
        firstName: 'Lea',
        lastName: 'Ortiz',
        birthDate: '2019-09-09',
        guardians: [{ name: 'Rosa Ortiz', relation: 'mother', phone: '+34 600 111 222' }],
      }),
    )
    expect(b.status).toBe(201)
    const file = await call('GET', `/api/clients/${a.data.id}`, cookies.teacher)
    expect(file.status).toBe(200)
    expect(file.data.client.family.map((f: { name: string }) => f.name)).toEqual(['Lea Ortiz'])
    expect(file.data.client.guardians[0].name).toBe('Rosa Ortiz')
  })

  it('records status changes, with a reason required on leaving', async () => {
    const c = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Zoe',
      lastName: 'Adams',
      birthDate: '1999-03-03',
      phone: '+44 7700 900123',
      consent: true,
    })
    const id = c.data.id
    expect(
      (await call('POST', `/api/clients/${id}/status`, cookies.reception, { status: 'trial', note: ' First lesson Tuesday ' }))
        .status,
    ).toBe(200)
    const noReason = await call('POST', `/api/clients/${id}/status`, cookies.reception, { status: 'left' })
    expect(noReason.status).toBe(400)
    expect(noReason.data.error.fields.reason).toBeTruthy()
    expect(
      (
        await call('POST', `/api/clients/${id}/status`, cookies.reception, {
          status: 'left',
          reason: 'schedule',
          note: 'Evening classes only',
        })
      ).status,
    ).toBe(200)
    const file = await call('GET', `/api/clients/${id}`, cookies.manager)
    expect(file.data.client.statusHistory.map((h: { to: string }) => h.to)).toEqual(['lead', 'trial', 'left'])
    // the leave reason's code and the note typed beside it, each in its own field; a note alone on another change
    expect(file.data.client.statusHistory.map((h: { reason: string | null; note: string | null }) => [h.reason, h.note])).toEqual(
      [
        [null, null],
        [null, 'First lesson Tuesday'],
        ['schedule', 'Evening classes only'],
      ],
    )
    expect(file.data.client.leaveReason).toBe('schedule')
    expect((await call('POST', `/api/clients/${id}/status`, cookies.teacher, { status: 'active' })).status).toBe(403)
  })
})

describe('the live client file', () => {
  it('projects edits into the clients table within a second, and flags a minor whose only guardian was removed', async () => {
    const res = await call(
      'POST',
      '/api/clients',
      cookies.reception,
      minor({
        firstName: 'Tom',
        lastName: 'Field',
        birthDate: '2016-02-02',
        guardians: [{ name: 'Ann Field', relation: 'mother', phone: '+49 160 7654321' }],
      }),
    )
    const id = res.data.id
    const a = connect(server, cookies.reception, `client:${id}`)
    const b = connect(server, cookies.reception2, `client:${id}`)
    await Promise.all([a.synced(), b.synced()])
    a.doc.transact(() => profileOf(a.doc).set('lastName', 'Fielding'))
    await waitFor(() => profileOf(b.doc).get('lastName') === 'Fielding', 2000, 'b sees the edit')
    await waitFor(
      async () => (await database.db.select().from(clients).where(eq(clients.id, id)))[0].lastName === 'Fielding',
      1500,
      'projection',
    )
    // remove the only guardian: the edit stays, the file turns red and an alert is raised
    const key = [...guardiansOf(b.doc).keys()][0]
    b.doc.transact(() => guardiansOf(b.doc).delete(key))
    await waitFor(
      async () => (await database.db.select().from(clients).where(eq(clients.id, id)))[0].flags.includes('file_incomplete'),
      1500,
      'red flag',
    )
    const open = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.subject, `client:${id}`), isNull(alerts.clearedAt)))
    expect(open).toHaveLength(1)
    expect(open[0].kind).toBe('client_file_incomplete')
    const feed = await call('GET', `/api/alerts?open=true&subject=client:${id}`, cookies.reception)
    expect(feed.data.items).toHaveLength(1)
    // another edit while incomplete does not open a second alert
    a.doc.transact(() => profileOf(a.doc).set('phone', '+49 160 1111111'))
    await new Promise((r) => setTimeout(r, 600))
    expect(
      await database.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.subject, `client:${id}`), isNull(alerts.clearedAt))),
    ).toHaveLength(1)
    // a guardian again: flag and alert clear
    a.doc.transact(() => {
      const m = new Y.Map<unknown>()
      m.set('name', 'Ann Field')
      m.set('relation', 'mother')
      m.set('phone', '+49 160 7654321')
      guardiansOf(a.doc).set('g2', m)
    })
    await waitFor(
      async () => !(await database.db.select().from(clients).where(eq(clients.id, id)))[0].flags.includes('file_incomplete'),
      1500,
      'flag cleared',
    )
    expect(
      await database.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.subject, `client:${id}`), isNull(alerts.clearedAt))),
    ).toHaveLength(0)
    // every stored update names its author
    const authors = new Set(
      (
        await database.db
          .select()
          .from(docUpdates)
          .where(eq(docUpdates.doc, `client:${id}`))
      ).map((u) => u.userId),
    )
    expect(authors).toEqual(new Set([staff.reception.id, staff.reception2.id]))
    a.destroy()
    b.destroy()
  })

  it('lets a teacher add an observation through the API, stamped with the teacher, but not edit the file directly', async () => {
    const res = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Ivy',
      lastName: 'Stone',
      birthDate: '2000-01-01',
      phone: '+49 30 1234567',
      consent: true,
    })
    const id = res.data.id
    const obs = await call('POST', `/api/clients/${id}/observations`, cookies.teacher, {
      text: 'Focused well on the new gearbox task',
      activity: 'Robotics',
    })
    expect(obs.status).toBe(201)
    const t = connect(server, cookies.teacher, `client:${id}`)
    await t.synced()
    const file = readClientFile(t.doc)
    expect(file.observations).toHaveLength(1)
    expect(file.observations[0]).toMatchObject({ authorId: staff.teacher.id, text: 'Focused well on the new gearbox task' })
    await waitFor(() => t.notices.some((n) => n.type === 'read-only'), 2000, 'read-only notice')
    t.doc.transact(() => profileOf(t.doc).set('lastName', 'Hacked'))
    await new Promise((r) => setTimeout(r, 400))
    const [row] = await database.db.select().from(clients).where(eq(clients.id, id))
    expect(row.lastName).toBe('Stone')
    const empty = await call('POST', `/api/clients/${id}/observations`, cookies.teacher, { text: '' })
    expect(empty.status).toBe(400)
    t.destroy()
  })

  it('refuses storekeepers the client file altogether', async () => {
    const res = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Max',
      lastName: 'Ray',
      birthDate: '1995-05-05',
      phone: '+49 30 7654321',
      consent: true,
    })
    const s = connect(server, cookies.storekeeper, `client:${res.data.id}`)
    await waitFor(() => s.closes.some((c) => c.code === 4403), 3000, '4403')
    s.destroy()
    expect((await call('GET', `/api/clients/${res.data.id}`, cookies.storekeeper)).status).toBe(403)
  })
})
