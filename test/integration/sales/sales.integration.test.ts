import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { clients, productPrices, products, stockDocuments, stockMovements, taxRates } from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStockCenter, ledgerMismatches, onHandOf } from '../stock/support'

/**
 * Issue #18, the point of sale: worked examples of a sale's VAT in minor units (included, added,
 * exempt) and its gapless receipt numbers; the goods leave the store through the stock ledger in
 * the sale's transaction (a sale of more than is on hand: 409 naming the line, nothing written);
 * returns reference the sale and never exceed what was sold less what came back; twenty
 * concurrent sales of the last units; who may sell, return and read, in which branch; 400s name
 * the fields.
 */
let database: TestDatabase
let center: Awaited<ReturnType<typeof buildStockCenter>>
let t: ReturnType<typeof createTestApp>
const cookies: Record<string, string> = {}
let n = 0

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  t = createTestApp(database)
  for (const who of ['owner', 'manager', 'reception', 'reception2', 'teacher', 'storekeeper', 'accountant', 'auditor'])
    cookies[who] = await t.login(who)
})
afterAll(async () => {
  await database?.destroy()
})

const call = (method: string, path: string, who: string, json?: unknown) =>
  t.call(method, path, { cookie: cookies[who], json, headers: { 'accept-language': 'en' } })

async function taxRate(rateBp: number, mode: 'included' | 'added' | 'exempt') {
  const [r] = await database.db
    .insert(taxRates)
    .values({ name: `VAT ${rateBp} ${mode} ${++n}`, rateBp, mode })
    .returning()
  return r
}

/** A product at a sale price (from 2020), with `stock` units received into the store. */
async function product(price: number, opts: { taxRateId?: string | null; stock?: number; storeId?: string; name?: string } = {}) {
  n += 1
  const [p] = await database.db
    .insert(products)
    .values({
      name: opts.name ?? `Goods ${n}`,
      kind: 'goods',
      sku: `S-${n}-${Math.random().toString(36).slice(2, 7)}`,
      barcode: `460${String(n).padStart(6, '0')}${Math.floor(Math.random() * 1000)}`,
      taxRateId: opts.taxRateId ?? null,
    })
    .returning()
  await database.db
    .insert(productPrices)
    .values({ productId: p.id, effectiveFrom: '2020-01-01', salePrice: price, cost: Math.floor(price / 2) })
  if (opts.stock) await receive(p.id, opts.stock, opts.storeId ?? center.stores.shop.id)
  return p
}

async function receive(productId: string, quantity: number, storeId: string) {
  const [doc] = await database.db
    .insert(stockDocuments)
    .values({ kind: 'receipt', storeId, status: 'posted', postedAt: new Date() })
    .returning()
  await database.db.insert(stockMovements).values({ productId, storeId, quantity, unitCost: 1, documentId: doc.id, lineKey: 'r' })
}

async function client(branch: 'central' | 'riverside' = 'central') {
  const [c] = await database.db
    .insert(clients)
    .values({ firstName: `Buyer${++n}`, lastName: 'Test', branchId: center[branch].branch.id, status: 'active' })
    .returning()
  return c
}

const count = async (table: string) =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0].n

