import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql, type SQL } from 'drizzle-orm'
import * as Y from 'yjs'
import { APP_ROLE, queryRows, type Db } from '../../../db/client'
import { auditLog, clients, docSnapshots, docUpdates, erasures } from '../../../db/schema/index'
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../support/db'
import { buildUser } from '../../support/factories'

/** Issue #11 point 7: audit_log and doc_updates are append-only, by privileges and by triggers, on both drivers. */
let database: TestDatabase
let userId: string
beforeAll(async () => {
  database = await createTestDatabase()
  userId = (await buildUser(database.db, { roles: ['owner'], login: 'trail-owner' })).id
})
afterAll(async () => {
  await database?.destroy()
})

/** The SQLSTATE of what `query` throws (null when it succeeds); each in its own transaction, rolled back. */
async function failure(db: Db, query: SQL, before?: SQL): Promise<string | null> {
  try {
    await db.transaction(async (tx) => {
      if (before) await tx.execute(before)
      await tx.execute(query)
      throw new RolledBack()
    })
    return null
  } catch (err) {
    if (err instanceof RolledBack) return null
    return sqlState(err) ?? String(err)
  }
}
class RolledBack extends Error {}
function sqlState(err: unknown): string | undefined {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code
  return undefined
}

const WRITES = [
  ['UPDATE audit_log', sql`update audit_log set action = 'rewritten'`],
  ['DELETE audit_log', sql`delete from audit_log`],
  ['TRUNCATE audit_log', sql`truncate audit_log`],
  ['UPDATE doc_updates', sql`update doc_updates set changes = '[]'::jsonb`],
  ['DELETE doc_updates', sql`delete from doc_updates`],
  ['TRUNCATE doc_updates', sql`truncate doc_updates`],
] as const

