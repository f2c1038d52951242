import { afterAll, beforeAll, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { auditLog, clients, groupMembers } from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'

/** Issue #20: taking a client out of a group keeps why (`?reason=` a leave reason's code, `&note=` as typed), for the reports' refusals and churn. */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let manager: string

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  t = createTestApp(database)
  manager = await t.login('manager')
})
afterAll(async () => database?.destroy())

async function member(name: string) {
  const [c] = await database.db.insert(clients).values({ firstName: name, lastName: 'Leaver' }).returning()
  await database.db.insert(groupMembers).values({ groupId: center.central.group.id, clientId: c.id })
  return c.id
}
const leave = (clientId: string, why: { reason?: string; note?: string } = {}) =>
  t.call('DELETE', `/api/groups/${center.central.group.id}/members/${clientId}?${new URLSearchParams(why)}`, {
    cookie: manager,
    headers: { 'accept-language': 'ru' },
  })
const row = async (clientId: string) =>
  (
    await database.db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.clientId, clientId)))
  )[0]

it('keeps the reason’s code and the note as typed (trimmed), and writes them in the audit row', async () => {
  const id = await member('Anna')
  expect((await leave(id, { reason: 'moved', note: '  Too far from home ' })).status).toBe(204)
  const r = await row(id)
  expect(r.leftAt).not.toBeNull()
  expect(r.leftReasonCode).toBe('moved')
  expect(r.leftReason).toBe('Too far from home')
  const [audit] = await database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, 'groups.leave'))
    .orderBy(desc(auditLog.id))
    .limit(1)
  expect(audit.after).toEqual({ left: id, reason: 'moved', note: 'Too far from home' })
})

it('leaves it empty without one, or with only spaces', async () => {
  const a = await member('Boris')
  const b = await member('Vera')
  expect((await leave(a)).status).toBe(204)
  expect((await leave(b, { note: '   ' })).status).toBe(204)
  expect((await row(a)).leftReason).toBeNull()
  expect((await row(a)).leftReasonCode).toBeNull()
  expect((await row(b)).leftReason).toBeNull()
})

it('refuses a note over 500 characters or a reason not on the list, naming the field, and takes nobody out', async () => {
  const id = await member('Gleb')
  const long = await leave(id, { reason: 'other', note: 'x'.repeat(501) })
  expect(long.status).toBe(400)
  expect(Object.keys(long.data.error.fields)).toContain('note')
  const odd = await leave(id, { reason: 'Too far' })
  expect(odd.status).toBe(400)
  expect(Object.keys(odd.data.error.fields)).toContain('reason')
  expect((await row(id)).leftAt).toBeNull()
})
