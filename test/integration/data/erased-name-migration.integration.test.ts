import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, inArray, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { MIGRATIONS_FOLDER, queryRows } from '../../../db/client'
import { alerts, clients, docSnapshots, docUpdates } from '../../../db/schema/index'
import { renderAlertMessage } from '../../../domain/alerts/messages'
import { profileOf } from '../../../domain/docs/client-file'
import { LOCALES } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { loadDocRows } from '../../../server/realtime/collab/persistence'
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../support/db'

/**
 * Issue #14: migration 0016 takes the English placeholder name out of what earlier erasures
 * stored: the erased clients' rows ("Erased" / "client"), their files' anonymised state (a Yjs
 * snapshot, written again by SQL: clubroom_erased_file_state builds the update byte for byte as
 * Yjs does) and the alert parameters that named them "Erased client" (now the message
 * `clients.erased.name`, read in each reader's language). Its conversion block runs again here, as
 * the owner, on rows planted as before it.
 */
const CONVERT = (() => {
  const text = readFileSync(`${MIGRATIONS_FOLDER}/0016_erased_client_name.sql`, 'utf8')
  return text
    .slice(text.indexOf('-- convert:begin'), text.indexOf('-- convert:end'))
    .split('--> statement-breakpoint')
    .map((s) => s.replace('-- convert:begin', '').trim())
    .filter(Boolean)
})()

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.destroy()
})

/** The file state erase.ts wrote before: the English placeholder name. */
function oldFileState(status: string): Uint8Array {
  const doc = new Y.Doc()
  const p = profileOf(doc)
  p.set('firstName', 'Erased')
  p.set('lastName', 'client')
  p.set('status', status)
  p.set('erased', true)
  return Y.encodeStateAsUpdate(doc)
}

/** What clubroom_erased_file_state must write: the state erase.ts writes now, from a document of client id 1. */
function wantedFileState(status: string): Buffer {
  const doc = new Y.Doc()
  doc.clientID = 1
  const p = profileOf(doc)
  p.set('firstName', '')
  p.set('lastName', '')
  p.set('status', status)
  p.set('erased', true)
  return Buffer.from(Y.encodeStateAsUpdate(doc))
}

