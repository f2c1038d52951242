import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { activities, auditLog, erasures, groups, lessons, stockDocuments, stockMovements } from '../../../db/schema/index'
import { notesOf, physicalOf } from '../../../domain/docs/client-file'
import { medicalOf } from '../../../domain/docs/client-medical'
import { clientDocNames } from '../../../domain/docs/doc-names'
import { encodeTimetableDocName, isoWeekOf } from '../../../domain/docs/timetable-week'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildBranch, buildRoom, buildStaff } from '../../support/factories'
import { apiCaller, type ApiResponse } from '../../support/http'
import { connect, login, waitFor } from '../collab/helpers'

/**
 * Issue #11 points 9 and 7: the per-client export holds every row the center keeps about the
 * client (checked against every table that references clients), and erasing the client leaves
 * their name, phone and email in no column of any table.
 */
let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}
const FIRST = 'Zelinda'
const LAST = 'Quaxmire'
const PHONE = '+49 170 4443322'
const PHONE_DIGITS = '491704443322'
const EMAIL = 'zelinda.q@example.org'
let clientId: string

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'teacher']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)
function ok(res: ApiResponse, status = 200) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.data)}`)
  return res.data
}

/** A client with a history in every area: file and medical edits, records, a document, groups, journal, visits, a cancellation. */
async function richClient(): Promise<string> {
  const id = ok(
    await call('POST', '/api/clients', cookies.manager, {
      firstName: FIRST,
      lastName: LAST,
      birthDate: '1990-04-04',
      phone: PHONE,
      email: EMAIL,
      consent: true,
      confirmNotDuplicate: true,
      guardians: [{ name: `Gisela ${LAST}`, relation: 'mother', phone: '+49 170 1112233' }],
    }),
    201,
  ).id as string
  // the live file and the medical file, edited by people
  const file = connect(server, cookies.manager, `client:${id}`)
  await file.synced()
  file.doc.transact(() => {
    notesOf(file.doc).insert(0, `${FIRST} ${LAST} prefers mornings; call ${PHONE}`)
    physicalOf(file.doc).set('limitations', `${FIRST} has a sore knee`)
  })
  await waitFor(() => file.isSaved(), 5_000, 'file saved')
  file.destroy()
  const med = connect(server, cookies.manager, `client-medical:${id}`)
  await med.synced()
  med.doc.transact(() => medicalOf(med.doc).set('allergies', `${LAST}: peanuts`))
  await waitFor(() => med.isSaved(), 5_000, 'medical saved')
  med.destroy()
  ok(await call('POST', `/api/clients/${id}/observations`, cookies.manager, { text: `${FIRST} built a robot` }), 201)
  const rec = ok(
    await call('POST', `/api/clients/${id}/records`, cookies.manager, {
      kind: 'award',
      date: '2026-06-01',
      title: `Medal for ${FIRST}`,
      description: '',
    }),
    201,
  )
  const form = new FormData()
  form.append('file', new Blob([`%PDF-1.4\n% ${LAST}\n%%EOF\n`]), 'certificate.pdf')
  form.append('recordId', rec.record.id)
  expect(
    (
      await fetch(`${server.url}/api/clients/${id}/documents`, {
        method: 'POST',
        headers: { cookie: cookies.manager, origin: server.url },
        body: form,
      })
    ).status,
  ).toBe(201)

  // the timetable: a group with two lessons (one done, one cancelled) and another group's waiting list
  const branch = await buildBranch(database.db, 'Data branch')
  const room = await buildRoom(database.db, branch.id, { name: 'Data room' })
  const [activity] = await database.db
    .insert(activities)
    .values({
      name: 'Data robotics',
      category: 'science',
      durationMinutes: 60,
      maxGroupSize: 10,
      staffRatio: 8,
      pricePerSession: '15.00',
    })
    .returning()
  const staffTeacher = (await queryRows<{ id: string }>(database.db, sql`select id from users where login = 'teacher'`))[0].id
  const [group, other] = await database.db
    .insert(groups)
    .values(
      ['Data group', 'Data group 2'].map((name) => ({
        branchId: branch.id,
        activityId: activity.id,
        name,
        teacherId: staffTeacher,
        roomId: room.id,
        pattern: [{ weekday: 1, start: '16:00', end: '17:00' }],
        termStart: '2026-01-01',
        termEnd: '2027-12-31',
      })),
    )
    .returning()
  const start = new Date(Date.now() - 30 * 60_000)
  const week = isoWeekOf(start.toISOString().slice(0, 10))
  for (const [lid, offset] of [
    ['data-lesson-1', 0],
    ['data-lesson-2', 2 * 3600_000],
  ] as const) {
    await database.db.insert(lessons).values({
      id: lid,
      branchId: branch.id,
      doc: encodeTimetableDocName(branch.id, week),
      roomId: room.id,
      startsAt: new Date(start.getTime() + offset),
      endsAt: new Date(start.getTime() + offset + 3600_000),
      activityId: activity.id,
      groupId: group.id,
      teacherId: staffTeacher,
    })
  }
  ok(await call('POST', `/api/groups/${group.id}/members`, cookies.manager, { clientId: id }), 201)
  // a pass paid in full, partly refunded; the lesson marked done writes a session off it
  const plan = ok(
    await call('POST', '/api/pass-plans', cookies.manager, {
      name: 'Data pass',
      activityIds: [activity.id],
      sessions: 8,
      validDays: 30,
      price: 12_000,
    }),
    201,
  ).plan as { id: string }
  const sale = ok(await call('POST', `/api/clients/${id}/passes`, cookies.manager, { planId: plan.id, branchId: branch.id }), 201)
  ok(
    await call('POST', '/api/payments', cookies.manager, {
      invoiceId: sale.invoice.id,
      amount: 12_000,
      method: 'cash',
      idempotencyKey: `data-${id}-pay`,
    }),
    201,
  )
  ok(
    await call('POST', '/api/refunds', cookies.manager, {
      passId: sale.pass.id,
      mode: 'amount',
      amount: 1_000,
      method: 'cash',
      reason: `${FIRST} moved`,
      idempotencyKey: `data-${id}-refund`,
    }),
    201,
  )
  // goods: a sale and its return, a textbook lent and brought back (stock planted by a posted receipt)
  const store = ok(await call('POST', '/api/stores', cookies.manager, { branchId: branch.id, name: 'Data shop' }), 201).store as {
    id: string
  }
  const goods: Record<string, string> = {}
  for (const [kind, sku] of [
    ['goods', 'DATA-PEN'],
    ['textbook', 'DATA-BOOK'],
  ] as const) {
    goods[kind] = ok(
      await call('POST', '/api/products', cookies.manager, { name: `Data ${sku}`, kind, sku, salePrice: 500, cost: 300 }),
      201,
    ).product.id as string
  }
  const [receipt] = await database.db
    .insert(stockDocuments)
    .values({ kind: 'receipt', storeId: store.id, status: 'posted', postedAt: new Date() })
    .returning()
  await database.db.insert(stockMovements).values(
    Object.values(goods).map((productId, i) => ({
      productId,
      storeId: store.id,
      quantity: 5,
      documentId: receipt.id,
      lineKey: `r${i}`,
    })),
  )
  const bought = ok(
    await call('POST', '/api/sales', cookies.manager, {
      storeId: store.id,
      clientId: id,
      method: 'cash',
      lines: [{ productId: goods.goods, quantity: 2 }],
    }),
    201,
  ).sale as { id: string }
  ok(
    await call('POST', `/api/sales/${bought.id}/returns`, cookies.manager, {
      method: 'cash',
      lines: [{ lineKey: '0', quantity: 1 }],
    }),
    201,
  )
  const lent = ok(
    await call('POST', '/api/loans', cookies.manager, {
      clientId: id,
      productId: goods.textbook,
      storeId: store.id,
      dueDate: '2030-01-01',
    }),
    201,
  ).loan as { id: string }
  ok(await call('POST', `/api/loans/${lent.id}/return`, cookies.manager, { condition: 'good' }))
  ok(await call('POST', `/api/groups/${other.id}/waiting`, cookies.manager, { clientId: id }), 201)
  ok(
    await call('PUT', '/api/lessons/data-lesson-1/attendance', cookies.manager, {
      entries: [{ clientId: id, status: 'present', grade: 5, comment: `${FIRST} ${LAST} came late, mother's phone ${PHONE}` }],
    }),
  )
  ok(await call('POST', '/api/lessons/data-lesson-1/done', cookies.manager))
  ok(await call('POST', '/api/lessons/data-lesson-2/cancel', cookies.manager, { reason: 'teacher ill', offerMakeUp: true }))
  await new Promise((r) => setTimeout(r, 600)) // projections
  return id
}

