import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { auditLog, stockDocuments, stockMovements } from '../../../db/schema/index'
import { encodeStockDocName, setStockLine } from '../../../domain/docs/stock-doc'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { login } from '../collab/helpers'
import { actorOf, buildStockCenter, ledgerMismatches, onHandOf } from './support'

/**
 * Issue #18, posting over HTTP, worked examples: a receipt puts stock on hand; a write-off takes it
 * out; a transfer moves it between stores; a count posts the differences; a reversal restores what
 * was there; posting twice is a 409; bad lines are a 409 naming each line (in the reader's
 * language) and nothing is written; bad input is a 400 naming the field; a receptionist and
 * another branch's storekeeper are refused; the Audit names the area and the document.
 */
let database: TestDatabase
let server: RunningServer
let call: ReturnType<typeof apiCaller>
let center: Awaited<ReturnType<typeof buildStockCenter>>
const cookies: Record<string, string> = {}
let pencil: string
let glue: string

async function fill(docId: string, lines: Record<string, { productId: unknown; quantity: unknown; unitCost?: number }>) {
  const actor = actorOf(center.staff.storekeeper)
  await server.deps.docs!.applyAsUser(encodeStockDocName(docId), actor, (doc) => {
    for (const [key, line] of Object.entries(lines)) setStockLine(doc, key, line)
  })
}

async function newDoc(body: Record<string, unknown>, who = 'storekeeper') {
  const res = await call('POST', '/api/stock-docs', cookies[who], body)
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  expect(res.data.doc.name).toBe(`stock-doc:${res.data.doc.id}`)
  return res.data.doc.id as string
}

async function post(docId: string, who = 'storekeeper', language?: string) {
  return call('POST', `/api/stock-docs/${docId}/post`, cookies[who], undefined, language)
}

