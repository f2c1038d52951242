import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { encodeStockDocName, setStockLine } from '../../../domain/docs/stock-doc'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { login } from '../collab/helpers'
import { client, closeClients, connected, next, record } from '../socket/helpers'
import { actorOf, buildStockCenter, ledgerMismatches, onHandOf } from './support'

/**
 * Issue #18, automatic purchase requests: a posting that takes a product to or below its reorder
 * point raises `stock_low` for its store (once) and, in the same transaction, one open request to
 * its preferred supplier, on that supplier's draft order (one per supplier and branch); a posting
 * that takes it back above clears the alert (the request stays open: it is in an order); without a
 * preferred supplier only the alert; ten concurrent low postings leave exactly one open request;
 * the max level orders up to it; reversing the write-off clears the alert.
 */
let database: TestDatabase
let server: RunningServer
let call: ReturnType<typeof apiCaller>
let center: Awaited<ReturnType<typeof buildStockCenter>>
const cookies: Record<string, string> = {}
let n = 0

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  server = await startTestServer(database)
  call = apiCaller(server)
  for (const who of ['storekeeper', 'storekeeper2', 'reception', 'accountant', 'auditor', 'owner'])
    cookies[who] = await login(server, who)
})
afterAll(async () => {
  closeClients()
  await server?.close()
  await database?.destroy()
})

async function supplier(name: string): Promise<string> {
  const res = await call('POST', '/api/suppliers', cookies.storekeeper, { name, email: `${name.toLowerCase()}@example.am` })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.supplier.id as string
}

