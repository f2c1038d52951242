import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/support/db'
import { buildUser } from '../../../test/support/factories'
import type { DocChange } from './describe'
import { appendUpdates, readHistory, readUpdatesAfter } from './persistence'

/**
 * The group commit's INSERT: on PostgreSQL without other instances it goes straight to postgres-js
 * (a prepared statement), with them (verifySeq) through drizzle inside the locking transaction.
 * Both must store the same rows.
 */
let database: TestDatabase
let userId: string
beforeAll(async () => {
  database = await createTestDatabase()
  userId = (await buildUser(database.db, { roles: ['owner'], login: 'persistence-owner' })).id
})
afterAll(async () => {
  await database?.destroy()
})

const tricky: DocChange[] = [
  { path: 'notes', kind: 'insert', before: null, after: `quote ' double " backslash \\ dollar $1 emoji 🙂 nul-free` },
  { path: 'todos.a.done', kind: 'update', before: false, after: true },
  { path: 'todos.b', kind: 'add', before: null, after: { text: '{"not": "json"}', order: 1.5, tags: ['x', null] } },
]

function rows(n: number, base: number) {
  return Array.from({ length: n }, (_, i) => ({
    userId: i % 3 === 0 ? null : userId,
    update: Uint8Array.from({ length: 1 + ((base + i) % 300) }, (_, k) => (k * 7 + i) % 256),
    changes: i % 2 ? tricky : [],
  }))
}

describe('appendUpdates', () => {
  it.each([
    ['straight to postgres-js', false],
    ['through drizzle, under the document lock', true],
  ])('stores every row exactly (%s), for one row and for batches beyond the prepared sizes', async (_how, verifySeq) => {
    // on PostgreSQL the handle carries its postgres-js client: the direct path is the one taken
    expect(typeof (database.db as { $client?: { unsafe?: unknown } }).$client?.unsafe).toBe('function')
    const doc = `workspace:${verifySeq ? 'locked' : 'direct'}-${Date.now()}`
    let last = 0
    const written: ReturnType<typeof rows> = []
    for (const n of [1, 2, 70]) {
      const batch = rows(n, last)
      const [first] = await appendUpdates(database.db, [{ doc, lastSeq: last, rows: batch }], { verifySeq })
      expect(first).toBe(last + 1)
      last += n
      written.push(...batch)
    }
    const stored = await readUpdatesAfter(database.db, doc, 0)
    expect(stored.map((r) => r.seq)).toEqual(written.map((_, i) => i + 1))
    stored.forEach((r, i) => expect(Buffer.from(r.update).equals(Buffer.from(written[i].update))).toBe(true))
    const history = await readHistory(database.db, doc, { limit: 200 })
    const bySeq = new Map(history.items.map((h) => [h.seq, h]))
    written.forEach((w, i) => {
      const h = bySeq.get(i + 1)
      expect(h?.changes).toEqual(w.changes)
      expect(h?.actor?.id ?? null).toBe(w.userId)
    })
  })

  it('a seq already taken fails the whole statement (the caller retries under the lock)', async () => {
    const doc = `workspace:conflict-${Date.now()}`
    await appendUpdates(database.db, [{ doc, lastSeq: 0, rows: rows(2, 0) }], { verifySeq: false })
    const err = await appendUpdates(database.db, [{ doc, lastSeq: 1, rows: rows(2, 5) }], { verifySeq: false }).then(
      () => null,
      (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code,
    )
    expect(err).toBe('23505')
    expect((await readUpdatesAfter(database.db, doc, 0)).map((r) => r.seq)).toEqual([1, 2])
    const [first] = await appendUpdates(database.db, [{ doc, lastSeq: 1, rows: rows(2, 5) }], { verifySeq: true })
    expect(first).toBe(3)
  })
})
