import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asc, eq, like, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { MIGRATIONS_FOLDER } from '../../../db/client'
import { auditLog, clients, docSnapshots, docUpdates, type DocChangeRow } from '../../../db/schema/index'
import { loadDocRows } from '../../../server/realtime/collab/persistence'
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../support/db'
import { buildBranch, buildUser } from '../../support/factories'

/**
 * Issue #11 point 2: migration 0007 folds stored non-canonical document names into their
 * canonical document (updates re-keyed after the canonical document's, in order, nothing lost)
 * or removes them, with an audit row, where the subject does not exist. The migration's fold
 * block is run again here, as the owner, on planted rows.
 */
const FOLD = (() => {
  const text = readFileSync(`${MIGRATIONS_FOLDER}/0007_trail_append_only.sql`, 'utf8')
  return text.slice(text.indexOf('-- fold:begin'), text.indexOf('-- fold:end'))
})()

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.destroy()
})

const none: DocChangeRow[] = []
/** An update made by its own Y.Doc (its own client id), as a second copy of a document would have. */
function edit(fn: (doc: Y.Doc) => void, base?: Y.Doc): { doc: Y.Doc; update: Uint8Array } {
  const doc = base ?? new Y.Doc()
  const before = Y.encodeStateVector(doc)
  fn(doc)
  return { doc, update: Y.encodeStateAsUpdate(doc, before) }
}