describe('a sale', () => {
  it('prices each line on the day with its VAT in minor units, numbers the receipt and takes the goods out of the store', async () => {
    const included = await taxRate(2000, 'included')
    const added = await taxRate(1000, 'added')
    const exempt = await taxRate(0, 'exempt')
    const pen = await product(1200, { taxRateId: included.id, stock: 10 })
    const kit = await product(999, { taxRateId: added.id, stock: 10 })
    const book = await product(500, { taxRateId: exempt.id, stock: 10 })
    const odd = await product(1000, { taxRateId: included.id, stock: 10 })
    const buyer = await client()
    const res = await call('POST', '/api/sales', 'reception', {
      storeId: center.stores.shop.id,
      clientId: buyer.id,
      method: 'card',
      lines: [
        { productId: pen.id, quantity: 3 },
        { productId: kit.id, quantity: 2 },
        { productId: book.id, quantity: 1 },
        { productId: odd.id, quantity: 1 },
      ],
    })
    expect(res.status).toBe(201)
    const sale = res.data.sale
    // 3 × 1 200 with 20 % included: 3 600 gross, 600 VAT (3 600 × 20 / 120), 3 000 net
    expect(sale.lines[0]).toMatchObject({
      key: '0',
      quantity: 3,
      unitPrice: 1200,
      gross: 3600,
      tax: 600,
      net: 3000,
      taxRateBp: 2000,
      taxMode: 'included',
    })
    // 2 × 999 with 10 % added: 1 998 net, 199.8 → 200 VAT on top, 2 198 gross
    expect(sale.lines[1]).toMatchObject({ quantity: 2, unitPrice: 999, net: 1998, tax: 200, gross: 2198, taxMode: 'added' })
    // exempt: no VAT
    expect(sale.lines[2]).toMatchObject({ net: 500, tax: 0, gross: 500, taxRateBp: 0 })
    // 1 000 with 20 % included: 166.67 → 167 VAT, 833 net
    expect(sale.lines[3]).toMatchObject({ net: 833, tax: 167, gross: 1000 })
    expect(sale).toMatchObject({
      net: 3000 + 1998 + 500 + 833,
      tax: 600 + 200 + 167,
      total: 3600 + 2198 + 500 + 1000,
      method: 'card',
    })
    expect(sale.client).toEqual({ id: buyer.id, name: `${buyer.firstName} Test` })
    expect(sale.number).toMatch(/^CEN-\d{4}-S\d{6}$/)
    expect(await onHandOf(database.db, pen.id, center.stores.shop.id)).toBe(7)
    expect(await onHandOf(database.db, kit.id, center.stores.shop.id)).toBe(8)
    // the stock document says who received the goods and what moved them
    const [doc] = await queryRows<{ kind: string; client_id: string; source_type: string; source_id: string; status: string }>(
      database.db,
      sql`select kind, client_id, source_type, source_id, status from stock_documents where source_id = ${sale.id}`,
    )
    expect(doc).toEqual({ kind: 'sale', client_id: buyer.id, source_type: 'sale', source_id: sale.id, status: 'posted' })
    const [audit] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_log where action = 'sales.sell' and entity_id = ${sale.id}`,
    )
    expect(audit.n).toBe(1)

    // a walk-in: no client; the next receipt number of the branch
    const walkIn = await call('POST', '/api/sales', 'storekeeper', {
      storeId: center.stores.shop.id,
      method: 'cash',
      lines: [{ productId: book.id, quantity: 2 }],
    })
    expect(walkIn.status).toBe(201)
    expect(walkIn.data.sale.client).toBeNull()
    const num = (s: string) => Number(s.slice(-6))
    expect(num(walkIn.data.sale.number)).toBe(num(sale.number) + 1)

    const got = await call('GET', `/api/sales/${sale.id}`, 'auditor')
    expect(got.status).toBe(200)
    expect(got.data.sale.total).toBe(sale.total)
    const pdf = await t.app.request(`http://localhost/api/sales/${sale.id}/receipt.pdf`, {
      headers: { cookie: cookies.reception },
    })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF')

    const list = await call('GET', `/api/sales?branchId=${center.central.branch.id}`, 'reception')
    expect(list.status).toBe(200)
    expect(list.data.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([sale.id, walkIn.data.sale.id]))
    const mine = await call('GET', `/api/sales?clientId=${buyer.id}`, 'manager')
    expect(mine.data.items.map((i: { id: string }) => i.id)).toEqual([sale.id])
    // the same key again is the same sale
    const body = {
      storeId: center.stores.shop.id,
      method: 'cash',
      lines: [{ productId: book.id, quantity: 1 }],
      idempotencyKey: `k-${Math.random()}`,
    }
    const first = await call('POST', '/api/sales', 'reception', body)
    const again = await call('POST', '/api/sales', 'reception', body)
    expect([first.status, again.status]).toEqual([201, 200])
    expect(again.data.sale.id).toBe(first.data.sale.id)
    expect(await onHandOf(database.db, book.id, center.stores.shop.id)).toBe(10 - 1 - 2 - 1)
  })

  it('refuses more than is on hand with a 409 naming the line, and writes nothing', async () => {
    const a = await product(300, { stock: 5 })
    const b = await product(400, { stock: 2 })
    const before = {
      sales: await count('sales'),
      lines: await count('sale_lines'),
      movements: await count('stock_movements'),
      docs: await count('stock_documents'),
      audit: await count('audit_log'),
      counters: await queryRows(database.db, sql`select * from sale_counters order by branch_id, year`),
    }
    const res = await call('POST', '/api/sales', 'reception', {
      storeId: center.stores.shop.id,
      method: 'cash',
      lines: [
        { productId: a.id, quantity: 1 },
        { productId: b.id, quantity: 3 },
      ],
    })
    expect(res.status).toBe(409)
    expect(res.data.error.messageId).toBe('sales.cannotSell')
    expect(Object.keys(res.data.error.fieldMessages)).toEqual(['lines.1.quantity'])
    expect(res.data.error.fieldMessages['lines.1.quantity']).toEqual({
      id: 'stock.line.notEnough',
      params: { onHand: 2, wanted: 3 },
    })
    expect(res.data.error.fields['lines.1.quantity']).toMatch(/2 left/)
    expect({
      sales: await count('sales'),
      lines: await count('sale_lines'),
      movements: await count('stock_movements'),
      docs: await count('stock_documents'),
      audit: await count('audit_log'),
      counters: await queryRows(database.db, sql`select * from sale_counters order by branch_id, year`),
    }).toEqual(before)
    expect(await onHandOf(database.db, a.id, center.stores.shop.id)).toBe(5)
  })

  it('lets exactly the units on hand go out when twenty sales race for the last five', async () => {
    const p = await product(250, { stock: 5 })
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call('POST', '/api/sales', 'reception', {
          storeId: center.stores.shop.id,
          method: 'cash',
          lines: [{ productId: p.id, quantity: 1 }],
        }),
      ),
    )
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(5)
    expect(statuses.filter((s) => s === 409)).toHaveLength(15)
    for (const a of answers.filter((x) => x.status === 409))
      expect(Object.keys(a.data.error.fieldMessages)).toEqual(['lines.0.quantity'])
    expect(await onHandOf(database.db, p.id, center.stores.shop.id)).toBe(0)
    expect(await ledgerMismatches(database.db)).toEqual([])
    // the receipt numbers of the branch have no gaps
    const numbers = await queryRows<{ number: number }>(
      database.db,
      sql`select number from sales where branch_id = ${center.central.branch.id} order by number`,
    )
    expect(numbers.map((r) => r.number)).toEqual(numbers.map((_, i) => i + 1))
  })
})

