import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildStaff } from '../../support/factories'
import { alerts, attachments, clients } from '../../../db/schema/index'
import { medicalOf } from '../../../domain/docs/client-medical'
import type { RunningServer } from '../../../server/server'
import { connect, login, waitFor } from '../collab/helpers'

let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception', 'teacher', 'storekeeper', 'auditor', 'accountant'])
    cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

async function register(first: string, last: string, birthDate: string, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/clients', cookies.reception, {
    firstName: first,
    lastName: last,
    birthDate,
    phone: extra.phone ?? null,
    consent: true,
    confirmNotDuplicate: true,
    ...extra,
  })
  if (res.status !== 201) throw new Error(JSON.stringify(res.data))
  return res.data.id as string
}

function upload(clientId: string, cookie: string, bytes: Uint8Array, name: string, recordId?: string) {
  const form = new FormData()
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name)
  if (recordId) form.append('recordId', recordId)
  return fetch(`${server.url}/api/clients/${clientId}/documents`, {
    method: 'POST',
    headers: { cookie, origin: server.url },
    body: form,
  })
}

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const PNG = Uint8Array.from(
  Buffer.from(
    '89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000D49444154789C6360000002000154A24F5D0000000049454E44AE426082',
    'hex',
  ),
)
const EXE = Uint8Array.from([
  0x4d,
  0x5a,
  0x90,
  0x00,
  0x03,
  0x00,
  0x00,
  0x00,
  0x04,
  0x00,
  0x00,
  0x00,
  0xff,
  0xff,
  ...new Array(200).fill(0),
])

describe('lists and search', () => {
  let ids: Record<string, string> = {}
  beforeAll(async () => {
    ids = {
      anna: await register('Anna', 'Schmidt', '2015-03-01', {
        guardians: [{ name: 'Petra Schmidt', relation: 'mother', phone: '+49 170 2223334' }],
      }),
      annika: await register('Annika', 'Vogel', '1990-07-07', { phone: '+49 171 9990001' }),
      bruno: await register('Bruno', 'Keller', '2012-11-11', {
        guardians: [{ name: 'Karl Keller', relation: 'father', phone: '+49 172 4445556' }],
      }),
      carla: await register('Carla', 'Diaz', '2022-01-20', {
        guardians: [{ name: 'Ines Diaz', relation: 'mother', phone: '+34 611 222 333' }],
      }),
    }
  })

  it('finds clients by partial name, phone digits and guardian name', async () => {
    const byName = await call('GET', '/api/clients?q=ann', cookies.reception)
    expect(byName.data.items.map((i: { name: string }) => i.name)).toEqual(['Anna Schmidt', 'Annika Vogel'])
    const byPhone = await call('GET', `/api/clients?q=${encodeURIComponent('9990001')}`, cookies.reception)
    expect(byPhone.data.items.map((i: { id: string }) => i.id)).toEqual([ids.annika])
    const byGuardian = await call('GET', '/api/clients?q=karl', cookies.teacher)
    expect(byGuardian.data.items.map((i: { id: string }) => i.id)).toEqual([ids.bruno])
    const twoWords = await call('GET', '/api/clients?q=anna%20schm', cookies.reception)
    expect(twoWords.data.items).toHaveLength(1)
    const wildcard = await call('GET', '/api/clients?q=%25', cookies.reception)
    expect(wildcard.data.items).toHaveLength(0)
  })

  it('filters by age category and status, computes age, and pages with a cursor', async () => {
    const young = await call('GET', `/api/clients?ageCategory=${encodeURIComponent('3–5')}`, cookies.reception)
    expect(young.data.items.map((i: { id: string }) => i.id)).toEqual([ids.carla])
    expect(young.data.items[0].age).toBe(4)
    const adults = await call('GET', '/api/clients?ageCategory=adult', cookies.reception)
    expect(adults.data.items.map((i: { id: string }) => i.id)).toEqual([ids.annika])
    const leads = await call('GET', '/api/clients?status=lead&limit=2', cookies.reception)
    expect(leads.data.items).toHaveLength(2)
    const next = await call('GET', `/api/clients?status=lead&limit=2&cursor=${leads.data.nextCursor}`, cookies.reception)
    expect(next.data.items).toHaveLength(2)
    const all = [...leads.data.items, ...next.data.items].map((i: { name: string }) => i.name)
    expect(new Set(all).size).toBe(4)
    expect(next.data.nextCursor).toBeNull()
    const newest = await call('GET', '/api/clients?sort=newest&limit=3', cookies.reception)
    expect(newest.data.items[0].name).toBe('Carla Diaz')
    const older = await call('GET', `/api/clients?sort=newest&limit=3&cursor=${newest.data.nextCursor}`, cookies.reception)
    expect(new Set([...newest.data.items, ...older.data.items].map((i: { id: string }) => i.id)).size).toBe(
      newest.data.items.length + older.data.items.length,
    )
    const bad = await call('GET', '/api/clients?status=vip', cookies.reception)
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields.status).toBeTruthy()
  })

  it('exports the current list to CSV', async () => {
    const res = await call('GET', '/api/clients/export.csv?q=ann', cookies.manager)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/csv/)
    const lines = String(res.data).trim().split('\n')
    expect(lines[0]).toMatch(/^Last name,First name,Birth date/)
    expect(lines).toHaveLength(3)
    expect(res.data).toContain('Petra Schmidt (mother)')
  })

  it('refuses the list to roles without client access', async () => {
    expect((await call('GET', '/api/clients', cookies.storekeeper)).status).toBe(403)
    expect((await call('GET', '/api/clients', cookies.accountant)).status).toBe(403)
  })
})

