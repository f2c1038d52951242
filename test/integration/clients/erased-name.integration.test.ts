import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { queryRows } from '../../../db/client'
import { clients, docSnapshots, docUpdates, groupMembers, groups, waitingList } from '../../../db/schema/index'
import { profileOf } from '../../../domain/docs/client-file'
import { LOCALES, type Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { TEST_MODULES, registerOwingCheck } from '../../support/test-area'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #14: an erased client's name is a marker, not English. The erasure leaves their row and
 * their file's anonymised state without a name (beside `erased_at` and the file's `erased`), and
 * every place that still shows them — a lesson's roster (a member, a walk-in), a group's members
 * and waiting list, who owes, the alerts of a cancelled lesson and of a freed place — shows the
 * label `clients.erased.name` in the reader's language. Search finds them by no label.
 */

let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database, {}, TEST_MODULES)
  for (const l of ['owner', 'reception']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (method: string, path: string, cookie: string, json?: unknown, lang: Locale = 'en') =>
  apiCaller(server)(method, path, cookie, json, lang)

async function register(firstName: string, lastName: string, phone: string): Promise<string> {
  const res = await call('POST', '/api/clients', cookies.reception, {
    firstName,
    lastName,
    birthDate: '1990-01-01',
    phone,
    consent: true,
    confirmNotDuplicate: true,
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.id as string
}

const label = (lang: Locale) => translatorFor(lang).t('clients.erased.name')

describe('an erased client', () => {
  it('keeps no name, and is shown by the label in each reader’s language wherever a client is shown', async () => {
    const group = center.central.group.id
    const lesson = center.central.lesson.id
    const ani = await register('Ani', 'Hakobyan', '+374 91 111 111')
    const boris = await register('Boris', 'Petrosyan', '+374 91 222 222')
    const vera = await register('Vera', 'Walkina', '+374 91 333 333')
    const wendy = await register('Wendy', 'Waitley', '+374 91 444 444')
    for (const id of [ani, boris])
      expect((await call('POST', `/api/groups/${group}/members`, cookies.reception, { clientId: id })).status).toBe(201)
    // a full group: Wendy waits
    await database.db.update(groups).set({ capacity: 2 }).where(eq(groups.id, group))
    expect((await call('POST', `/api/groups/${group}/waiting`, cookies.reception, { clientId: wendy })).status).toBe(201)
    const marked = await call('PUT', `/api/lessons/${lesson}/attendance`, cookies.reception, {
      entries: [
        { clientId: ani, status: 'present', comment: 'Ani was brilliant' },
        { clientId: boris, status: 'late' },
        { clientId: vera, status: 'walk_in' },
      ],
    })
    expect(marked.status, JSON.stringify(marked.data)).toBe(200)

    for (const id of [wendy, ani, vera]) {
      const erased = await call('POST', `/api/clients/${id}/erase`, cookies.owner, { reason: 'Erasure request 7' })
      expect(erased.status, JSON.stringify(erased.data)).toBe(200)
    }
    // an erasure now ends the client's group places and waiting lists
    // (erased-leaves-groups.integration.test.ts); one before it left them there, and they are
    // still shown: Ani a member, Wendy waiting, as such an erasure left them
    await database.db
      .update(groupMembers)
      .set({ leftAt: null, leftBy: null })
      .where(and(eq(groupMembers.clientId, ani), eq(groupMembers.groupId, group)))
    await database.db
      .update(waitingList)
      .set({ status: 'waiting', closedAt: null })
      .where(and(eq(waitingList.clientId, wendy), eq(waitingList.groupId, group)))

    // the row and the file: empty names beside the marker
    const [row] = await database.db.select().from(clients).where(eq(clients.id, ani))
    expect(row).toMatchObject({ firstName: '', lastName: '', searchText: '', phone: null })
    expect(row.erasedAt).toBeInstanceOf(Date)
    const [snapshot] = await database.db
      .select()
      .from(docSnapshots)
      .where(eq(docSnapshots.doc, `client:${ani}`))
    const file = new Y.Doc()
    Y.applyUpdate(file, snapshot.state)
    expect(profileOf(file).toJSON()).toEqual({ firstName: '', lastName: '', status: row.status, erased: true })

    // Boris leaves: the freed place is offered to the first waiting, Wendy (erased); the lesson is cancelled
    expect((await call('DELETE', `/api/groups/${group}/members/${boris}`, cookies.reception)).status).toBe(204)
    const off = registerOwingCheck(
      'test: everyone owes',
      async (ids) => new Map(ids.map((i) => [i, [{ id: 'clients.filters.owingHint' as const }]])),
    )
    try {
      for (const lang of LOCALES) {
        const erasedName = { name: label(lang), erased: true }
        // the roster: a member and a walk-in
        const detail = await call('GET', `/api/lessons/${lesson}`, cookies.reception, undefined, lang)
        expect(detail.status).toBe(200)
        const roster = new Map(detail.data.lesson.roster.map((r: { clientId: string }) => [r.clientId, r]))
        expect(roster.get(ani)).toMatchObject({ ...erasedName, member: true, status: 'present', comment: null })
        expect(roster.get(vera)).toMatchObject({ ...erasedName, member: false, status: 'walk_in' })
        expect(roster.get(boris)).toMatchObject({ name: 'Boris Petrosyan', erased: false })
        // who owes, in the lessons and the groups
        const day = center.central.lesson.startsAt!.toISOString().slice(0, 10)
        const lessonsList = await call(
          'GET',
          `/api/lessons?branchId=${center.central.branch.id}&from=${day}&to=${day}`,
          cookies.reception,
          undefined,
          lang,
        )
        const listed = lessonsList.data.items.find((l: { id: string }) => l.id === lesson)
        expect(listed.owing).toEqual([{ clientId: ani, ...erasedName, reasons: [{ id: 'clients.filters.owingHint' }] }])
        const groupList = await call(
          'GET',
          `/api/groups?branchId=${center.central.branch.id}`,
          cookies.reception,
          undefined,
          lang,
        )
        expect(groupList.data.items.find((g: { id: string }) => g.id === group).owing).toEqual([
          { clientId: ani, ...erasedName, reasons: [{ id: 'clients.filters.owingHint' }] },
        ])
        // the group's members and waiting list
        const people = await call('GET', `/api/groups/${group}`, cookies.reception, undefined, lang)
        expect(people.data.group.members).toEqual([expect.objectContaining({ clientId: ani, ...erasedName })])
        expect(people.data.group.waiting).toEqual([
          expect.objectContaining({ clientId: wendy, ...erasedName, status: 'offered' }),
        ])
      }
    } finally {
      off()
    }

    // Boris back in, then the lesson is cancelled: its members are to be told
    expect((await call('POST', `/api/groups/${group}/members`, cookies.reception, { clientId: boris })).status).toBe(201)
    const cancelled = await call('POST', `/api/lessons/${lesson}/cancel`, cookies.reception, { reason: 'Teacher ill' })
    expect(cancelled.status).toBe(200)

    // the alerts store the label's id, and each reader reads it in their language
    const stored = await queryRows<{ kind: string; params: Record<string, unknown> }>(
      database.db,
      sql`select kind, params from alerts where kind in ('lesson_cancelled', 'waiting_list_offer') order by id`,
    )
    expect(stored.map((a) => a.kind)).toEqual(['waiting_list_offer', 'lesson_cancelled'])
    expect(stored[0].params.client).toEqual({ messages: [{ id: 'clients.erased.name' }] })
    expect(stored[1].params.names).toEqual({
      messages: expect.arrayContaining([
        { id: 'clients.erased.name' },
        { id: 'alerts.legacy', params: { text: 'Boris Petrosyan' } },
      ]),
    })
    expect(stored[1].params.members).toBe(2)
    for (const lang of LOCALES) {
      const res = await call('GET', '/api/alerts?limit=100', cookies.owner, undefined, lang)
      expect(res.status).toBe(200)
      const messages = (res.data.items as Array<{ kind: string; message: string }>).filter((a) =>
        ['lesson_cancelled', 'waiting_list_offer'].includes(a.kind),
      )
      expect(messages).toHaveLength(2)
      for (const m of messages) expect(m.message).toContain(label(lang))
      expect(messages.find((m) => m.kind === 'lesson_cancelled')?.message).toContain('Boris Petrosyan')
      if (lang !== 'en') for (const m of messages) expect(m.message).not.toMatch(/Erased|client/)
    }

    // no English placeholder is stored anywhere (alerts.message is the English text kept for logs)
    const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
      database.db,
      sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' and data_type in ('text', 'jsonb', 'ARRAY', 'bytea')`,
    )
    const holding: string[] = []
    for (const c of columns) {
      const col = sql.identifier(c.column_name)
      const cond =
        c.data_type === 'bytea'
          ? sql`position(convert_to('Erased', 'UTF8') in ${col}) > 0`
          : sql`${col}::text ilike '%erased client%'`
      const [hit] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${cond}`,
      )
      if (hit.n > 0) holding.push(`${c.table_name}.${c.column_name}`)
    }
    expect(holding).toEqual(['alerts.message'])
    const [names] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from clients where first_name = 'Erased' or last_name = 'client'`,
    )
    expect(names.n).toBe(0)
    const fileBytes = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${docUpdates} where doc = ${`client:${ani}`} and position(convert_to('Ani', 'UTF8') in update) > 0`,
    )
    expect(fileBytes[0].n).toBe(0)
  })

  it('is found by no label, in no language, and is in no list or export', async () => {
    const [erased] = await database.db
      .select({ id: clients.id })
      .from(clients)
      .where(sql`${clients.erasedAt} is not null`)
      .limit(1)
    expect(erased).toBeDefined()
    const terms = ['Erased', 'Erased client', 'client', ...LOCALES.map(label), 'Удалённый', 'Ջնջված']
    for (const lang of LOCALES)
      for (const q of terms) {
        const res = await call('GET', `/api/clients?q=${encodeURIComponent(q)}&limit=50`, cookies.reception, undefined, lang)
        expect(res.status).toBe(200)
        expect(res.data.items.map((c: { id: string }) => c.id)).not.toContain(erased.id)
      }
    const all = await call('GET', '/api/clients?limit=200', cookies.reception)
    expect(all.data.items.map((c: { id: string }) => c.id)).not.toContain(erased.id)
    const csv = await call('GET', '/api/clients/export.csv', cookies.owner)
    expect(csv.status).toBe(200)
    expect(String(csv.data)).not.toContain(erased.id)
    expect((await call('GET', `/api/clients/${erased.id}`, cookies.owner)).status).toBe(404)
    expect((await call('GET', `/api/clients/${erased.id}/export.pdf`, cookies.owner)).status).toBe(404)
  })
})