describe('returns', () => {
  it('give back each line’s share of its money and goods, never more than was sold', async () => {
    const rate = await taxRate(2000, 'included')
    const p = await product(1000, { taxRateId: rate.id, stock: 5 })
    const q = await product(700, { stock: 5 })
    const buyer = await client()
    const sold = await call('POST', '/api/sales', 'reception', {
      storeId: center.stores.shop.id,
      clientId: buyer.id,
      method: 'cash',
      lines: [
        { productId: p.id, quantity: 3 },
        { productId: q.id, quantity: 1 },
      ],
    })
    expect(sold.status).toBe(201)
    const id = sold.data.sale.id
    // 3 000 gross, 500 VAT: the line comes back in two returns that add up to it exactly
    expect(sold.data.sale.lines[0]).toMatchObject({ gross: 3000, tax: 500 })
    const one = await call('POST', `/api/sales/${id}/returns`, 'reception', {
      method: 'cash',
      lines: [{ lineKey: '0', quantity: 1 }],
    })
    expect(one.status).toBe(201)
    expect(one.data.saleReturn).toMatchObject({ amount: 1000, tax: 167, saleId: id })
    expect(await onHandOf(database.db, p.id, center.stores.shop.id)).toBe(3)

    const before = {
      returns: await count('sale_returns'),
      movements: await count('stock_movements'),
      audit: await count('audit_log'),
    }
    const tooMany = await call('POST', `/api/sales/${id}/returns`, 'reception', {
      method: 'cash',
      lines: [
        { lineKey: '1', quantity: 1 },
        { lineKey: '0', quantity: 3 },
      ],
    })
    expect(tooMany.status).toBe(409)
    expect(tooMany.data.error.messageId).toBe('sales.cannotReturn')
    expect(tooMany.data.error.fieldMessages).toEqual({
      'lines.1.quantity': { id: 'sales.returnAboveSold', params: { left: 2, wanted: 3 } },
    })
    expect({
      returns: await count('sale_returns'),
      movements: await count('stock_movements'),
      audit: await count('audit_log'),
    }).toEqual(before)

    const rest = await call('POST', `/api/sales/${id}/returns`, 'manager', {
      method: 'card',
      lines: [{ lineKey: '0', quantity: 2 }],
    })
    expect(rest.status).toBe(201)
    expect(rest.data.saleReturn).toMatchObject({ amount: 2000, tax: 333 })
    expect(rest.data.sale.lines[0].returned).toBe(3)
    expect(rest.data.sale.refunded).toBe(3000)
    expect(await onHandOf(database.db, p.id, center.stores.shop.id)).toBe(5)
    const again = await call('POST', `/api/sales/${id}/returns`, 'reception', {
      method: 'cash',
      lines: [{ lineKey: '0', quantity: 1 }],
    })
    expect(again.status).toBe(409)
    expect(again.data.error.fieldMessages['lines.0.quantity'].params).toEqual({ left: 0, wanted: 1 })
    const unknown = await call('POST', `/api/sales/${id}/returns`, 'reception', {
      method: 'cash',
      lines: [{ lineKey: '9', quantity: 1 }],
    })
    expect(unknown.status).toBe(400)
    expect(Object.keys(unknown.data.error.fields)).toEqual(['lines.0.lineKey'])
    // the goods came back by documents of kind sale_return that name the sale and the buyer
    const docs = await queryRows<{ kind: string; client_id: string }>(
      database.db,
      sql`select kind, client_id from stock_documents where source_type = 'sale' and source_id = ${id} order by created_at`,
    )
    expect(docs).toEqual([
      { kind: 'sale', client_id: buyer.id },
      { kind: 'sale_return', client_id: buyer.id },
      { kind: 'sale_return', client_id: buyer.id },
    ])
    expect(await ledgerMismatches(database.db)).toEqual([])
  })
})