describe(`the trail on ${TEST_DRIVER}`, () => {
  beforeAll(async () => {
    await database.db.insert(auditLog).values({ action: 'test.plant', entity: 'test', after: { n: 1 } })
    await database.db.insert(docUpdates).values({ doc: 'workspace:00000000-0000-4000-8000-000000000001', seq: 1, update: new Uint8Array([0, 0]), changes: [] })
  })

  it('requests act as the app role', async () => {
    const [row] = await queryRows<{ who: string }>(database.db, sql`select current_user as who`)
    expect(row.who).toBe(APP_ROLE)
  })

  it('the app role may append to both tables but never UPDATE, DELETE or TRUNCATE them (42501), not even with the setting the triggers honour', async () => {
    for (const [what, query] of WRITES) {
      expect(await failure(database.db, query), what).toBe('42501')
      expect(await failure(database.db, query, sql`select set_config('clubroom.trail_redaction', 'on', true)`), `${what} with the setting`).toBe('42501')
    }
    const [n] = await queryRows<{ audit: number; updates: number }>(database.db, sql`select (select count(*)::int from audit_log where action = 'test.plant') as audit, (select count(*)::int from doc_updates) as updates`)
    expect(n).toEqual({ audit: 1, updates: 1 })
  })

  it('the triggers refuse the owner too (privileges do not stop it), unless the redaction setting is on; TRUNCATE never', async () => {
    await database.asOwner(async (owner) => {
      for (const [what, query] of WRITES) {
        const code = await failure(owner, query)
        expect(code, what).toBe('42501')
      }
      // the message names the rule, so an operator knows why
      const refusal = await owner.execute(sql`delete from doc_updates`).then(() => null, (err: { message: string; cause?: { message: string } }) => err.cause?.message ?? err.message)
      expect(refusal).toMatch(/doc_updates is append-only: DELETE refused/)
      // inside the sanctioned path's setting a row may change (the erasure function sets it), a truncate still not
      expect(await failure(owner, sql`update audit_log set after = '{}'::jsonb where action = 'test.plant'`, sql`select set_config('clubroom.trail_redaction', 'on', true)`)).toBeNull()
      expect(await failure(owner, sql`truncate audit_log`, sql`select set_config('clubroom.trail_redaction', 'on', true)`)).toBe('42501')
    })
  })

  it('erasure goes through the one function, callable by the app role: it redacts the trail and records that it did', async () => {
    const [client] = await database.db.insert(clients).values({ firstName: 'Quirin', lastName: 'Trailmann', phone: '+49 170 9998877', phoneDigits: '491709998877', email: 'quirin@example.org', searchText: 'quirin trailmann' }).returning()
    const name = `client:${client.id}`
    const doc = new Y.Doc()
    doc.getMap('profile').set('lastName', 'Trailmann')
    await database.db.insert(docUpdates).values([
      { doc: name, seq: 1, userId, update: Y.encodeStateAsUpdate(doc), changes: [{ path: 'profile.lastName', kind: 'add', before: null, after: 'Trailmann' }] },
      { doc: name, seq: 2, userId, update: Y.encodeStateAsUpdate(doc), changes: [{ path: 'profile.phone', kind: 'add', before: null, after: '+49 170 9998877' }] },
    ])
    await database.db.insert(auditLog).values({ actorId: userId, action: 'clients.create', entity: 'client', entityId: client.id, after: { firstName: 'Quirin', lastName: 'Trailmann' } })
    const anonymised = Y.encodeStateAsUpdate(new Y.Doc())
    const [row] = await queryRows<{ removed: Record<string, number> }>(database.db, sql`select clubroom_erase_client(${client.id}::uuid, ${userId}::uuid, ${'request 1'}, ${Buffer.from(anonymised)}::bytea) as removed`)
    expect(row.removed).toMatchObject({ documentUpdates: 2, auditRows: 1 })
    // who edited when stays; what they wrote does not
    const updates = await database.db.select().from(docUpdates).where(eq(docUpdates.doc, name)).orderBy(docUpdates.seq)
    expect(updates.map((u) => [u.seq, u.userId, [...u.update]])).toEqual([
      [1, userId, [0, 0]],
      [2, userId, [0, 0]],
    ])
    expect(updates.map((u) => u.changes)).toEqual([[{ path: 'profile.lastName', kind: 'add', before: null, after: null }], [{ path: 'profile.phone', kind: 'add', before: null, after: null }]])
    expect(await database.db.select({ seq: docSnapshots.seq }).from(docSnapshots).where(eq(docSnapshots.doc, name))).toEqual([{ seq: 2 }])
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, client.id))
    expect(audit).toMatchObject({ action: 'clients.create', before: null, after: { erased: true } })
    const [er] = await database.db.select().from(erasures).where(eq(erasures.clientId, client.id))
    expect(er).toMatchObject({ by: userId, reason: 'request 1' })
    expect(er.at).toBeInstanceOf(Date)
    const [c] = await database.db.select().from(clients).where(eq(clients.id, client.id))
    expect(c).toMatchObject({ firstName: '', lastName: '', phone: null, email: null })
    expect(c.erasedAt).not.toBeNull()
    // its documents take no more updates, whoever sends them
    expect(await failure(database.db, sql`insert into doc_updates (doc, seq, update, changes) values (${name}, 3, decode('0000', 'hex'), '[]'::jsonb)`)).toBe('42501')
    expect(await failure(database.db, sql`insert into doc_updates (doc, seq, update, changes) values (${'client-medical:' + client.id}, 1, decode('0000', 'hex'), '[]'::jsonb)`)).toBe('42501')
    // the setting it used does not outlive it: even the owner, in the same transaction, cannot rewrite the trail afterwards
    const [other] = await database.db.insert(clients).values({ firstName: 'Other', lastName: 'Client' }).returning()
    await database.asOwner(async (owner) => {
      expect(await failure(owner, sql`update audit_log set action = 'x'`, sql`select clubroom_erase_client(${other.id}::uuid, ${userId}::uuid, 'r', decode('0000', 'hex'))`)).toBe('42501')
    })
  })
})
