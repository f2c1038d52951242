import { afterAll, beforeAll, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { clients, stockDocuments } from '../../../db/schema/index'
import { AppError } from '../../../server/errors'
import { runCommand } from '../../../server/http/command'
import { createStockDoc, postStockLines, reverseStockDoc } from '../../../server/modules/stock/commands/documents'
import { moveStock, type StockMoveInput } from '../../../server/modules/stock/index'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { actorOf, buildProduct, buildStockCenter, commandCtx, ledgerMismatches, onHandOf } from './support'

/**
 * Issue #18: other areas move stock through the stock area's `moveStock`, inside their own command:
 * a sale goes out naming its client and source, a return comes back, more than on hand is a 409
 * naming the line and the whole command writes nothing, and such a document is undone where it
 * was made (reversing it in the stock area is refused).
 */
let database: TestDatabase
let center: Awaited<ReturnType<typeof buildStockCenter>>
let product: string
let client: string

const move = (input: Omit<StockMoveInput, 'storeId'>) => {
  const actor = actorOf(center.staff.storekeeper)
  return runCommand(commandCtx(database.db, actor), 'test.sale', async (tx, audit) => {
    const moved = await moveStock(tx, audit, actor.id, { ...input, storeId: center.stores.shop.id }, '2026-06-01')
    return { result: moved, entity: 'test', events: moved.events }
  })
}
const shop = () => onHandOf(database.db, product, center.stores.shop.id)

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  product = (await buildProduct(database.db)).id
  const [c] = await database.db.insert(clients).values({ firstName: 'Aram', lastName: 'Buyer' }).returning()
  client = c.id
  const actor = actorOf(center.staff.storekeeper)
  const doc = await createStockDoc(
    commandCtx(database.db, actor),
    actor,
    { kind: 'receipt', storeId: center.stores.shop.id },
    center.central.branch.id,
  )
  await postStockLines(
    commandCtx(database.db, actor),
    actor,
    doc.id,
    [{ key: 'a', productId: product, quantity: 5 }],
    '2026-06-01',
  )
})
afterAll(async () => database?.destroy())

it('a sale goes out naming its client and source; its return comes back', async () => {
  const sold = await move({
    kind: 'sale',
    clientId: client,
    source: { type: 'sale', id: 's-1' },
    lines: [{ key: 'l1', productId: product, quantity: 3 }],
  })
  expect(await shop()).toBe(2)
  expect(sold.movements).toMatchObject([{ productId: product, quantity: -3, unitCost: 300 }])
  const [doc] = await database.db.select().from(stockDocuments).where(eq(stockDocuments.id, sold.documentId))
  expect(doc).toMatchObject({ kind: 'sale', status: 'posted', clientId: client, sourceType: 'sale', sourceId: 's-1' })
  await move({
    kind: 'sale_return',
    clientId: client,
    source: { type: 'sale', id: 's-1' },
    lines: [{ key: 'l1', productId: product, quantity: 1 }],
  })
  expect(await shop()).toBe(3)
  expect(await ledgerMismatches(database.db)).toEqual([])
})

it('more than on hand: a 409 naming the line, and the whole command writes nothing', async () => {
  const before = await database.db.select().from(stockDocuments)
  const err = await move({
    kind: 'loan',
    clientId: client,
    source: { type: 'loan', id: 'l-1' },
    lines: [{ key: 'x', productId: product, quantity: 4 }],
  }).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(AppError)
  expect((err as AppError).status).toBe(409)
  expect(Object.keys((err as AppError).fields ?? {})).toEqual(['lines.x.quantity'])
  expect(await shop()).toBe(3)
  expect(await database.db.select().from(stockDocuments)).toHaveLength(before.length)
})

it('zero, negative or fractional quantities and unknown products are refused', async () => {
  for (const quantity of [0, -1, 1.5]) {
    const err = await move({
      kind: 'sale',
      source: { type: 'sale', id: 's-2' },
      lines: [{ key: 'q', productId: product, quantity }],
    }).catch((e: unknown) => e)
    expect((err as AppError).status).toBe(409)
  }
  const err = await move({
    kind: 'sale',
    source: { type: 'sale', id: 's-2' },
    lines: [{ key: 'p', productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
  }).catch((e: unknown) => e)
  expect(Object.keys((err as AppError).fields ?? {})).toEqual(['lines.p.productId'])
})

it('a moved document is undone where it was made: the stock area refuses to reverse it', async () => {
  const sold = await move({
    kind: 'sale',
    source: { type: 'sale', id: 's-3' },
    lines: [{ key: 'l', productId: product, quantity: 1 }],
  })
  const actor = actorOf(center.staff.storekeeper)
  const err = await reverseStockDoc(commandCtx(database.db, actor), actor, sold.documentId).catch((e: unknown) => e)
  expect((err as AppError).status).toBe(409)
  expect(await shop()).toBe(2)
})
