import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { docUpdates, stockMovements } from '../../../db/schema/index'
import { queryRows } from '../../../db/client'
import { readStockLines, setStockLine, stockMetaOf } from '../../../domain/docs/stock-doc'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { connect, login, waitFor, type TestClient } from '../collab/helpers'
import { buildProduct, buildStockCenter } from './support'

/**
 * Issue #18: two storekeepers fill one draft's lines at once over y-websocket; the posting uses
 * both; from then on the document is read-only on every connection (the open ones are closed with
 * `stock.doc.posted`, a final close the screen answers by opening it again, read-only; a new one
 * opens read-only) and a write after posting is never stored.
 * Another branch's storekeeper cannot open it; the accountant opens it read-only.
 */
let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildStockCenter>>
const clients: TestClient[] = []
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args)
  clients.push(c)
  return c
}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  server = await startTestServer(database)
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.close()
  await database?.destroy()
})

const storedUpdates = async (name: string) =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from doc_updates where doc = ${name}`))[0].n

describe('a stock document co-edited, then posted', () => {
  it('posts both editors’ lines and refuses every write after', async () => {
    const call = apiCaller(server)
    const keeper = await login(server, 'storekeeper')
    const manager = await login(server, 'manager')
    const [pencil, glue] = [await buildProduct(database.db), await buildProduct(database.db)]
    const res = await call('POST', '/api/stock-docs', keeper, { kind: 'receipt', storeId: center.stores.shop.id })
    expect(res.status).toBe(201)
    const { id, name } = res.data.doc as { id: string; name: string }

    const a = open(server, keeper, name)
    const b = open(server, manager, name)
    // what the screen does: a document closed because it was posted is opened again (read-only now)
    for (const c of [a, b])
      c.provider.on('closed', (e: { reason: string }) => {
        if (e.reason === 'stock.doc.posted') c.provider.connect()
      })
    await Promise.all([a.synced(), b.synced()])
    setStockLine(a.doc, 'shelf-a', { productId: pencil.id, quantity: 12 })
    setStockLine(b.doc, 'shelf-b', { productId: glue.id, quantity: 4, unitCost: 70 })
    await waitFor(() => readStockLines(a.doc).length === 2 && readStockLines(b.doc).length === 2, 5_000, 'both lines everywhere')
    await waitFor(() => a.isSaved() && b.isSaved(), 5_000, 'both saved')

    const posted = await call('POST', `/api/stock-docs/${id}/post`, keeper)
    expect(posted.status, JSON.stringify(posted.data)).toBe(200)
    const moves = await database.db.select().from(stockMovements).where(eq(stockMovements.documentId, id))
    expect(moves.map((m) => [m.lineKey, m.quantity, m.unitCost]).sort()).toEqual([
      ['shelf-a', 12, 300],
      ['shelf-b', 4, 70],
    ])

    // both editors are sent back and return read-only; they see who posted it
    await waitFor(() => a.closes.length > 0 && b.closes.length > 0, 5_000, 'editors disconnected')
    expect(a.closes[0].reason).toBe('stock.doc.posted')
    await waitFor(
      () => stockMetaOf(a.doc).get('status') === 'posted' && stockMetaOf(b.doc).get('status') === 'posted',
      10_000,
      'posted shown',
    )
    expect(stockMetaOf(a.doc).get('postedBy')).toBe(center.staff.storekeeper.id)
    await waitFor(() => a.notices.some((n) => n.type === 'read-only'), 10_000, 'read-only notice')

    // a write after posting, on an open connection and on a new one, is not stored
    const before = await storedUpdates(name)
    setStockLine(a.doc, 'late', { productId: pencil.id, quantity: 99 })
    const c = open(server, keeper, name)
    await c.synced()
    await waitFor(() => c.notices.some((n) => n.type === 'read-only'), 5_000, 'new connection read-only')
    setStockLine(c.doc, 'later', { productId: glue.id, quantity: 1 })
    await new Promise((r) => setTimeout(r, 700))
    expect(await storedUpdates(name)).toBe(before)
    const after = await call('GET', `/api/stock-docs/${id}`, keeper)
    expect(after.data.doc.lines.map((l: { key: string }) => l.key)).toEqual(['shelf-a', 'shelf-b'])
    const fresh = new Y.Doc()
    const d = open(server, manager, name, { doc: fresh })
    await d.synced()
    expect(readStockLines(fresh).map((l) => l.key)).toEqual(['shelf-a', 'shelf-b'])
    const lateRows = await database.db
      .select()
      .from(docUpdates)
      .where(and(eq(docUpdates.doc, name), eq(docUpdates.userId, center.staff.storekeeper.id)))
    expect(lateRows.every((r) => !JSON.stringify(r.changes).includes('late'))).toBe(true)
  })

  it('another branch’s storekeeper cannot open a draft; the accountant opens it read-only', async () => {
    const call = apiCaller(server)
    const keeper = await login(server, 'storekeeper')
    const res = await call('POST', '/api/stock-docs', keeper, { kind: 'count', storeId: center.stores.shop.id })
    const name = res.data.doc.name as string
    const other = open(server, await login(server, 'storekeeper2'), name)
    await waitFor(() => other.closes.length > 0, 5_000, 'refused')
    expect(other.closes[0].reason).toBe('collab.closed.forbidden')
    const acc = open(server, await login(server, 'accountant'), name)
    await acc.synced()
    await waitFor(() => acc.notices.some((n) => n.type === 'read-only'), 5_000, 'read-only')
    const keeperConn = open(server, keeper, name)
    await keeperConn.synced()
    setStockLine(keeperConn.doc, 'x', { productId: 'p', quantity: 1 })
    await waitFor(() => keeperConn.isSaved(), 5_000, 'the keeper writes')
    expect(keeperConn.notices.some((n) => n.type === 'read-only')).toBe(false)
  })
})