describe('records and documents', () => {
  it('stores a PDF with its SHA-256 and serves it only to users who may see the client', async () => {
    const id = await register('Dora', 'Lind', '2014-04-04', {
      guardians: [{ name: 'Eva Lind', relation: 'mother', phone: '+46 70 123 45 67' }],
    })
    const rec = await call('POST', `/api/clients/${id}/records`, cookies.reception, {
      kind: 'award',
      date: '2026-10-01',
      title: 'Chess cup, 2nd place',
      activity: 'Chess',
    })
    expect(rec.status).toBe(201)
    const res = await upload(id, cookies.reception, PDF, 'diploma.pdf', rec.data.record.id)
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body.document.sha256).toBe(createHash('sha256').update(PDF).digest('hex'))
    expect(body.document.mime).toBe('application/pdf')
    const file = await call('GET', `/api/clients/${id}`, cookies.teacher)
    expect(file.data.client.records[0].documents[0].id).toBe(body.document.id)
    const dl = await fetch(`${server.url}/api/clients/${id}/documents/${body.document.id}`, {
      headers: { cookie: cookies.teacher },
    })
    expect(dl.status).toBe(200)
    expect(Buffer.from(await dl.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true)
    const denied = await fetch(`${server.url}/api/clients/${id}/documents/${body.document.id}`, {
      headers: { cookie: cookies.storekeeper },
    })
    expect(denied.status).toBe(403)
    const png = await upload(id, cookies.reception, PNG, 'photo.png')
    expect(png.status).toBe(201)
    // a name in Armenian stays readable, stored and downloaded (RFC 6266 filename*)
    const hy = await upload(id, cookies.reception, PDF, 'Բժշկական տեղեկանք; "2026".pdf')
    expect(hy.status).toBe(201)
    const hyDoc = (await hy.json()).document
    expect(hyDoc.fileName).toBe('Բժշկական տեղեկանք_ _2026_.pdf')
    const hyDl = await fetch(`${server.url}/api/clients/${id}/documents/${hyDoc.id}`, { headers: { cookie: cookies.teacher } })
    expect(hyDl.status).toBe(200)
    const disposition = hyDl.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="2026_.pdf"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('Բժշկական տեղեկանք_ _2026_.pdf')
  })

  it('refuses a disguised executable, an oversized file and a missing client, storing nothing', async () => {
    const id = await register('Egon', 'Falk', '1980-08-08', { phone: '+49 30 5556667' })
    const exe = await upload(id, cookies.reception, EXE, 'contract.pdf')
    expect(exe.status).toBe(400)
    expect((await exe.json()).error.fields.file).toMatch(/PDF, JPEG and PNG/)
    const big = new Uint8Array(10 * 1024 * 1024 + 10)
    big.set(PDF)
    const tooBig = await upload(id, cookies.reception, big, 'big.pdf')
    expect([400, 413]).toContain(tooBig.status)
    const teacher = await upload(id, cookies.teacher, PDF, 'x.pdf')
    expect(teacher.status).toBe(403)
    expect(await database.db.select().from(attachments).where(eq(attachments.clientId, id))).toHaveLength(0)
    const badRecord = await call('POST', `/api/clients/${id}/records`, cookies.reception, {
      kind: 'medal',
      date: 'yesterday',
      title: '',
    })
    expect(badRecord.status).toBe(400)
    expect(Object.keys(badRecord.data.error.fields)).toEqual(expect.arrayContaining(['kind', 'date', 'title']))
  })
})

