import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { MODULES } from '../../../server/modules/index'
import { describeTransaction } from '../../../server/realtime/collab/describe'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
import { scratchModule } from '../collab/helpers'

/**
 * The audit on the embedded database (PGlite): the checkpoint's cut (pg_current_snapshot,
 * pg_visible_in_snapshot, xid8, the trail's sequence), the feed, the summary and time travel work
 * there as on PostgreSQL.
 */

let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let auditor: string
let staff: Awaited<ReturnType<typeof buildStaff>>

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  staff = await buildStaff(database.db)
  t = createTestApp(database, {}, undefined, [...MODULES, scratchModule])
  auditor = await t.login('auditor')
})
afterAll(async () => {
  await database?.destroy()
})

/** Stores one edit of `scratch:lite` as `userId`, as the document server does (update + described changes). */
async function storeEdit(doc: Y.Doc, seq: number, userId: string, fn: (d: Y.Doc) => void) {
  let changes: unknown[] = []
  const before = Y.encodeStateVector(doc)
  const onTxn = (txn: Y.Transaction) => (changes = describeTransaction(txn))
  doc.on('afterTransaction', onTxn)
  doc.transact(() => fn(doc))
  doc.off('afterTransaction', onTxn)
  const update = Buffer.from(Y.encodeStateAsUpdate(doc, before))
  await database.db.execute(
    sql`insert into doc_updates (doc, seq, user_id, update, changes) values ('scratch:lite', ${seq}, ${userId}, ${update}, ${JSON.stringify(changes)}::jsonb)`,
  )
}

describe('the audit on PGlite', () => {
  it('cuts the trail at checkpoints, lists the changes, and reads a document as it was', async () => {
    const cp1 = await t.call('POST', '/api/audit/checkpoints', { cookie: auditor, json: {} })
    expect(cp1.status, JSON.stringify(cp1.data)).toBe(201)
    const doc = new Y.Doc()
    doc.getMap('cells')
    doc.getText('text')
    await storeEdit(doc, 1, staff.owner.id, (d) => d.getMap('cells').set('a', 1))
    const saved = JSON.stringify(doc.toJSON())
    await new Promise((r) => setTimeout(r, 20))
    const moment = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 20))
    await storeEdit(doc, 2, staff.manager.id, (d) => d.getMap('cells').set('a', 2))

    const feed = await t.call('GET', `/api/audit/changes?since=${cp1.data.id}`, { cookie: auditor })
    expect(feed.status, JSON.stringify(feed.data)).toBe(200)
    expect(feed.data.items[0]).toMatchObject({ action: 'audit.checkpoint', actor: { login: 'auditor' } })
    expect(
      feed.data.items
        .slice(1)
        .map((i: { actor: { login: string }; changes: Array<{ path: string; before: unknown; after: unknown }> }) => [
          i.actor.login,
          i.changes.map((c) => [c.path, c.before, c.after]),
        ]),
    ).toEqual([
      ['owner', [['cells.a', null, 1]]],
      ['manager', [['cells.a', 1, 2]]],
    ])
    const at = await t.call('GET', `/api/docs/scratch:lite/at?time=${moment}`, { cookie: auditor })
    expect(at.status, JSON.stringify(at.data)).toBe(200)
    expect(JSON.stringify(at.data.state)).toBe(saved)

    const cp2 = await t.call('POST', '/api/audit/checkpoints', { cookie: auditor, json: { note: 'done' } })
    expect(cp2.data.summary).toMatchObject({ total: 3, byArea: { other: 2, audit: 1 } })
    const after = await t.call('GET', '/api/audit/changes', { cookie: auditor })
    expect(after.data.items.map((i: { action: string }) => i.action)).toEqual(['audit.checkpoint'])
    const between = await t.call('GET', `/api/audit/changes?since=${cp1.data.id}&until=${cp2.data.id}`, { cookie: auditor })
    expect(between.data.items.map((i: { id: number }) => i.id)).toEqual(feed.data.items.map((i: { id: number }) => i.id))
  })
})