describe('concurrent returns of one sale', () => {
  it('take back exactly what was sold, never more', async () => {
    const p = await product(500, { stock: 3 })
    const sold = await call('POST', '/api/sales', 'reception', {
      storeId: center.stores.shop.id,
      method: 'cash',
      lines: [{ productId: p.id, quantity: 3 }],
    })
    const id = sold.data.sale.id
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', `/api/sales/${id}/returns`, 'reception', { method: 'cash', lines: [{ lineKey: '0', quantity: 1 }] }),
      ),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3)
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7)
    const got = await call('GET', `/api/sales/${id}`, 'reception')
    expect(got.data.sale).toMatchObject({ refunded: 1500, lines: [expect.objectContaining({ returned: 3 })] })
    expect(await onHandOf(database.db, p.id, center.stores.shop.id)).toBe(3)
  })
})

describe('who may sell, take back and read', () => {
  it('sells in their branch only; the auditor and the accountant read; teachers neither', async () => {
    const p = await product(100, { stock: 20 })
    const r = await product(100, { stock: 20, storeId: center.stores.river.id })
    const sell = (who: string, storeId: string, productId: string) =>
      call('POST', '/api/sales', who, { storeId, method: 'cash', lines: [{ productId, quantity: 1 }] })
    for (const who of ['owner', 'manager', 'reception', 'storekeeper'])
      expect((await sell(who, center.stores.shop.id, p.id)).status).toBe(201)
    for (const who of ['teacher', 'auditor', 'accountant', 'reception2'])
      expect((await sell(who, center.stores.shop.id, p.id)).status).toBe(403)
    expect((await sell('reception2', center.stores.river.id, r.id)).status).toBe(201)
    expect((await sell('reception', center.stores.river.id, r.id)).status).toBe(403)
    expect((await sell('storekeeper', center.stores.river.id, r.id)).status).toBe(403)

    const central = (await sell('reception', center.stores.shop.id, p.id)).data.sale.id
    const back = (who: string) =>
      call('POST', `/api/sales/${central}/returns`, who, { method: 'cash', lines: [{ lineKey: '0', quantity: 1 }] })
    expect((await back('auditor')).status).toBe(403)
    expect((await back('teacher')).status).toBe(403)
    expect((await back('reception2')).status).toBe(403)
    expect((await back('storekeeper')).status).toBe(201)

    expect((await call('GET', `/api/sales/${central}`, 'auditor')).status).toBe(200)
    expect((await call('GET', `/api/sales/${central}`, 'accountant')).status).toBe(200)
    expect((await call('GET', `/api/sales/${central}`, 'teacher')).status).toBe(403)
    expect((await call('GET', `/api/sales/${central}`, 'reception2')).status).toBe(403)
    expect((await call('GET', '/api/sales', 'teacher')).status).toBe(403)
    expect((await call('GET', `/api/sales?branchId=${center.central.branch.id}`, 'reception2')).status).toBe(403)
    const theirs = await call('GET', '/api/sales', 'reception2')
    expect(theirs.status).toBe(200)
    expect(theirs.data.items.every((i: { branchId: string }) => i.branchId === center.riverside.branch.id)).toBe(true)
    expect((await call('GET', `/api/sales/products?storeId=${center.stores.shop.id}&q=${p.barcode}`, 'reception2')).status).toBe(
      403,
    )
    const scan = await call('GET', `/api/sales/products?storeId=${center.stores.shop.id}&q=${p.barcode}`, 'reception')
    expect(scan.status).toBe(200)
    expect(scan.data.items[0]).toMatchObject({ id: p.id, exact: true, salePrice: 100 })
    const stores = await call('GET', '/api/sales/stores', 'reception2')
    expect(stores.data.items.map((s: { id: string }) => s.id)).toEqual([center.stores.river.id])
  })
})

