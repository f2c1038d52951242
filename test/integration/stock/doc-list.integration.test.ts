import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeStockDocName, setStockLine } from '../../../domain/docs/stock-doc'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { login } from '../collab/helpers'
import { actorOf, buildProduct, buildStockCenter } from './support'

/**
 * The stock documents list (GET /api/stock-docs, for the stock screens): newest first with the
 * store's, supplier's and poster's names; filtered by store, status and kind; a storekeeper sees
 * only their branches' documents and is refused another branch's store; a receptionist is refused.
 */
let database: TestDatabase
let server: RunningServer
let call: ReturnType<typeof apiCaller>
let center: Awaited<ReturnType<typeof buildStockCenter>>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  server = await startTestServer(database)
  call = apiCaller(server)
  for (const who of ['storekeeper', 'storekeeper2', 'reception', 'manager']) cookies[who] = await login(server, who)
})

afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('GET /api/stock-docs', () => {
  it('lists the documents of the user’s branches with names, filtered by store, status and kind', async () => {
    const product = await buildProduct(database.db, { name: 'Listed pencil' })
    const { shop, cupboard, river } = center.stores
    const make = async (who: string, body: Record<string, unknown>) => {
      const res = await call('POST', '/api/stock-docs', cookies[who], body)
      expect(res.status, JSON.stringify(res.data)).toBe(201)
      return res.data.doc.id as string
    }
    const receipt = await make('storekeeper', { kind: 'receipt', storeId: shop.id })
    const count = await make('storekeeper', { kind: 'count', storeId: cupboard.id })
    const riverDoc = await make('storekeeper2', { kind: 'write_off', storeId: river.id })
    await server.deps.docs!.applyAsUser(encodeStockDocName(receipt), actorOf(center.staff.storekeeper), (doc) =>
      setStockLine(doc, 'a', { productId: product.id, quantity: 5 }),
    )
    expect((await call('POST', `/api/stock-docs/${receipt}/post`, cookies.storekeeper)).status).toBe(200)

    const mine = await call('GET', '/api/stock-docs', cookies.storekeeper)
    expect(mine.status).toBe(200)
    const ids = (mine.data.items as Array<{ id: string }>).map((d) => d.id)
    expect(ids).toEqual(expect.arrayContaining([receipt, count]))
    expect(ids).not.toContain(riverDoc)
    // newest first
    expect(ids.indexOf(count)).toBeLessThan(ids.indexOf(receipt))
    const posted = (mine.data.items as Array<Record<string, unknown>>).find((d) => d.id === receipt)
    expect(posted).toMatchObject({
      name: `stock-doc:${receipt}`,
      kind: 'receipt',
      storeName: 'Shop',
      status: 'posted',
      postedBy: center.staff.storekeeper.id,
      postedByName: center.staff.storekeeper.name,
      createdByName: center.staff.storekeeper.name,
    })
    expect(typeof posted?.postedAt).toBe('string')

    const drafts = await call('GET', `/api/stock-docs?status=draft&storeId=${cupboard.id}`, cookies.storekeeper)
    expect((drafts.data.items as Array<{ id: string }>).map((d) => d.id)).toEqual([count])
    const counts = await call('GET', '/api/stock-docs?kind=count', cookies.storekeeper)
    expect((counts.data.items as Array<{ kind: string }>).every((d) => d.kind === 'count')).toBe(true)

    const all = await call('GET', '/api/stock-docs', cookies.manager)
    expect((all.data.items as Array<{ id: string }>).map((d) => d.id)).toEqual(expect.arrayContaining([receipt, count, riverDoc]))
  })

  it('refuses another branch’s store, a receptionist, and a bad filter', async () => {
    expect((await call('GET', `/api/stock-docs?storeId=${center.stores.river.id}`, cookies.storekeeper)).status).toBe(403)
    expect((await call('GET', '/api/stock-docs', cookies.reception)).status).toBe(403)
    const bad = await call('GET', '/api/stock-docs?status=lost', cookies.storekeeper)
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.data)).toContain('status')
  })
})