const stockOf = async (productId: string, storeId: string) => {
  const res = await call('GET', `/api/stock?storeId=${storeId}&productId=${productId}`, cookies.storekeeper)
  expect(res.status).toBe(200)
  return (res.data.items[0]?.onHand[storeId] as number | undefined) ?? 0
}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  server = await startTestServer(database)
  call = apiCaller(server)
  for (const who of ['storekeeper', 'storekeeper2', 'reception', 'manager', 'accountant', 'auditor'])
    cookies[who] = await login(server, who)
  const a = await call('POST', '/api/products', cookies.storekeeper, {
    name: 'Pencil HB',
    kind: 'consumable',
    sku: 'PEN-HB',
    barcode: '4600000000011',
    unit: 'pcs',
    salePrice: 150,
    cost: 90,
    reorderPoint: 10,
    reorderQuantity: 50,
  })
  expect(a.status, JSON.stringify(a.data)).toBe(201)
  expect(a.data.product.price).toMatchObject({ salePrice: 150, cost: 90 })
  pencil = a.data.product.id
  const b = await call('POST', '/api/products', cookies.manager, {
    name: 'Glue',
    kind: 'consumable',
    sku: 'GLUE',
    salePrice: 400,
    cost: 250,
  })
  glue = b.data.product.id
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('posting stock documents', () => {
  it('a receipt puts stock on hand at the line’s cost; the document is then posted and read-only', async () => {
    const sup = await call('POST', '/api/suppliers', cookies.storekeeper, { name: 'Kanc Ltd', email: 'orders@kanc.am' })
    expect(sup.status).toBe(201)
    const id = await newDoc({ kind: 'receipt', storeId: center.stores.shop.id, supplierId: sup.data.supplier.id })
    await fill(id, { a: { productId: pencil, quantity: 40, unitCost: 80 }, b: { productId: glue, quantity: 5 } })
    const res = await post(id)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.doc.status).toBe('posted')
    expect(await stockOf(pencil, center.stores.shop.id)).toBe(40)
    expect(await stockOf(glue, center.stores.shop.id)).toBe(5)
    const moves = await database.db.select().from(stockMovements).where(eq(stockMovements.documentId, id))
    expect(moves.map((m) => [m.lineKey, m.quantity, m.unitCost]).sort()).toEqual([
      ['a', 40, 80],
      ['b', 5, 250],
    ])
    const got = await call('GET', `/api/stock-docs/${id}`, cookies.accountant)
    expect(got.status).toBe(200)
    expect(got.data.doc).toMatchObject({ status: 'posted', postedBy: center.staff.storekeeper.id })
    expect(got.data.doc.movements).toHaveLength(2)
  })

  it('posting twice is a 409 and writes nothing more', async () => {
    const id = await newDoc({ kind: 'receipt', storeId: center.stores.shop.id })
    await fill(id, { a: { productId: glue, quantity: 1 } })
    expect((await post(id)).status).toBe(200)
    const again = await post(id)
    expect(again.status).toBe(409)
    expect(again.data.error.messageId).toBe('stock.doc.alreadyPosted')
    expect(await stockOf(glue, center.stores.shop.id)).toBe(6)
  })

  it('a write-off takes stock out; more than is on hand is a 409 naming the line, in the reader’s language, nothing written', async () => {
    const id = await newDoc({ kind: 'write_off', storeId: center.stores.shop.id })
    await fill(id, { broken: { productId: pencil, quantity: 3 } })
    expect((await post(id)).status).toBe(200)
    expect(await stockOf(pencil, center.stores.shop.id)).toBe(37)

    const before = await database.db.select().from(stockMovements)
    const bad = await newDoc({ kind: 'write_off', storeId: center.stores.shop.id })
    const audits = (await database.db.select().from(auditLog)).length
    await fill(bad, {
      tooMany: { productId: pencil, quantity: 38 },
      ghost: { productId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
      zero: { productId: glue, quantity: 0 },
      half: { productId: glue, quantity: 0.5 },
    })
    const res = await post(bad, 'storekeeper', 'ru')
    expect(res.status, JSON.stringify(res.data)).toBe(409)
    expect(res.data.error.messageId).toBe('stock.doc.cannotPost')
    expect(res.data.error.fieldMessages).toMatchObject({
      'lines.ghost.productId': { id: 'stock.line.unknownProduct' },
      'lines.zero.quantity': { id: 'stock.line.quantityNotPositive' },
      'lines.half.quantity': { id: 'stock.line.quantityNotWhole' },
    })
    expect(res.data.error.fields['lines.ghost.productId']).toBe('Неизвестный товар')
    // the lines that are fine on their own are checked against stock once the others are fixed
    await fill(bad, {
      ghost: { productId: glue, quantity: 1 },
      zero: { productId: glue, quantity: 1 },
      half: { productId: glue, quantity: 1 },
    })
    const short = await post(bad, 'storekeeper', 'hy')
    expect(short.status).toBe(409)
    expect(short.data.error.fieldMessages['lines.tooMany.quantity']).toEqual({
      id: 'stock.line.notEnough',
      params: { onHand: 37, wanted: 38 },
    })
    expect(short.data.error.fields['lines.tooMany.quantity']).toContain('37')
    expect(short.data.error.lines).toEqual([
      { key: 'tooMany', field: 'quantity', messageId: 'stock.line.notEnough', params: { onHand: 37, wanted: 38 } },
    ])
    expect(await database.db.select().from(stockMovements)).toHaveLength(before.length)
    expect((await database.db.select().from(auditLog)).length).toBe(audits)
    const [row] = await database.db.select().from(stockDocuments).where(eq(stockDocuments.id, bad))
    expect(row.status).toBe('draft')
  })

  it('a transfer moves stock from one store to the other; to the same store is a 400 naming the field', async () => {
    const same = await call('POST', '/api/stock-docs', cookies.storekeeper, {
      kind: 'transfer',
      storeId: center.stores.shop.id,
      toStoreId: center.stores.shop.id,
    })
    expect(same.status).toBe(400)
    expect(same.data.error.fieldMessages.toStoreId.id).toBe('stock.doc.sameStore')
    const none = await call('POST', '/api/stock-docs', cookies.storekeeper, { kind: 'transfer', storeId: center.stores.shop.id })
    expect(none.status).toBe(400)
    expect(none.data.error.fieldMessages.toStoreId.id).toBe('stock.doc.toStoreRequired')

    const id = await newDoc({ kind: 'transfer', storeId: center.stores.shop.id, toStoreId: center.stores.cupboard.id })
    await fill(id, { a: { productId: pencil, quantity: 7 } })
    expect((await post(id)).status).toBe(200)
    expect(await stockOf(pencil, center.stores.shop.id)).toBe(30)
    expect(await stockOf(pencil, center.stores.cupboard.id)).toBe(7)
  })

  it('a count posts the differences (counted − on hand) as gains and losses', async () => {
    const id = await newDoc({ kind: 'count', storeId: center.stores.shop.id })
    // pencils on two shelves: 20 + 8 = 28 counted, 30 on hand → −2; glue 6 on hand, 9 counted → +3
    await fill(id, {
      shelf1: { productId: pencil, quantity: 20 },
      shelf2: { productId: pencil, quantity: 8 },
      glue: { productId: glue, quantity: 9 },
    })
    expect((await post(id)).status).toBe(200)
    expect(await stockOf(pencil, center.stores.shop.id)).toBe(28)
    expect(await stockOf(glue, center.stores.shop.id)).toBe(9)
    const moves = await database.db.select().from(stockMovements).where(eq(stockMovements.documentId, id))
    expect(moves.map((m) => m.quantity).sort()).toEqual([-2, 3])
  })

  it('a reversal is a posted counter-document that restores the stock; the original is not edited; twice is a 409', async () => {
    const id = await newDoc({ kind: 'write_off', storeId: center.stores.shop.id })
    await fill(id, { a: { productId: pencil, quantity: 8 } })
    expect((await post(id)).status).toBe(200)
    expect(await stockOf(pencil, center.stores.shop.id)).toBe(20)
    const [originalBefore] = await database.db.select().from(stockDocuments).where(eq(stockDocuments.id, id))
    const rev = await call('POST', `/api/stock-docs/${id}/reverse`, cookies.manager)
    expect(rev.status, JSON.stringify(rev.data)).toBe(201)
    expect(rev.data.doc).toMatchObject({ status: 'posted', reverses: id, kind: 'write_off' })
    expect(rev.data.doc.movements).toEqual([expect.objectContaining({ productId: pencil, quantity: 8 })])
    expect(await stockOf(pencil, center.stores.shop.id)).toBe(28)
    const [original] = await database.db.select().from(stockDocuments).where(eq(stockDocuments.id, id))
    expect(original).toEqual({ ...originalBefore, reversedBy: rev.data.doc.id })
    const again = await call('POST', `/api/stock-docs/${id}/reverse`, cookies.manager)
    expect(again.status).toBe(409)
    expect(again.data.error.messageId).toBe('stock.doc.alreadyReversed')
    // a draft cannot be reversed
    const draft = await newDoc({ kind: 'receipt', storeId: center.stores.shop.id })
    expect((await call('POST', `/api/stock-docs/${draft}/reverse`, cookies.manager)).status).toBe(409)
  })

  it('bad input is a 400 naming the field; nothing written', async () => {
    const n = (await database.db.select().from(stockDocuments)).length
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'gift', storeId: center.stores.shop.id }, 'kind'],
      [{ kind: 'receipt', storeId: 'nope' }, 'storeId'],
      [{ kind: 'receipt', storeId: '00000000-0000-4000-8000-000000000000' }, 'storeId'],
      [{ kind: 'write_off', storeId: center.stores.shop.id, supplierId: '00000000-0000-4000-8000-000000000000' }, 'supplierId'],
      [{ kind: 'receipt', storeId: center.stores.shop.id, toStoreId: center.stores.cupboard.id }, 'toStoreId'],
    ]
    for (const [body, field] of cases) {
      const res = await call('POST', '/api/stock-docs', cookies.storekeeper, body)
      expect(res.status, JSON.stringify(res.data)).toBe(400)
      expect(Object.keys(res.data.error.fields)).toContain(field)
    }
    expect((await database.db.select().from(stockDocuments)).length).toBe(n)
    const dup = await call('POST', '/api/products', cookies.storekeeper, {
      name: 'Other',
      kind: 'goods',
      sku: 'PEN-HB',
      salePrice: 1,
      cost: 1,
    })
    expect(dup.status).toBe(409)
    expect(dup.data.error.fieldMessages.sku.id).toBe('stock.skuTaken')
    const neg = await call('POST', '/api/products', cookies.storekeeper, {
      name: 'Neg',
      kind: 'toy',
      sku: 'X',
      salePrice: -1,
      cost: 1.5,
    })
    expect(neg.status).toBe(400)
    expect(Object.keys(neg.data.error.fields).sort()).toEqual(['cost', 'kind', 'salePrice'])
  })

  it('a receptionist may not post or open documents; another branch’s storekeeper may not touch Central’s', async () => {
    const id = await newDoc({ kind: 'receipt', storeId: center.stores.shop.id })
    await fill(id, { a: { productId: glue, quantity: 2 } })
    expect((await post(id, 'reception')).status).toBe(403)
    expect(
      (await call('POST', '/api/stock-docs', cookies.reception, { kind: 'receipt', storeId: center.stores.shop.id })).status,
    ).toBe(403)
    expect((await call('GET', `/api/stock-docs/${id}`, cookies.reception)).status).toBe(403)
    const other = await post(id, 'storekeeper2')
    expect(other.status).toBe(403)
    expect(other.data.error.messageId).toBe('errors.forbidden.otherBranch')
    expect(
      (await call('POST', '/api/stock-docs', cookies.storekeeper2, { kind: 'receipt', storeId: center.stores.shop.id })).status,
    ).toBe(403)
    expect((await call('GET', `/api/stock?storeId=${center.stores.shop.id}`, cookies.storekeeper2)).status).toBe(403)
    // an auditor and an accountant read, never write
    expect((await call('GET', `/api/stock-docs/${id}`, cookies.auditor)).status).toBe(200)
    expect((await post(id, 'accountant')).status).toBe(403)
    expect((await post(id, 'auditor')).status).toBe(403)
    // riverside's storekeeper sees riverside's stock only
    const mine = await call('GET', '/api/stock', cookies.storekeeper2)
    expect(mine.status).toBe(200)
    expect(mine.data.items.every((i: { storeId: string }) => i.storeId === center.stores.river.id)).toBe(true)
    const [row] = await database.db.select().from(stockDocuments).where(eq(stockDocuments.id, id))
    expect(row.status).toBe('draft')
  })

  it('a product’s new price is a new row from a day on; the same day twice is a 409; an archived product cannot be posted', async () => {
    const later = await call('PATCH', `/api/products/${glue}`, cookies.storekeeper, {
      salePrice: 450,
      cost: 260,
      priceFrom: '2099-01-01',
    })
    expect(later.status, JSON.stringify(later.data)).toBe(200)
    // the price in force today is still the first one
    expect(later.data.product.price).toMatchObject({ salePrice: 400, cost: 250 })
    const again = await call('PATCH', `/api/products/${glue}`, cookies.storekeeper, {
      salePrice: 1,
      cost: 1,
      priceFrom: '2099-01-01',
    })
    expect(again.status).toBe(409)
    expect(again.data.error.fieldMessages.priceFrom.id).toBe('stock.priceDayTaken')
    const half = await call('PATCH', `/api/products/${glue}`, cookies.storekeeper, { salePrice: 1 })
    expect(half.status).toBe(400)
    expect(half.data.error.fieldMessages.cost.id).toBe('stock.priceNeedsBoth')
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from product_prices where product_id = ${glue}`,
    )
    expect(n).toBe(2)
    const list = await call('GET', '/api/products?q=glue', cookies.accountant)
    expect(list.status).toBe(200)
    expect(list.data.items.map((p: { sku: string }) => p.sku)).toEqual(['GLUE'])
    expect(
      (await call('POST', '/api/products', cookies.accountant, { name: 'X', kind: 'kit', sku: 'K1', salePrice: 1, cost: 1 }))
        .status,
    ).toBe(403)

    const old = await call('POST', '/api/products', cookies.storekeeper, {
      name: 'Old kit',
      kind: 'kit',
      sku: 'KIT-OLD',
      salePrice: 1,
      cost: 1,
    })
    expect((await call('PATCH', `/api/products/${old.data.product.id}`, cookies.storekeeper, { archived: true })).status).toBe(
      200,
    )
    const id = await newDoc({ kind: 'receipt', storeId: center.stores.shop.id })
    await fill(id, { a: { productId: old.data.product.id, quantity: 1 } })
    const res = await post(id)
    expect(res.status).toBe(409)
    expect(res.data.error.fieldMessages['lines.a.productId'].id).toBe('stock.line.unknownProduct')
  })

  it('keeps the balances equal to the ledger, and the Audit shows the area with the document’s label', async () => {
    expect(await ledgerMismatches(database.db)).toEqual([])
    expect(await onHandOf(database.db, pencil, center.stores.shop.id)).toBe(await stockOf(pencil, center.stores.shop.id))
    const owner = await login(server, 'owner')
    const res = await call('GET', '/api/audit/changes?since=start&area=stock&limit=200', owner, undefined, 'en')
    expect(res.status, JSON.stringify(res.data).slice(0, 400)).toBe(200)
    const items = res.data.items as Array<{ area: string; action: string; subject: { type: string; label: string | null } }>
    expect(items.length).toBeGreaterThan(5)
    expect(items.every((i) => i.area === 'stock')).toBe(true)
    const postedItem = items.find((i) => i.action === 'stock.docs.post')
    expect(postedItem?.subject.label).toMatch(/^(Receipt|Write-off|Transfer|Inventory count) · Central · (Shop|Cupboard)$/)
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_log where action = 'products.create'`,
    )
    expect(n).toBe(3)
    // the lines typed into a document are the area's too, labelled like the document
    const edits = items.filter((i) => i.subject.type === 'stock-doc')
    expect(edits.length).toBeGreaterThan(0)
    expect(edits[0].subject.label).toMatch(/ · Central · /)
  })
})