/** Which section of the export holds each table that has a client_id (a new table without a section fails the test). */
const SECTIONS: Record<string, (bundle: any) => unknown[]> = {
  client_guardians: (b) => b.guardians,
  client_status_history: (b) => b.statusHistory,
  client_records: (b) => b.records,
  attachments: (b) => b.documents,
  client_medical_summary: (b) => (b.medical.summary ? [b.medical.summary] : []),
  medical_views: (b) => b.medical.views,
  group_members: (b) => b.groups,
  waiting_list: (b) => b.waitingList,
  attendance: (b) => b.attendance,
  visits: (b) => b.visits,
  make_up_credits: (b) => b.makeUpCredits,
  passes: (b) => b.passes,
  pass_visits: (b) => b.passVisits,
  invoices: (b) => b.invoices,
  payments: (b) => b.payments,
  refunds: (b) => b.refunds,
  sales: (b) => b.sales,
  sale_returns: (b) => b.saleReturns,
  loans: (b) => b.loans,
  stock_documents: (b) => b.stockReceived,
}
/** Tables that hold a client_id but are not data about the client to hand over. */
const NOT_EXPORTED = new Set(['erasures'])

describe('everything the center holds about a client', () => {
  beforeAll(async () => {
    clientId = await richClient()
  })

  it('the export has a section for every table that references the client, with its rows', async () => {
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`select distinct table_name from information_schema.columns where table_schema = 'public' and column_name = 'client_id'
          union select conrelid::regclass::text from pg_constraint where contype = 'f' and confrelid = 'clients'::regclass order by 1`,
    )
    const counts = new Map<string, number>()
    for (const { table_name } of tables) {
      if (NOT_EXPORTED.has(table_name)) continue
      const [row] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from ${sql.identifier(table_name)} where client_id = ${clientId}`,
      )
      counts.set(table_name, row.n)
    }
    const bundle = ok(await call('GET', `/api/clients/${clientId}/export`, cookies.manager))
    for (const [table, n] of counts) {
      expect(SECTIONS[table], `no export section for table ${table}`).toBeDefined()
      expect(n, `the test seeds ${table}`).toBeGreaterThan(0)
      expect(SECTIONS[table](bundle), `export section for ${table}`).toHaveLength(n)
    }
    // tables that reference the client by name: its documents, alerts about it, commands that concerned it
    const [file, medical] = clientDocNames(clientId)
    const byName = await queryRows<{ file: number; medical: number; alerts: number; audit: number }>(
      database.db,
      sql`select (select count(*)::int from doc_updates where doc = ${file}) as file,
                 (select count(*)::int from doc_updates where doc = ${medical}) as medical,
                 (select count(*)::int from alerts where subject = ${'client:' + clientId} or details::text like ${'%' + clientId + '%'}) as alerts,
                 (select count(*)::int from audit_log where entity_id = ${clientId} or before::text like ${'%' + clientId + '%'} or after::text like ${'%' + clientId + '%'}) as audit`,
    )
    expect(byName[0].file).toBeGreaterThan(0)
    expect(byName[0].medical).toBeGreaterThan(0)
    expect(byName[0].alerts).toBeGreaterThan(0)
    expect(bundle.history).toHaveLength(byName[0].file)
    expect(bundle.medical.history).toHaveLength(byName[0].medical)
    expect(bundle.alerts).toHaveLength(byName[0].alerts)
    expect(bundle.audit).toHaveLength(byName[0].audit)
    expect(bundle.audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['clients.create', 'groups.enrol', 'lessons.attendance']),
    )
    // the rows themselves, not just counts
    expect(bundle.visits[0]).toMatchObject({ clientId, lessonId: 'data-lesson-1', status: 'present' })
    expect(bundle.attendance[0]).toMatchObject({ lessonId: 'data-lesson-1', status: 'present', grade: 5 })
    expect(bundle.groups[0]).toMatchObject({ group: 'Data group' })
    expect(bundle.waitingList[0]).toMatchObject({ group: 'Data group 2' })
    expect(bundle.makeUpCredits[0]).toMatchObject({ fromLessonId: 'data-lesson-2' })
    const pdf = await fetch(`${server.url}/api/clients/${clientId}/export.pdf`, { headers: { cookie: cookies.manager } })
    expect(pdf.status).toBe(200)
  })

  it('after erasure no text, JSON or bytea column of any table holds the client’s name, phone or email; the documents are gone', async () => {
    const needles = [FIRST, LAST, PHONE, PHONE_DIGITS, EMAIL]
    expect((await whereNeedlesLive(needles)).length).toBeGreaterThan(5) // the search finds what is there
    ok(await call('POST', `/api/clients/${clientId}/erase`, cookies.owner, { reason: 'request 2026-11' }))
    expect(await whereNeedlesLive(needles)).toEqual([])
    // the documents: out of memory, no history, no connection
    for (const name of clientDocNames(clientId)) {
      expect(server.realtime.collab.isLoaded(name), name).toBe(false)
      expect((await call('GET', `/api/docs/${encodeURIComponent(name)}/history`, cookies.owner)).status, name).toBe(404)
    }
    const again = connect(server, cookies.manager, `client:${clientId}`)
    await waitFor(() => again.closes.some((c) => c.code === 4410), 5_000, 'refused')
    again.destroy()
    // what stays: that it happened, by whom and when; attendance and visits, anonymised
    const [er] = await database.db.select().from(erasures).where(eq(erasures.clientId, clientId))
    expect(er.reason).toBe('request 2026-11')
    expect(er.details).toMatchObject({ attendanceComments: 1 })
    expect(
      await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'clients.erase'), eq(auditLog.entityId, clientId))),
    ).toHaveLength(1)
    const [visit] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from visits where client_id = ${clientId}`,
    )
    expect(visit.n).toBe(1)
  })
})

/** `table.column` of every text, JSON or bytea (as bytes) column where one of the needles stands, case-insensitively. */
async function whereNeedlesLive(needles: string[]): Promise<string[]> {
  const cols = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    database.db,
    sql`select c.table_name, c.column_name, c.data_type from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')`,
  )
  const found: string[] = []
  for (const c of cols) {
    const col = sql.identifier(c.column_name)
    const conds = needles.map((n) =>
      c.data_type === 'bytea'
        ? sql`position(convert_to(${n}, 'UTF8') in ${col}) > 0 or position(convert_to(${n.toLowerCase()}, 'UTF8') in ${col}) > 0`
        : sql`${col}::text ilike ${'%' + n + '%'}`,
    )
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${sql.join(conds, sql` or `)}`,
    )
    if (row.n > 0) found.push(`${c.table_name}.${c.column_name}`)
  }
  return found.sort()
}
