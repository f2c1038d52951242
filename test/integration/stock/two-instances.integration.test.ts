import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { readStockLines, setStockLine, stockMetaOf } from '../../../domain/docs/stock-doc'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { connect, login, waitFor, type TestClient } from '../collab/helpers'
import { buildProduct, buildStockCenter } from './support'

/**
 * Issue #18 with two instances behind one Redis: a storekeeper edits a draft on instance B while
 * the posting runs on instance A. B hears the eviction, its editor comes back to B read-only (B
 * reads the posted state when the connection opens, whatever it remembered), and a write after
 * posting is not stored.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
let database: TestDatabase
let a: RunningServer
let b: RunningServer
let center: Awaited<ReturnType<typeof buildStockCenter>>
const clients: TestClient[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  a = await startTestServer(database, { REDIS_URL })
  b = await startTestServer(database, { REDIS_URL })
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await a?.close()
  await b?.close()
  await database?.destroy()
})

describe('posting on one instance, editing on another', () => {
  it('sends the other instance’s editors back read-only', async () => {
    const keeper = await login(a, 'storekeeper')
    const call = apiCaller(a)
    const product = await buildProduct(database.db)
    const res = await call('POST', '/api/stock-docs', keeper, { kind: 'receipt', storeId: center.stores.shop.id })
    const { id, name } = res.data.doc as { id: string; name: string }

    const editor = connect(b, keeper, name)
    clients.push(editor)
    editor.provider.on('closed', (e: { reason: string }) => {
      if (e.reason === 'stock.doc.posted') editor.provider.connect()
    })
    await editor.synced()
    setStockLine(editor.doc, 'l1', { productId: product.id, quantity: 3 })
    await waitFor(() => editor.isSaved(), 5_000, 'saved on B')

    const posted = await call('POST', `/api/stock-docs/${id}/post`, keeper)
    expect(posted.status, JSON.stringify(posted.data)).toBe(200)
    expect(posted.data.doc.lines.map((l: { key: string }) => l.key)).toEqual(['l1'])

    await waitFor(() => editor.closes.some((c) => c.reason === 'stock.doc.posted'), 10_000, 'evicted on B')
    await waitFor(() => editor.notices.some((n) => n.type === 'read-only'), 10_000, 'back read-only on B')
    await waitFor(() => stockMetaOf(editor.doc).get('status') === 'posted', 10_000, 'posted shown on B')
    const count = async () =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from doc_updates where doc = ${name}`))[0].n
    const before = await count()
    setStockLine(editor.doc, 'late', { productId: product.id, quantity: 50 })
    await new Promise((r) => setTimeout(r, 700))
    expect(await count()).toBe(before)
    const seen = await apiCaller(b)('GET', `/api/stock-docs/${id}`, await login(b, 'storekeeper'))
    expect(seen.data.doc.lines.map((l: { key: string }) => l.key)).toEqual(['l1'])
    expect(readStockLines(editor.doc).map((l) => l.key)).toEqual(['l1', 'late'])
  })
})
