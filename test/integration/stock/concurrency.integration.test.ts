import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeStockDocName, setStockLine } from '../../../domain/docs/stock-doc'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { login } from '../collab/helpers'
import { actorOf, buildProduct, buildStockCenter, ledgerMismatches, onHandOf } from './support'

/**
 * Issue #18: twenty storekeepers post a write-off of one unit each, at the same moment, for the
 * last five units of a product: exactly five go out, the fifteen others are refused (409 naming
 * their line) and the stock ends at zero, never below; the balances still equal the ledger.
 */
let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildStockCenter>>

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  server = await startTestServer(database)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('concurrent postings for the last units', () => {
  it('lets exactly the available quantity go out and refuses the rest', async () => {
    const call = apiCaller(server)
    const cookie = await login(server, 'storekeeper')
    const actor = actorOf(center.staff.storekeeper)
    const store = center.stores.shop.id
    const product = await buildProduct(database.db)
    const fill = (docId: string, quantity: number) =>
      server.deps.docs!.applyAsUser(encodeStockDocName(docId), actor, (doc) =>
        setStockLine(doc, 'l1', { productId: product.id, quantity }),
      )
    const open = async (kind: string) => {
      const res = await call('POST', '/api/stock-docs', cookie, { kind, storeId: store })
      expect(res.status).toBe(201)
      return res.data.doc.id as string
    }
    const receipt = await open('receipt')
    await fill(receipt, 5)
    expect((await call('POST', `/api/stock-docs/${receipt}/post`, cookie)).status).toBe(200)

    const docs: string[] = []
    for (let i = 0; i < 20; i++) {
      const id = await open('write_off')
      await fill(id, 1)
      docs.push(id)
    }
    const answers = await Promise.all(docs.map((id) => call('POST', `/api/stock-docs/${id}/post`, cookie)))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(5)
    expect(statuses.filter((s) => s === 409)).toHaveLength(15)
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.data.error.fieldMessages['lines.l1.quantity'].id).toBe('stock.line.notEnough')
    expect(await onHandOf(database.db, product.id, store)).toBe(0)
    expect(await ledgerMismatches(database.db)).toEqual([])
  })
})
