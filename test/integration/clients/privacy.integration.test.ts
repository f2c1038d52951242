import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildStaff } from '../../support/factories'
import { queryRows } from '../../../db/client'
import { auditLog, erasures, medicalViews } from '../../../db/schema/index'
import { notesOf, physicalOf, traitsOf } from '../../../domain/docs/client-file'
import { medicalOf } from '../../../domain/docs/client-medical'
import type { RunningServer } from '../../../server/server'
import { connect, login, waitFor } from '../collab/helpers'

let database: TestDatabase
let server: RunningServer
let staff: Awaited<ReturnType<typeof buildStaff>>
const cookies: Record<string, string> = {}
const MARKER = 'zqxmarker'

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception', 'teacher']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

/** Every place in the database where the marker stands: text and JSON as text, bytea as bytes. */
async function whereMarkerLives(): Promise<string[]> {
  const cols = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    database.db,
    sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' and data_type in ('text', 'jsonb', 'bytea', 'ARRAY', 'character varying')`,
  )
  const found: string[] = []
  for (const c of cols) {
    const col = sql.identifier(c.column_name)
    const table = sql.identifier(c.table_name)
    const cond =
      c.data_type === 'bytea'
        ? sql`position(convert_to(${MARKER}, 'UTF8') in ${col}) > 0`
        : sql`${col}::text ilike ${'%' + MARKER + '%'}`
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${table} where ${cond}`)
    if (row.n > 0) found.push(`${c.table_name}.${c.column_name}`)
  }
  return found.sort()
}

describe('personal data rights', () => {
  it('export finds the client everywhere their data lives, and erasure leaves none of it', async () => {
    // the marker goes everywhere a client's data can live
    const created = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Zoe',
      lastName: `Smith-${MARKER}`,
      birthDate: '2015-05-05',
      email: `${MARKER}@example.org`,
      consent: true,
      guardians: [{ name: `Gwen ${MARKER}`, relation: 'mother', phone: '+49 170 5551234', email: `mum.${MARKER}@example.org` }],
    })
    expect(created.status).toBe(201)
    const id = created.data.id
    const file = connect(server, cookies.reception, `client:${id}`)
    await file.synced()
    file.doc.transact(() => {
      notesOf(file.doc).insert(0, `Likes dinosaurs (${MARKER})`)
      physicalOf(file.doc).set('limitations', `Asthma ${MARKER}`)
      traitsOf(file.doc).set('needs', `Quiet corner ${MARKER}`)
    })
    await waitFor(() => file.isSaved(), 3000, 'file saved')
    file.destroy()
    expect((await call('POST', `/api/clients/${id}/observations`, cookies.teacher, { text: `Observed ${MARKER}` })).status).toBe(
      201,
    )
    const rec = await call('POST', `/api/clients/${id}/records`, cookies.reception, {
      kind: 'award',
      date: '2026-06-01',
      title: `Medal ${MARKER}`,
      description: `For ${MARKER}`,
    })
    const form = new FormData()
    form.append('file', new Blob([`%PDF-1.4\n% ${MARKER}\n%%EOF\n`]), 'certificate.pdf')
    form.append('recordId', rec.data.record.id)
    expect(
      (
        await fetch(`${server.url}/api/clients/${id}/documents`, {
          method: 'POST',
          headers: { cookie: cookies.reception, origin: server.url },
          body: form,
        })
      ).status,
    ).toBe(201)
    const med = connect(server, cookies.manager, `client-medical:${id}`)
    await med.synced()
    med.doc.transact(() => {
      medicalOf(med.doc).set('allergies', `Peanuts ${MARKER}`)
      medicalOf(med.doc).set('emergencyInstructions', `Call mum ${MARKER}`)
    })
    await waitFor(() => med.isSaved(), 3000, 'medical saved')
    med.destroy()
    await new Promise((r) => setTimeout(r, 800)) // projections
    const before = await whereMarkerLives()
    expect(before).toEqual(
      expect.arrayContaining([
        'clients.last_name',
        'client_guardians.name',
        'client_records.title',
        'attachments.data',
        'doc_updates.update',
        'doc_updates.changes',
        'audit_log.after',
        'client_medical_summary.allergies',
      ]),
    )

    // export: JSON with everything (medical for the manager), and a PDF
    const exp = await call('GET', `/api/clients/${id}/export`, cookies.manager)
    expect(exp.status).toBe(200)
    const bundle = exp.data
    expect(bundle.client.lastName).toContain(MARKER)
    expect(bundle.guardians[0].name).toContain(MARKER)
    expect(bundle.file.notes).toContain(MARKER)
    expect(bundle.file.physical.limitations).toContain(MARKER)
    expect(bundle.file.observations[0].text).toContain(MARKER)
    expect(bundle.records[0].title).toContain(MARKER)
    expect(Buffer.from(bundle.documents[0].contentBase64, 'base64').toString()).toContain(MARKER)
    expect(bundle.medical.file.allergies).toContain(MARKER)
    expect(JSON.stringify(bundle.history)).toContain(MARKER)
    expect(JSON.stringify(bundle.audit)).toContain(MARKER)
    const views = await database.db.select().from(medicalViews).where(eq(medicalViews.clientId, id))
    expect(views.map((v) => v.what).sort()).toEqual(['document', 'export'])
    const receptionExport = await call('GET', `/api/clients/${id}/export`, cookies.reception)
    expect(receptionExport.data.medical).toBeNull()
    const pdf = await fetch(`${server.url}/api/clients/${id}/export.pdf`, { headers: { cookie: cookies.manager } })
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')

    // erasure: owner only, with a reason
    expect((await call('POST', `/api/clients/${id}/erase`, cookies.manager, { reason: 'GDPR request 17' })).status).toBe(403)
    expect((await call('POST', `/api/clients/${id}/erase`, cookies.owner, { reason: '' })).status).toBe(400)
    const erased = await call('POST', `/api/clients/${id}/erase`, cookies.owner, { reason: 'GDPR request 17' })
    expect(erased.status).toBe(200)
    expect(await whereMarkerLives()).toEqual([])
    // the erasure itself is recorded, the client is anonymised and out of the lists, and the files are gone
    const [er] = await database.db.select().from(erasures).where(eq(erasures.clientId, id))
    expect(er).toMatchObject({ by: staff.owner.id, reason: 'GDPR request 17' })
    expect(
      await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'clients.erase'), eq(auditLog.entityId, id))),
    ).toHaveLength(1)
    expect((await call('GET', `/api/clients/${id}`, cookies.reception)).status).toBe(404)
    expect((await call('GET', '/api/clients?q=smith', cookies.reception)).data.items).toHaveLength(0)
    const again = connect(server, cookies.manager, `client:${id}`)
    await waitFor(() => again.closes.some((c) => c.code === 4410), 3000, 'gone')
    again.destroy()
    expect((await call('POST', `/api/clients/${id}/erase`, cookies.owner, { reason: 'again' })).status).toBe(409)
  })
})
