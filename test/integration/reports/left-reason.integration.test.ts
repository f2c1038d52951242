import { afterAll, beforeAll, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { auditLog, clients, groupMembers } from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'

/** Issue #20: taking a client out of a group keeps why (`?reason=`), for the teacher performance report's refusals. */
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
const leave = (clientId: string, reason?: string) =>
  t.call(
    'DELETE',
    `/api/groups/${center.central.group.id}/members/${clientId}${reason === undefined ? '' : `?reason=${encodeURIComponent(reason)}`}`,
    { cookie: manager, headers: { 'accept-language': 'ru' } },
  )
const row = async (clientId: string) =>
  (
    await database.db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.clientId, clientId)))
  )[0]

it('keeps the reason as typed (trimmed) and writes it in the audit row', async () => {
  const id = await member('Anna')
  expect((await leave(id, '  Too far from home ')).status).toBe(204)
  const r = await row(id)
  expect(r.leftAt).not.toBeNull()
  expect(r.leftReason).toBe('Too far from home')
  const [audit] = await database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, 'groups.leave'))
    .orderBy(desc(auditLog.id))
    .limit(1)
  expect(audit.after).toEqual({ left: id, reason: 'Too far from home' })
})

it('leaves it empty without one, or with only spaces', async () => {
  const a = await member('Boris')
  const b = await member('Vera')
  expect((await leave(a)).status).toBe(204)
  expect((await leave(b, '   ')).status).toBe(204)
  expect((await row(a)).leftReason).toBeNull()
  expect((await row(b)).leftReason).toBeNull()
})

it('refuses a reason over 500 characters, naming the field, and takes nobody out', async () => {
  const id = await member('Gleb')
  const res = await leave(id, 'x'.repeat(501))
  expect(res.status).toBe(400)
  expect(Object.keys(res.data.error.fields)).toContain('reason')
  expect((await row(id)).leftAt).toBeNull()
})