async function product(opts: {
  name?: string
  supplierId?: string
  reorderPoint?: number
  reorderQuantity?: number
  maxLevel?: number
  cost?: number
}): Promise<string> {
  n += 1
  const res = await call('POST', '/api/products', cookies.storekeeper, {
    name: opts.name ?? `Reorder product ${n}`,
    kind: 'kit',
    sku: `RE-${n}-${Math.random().toString(36).slice(2, 7)}`,
    salePrice: 9000,
    cost: opts.cost ?? 6000,
    reorderPoint: opts.reorderPoint ?? 3,
    ...(opts.reorderQuantity !== undefined ? { reorderQuantity: opts.reorderQuantity } : {}),
    ...(opts.maxLevel !== undefined ? { maxLevel: opts.maxLevel } : {}),
    ...(opts.supplierId ? { preferredSupplierId: opts.supplierId } : {}),
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.product.id as string
}

/** Opens, fills and posts a document of one line; returns its id. */
async function posted(kind: 'receipt' | 'write_off', productId: string, quantity: number, storeId = center.stores.shop.id) {
  const open = await call('POST', '/api/stock-docs', cookies.storekeeper, { kind, storeId })
  expect(open.status, JSON.stringify(open.data)).toBe(201)
  const id = open.data.doc.id as string
  await server.deps.docs!.applyAsUser(encodeStockDocName(id), actorOf(center.staff.storekeeper), (doc) =>
    setStockLine(doc, 'l1', { productId, quantity }),
  )
  const res = await call('POST', `/api/stock-docs/${id}/post`, cookies.storekeeper)
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  return id
}

/** The stock_low alerts of a product in a store (open and cleared). */
const lowAlerts = (productId: string, storeId = center.stores.shop.id) =>
  queryRows<{ id: string; cleared_at: Date | null; message_id: string; params: Record<string, unknown> }>(
    database.db,
    sql`select id, cleared_at, message_id, params from alerts where kind = 'stock_low' and subject = ${`product:${productId}:${storeId}`} order by id`,
  )

async function requests(query = '', who = 'storekeeper') {
  const res = await call('GET', `/api/purchase-requests${query}`, cookies[who])
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  return res.data.items as Array<Record<string, any>>
}

async function orders(query = '', who = 'storekeeper') {
  const res = await call('GET', `/api/purchase-orders${query}`, cookies[who])
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  return res.data.items as Array<Record<string, any>>
}

describe('stock low: alert and purchase requests', () => {
  it('a write-off to the reorder point raises stock_low once, one request and one draft order; another write-off below does not duplicate', async () => {
    const sup = await supplier('Robokit')
    const kit = await product({ name: 'Robotics kit', supplierId: sup, reorderPoint: 3, reorderQuantity: 10, cost: 6000 })
    await posted('receipt', kit, 5)
    expect(await lowAlerts(kit)).toEqual([])
    expect(await requests(`?supplierId=${sup}`)).toEqual([])

    const doc = await posted('write_off', kit, 2)
    const alerts = await lowAlerts(kit)
    expect(alerts).toHaveLength(1)
    expect(alerts[0].cleared_at).toBeNull()
    expect(alerts[0].message_id).toBe('stock.alert.low')

    // the storekeeper sees it, in their language
    const en = await call('GET', '/api/alerts', cookies.storekeeper, undefined, 'en')
    const mine = (en.data.items as Array<Record<string, any>>).find(
      (a) => a.subject === `product:${kit}:${center.stores.shop.id}`,
    )
    expect(mine?.message).toBe('Robotics kit: 3 left in Central · Shop (reorder at 3)')
    expect(mine?.severity).toBe('warning')
    const ru = await call('GET', '/api/alerts', cookies.storekeeper, undefined, 'ru')
    const inRussian = (ru.data.items as Array<Record<string, any>>).find((a) => a.id === mine?.id)
    expect(inRussian?.message).toMatch(/Robotics kit/)
    expect(inRussian?.message).not.toBe(mine?.message)

    const reqs = await requests(`?supplierId=${sup}`)
    expect(reqs).toHaveLength(1)
    expect(reqs[0]).toMatchObject({
      productId: kit,
      supplierId: sup,
      quantity: 10,
      status: 'open',
      storeId: center.stores.shop.id,
    })
    expect(reqs[0].documentId).toBe(doc)
    const ord = (await orders('?status=draft')).filter((o) => o.supplierId === sup)
    expect(ord).toHaveLength(1)
    expect(reqs[0].orderId).toBe(ord[0].id)

    const detail = await call('GET', `/api/purchase-orders/${ord[0].id}`, cookies.accountant)
    expect(detail.status, JSON.stringify(detail.data)).toBe(200)
    expect(detail.data.order).toMatchObject({ status: 'draft', supplierId: sup, supplierName: 'Robokit', total: 60000 })
    expect(detail.data.order.lines).toEqual([
      expect.objectContaining({ productId: kit, productName: 'Robotics kit', quantity: 10, unitCost: 6000, total: 60000 }),
    ])

    await posted('write_off', kit, 1)
    expect(await lowAlerts(kit)).toHaveLength(1)
    expect((await lowAlerts(kit))[0].params).toMatchObject({ onHand: 2 })
    expect(await requests(`?supplierId=${sup}`)).toHaveLength(1)
    expect((await orders()).filter((o) => o.supplierId === sup)).toHaveLength(1)
  })

  it('groups a supplier’s requests into one order with two lines; another supplier gets another order', async () => {
    const a = await supplier('Paperworld')
    const b = await supplier('Inkhouse')
    const p1 = await product({ supplierId: a, reorderPoint: 2, reorderQuantity: 20, cost: 100 })
    const p2 = await product({ supplierId: a, reorderPoint: 2, reorderQuantity: 30, cost: 50 })
    const p3 = await product({ supplierId: b, reorderPoint: 2, reorderQuantity: 5 })
    for (const p of [p1, p2, p3]) await posted('receipt', p, 4)
    for (const p of [p1, p2, p3]) await posted('write_off', p, 2)
    const ofA = (await orders()).filter((o) => o.supplierId === a)
    const ofB = (await orders()).filter((o) => o.supplierId === b)
    expect(ofA).toHaveLength(1)
    expect(ofB).toHaveLength(1)
    expect(ofA[0].id).not.toBe(ofB[0].id)
    const detail = await call('GET', `/api/purchase-orders/${ofA[0].id}`, cookies.storekeeper)
    expect(detail.data.order.lines.map((l: any) => [l.productId, l.quantity, l.total]).sort()).toEqual(
      [
        [p1, 20, 2000],
        [p2, 30, 1500],
      ].sort(),
    )
    expect(detail.data.order.total).toBe(3500)
    expect(ofA[0]).toMatchObject({ lineCount: 2, total: 3500 })
  })

  it('reaches the storekeepers of the branch live (raised and cleared), not another branch’s', async () => {
    const sup = await supplier('Liveco')
    const p = await product({ name: 'Live kit', supplierId: sup, reorderPoint: 3, reorderQuantity: 6 })
    await posted('receipt', p, 5)
    const mine = await connected(client(server, cookies.storekeeper))
    const theirs = await connected(client(server, cookies.storekeeper2))
    const theirSeen = record(theirs)
    const subject = `product:${p}:${center.stores.shop.id}`
    const raised = next(mine, 'alert.raised', (e: any) => e.subject === subject)
    await posted('write_off', p, 3)
    expect(await raised).toMatchObject({ kind: 'stock_low', severity: 'warning', messageId: 'stock.alert.low' })
    const cleared = next(mine, 'alert.cleared', (e: any) => e.subject === subject)
    await posted('receipt', p, 5)
    expect(await cleared).toMatchObject({ kind: 'stock_low' })
    expect(theirSeen.filter((e) => e.payload?.subject === subject)).toEqual([])
  })

  it('a receipt back above clears the alert; the request stays open in its order', async () => {
    const sup = await supplier('Clearco')
    const p = await product({ supplierId: sup, reorderPoint: 3, reorderQuantity: 6 })
    await posted('receipt', p, 4)
    await posted('write_off', p, 2)
    expect((await lowAlerts(p))[0].cleared_at).toBeNull()
    await posted('receipt', p, 6)
    const alerts = await lowAlerts(p)
    expect(alerts).toHaveLength(1)
    expect(alerts[0].cleared_at).not.toBeNull()
    const reqs = await requests(`?supplierId=${sup}&status=open`)
    expect(reqs).toHaveLength(1)
    // low again: the alert is raised anew, the open request is not repeated
    await posted('write_off', p, 6)
    expect((await lowAlerts(p)).filter((a) => a.cleared_at === null)).toHaveLength(1)
    expect(await requests(`?supplierId=${sup}`)).toHaveLength(1)
  })

  it('a product without a preferred supplier: the alert only, saying the request waits', async () => {
    const p = await product({ reorderPoint: 3, reorderQuantity: 6 })
    await posted('receipt', p, 3)
    const alerts = await lowAlerts(p)
    expect(alerts).toHaveLength(1)
    expect(alerts[0].message_id).toBe('stock.alert.lowNoSupplier')
    expect(alerts[0].params).toMatchObject({ waiting: 'noSupplier' })
    const all = await requests()
    expect(all.filter((r) => r.productId === p)).toEqual([])
  })

  it('ten concurrent low postings (in two stores) leave exactly one open request', async () => {
    const sup = await supplier('Racer')
    const p = await product({ supplierId: sup, reorderPoint: 50, reorderQuantity: 40 })
    const { shop, cupboard } = center.stores
    await posted('receipt', p, 100, shop.id)
    await posted('receipt', p, 100, cupboard.id)
    const actor = actorOf(center.staff.storekeeper)
    const docs: string[] = []
    for (let i = 0; i < 10; i++) {
      const open = await call('POST', '/api/stock-docs', cookies.storekeeper, {
        kind: 'write_off',
        storeId: i % 2 ? shop.id : cupboard.id,
      })
      const id = open.data.doc.id as string
      await server.deps.docs!.applyAsUser(encodeStockDocName(id), actor, (doc) =>
        setStockLine(doc, 'l1', { productId: p, quantity: 15 }),
      )
      docs.push(id)
    }
    const answers = await Promise.all(docs.map((id) => call('POST', `/api/stock-docs/${id}/post`, cookies.storekeeper)))
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
    expect(await onHandOf(database.db, p, shop.id)).toBe(25)
    const open = await requests(`?supplierId=${sup}&status=open`)
    expect(open).toHaveLength(1)
    expect((await orders()).filter((o) => o.supplierId === sup)).toHaveLength(1)
    expect((await lowAlerts(p, shop.id)).filter((a) => a.cleared_at === null)).toHaveLength(1)
    expect((await lowAlerts(p, cupboard.id)).filter((a) => a.cleared_at === null)).toHaveLength(1)
    expect(await ledgerMismatches(database.db)).toEqual([])
  })

  it('concurrent low postings of several products of one supplier, in two stores: all post, one request each, one order', async () => {
    const sup = await supplier('Tangle')
    const ps = [
      await product({ supplierId: sup, reorderPoint: 98, reorderQuantity: 10 }),
      await product({ supplierId: sup, reorderPoint: 98, reorderQuantity: 10 }),
      await product({ supplierId: sup, reorderPoint: 98, reorderQuantity: 10 }),
    ]
    const { shop, cupboard } = center.stores
    for (const p of ps) for (const store of [shop.id, cupboard.id]) await posted('receipt', p, 100, store)
    const actor = actorOf(center.staff.storekeeper)
    const docs: string[] = []
    for (let i = 0; i < 10; i++) {
      const open = await call('POST', '/api/stock-docs', cookies.storekeeper, {
        kind: 'write_off',
        storeId: i % 2 ? shop.id : cupboard.id,
      })
      const id = open.data.doc.id as string
      // each posting takes one product alone low first, then the others (so their order differs)
      const order = [ps[i % 3], ...ps.filter((_, k) => k !== i % 3)]
      await server.deps.docs!.applyAsUser(encodeStockDocName(id), actor, (doc) =>
        order.forEach((p, k) => setStockLine(doc, `l${k}`, { productId: p, quantity: 1 })),
      )
      docs.push(id)
    }
    const answers = await Promise.all(docs.map((id) => call('POST', `/api/stock-docs/${id}/post`, cookies.storekeeper)))
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
    const open = await requests(`?supplierId=${sup}&status=open`)
    expect(open.map((r) => r.productId).sort()).toEqual([...ps].sort())
    const ofSup = (await orders()).filter((o) => o.supplierId === sup)
    expect(ofSup).toHaveLength(1)
    expect(ofSup[0].lineCount).toBe(3)
  })

  it('with a max level, orders up to it: max − on hand', async () => {
    const sup = await supplier('Maxima')
    const p = await product({ supplierId: sup, reorderPoint: 4, reorderQuantity: 5, maxLevel: 20 })
    await posted('receipt', p, 10)
    await posted('write_off', p, 7)
    const reqs = await requests(`?supplierId=${sup}`)
    expect(reqs).toHaveLength(1)
    expect(reqs[0].quantity).toBe(17)
  })

  it('reversing the write-off that took it low clears the alert', async () => {
    const sup = await supplier('Backward')
    const p = await product({ supplierId: sup, reorderPoint: 3, reorderQuantity: 6 })
    await posted('receipt', p, 5)
    const wo = await posted('write_off', p, 3)
    expect((await lowAlerts(p))[0].cleared_at).toBeNull()
    const rev = await call('POST', `/api/stock-docs/${wo}/reverse`, cookies.storekeeper)
    expect(rev.status, JSON.stringify(rev.data)).toBe(201)
    expect((await lowAlerts(p))[0].cleared_at).not.toBeNull()
  })

  it('the accountant and auditor read requests and orders; a receptionist is refused; another branch’s storekeeper sees none of Central’s', async () => {
    expect((await requests('', 'accountant')).length).toBeGreaterThan(0)
    expect((await orders('', 'auditor')).length).toBeGreaterThan(0)
    expect((await call('GET', '/api/purchase-requests', cookies.reception)).status).toBe(403)
    expect((await call('GET', '/api/purchase-orders', cookies.reception)).status).toBe(403)
    expect(await requests('', 'storekeeper2')).toEqual([])
    const ord = await orders()
    const other = await call('GET', `/api/purchase-orders/${ord[0].id}`, cookies.storekeeper2)
    expect(other.status).toBe(403)
    expect((await call('GET', '/api/purchase-requests?status=nope', cookies.storekeeper)).status).toBe(400)
    expect((await call('GET', '/api/purchase-orders/not-an-id', cookies.storekeeper)).status).toBe(400)
  })

  it('the posting’s audit holds the request and order it made, in the Audit’s stock area with their labels', async () => {
    const rows = await queryRows<{ action: string; entity: string }>(
      database.db,
      sql`select action, entity from audit_log where action like 'purchasing.%'`,
    )
    expect(rows.some((r) => r.action === 'purchasing.requests.create' && r.entity === 'purchase_request')).toBe(true)
    expect(rows.some((r) => r.action === 'purchasing.orders.create' && r.entity === 'purchase_order')).toBe(true)
    const res = await call('GET', '/api/audit/changes?since=start&area=stock&limit=500', cookies.owner, undefined, 'en')
    expect(res.status, JSON.stringify(res.data).slice(0, 400)).toBe(200)
    const items = res.data.items as Array<{ area: string; action: string; subject: { type: string; label: string | null } }>
    const order = items.find((i) => i.action === 'purchasing.orders.create')
    expect(order?.area).toBe('stock')
    expect(order?.subject.label).toMatch(/^Purchase order · .+ · Central$/)
    const request = items.find((i) => i.action === 'purchasing.requests.create')
    expect(request?.subject.label).toMatch(/^.+ \(RE-.+\) · .+$/)
  })
})

describe('cancelling a draft purchase order', () => {
  it('cancels the order and its open requests; the next low posting asks again on a new draft; a second cancel is a 409', async () => {
    const sup = await supplier('Cancelco')
    const p = await product({ supplierId: sup, reorderPoint: 3, reorderQuantity: 8 })
    await posted('receipt', p, 3)
    const [order] = (await orders()).filter((o) => o.supplierId === sup)
    expect((await call('POST', `/api/purchase-orders/${order.id}/cancel`, cookies.accountant)).status).toBe(403)
    expect((await call('POST', `/api/purchase-orders/${order.id}/cancel`, cookies.storekeeper2)).status).toBe(403)
    const res = await call('POST', `/api/purchase-orders/${order.id}/cancel`, cookies.storekeeper)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.order).toMatchObject({ status: 'cancelled', total: 0 })
    expect(res.data.order.lines.map((l: any) => l.status)).toEqual(['cancelled'])
    const again = await call('POST', `/api/purchase-orders/${order.id}/cancel`, cookies.storekeeper, undefined, 'ru')
    expect(again.status).toBe(409)
    expect(again.data.error.messageId).toBe('stock.order.notDraft')
    await posted('write_off', p, 1)
    const open = await requests(`?supplierId=${sup}&status=open`)
    expect(open).toHaveLength(1)
    expect(open[0].orderId).not.toBe(order.id)
    expect(open[0].quantity).toBe(8)
  })
})

describe('the wall', () => {
  it('shows the branch’s stock_low flags by kind, with the product and store in their params', async () => {
    const res = await call('GET', `/api/wall?branchId=${center.central.branch.id}`, cookies.owner)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.flags.counts.stock_low).toBeGreaterThan(0)
    const flag = (res.data.flags.items as Array<Record<string, any>>).find((f) => f.kind === 'stock_low')
    expect(flag?.params).toMatchObject({ store: 'Central · Shop' })
    expect(flag?.subject).toMatch(/^product:/)
  })
})