describe(`migration 0016 on erasures made before it, on ${TEST_DRIVER}`, () => {
  it('builds an erased file’s state as Yjs does, whatever the status holds', async () => {
    for (const status of ['active', 'left', 'Ակտիվ', 'ß'.repeat(100), '']) {
      const [row] = await queryRows<{ state: Buffer | Uint8Array }>(database.db, sql`select clubroom_erased_file_state(${status}) as state`)
      expect(Buffer.from(row.state).equals(wantedFileState(status)), status).toBe(true)
    }
  })

  it('leaves no placeholder name in rows, files and alerts; the alerts read the label in each language', async () => {
    // two clients erased the old way (their file's updates emptied, a snapshot of the placeholder),
    // and a client whose real name happens to be "Erased client"
    const [a, b, real, other] = await database.db
      .insert(clients)
      .values([
        { firstName: 'Erased', lastName: 'client', status: 'active' },
        { firstName: 'Erased', lastName: 'client', status: 'left' },
        { firstName: 'Erased', lastName: 'client', status: 'lead' },
        { firstName: 'Ann', lastName: 'Lee', status: 'active' },
      ])
      .returning()
    for (const [c, seq] of [
      [a, 3],
      [b, 1],
    ] as const) {
      const doc = `client:${c.id}`
      await database.db.insert(docUpdates).values(
        Array.from({ length: seq }, (_, i) => ({ doc, seq: i + 1, update: new Uint8Array([0, 0]), changes: [] })),
      )
      await database.db.insert(docSnapshots).values({ doc, seq, state: oldFileState(c.status) })
    }
    await database.db.insert(docSnapshots).values({ doc: `client:${real.id}`, seq: 1, state: oldFileState('lead') })
    await database.db
      .update(clients)
      .set({ erasedAt: new Date() })
      .where(inArray(clients.id, [a.id, b.id]))

    const roles = ['owner', 'manager', 'receptionist']
    const planted = await database.db
      .insert(alerts)
      .values([
        {
          kind: 'lesson_cancelled',
          subject: 'lesson:l1',
          message: 'Lesson cancelled: notify Ann Lee and Erased client',
          messageId: 'alerts.lessonCancelled',
          params: {
            when: '',
            hasReason: 'no',
            reason: '',
            members: 2,
            names: { list: ['Ann Lee', 'Erased client'] },
            makeUp: 'no',
          },
          details: { lessonId: 'l1', members: [other.id, a.id], makeUp: false },
          roles,
        },
        {
          kind: 'waiting_list_offer',
          subject: 'waiting:1',
          message: 'A place is free in Chess: offer it to Erased client (first on the waiting list)',
          messageId: 'alerts.waitingListOffer',
          params: { group: 'Chess', client: 'Erased client' },
          details: { groupId: 'g1', clientId: b.id, entryId: 1 },
          roles,
        },
        // the real "Erased client" (not erased) keeps their name
        {
          kind: 'waiting_list_offer',
          subject: 'waiting:2',
          message: 'A place is free in Chess: offer it to Erased client (first on the waiting list)',
          messageId: 'alerts.waitingListOffer',
          params: { group: 'Chess', client: 'Erased client' },
          details: { groupId: 'g1', clientId: real.id, entryId: 2 },
          roles,
        },
      ])
      .returning({ id: alerts.id })

    expect(CONVERT).toHaveLength(3)
    const convert = () =>
      database.asOwner(async (owner) => {
        for (const statement of CONVERT) await owner.execute(sql.raw(statement))
      })
    await convert()

    const rows = await database.db
      .select({ id: clients.id, first: clients.firstName, last: clients.lastName })
      .from(clients)
      .where(inArray(clients.id, [a.id, b.id, real.id]))
    expect(new Map(rows.map((r) => [r.id, [r.first, r.last]]))).toEqual(
      new Map([
        [a.id, ['', '']],
        [b.id, ['', '']],
        [real.id, ['Erased', 'client']],
      ]),
    )

    // the files: the state erase.ts writes now, at the same place in their history; loading works
    for (const c of [a, b]) {
      const doc = `client:${c.id}`
      const [snap] = await database.db.select().from(docSnapshots).where(eq(docSnapshots.doc, doc))
      expect(Buffer.from(snap.state).equals(wantedFileState(c.status))).toBe(true)
      const stored = await loadDocRows(database.db, doc)
      const loaded = new Y.Doc()
      Y.applyUpdate(loaded, stored.snapshot!.state)
      for (const u of stored.updates) Y.applyUpdate(loaded, u.update)
      expect(profileOf(loaded).toJSON()).toEqual({ firstName: '', lastName: '', status: c.status, erased: true })
      expect(stored.lastSeq).toBe(c === a ? 3 : 1)
    }
    const [realFile] = await database.db.select().from(docSnapshots).where(eq(docSnapshots.doc, `client:${real.id}`))
    expect(Buffer.from(realFile.state).includes(Buffer.from('Erased'))).toBe(true)
    const [bytes] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from doc_snapshots where doc in (${`client:${a.id}`}, ${`client:${b.id}`}) and position(convert_to('Erased', 'UTF8') in state) > 0`,
    )
    expect(bytes.n).toBe(0)

    // the alerts
    const [cancelled, offer, realOffer] = await database.db
      .select()
      .from(alerts)
      .where(
        inArray(
          alerts.id,
          planted.map((p) => p.id),
        ),
      )
      .orderBy(alerts.id)
    expect((cancelled.params as Record<string, unknown>).names).toEqual({
      messages: [{ id: 'alerts.legacy', params: { text: 'Ann Lee' } }, { id: 'clients.erased.name' }],
    })
    expect((offer.params as Record<string, unknown>).client).toEqual({ messages: [{ id: 'clients.erased.name' }] })
    expect((realOffer.params as Record<string, unknown>).client).toBe('Erased client')
    for (const lang of LOCALES) {
      const label = translatorFor(lang).t('clients.erased.name')
      const text = renderAlertMessage(lang, cancelled.messageId, cancelled.params)
      expect(text).toContain('Ann Lee')
      expect(text).toContain(label)
      expect(renderAlertMessage(lang, offer.messageId, offer.params)).toContain(label)
      if (lang !== 'en') expect(`${text} ${renderAlertMessage(lang, offer.messageId, offer.params)}`).not.toMatch(/Erased|client/)
    }

    // run again: nothing changes
    const before = await database.db.select().from(alerts).orderBy(alerts.id)
    await convert()
    expect(await database.db.select().from(alerts).orderBy(alerts.id)).toEqual(before)
    const [snapA] = await database.db.select().from(docSnapshots).where(eq(docSnapshots.doc, `client:${a.id}`))
    expect(Buffer.from(snapA.state).equals(wantedFileState('active'))).toBe(true)
  })
})