describe('medical file', () => {
  it('is refused to receptionists and teachers, open to owner and manager', async () => {
    const id = await register('Finn', 'Gray', '2013-05-05', {
      guardians: [{ name: 'Gwen Gray', relation: 'mother', phone: '+44 7700 900456' }],
    })
    const name = `client-medical:${id}`
    for (const who of ['reception', 'teacher', 'auditor']) {
      const c = connect(server, cookies[who], name)
      await waitFor(() => c.closes.some((x) => x.code === 4403), 3000, `${who} refused`)
      c.destroy()
    }
    const m = connect(server, cookies.manager, name)
    await m.synced()
    m.doc.transact(() => {
      medicalOf(m.doc).set('allergies', 'peanuts')
      medicalOf(m.doc).set('emergencyInstructions', 'EpiPen in bag')
      medicalOf(m.doc).set('medication', 'none')
    })
    await waitFor(
      async () => (await database.db.select().from(clients).where(eq(clients.id, id)))[0].flags.includes('allergy'),
      2000,
      'allergy flag',
    )
    const o = connect(server, cookies.owner, name)
    await o.synced()
    expect(medicalOf(o.doc).get('allergies')).toBe('peanuts')
    m.destroy()
    o.destroy()
    // the medical history is not readable by others either
    expect((await call('GET', `/api/docs/${encodeURIComponent(name)}/history`, cookies.reception)).status).toBe(403)
  })
})

describe('alerts API', () => {
  it('lists open alerts for the roles they concern and lets staff acknowledge them', async () => {
    const id = await register('Gina', 'Holt', '2016-06-06', {
      guardians: [{ name: 'Hans Holt', relation: 'father', phone: '+49 151 2223344' }],
    })
    const c = connect(server, cookies.reception, `client:${id}`)
    await c.synced()
    c.doc.transact(() => {
      const g = c.doc.getMap('guardians')
      for (const k of [...g.keys()]) g.delete(k)
    })
    const alert = await waitFor(
      async () =>
        (
          await database.db
            .select()
            .from(alerts)
            .where(and(eq(alerts.subject, `client:${id}`), isNull(alerts.clearedAt)))
        )[0],
      2000,
      'alert',
    )
    c.destroy()
    const forTeacher = await call('GET', `/api/alerts?open=true&subject=client:${id}`, cookies.teacher)
    expect(forTeacher.data.items).toHaveLength(0)
    const forReception = await call(
      'GET',
      `/api/alerts?open=true&kind=client_file_incomplete&subject=client:${id}`,
      cookies.reception,
    )
    expect(forReception.data.items).toHaveLength(1)
    const ack = await call('POST', `/api/alerts/${alert.id}/acknowledge`, cookies.reception)
    expect(ack.status).toBe(200)
    expect(ack.data.alert.acknowledgedAt).toBeTruthy()
    expect(ack.data.alert.clearedAt).toBeNull()
    expect((await call('POST', `/api/alerts/${alert.id}/acknowledge`, cookies.teacher)).status).toBe(404)
    expect((await call('POST', '/api/alerts/abc/acknowledge', cookies.reception)).status).toBe(400)
  })
})

describe('opening a client file', () => {
  it('GET /api/clients/:id loads the live document ahead of the WebSocket, and it unloads again when nobody opens it', async () => {
    const id = await register('Preload', 'Tester', '2012-03-04', {
      guardians: [{ name: 'Pat Tester', relation: 'mother', phone: '+44 7700 900123' }],
    })
    const name = `client:${id}`
    const collab = server.realtime.collab
    const idle = collab.settings.idleUnloadMs
    collab.settings.idleUnloadMs = 300
    try {
      // registering wrote the file's first state through the document: drop that copy (all of it is durable)
      await server.deps.docs!.evict!(name, 'collab.closed.gone')
      expect(collab.isLoaded(name)).toBe(false)
      expect((await call('GET', `/api/clients/${id}`, cookies.reception)).status).toBe(200)
      await waitFor(() => collab.isLoaded(name), 5_000, 'preloaded')
      await waitFor(() => !collab.isLoaded(name), 5_000, 'unloaded after the idle time')
      // an unknown client loads nothing
      const unknown = '00000000-0000-4000-8000-000000000000'
      expect((await call('GET', `/api/clients/${unknown}`, cookies.reception)).status).toBe(404)
      expect(collab.isLoaded(`client:${unknown}`)).toBe(false)
    } finally {
      collab.settings.idleUnloadMs = idle
    }
  })
})