describe(`folding non-canonical document names on ${TEST_DRIVER}`, () => {
  it('re-keys updates after the canonical document’s, keeps everything, and removes orphans with an audit row', async () => {
    const owner = await buildUser(database.db, { roles: ['owner'], login: 'fold-owner' })
    const [client] = await database.db.insert(clients).values({ firstName: 'Fold', lastName: 'Me' }).returning()
    const branch = await buildBranch(database.db, 'Fold branch')
    const canonical = `client:${client.id}`
    const upper = `client:${client.id.toUpperCase()}`
    const medicalUpper = `client-medical:${client.id.toUpperCase()}`
    const orphan = `client:${'ABCDEF01-2345-4678-9ABC-DEF012345678'}`
    const weekA = `timetable:${branch.id.toUpperCase()}:2026-W10`
    const weekB = `timetable:${branch.id}:2026-w10`
    const other = 'scratch:Not-A-Known-Type'

    // the real file: three updates and a snapshot after the second
    const real = new Y.Doc()
    const r1 = edit((d) => d.getMap('profile').set('firstName', 'Fold'), real)
    const r2 = edit((d) => d.getMap('profile').set('lastName', 'Me'), real)
    const snapshotAt2 = Y.encodeStateAsUpdate(real)
    const r3 = edit((d) => d.getMap('profile').set('phone', '+49 1'), real)
    // the second copy opened under the upper-case name: its own edits
    const copy = edit((d) => d.getText('notes').insert(0, 'typed in the copy'))
    const copy2 = edit((d) => d.getMap('traits').set('needs', 'quiet'), copy.doc)
    const rows = [
      { doc: canonical, seq: 1, update: r1.update },
      { doc: canonical, seq: 2, update: r2.update },
      { doc: canonical, seq: 3, update: r3.update },
      { doc: upper, seq: 1, update: copy.update },
      { doc: upper, seq: 2, update: copy2.update },
      { doc: medicalUpper, seq: 1, update: edit((d) => d.getMap('medical').set('allergies', 'none')).update },
      { doc: orphan, seq: 1, update: edit((d) => d.getText('notes').insert(0, 'x')).update },
      { doc: orphan, seq: 2, update: edit((d) => d.getText('notes').insert(0, 'y')).update },
      { doc: weekA, seq: 1, update: edit((d) => d.getMap('lessons').set('a', 1)).update },
      { doc: weekB, seq: 1, update: edit((d) => d.getMap('lessons').set('b', 1)).update },
      { doc: weekB, seq: 2, update: edit((d) => d.getMap('lessons').set('c', 1)).update },
      { doc: other, seq: 1, update: new Uint8Array([0, 0]) },
    ]
    await database.db.insert(docUpdates).values(rows.map((r) => ({ ...r, userId: owner.id, changes: none })))
    await database.db.insert(docSnapshots).values([
      { doc: canonical, seq: 2, state: snapshotAt2 },
      { doc: upper, seq: 1, state: Y.encodeStateAsUpdate(copy.doc) },
    ])

    await database.asOwner((db) => db.execute(sql.raw(FOLD)))

    // the canonical file: its own three updates untouched, then the copy's two, in order
    const folded = await database.db.select().from(docUpdates).where(eq(docUpdates.doc, canonical)).orderBy(asc(docUpdates.seq))
    expect(folded.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5])
    expect(folded.map((r) => [...r.update])).toEqual([r1.update, r2.update, r3.update, copy.update, copy2.update].map((u) => [...u]))
    expect(folded.every((r) => r.userId === owner.id)).toBe(true)
    // loading (its snapshot + later updates) gives both copies' content: nothing lost
    const stored = await loadDocRows(database.db, canonical)
    expect(stored.snapshot?.seq).toBe(2)
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, stored.snapshot!.state)
    for (const u of stored.updates) Y.applyUpdate(loaded, u.update)
    expect(loaded.getMap('profile').toJSON()).toEqual({ firstName: 'Fold', lastName: 'Me', phone: '+49 1' })
    expect(loaded.getText('notes').toString()).toBe('typed in the copy')
    expect(loaded.getMap('traits').get('needs')).toBe('quiet')

    // a canonical document that had no rows yet starts at 1; two spellings of one week both land in it
    expect((await database.db.select().from(docUpdates).where(eq(docUpdates.doc, `client-medical:${client.id}`))).map((r) => r.seq)).toEqual([1])
    const week = await database.db.select().from(docUpdates).where(eq(docUpdates.doc, `timetable:${branch.id}:2026-W10`)).orderBy(asc(docUpdates.seq))
    expect(week.map((r) => r.seq)).toEqual([1, 2, 3])
    const weekDoc = new Y.Doc()
    for (const r of week) Y.applyUpdate(weekDoc, r.update)
    expect(Object.keys(weekDoc.getMap('lessons').toJSON()).sort()).toEqual(['a', 'b', 'c'])

    // no non-canonical spelling is left anywhere; the unknown type is not ours to touch
    const left = await database.db.select({ doc: docUpdates.doc }).from(docUpdates)
    expect(left.map((r) => r.doc).filter((d) => [upper, medicalUpper, orphan, weekA, weekB].includes(d))).toEqual([])
    expect(await database.db.select().from(docSnapshots).where(eq(docSnapshots.doc, upper))).toEqual([])
    expect(left.filter((r) => r.doc === other)).toHaveLength(1)

    // each fold and the removal say so in the audit trail
    const audit = await database.db.select().from(auditLog).where(like(auditLog.action, 'docs.%')).orderBy(asc(auditLog.id))
    expect(audit.map((a) => [a.action, a.entityId])).toEqual(
      expect.arrayContaining([
        ['docs.fold_name', canonical],
        ['docs.fold_name', `client-medical:${client.id}`],
        ['docs.fold_name', `timetable:${branch.id}:2026-W10`],
        ['docs.remove_orphan', orphan.toLowerCase()],
      ]),
    )
    expect(audit).toHaveLength(5)
    expect(audit.find((a) => a.action === 'docs.remove_orphan')?.after).toMatchObject({ name: orphan, updates: 2 })
    expect(audit.find((a) => a.entityId === canonical)?.after).toMatchObject({ from: upper, updates: 2, firstSeq: 4 })

    // run again: nothing left to do
    await database.asOwner((db) => db.execute(sql.raw(FOLD)))
    expect(await database.db.select().from(auditLog).where(like(auditLog.action, 'docs.%'))).toHaveLength(5)
  })
})