describe('bad input', () => {
  it('is a 400 naming each field, nothing written', async () => {
    const p = await product(100, { stock: 3 })
    const before = await count('sales')
    const res = await call('POST', '/api/sales', 'reception', {
      storeId: 'nope',
      method: 'bitcoin',
      lines: [
        { productId: p.id, quantity: 0 },
        { productId: 'x', quantity: 1.5 },
      ],
    })
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.error.fields).sort()).toEqual([
      'lines.0.quantity',
      'lines.1.productId',
      'lines.1.quantity',
      'method',
      'storeId',
    ])
    expect(res.data.error.fieldMessages['lines.0.quantity'].id).toBe('sales.quantityPositive')
    expect(res.data.error.fields['lines.0.quantity']).toBe('The quantity must be more than zero')
    const noLines = await call('POST', '/api/sales', 'reception', { storeId: center.stores.shop.id, method: 'cash', lines: [] })
    expect(noLines.status).toBe(400)
    expect(noLines.data.error.fieldMessages.lines.id).toBe('sales.noLines')
    const noStore = await call('POST', '/api/sales', 'reception', {
      storeId: '00000000-0000-4000-8000-000000000000',
      method: 'cash',
      lines: [{ productId: p.id, quantity: 1 }],
    })
    expect(noStore.status).toBe(400)
    expect(noStore.data.error.fieldMessages.storeId.id).toBe('sales.unknownStore')
    const otherBranch = await call('POST', '/api/sales', 'owner', {
      branchId: center.riverside.branch.id,
      storeId: center.stores.shop.id,
      method: 'cash',
      lines: [{ productId: p.id, quantity: 1 }],
    })
    expect(otherBranch.status).toBe(400)
    expect(otherBranch.data.error.fieldMessages.storeId.id).toBe('sales.storeOtherBranch')
    const noProduct = await call('POST', '/api/sales', 'reception', {
      storeId: center.stores.shop.id,
      method: 'cash',
      lines: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
    })
    expect(noProduct.status).toBe(409)
    expect(noProduct.data.error.fieldMessages['lines.0.productId'].id).toBe('sales.unknownProduct')
    const noClient = await call('POST', '/api/sales', 'reception', {
      storeId: center.stores.shop.id,
      clientId: '00000000-0000-4000-8000-000000000000',
      method: 'cash',
      lines: [{ productId: p.id, quantity: 1 }],
    })
    expect(noClient.status).toBe(400)
    expect(Object.keys(noClient.data.error.fields)).toEqual(['clientId'])
    expect(await count('sales')).toBe(before)
    expect(await onHandOf(database.db, p.id, center.stores.shop.id)).toBe(3)
  })
})

describe('the Audit', () => {
  it('shows sales and returns in their own area, each named by its receipt and buyer', async () => {
    const p = await product(100, { stock: 3 })
    const buyer = await client()
    const sold = await call('POST', '/api/sales', 'reception', {
      storeId: center.stores.shop.id,
      clientId: buyer.id,
      method: 'cash',
      lines: [{ productId: p.id, quantity: 2 }],
    })
    const walkIn = await call('POST', '/api/sales', 'reception', {
      storeId: center.stores.shop.id,
      method: 'cash',
      lines: [{ productId: p.id, quantity: 1 }],
    })
    await call('POST', `/api/sales/${sold.data.sale.id}/returns`, 'reception', {
      method: 'cash',
      lines: [{ lineKey: '0', quantity: 1 }],
    })
    const res = await call('GET', '/api/audit/changes?since=start&area=sales&limit=500', 'owner')
    expect(res.status, JSON.stringify(res.data).slice(0, 400)).toBe(200)
    const items = res.data.items as Array<{
      area: string
      action: string
      subject: { type: string; id: string; label: string | null }
    }>
    expect(items.every((i) => i.area === 'sales')).toBe(true)
    const label = (id: string) => items.find((i) => i.subject.id === id)?.subject.label
    expect(label(sold.data.sale.id)).toBe(`Receipt ${sold.data.sale.number} · ${buyer.firstName} Test`)
    expect(label(walkIn.data.sale.id)).toBe(`Receipt ${walkIn.data.sale.number} · Walk-in customer`)
    const ret = items.find((i) => i.action === 'sales.return' && i.subject.label?.includes(sold.data.sale.number))
    expect(ret?.subject.label).toBe(`Return · Receipt ${sold.data.sale.number} · ${buyer.firstName} Test`)
  })
})
