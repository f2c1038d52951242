import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { clients, groupMembers } from '../../../db/schema/index'
import { encodeStockDocName, setStockLine } from '../../../domain/docs/stock-doc'
import { runCommand } from '../../../server/http/command'
import { reviewOverdueLoans } from '../../../server/modules/loans/index'
import { moveStock } from '../../../server/modules/stock/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { login } from '../collab/helpers'
import { actorOf, buildStockCenter, commandCtx, ledgerMismatches, onHandOf } from '../stock/support'

/**
 * Issue #18, loans of textbooks and kits and traceability: lending takes the item out of the store
 * (a `loan` stock document naming the client) in the loan's transaction with its audit row; taking
 * it back brings it in (a `loan_return`), lost brings nothing back; a second return is a 409; more
 * than is on hand is a 409 and nothing is written; the overdue job raises `loan_overdue` (on the
 * wall) and the return clears it; the owing check names the overdue item on the group's line until
 * it is back; a product's trace and a client's items list every movement with names; who may do
 * what by role and branch; bad input is a 400 naming the fields.
 */
let database: TestDatabase
let server: RunningServer
let call: ReturnType<typeof apiCaller>
let center: Awaited<ReturnType<typeof buildStockCenter>>
const cookies: Record<string, string> = {}
let textbook: string
let kit: string
let pencil: string
let anna: string
let boris: string

async function clientNamed(first: string, last: string, branchId: string) {
  const [c] = await database.db
    .insert(clients)
    .values({ firstName: first, lastName: last, branchId, status: 'active' })
    .returning()
  return c.id
}

/** Posts a stock document of this kind with these lines, as the storekeeper. */
async function posted(
  kind: string,
  lines: Record<string, { productId: string; quantity: number }>,
  extra: Record<string, unknown> = {},
) {
  const res = await call('POST', '/api/stock-docs', cookies.storekeeper, { kind, storeId: center.stores.shop.id, ...extra })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  const id = res.data.doc.id as string
  await server.deps.docs!.applyAsUser(encodeStockDocName(id), actorOf(center.staff.storekeeper), (doc) => {
    for (const [key, line] of Object.entries(lines)) setStockLine(doc, key, line)
  })
  const p = await call('POST', `/api/stock-docs/${id}/post`, cookies.storekeeper)
  expect(p.status, JSON.stringify(p.data)).toBe(200)
  return id
}

