import { afterAll, beforeAll, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import {
  activities,
  auditLog,
  clients,
  groupMembers,
  lessons,
  productPrices,
  products,
  stockDocuments,
} from '../../../db/schema/index'
import { createStockDoc, postStockLines } from '../../../server/modules/stock/commands/documents'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { actorOf, buildStockCenter, commandCtx, ledgerMismatches, onHandOf } from './support'

/**
 * Issue #18: a lesson marked done writes the activity's consumables off the branch's store. Norms
 * are per lesson and may be fractions (half a battery): whole units go out as the uses add up; a
 * norm no product matches is not stocked; a lesson is never refused for want of stock (what is
 * short goes out after the next receipt); two lessons done at once never write the same units off
 * twice; each write-off is a stock document of the lesson, in the Audit.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildStockCenter>>
let battery: string
let paper: string
let client: string
let cookie: string
let n = 0

async function product(name: string, sku: string) {
  const [p] = await database.db
    .insert(products)
    .values({ name, kind: 'consumable', sku, unit: 'pcs', createdAt: new Date(Date.now() - 86_400_000) })
    .returning()
  await database.db.insert(productPrices).values({ productId: p.id, effectiveFrom: '2020-01-01', salePrice: 0, cost: 120 })
  return p.id
}

async function receive(productId: string, quantity: number) {
  const actor = actorOf(center.staff.storekeeper)
  const ctx = commandCtx(database.db, actor)
  const doc = await createStockDoc(ctx, actor, { kind: 'receipt', storeId: center.stores.cupboard.id }, center.central.branch.id)
  await postStockLines(commandCtx(database.db, actor), actor, doc.id, [{ key: 'a', productId, quantity }], '2026-01-01')
}

/** A past lesson of the Central group with the client present, marked done over HTTP. */
async function lessonDone(): Promise<string> {
  n += 1
  const base = center.central.lesson
  const startsAt = new Date(Date.now() - (n + 1) * 3600_000)
  const [lesson] = await database.db
    .insert(lessons)
    .values({ ...base, id: `lesson-consumables-${n}`, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) })
    .returning()
  const att = await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, {
    cookie,
    json: { entries: [{ clientId: client, status: 'present' }] },
  })
  expect(att.status, JSON.stringify(att.data)).toBe(200)
  const done = await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie })
  expect(done.status, JSON.stringify(done.data)).toBe(200)
  return lesson.id
}

const cupboard = (productId: string) => onHandOf(database.db, productId, center.stores.cupboard.id)

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  t = createTestApp(database)
  await database.db
    .update(activities)
    .set({
      consumables: [
        { item: 'AA battery', quantity: 0.5, unit: 'pcs' },
        { item: 'a3 PAPER', quantity: 2, unit: 'sheet' },
        { item: 'Glitter', quantity: 1, unit: 'g' },
      ],
    })
    .where(eq(activities.id, center.activity.id))
  battery = await product('AA battery', 'BAT-AA')
  paper = await product('A3 paper', 'PAP-A3')
  const [c] = await database.db.insert(clients).values({ firstName: 'Lilit', lastName: 'Consumer' }).returning()
  client = c.id
  await database.db.insert(groupMembers).values({ groupId: center.central.group.id, clientId: client })
  await receive(battery, 3)
  await receive(paper, 5)
  cookie = await t.login('teacher')
})
afterAll(async () => database?.destroy())

it('writes whole units off as the lessons use them, from the branch’s first store, each a document of its lesson', async () => {
  const first = await lessonDone()
  // half a battery: nothing yet; two sheets of paper
  expect([await cupboard(battery), await cupboard(paper)]).toEqual([3, 3])
  await lessonDone()
  // the second half: one battery; two more sheets
  expect([await cupboard(battery), await cupboard(paper)]).toEqual([2, 1])
  // the other Central store and Riverside are not touched
  expect(await onHandOf(database.db, paper, center.stores.shop.id)).toBe(0)
  const docs = await database.db
    .select()
    .from(stockDocuments)
    .where(and(eq(stockDocuments.kind, 'consumption'), eq(stockDocuments.sourceId, first)))
  expect(docs).toMatchObject([{ status: 'posted', sourceType: 'lesson', storeId: center.stores.cupboard.id }])
  const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'stock.moved'))
  expect(audit.length).toBe(2)
  expect(await ledgerMismatches(database.db)).toEqual([])
})

it('never refuses a lesson for want of stock: what is short goes out after the next receipt', async () => {
  await lessonDone()
  // paper owed 2, one on hand: it goes; the battery's half waits
  expect([await cupboard(battery), await cupboard(paper)]).toEqual([2, 0])
  await lessonDone()
  // nothing on hand: the lesson is done all the same, and the paper waits
  expect([await cupboard(battery), await cupboard(paper)]).toEqual([1, 0])
  await receive(paper, 10)
  await lessonDone()
  // 10 lessons' worth of paper used (2 × 5 = 10) of which 5 went out: 5 more now, plus nothing waiting beyond
  expect(await cupboard(paper)).toBe(5)
  const [{ out }] = await queryRows<{ out: number }>(
    database.db,
    sql`select -sum(m.quantity)::int as out from stock_movements m join stock_documents d on d.id = m.document_id
         where d.kind = 'consumption' and m.product_id = ${paper}`,
  )
  expect(out).toBe(10)
  expect(await ledgerMismatches(database.db)).toEqual([])
})

it('two lessons done at once write each unit off once', async () => {
  await receive(battery, 10)
  const before = await cupboard(paper)
  const ids: string[] = []
  for (const _ of [1, 2]) {
    n += 1
    const startsAt = new Date(Date.now() - (n + 1) * 3600_000)
    const [lesson] = await database.db
      .insert(lessons)
      .values({
        ...center.central.lesson,
        id: `lesson-consumables-${n}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600_000),
      })
      .returning()
    const att = await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, {
      cookie,
      json: { entries: [{ clientId: client, status: 'present' }] },
    })
    expect(att.status).toBe(200)
    ids.push(lesson.id)
  }
  const done = await Promise.all(ids.map((id) => t.call('POST', `/api/lessons/${id}/done`, { cookie })))
  expect(done.map((d) => d.status)).toEqual([200, 200])
  expect(await cupboard(paper)).toBe(before - 4)
  // seven lessons: three and a half batteries used, three written off (the half waits)
  const [{ out }] = await queryRows<{ out: number }>(
    database.db,
    sql`select -sum(m.quantity)::int as out from stock_movements m join stock_documents d on d.id = m.document_id
         where d.kind = 'consumption' and m.product_id = ${battery}`,
  )
  expect(out).toBe(3)
  expect(await ledgerMismatches(database.db)).toEqual([])
})