async function product(name: string, kind: string) {
  const res = await call('POST', '/api/products', cookies.storekeeper, {
    name,
    kind,
    sku: `${name.replace(/\W/g, '').slice(0, 8)}-${Math.random().toString(36).slice(2, 7)}`,
    salePrice: 5000,
    cost: 3000,
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.product.id as string
}

// today in the test center's branches' zone (Europe/Berlin, the schema's default), as the server counts it:
// between 23:00 and 24:00 UTC the UTC date is a day behind
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  )
const lend = (who: string, body: Record<string, unknown>, language?: string) =>
  call('POST', '/api/loans', cookies[who], body, language)
const openAlerts = async (subject: string) =>
  (
    await queryRows<{ kind: string }>(database.db, sql`select kind from alerts where subject = ${subject} and cleared_at is null`)
  ).map((r) => r.kind)

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  server = await startTestServer(database)
  call = apiCaller(server)
  for (const who of [
    'storekeeper',
    'storekeeper2',
    'reception',
    'reception2',
    'teacher',
    'manager',
    'accountant',
    'auditor',
    'owner',
  ])
    cookies[who] = await login(server, who)
  textbook = await product('English File 1', 'textbook')
  kit = await product('Robotics kit', 'kit')
  pencil = await product('Pencil HB', 'consumable')
  await posted('receipt', {
    a: { productId: textbook, quantity: 5 },
    b: { productId: kit, quantity: 2 },
    c: { productId: pencil, quantity: 10 },
  })
  anna = await clientNamed('Anna', 'Petrosyan', center.central.branch.id)
  boris = await clientNamed('Boris', 'Ivanov', center.central.branch.id)
  await database.db.insert(groupMembers).values([
    { groupId: center.central.group.id, clientId: anna },
    { groupId: center.central.group.id, clientId: boris },
  ])
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('lending and taking back', () => {
  it('lends a textbook: the loan, a loan document naming the client and its audit row; stock goes out', async () => {
    const audits = (await queryRows(database.db, sql`select 1 from audit_log where action = 'loans.lend'`)).length
    const res = await lend('reception', {
      clientId: anna,
      productId: textbook,
      storeId: center.stores.shop.id,
      groupId: center.central.group.id,
      dueDate: today(),
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.loan).toMatchObject({
      clientName: 'Anna Petrosyan',
      productName: 'English File 1',
      storeName: 'Shop',
      groupName: 'Group central',
      quantity: 1,
      dueDate: today(),
      status: 'open',
      condition: null,
    })
    expect(await onHandOf(database.db, textbook, center.stores.shop.id)).toBe(4)
    const [doc] = await queryRows<{ kind: string; client_id: string; source_type: string; source_id: string; status: string }>(
      database.db,
      sql`select d.kind, d.client_id, d.source_type, d.source_id, d.status from loans l join stock_documents d on d.id = l.issue_document_id
           where l.id = ${res.data.loan.id}::uuid`,
    )
    expect(doc).toEqual({ kind: 'loan', client_id: anna, source_type: 'loan', source_id: res.data.loan.id, status: 'posted' })
    expect((await queryRows(database.db, sql`select 1 from audit_log where action = 'loans.lend'`)).length).toBe(audits + 1)
    expect(await ledgerMismatches(database.db)).toEqual([])
  })

  it('takes it back in good condition (stock comes back); a second return is a 409 and writes nothing', async () => {
    const res = await lend('storekeeper', {
      clientId: boris,
      productId: textbook,
      storeId: center.stores.shop.id,
      quantity: 2,
      dueDate: today(),
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(await onHandOf(database.db, textbook, center.stores.shop.id)).toBe(2)
    const back = await call('POST', `/api/loans/${res.data.loan.id}/return`, cookies.reception, {
      condition: 'worn',
      note: 'Cover torn',
    })
    expect(back.status, JSON.stringify(back.data)).toBe(200)
    expect(back.data.loan).toMatchObject({
      status: 'returned',
      condition: 'worn',
      note: 'Cover torn',
      returnedByName: expect.any(String),
    })
    expect(await onHandOf(database.db, textbook, center.stores.shop.id)).toBe(4)
    const movements = (await queryRows(database.db, sql`select 1 from stock_movements`)).length
    const again = await call('POST', `/api/loans/${res.data.loan.id}/return`, cookies.reception, { condition: 'good' }, 'ru')
    expect(again.status).toBe(409)
    expect(again.data.error.messageId).toBe('loans.alreadyReturned')
    expect(again.data.error.message).toBe('Эта вещь уже возвращена')
    expect((await queryRows(database.db, sql`select 1 from stock_movements`)).length).toBe(movements)
    expect(await onHandOf(database.db, textbook, center.stores.shop.id)).toBe(4)
  })

  it('a lost item brings nothing back into the store', async () => {
    const res = await lend('storekeeper', { clientId: boris, productId: kit, storeId: center.stores.shop.id, dueDate: today() })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(await onHandOf(database.db, kit, center.stores.shop.id)).toBe(1)
    const back = await call('POST', `/api/loans/${res.data.loan.id}/return`, cookies.storekeeper, { condition: 'lost' })
    expect(back.status, JSON.stringify(back.data)).toBe(200)
    expect(back.data.loan).toMatchObject({ status: 'returned', condition: 'lost' })
    expect(await onHandOf(database.db, kit, center.stores.shop.id)).toBe(1)
    const [row] = await queryRows<{ return_document_id: string | null }>(
      database.db,
      sql`select return_document_id from loans where id = ${back.data.loan.id}::uuid`,
    )
    expect(row.return_document_id).toBeNull()
  })

  it('lending more than is on hand is a 409 naming the line, and nothing is written', async () => {
    const loans = (await queryRows(database.db, sql`select 1 from loans`)).length
    const docs = (await queryRows(database.db, sql`select 1 from stock_documents`)).length
    const res = await lend('storekeeper', {
      clientId: anna,
      productId: kit,
      storeId: center.stores.shop.id,
      quantity: 2,
      dueDate: today(),
    })
    expect(res.status, JSON.stringify(res.data)).toBe(409)
    expect(res.data.error.messageId).toBe('stock.doc.cannotPost')
    expect(res.data.error.fieldMessages['lines.loan.quantity']).toMatchObject({ id: 'stock.line.notEnough' })
    expect((await queryRows(database.db, sql`select 1 from loans`)).length).toBe(loans)
    expect((await queryRows(database.db, sql`select 1 from stock_documents`)).length).toBe(docs)
    expect(await onHandOf(database.db, kit, center.stores.shop.id)).toBe(1)
  })

  it('bad input is a 400 naming the fields, in the reader’s language, and nothing is written', async () => {
    const loans = (await queryRows(database.db, sql`select 1 from loans`)).length
    const empty = await lend('storekeeper', {})
    expect(empty.status).toBe(400)
    expect(Object.keys(empty.data.error.fields).sort()).toEqual(['clientId', 'dueDate', 'productId', 'storeId'])
    const badValues = await lend('storekeeper', {
      clientId: anna,
      productId: textbook,
      storeId: center.stores.shop.id,
      quantity: 0,
      dueDate: '2026-02-31',
    })
    expect(badValues.status).toBe(400)
    expect(Object.keys(badValues.data.error.fields).sort()).toEqual(['dueDate', 'quantity'])
    const unknownStore = await lend('storekeeper', {
      clientId: anna,
      productId: textbook,
      storeId: '00000000-0000-4000-8000-000000000000',
      dueDate: today(),
    })
    expect(unknownStore.status).toBe(400)
    expect(unknownStore.data.error.fieldMessages).toEqual({ storeId: { id: 'loans.unknownStore' } })
    const rules = await lend(
      'storekeeper',
      {
        clientId: '00000000-0000-4000-8000-000000000000',
        productId: pencil,
        storeId: center.stores.shop.id,
        groupId: center.riverside.group.id,
        dueDate: '2020-01-01',
      },
      'hy',
    )
    expect(rules.status).toBe(400)
    expect(rules.data.error.fieldMessages).toEqual({
      clientId: { id: 'loans.unknownClient' },
      productId: { id: 'loans.notLendable' },
      groupId: { id: 'loans.groupOtherBranch' },
      dueDate: { id: 'loans.dueInPast' },
    })
    expect(rules.data.error.fields.productId).toBe('Ժամանակավոր տրվում են միայն դասագրքեր և հավաքածուներ')
    const loan = (await call('GET', `/api/loans?clientId=${anna}&status=open`, cookies.storekeeper)).data.items[0]
    const badReturn = await call('POST', `/api/loans/${loan.id}/return`, cookies.storekeeper, { condition: 'soggy' })
    expect(badReturn.status).toBe(400)
    expect(Object.keys(badReturn.data.error.fields)).toEqual(['condition'])
    expect((await queryRows(database.db, sql`select 1 from loans`)).length).toBe(loans)
    expect(
      (await call('POST', `/api/loans/00000000-0000-4000-8000-000000000000/return`, cookies.storekeeper, { condition: 'good' }))
        .status,
    ).toBe(404)
  })
})

describe('who may', () => {
  it('lends and takes back in their own branches only; teachers never; the auditor and the accountant read', async () => {
    const body = { clientId: anna, productId: textbook, storeId: center.stores.shop.id, dueDate: today() }
    expect((await lend('reception2', body)).status).toBe(403)
    expect((await lend('storekeeper2', body)).status).toBe(403)
    expect((await lend('teacher', body)).status).toBe(403)
    expect((await lend('auditor', body)).status).toBe(403)
    expect((await lend('accountant', body)).status).toBe(403)
    const ok = await lend('manager', body)
    expect(ok.status, JSON.stringify(ok.data)).toBe(201)
    expect((await call('POST', `/api/loans/${ok.data.loan.id}/return`, cookies.reception2, { condition: 'good' })).status).toBe(
      403,
    )
    expect((await call('POST', `/api/loans/${ok.data.loan.id}/return`, cookies.auditor, { condition: 'good' })).status).toBe(403)

    for (const who of ['auditor', 'accountant', 'reception', 'storekeeper']) {
      const list = await call('GET', `/api/loans?branchId=${center.central.branch.id}`, cookies[who])
      expect(list.status, who).toBe(200)
      expect(list.data.items.map((l: { id: string }) => l.id)).toContain(ok.data.loan.id)
    }
    expect((await call('GET', '/api/loans', cookies.teacher)).status).toBe(403)
    expect((await call('GET', `/api/loans?branchId=${center.central.branch.id}`, cookies.reception2)).status).toBe(403)
    const theirs = await call('GET', '/api/loans', cookies.reception2)
    expect(theirs.status).toBe(200)
    expect(theirs.data.items).toEqual([])
    expect((await call('POST', `/api/loans/${ok.data.loan.id}/return`, cookies.manager, { condition: 'good' })).status).toBe(200)
  })

  it('offers the lend form its branch’s stores, the textbooks and kits on hand, and the courses with their members', async () => {
    const res = await call('GET', `/api/loans/choices?branchId=${center.central.branch.id}`, cookies.reception)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.stores.map((s: { name: string }) => s.name).sort()).toEqual(['Cupboard', 'Shop'])
    const names = res.data.items.map((i: { name: string }) => i.name)
    expect(names).toContain('English File 1')
    expect(names).not.toContain('Pencil HB')
    const g = res.data.groups.find((x: { id: string }) => x.id === center.central.group.id)
    expect(g.members.map((m: { name: string }) => m.name).sort()).toEqual(['Anna Petrosyan', 'Boris Ivanov'])
    expect((await call('GET', `/api/loans/choices?branchId=${center.riverside.branch.id}`, cookies.reception)).status).toBe(403)
    expect((await call('GET', `/api/loans/choices?branchId=${center.central.branch.id}`, cookies.auditor)).status).toBe(403)
    expect((await call('GET', `/api/loans/choices?branchId=nope`, cookies.reception)).status).toBe(400)
  })

  it('pages the list and filters it by status', async () => {
    const first = await call('GET', `/api/loans?limit=2`, cookies.owner)
    expect(first.data.items).toHaveLength(2)
    expect(first.data.next).toBe(first.data.items[1].id)
    const second = await call('GET', `/api/loans?limit=2&after=${first.data.next}`, cookies.owner)
    expect(second.data.items[0].id).not.toBe(first.data.items[1].id)
    const returned = await call('GET', `/api/loans?status=returned`, cookies.owner)
    expect(returned.data.items.length).toBeGreaterThan(0)
    expect(returned.data.items.every((l: { status: string }) => l.status === 'returned')).toBe(true)
  })
})

describe('overdue', () => {
  it('the job raises loan_overdue past the due day (shown on the wall), the owing check names it on the group line; the return clears both', async () => {
    const res = await lend('reception', {
      clientId: boris,
      productId: textbook,
      storeId: center.stores.shop.id,
      groupId: center.central.group.id,
      dueDate: today(),
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    const id = res.data.loan.id as string
    // not yet: due today
    await reviewOverdueLoans(database.db)
    expect(await openAlerts(`loan:${id}`)).toEqual([])
    // three days later
    await reviewOverdueLoans(database.db, new Date(Date.now() + 3 * 86_400_000))
    expect(await openAlerts(`loan:${id}`)).toEqual(['loan_overdue'])
    await reviewOverdueLoans(database.db, new Date(Date.now() + 4 * 86_400_000))
    expect(await openAlerts(`loan:${id}`)).toEqual(['loan_overdue'])
    const [alert] = await queryRows<{ branch_id: string; message_id: string }>(
      database.db,
      sql`select branch_id, message_id from alerts where subject = ${`loan:${id}`} and cleared_at is null`,
    )
    expect(alert).toEqual({ branch_id: center.central.branch.id, message_id: 'loans.alert.overdue' })
    const wall = await call('GET', `/api/wall?branchId=${center.central.branch.id}`, cookies.owner)
    expect(wall.status).toBe(200)
    const flag = wall.data.flags.items.find((f: { subject: string }) => f.subject === `loan:${id}`)
    expect(flag).toMatchObject({ kind: 'loan_overdue', clientName: 'Boris Ivanov' })
    const alertsList = await call('GET', '/api/alerts', cookies.reception, undefined, 'en')
    expect(JSON.stringify(alertsList.data)).toContain('Boris Ivanov has not returned English File 1')

    // the owing check: the line is red with the item named while it is overdue (moved back past its due day)
    const owing = async () => {
      const list = await call('GET', `/api/groups?branchId=${center.central.branch.id}`, cookies.reception)
      const row = list.data.items.find((g: { id: string }) => g.id === center.central.group.id)
      return { red: row.red as boolean, boris: row.owing.find((o: { clientId: string }) => o.clientId === boris) }
    }
    expect((await owing()).boris?.reasons ?? []).not.toContainEqual(expect.objectContaining({ id: 'loans.owing.overdue' }))
    await database.db.execute(sql`update loans set due_on = due_on - 5 where id = ${id}::uuid`)
    const red = await owing()
    expect(red.red).toBe(true)
    expect(red.boris.reasons).toContainEqual({
      id: 'loans.owing.overdue',
      params: expect.objectContaining({ product: 'English File 1' }),
    })
    const back = await call('POST', `/api/loans/${id}/return`, cookies.reception, { condition: 'good' })
    expect(back.status).toBe(200)
    expect(await openAlerts(`loan:${id}`)).toEqual([])
    expect((await owing()).boris?.reasons ?? []).not.toContainEqual(expect.objectContaining({ id: 'loans.owing.overdue' }))
  })
})

describe('traceability', () => {
  it('a product’s trace lists its receipt, sale, loan, return, write-off and transfer with the client and author names; a client’s items what they received', async () => {
    // a sale, as the sales area will move it
    const keeper = actorOf(center.staff.storekeeper)
    const saleId = '11111111-1111-4111-8111-111111111111'
    await runCommand(commandCtx(database.db, keeper), 'test.sale', async (tx, audit) => {
      await moveStock(
        tx,
        audit,
        keeper.id,
        {
          kind: 'sale',
          storeId: center.stores.shop.id,
          clientId: anna,
          source: { type: 'sale', id: saleId },
          lines: [{ key: 's', productId: textbook, quantity: 1 }],
        },
        today(),
      )
      return { result: null, entity: 'sale', entityId: saleId }
    })
    await posted('write_off', { w: { productId: textbook, quantity: 1 } })
    await posted('transfer', { t: { productId: textbook, quantity: 1 } }, { toStoreId: center.stores.cupboard.id })

    const trace = await call('GET', `/api/products/${textbook}/trace`, cookies.accountant)
    expect(trace.status, JSON.stringify(trace.data)).toBe(200)
    const kinds = trace.data.items.map((m: { kind: string }) => m.kind)
    for (const k of ['receipt', 'sale', 'loan', 'loan_return', 'write_off', 'transfer']) expect(kinds).toContain(k)
    const sale = trace.data.items.find((m: { kind: string }) => m.kind === 'sale')
    expect(sale).toMatchObject({
      quantity: -1,
      clientName: 'Anna Petrosyan',
      authorName: center.staff.storekeeper.name,
      storeName: 'Shop',
      source: { type: 'sale', id: saleId },
    })
    const transfer = trace.data.items.filter((m: { kind: string }) => m.kind === 'transfer')
    expect(transfer.map((m: { storeName: string; quantity: number }) => [m.storeName, m.quantity]).sort()).toEqual([
      ['Cupboard', 1],
      ['Shop', -1],
    ])
    const annasLoans = trace.data.items.filter(
      (m: { kind: string; clientName: string }) => m.kind === 'loan' && m.clientName === 'Anna Petrosyan',
    )
    expect(annasLoans.map((m: { authorName: string; quantity: number }) => [m.authorName, m.quantity]).sort()).toEqual([
      [center.staff.manager.name, -1],
      [center.staff.reception.name, -1],
    ])
    // newest first, paged
    const ids = trace.data.items.map((m: { id: string }) => Number(m.id))
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
    const page1 = await call('GET', `/api/products/${textbook}/trace?limit=3`, cookies.accountant)
    expect(page1.data.items).toHaveLength(3)
    const page2 = await call('GET', `/api/products/${textbook}/trace?limit=3&before=${page1.data.next}`, cookies.accountant)
    expect(page2.data.items[0].id).toBe(trace.data.items[3].id)

    const mine = await call('GET', `/api/clients/${anna}/stock-received`, cookies.reception)
    expect(mine.status).toBe(200)
    expect(mine.data.items.map((m: { kind: string }) => m.kind).sort()).toEqual(['loan', 'loan', 'loan_return', 'sale'])
    expect(mine.data.items.every((m: { clientId: string }) => m.clientId === anna)).toBe(true)
  })

  it('is scoped to the reader’s branches and roles', async () => {
    const other = await call('GET', `/api/products/${textbook}/trace`, cookies.storekeeper2)
    expect(other.status).toBe(200)
    expect(other.data.items).toEqual([])
    expect((await call('GET', `/api/clients/${anna}/stock-received`, cookies.reception2)).data.items).toEqual([])
    expect((await call('GET', `/api/products/${textbook}/trace`, cookies.reception)).status).toBe(403)
    expect((await call('GET', `/api/products/${textbook}/trace`, cookies.teacher)).status).toBe(403)
    expect((await call('GET', `/api/clients/${anna}/stock-received`, cookies.teacher)).status).toBe(403)
    expect((await call('GET', `/api/products/${textbook}/trace`, cookies.auditor)).data.items.length).toBeGreaterThan(5)
    expect((await call('GET', `/api/products/00000000-0000-4000-8000-000000000000/trace`, cookies.owner)).status).toBe(404)
    expect((await call('GET', `/api/clients/00000000-0000-4000-8000-000000000000/stock-received`, cookies.owner)).status).toBe(
      404,
    )
    expect((await call('GET', `/api/products/${textbook}/trace?before=abc`, cookies.owner)).status).toBe(400)
  })
})
