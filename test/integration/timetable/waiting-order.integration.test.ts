import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { alerts, auditLog, clients, groupMembers, groups, waitingList } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #17, "the waiting list (add, order, offer a freed place, enrol)": a receptionist keeps the
 * waiting list in an order of their own (`POST /api/groups/{id}/waiting/{entryId}/move`, locked per
 * group, audited), the freed place goes to the first by that order, concurrent moves leave one
 * order without duplicates, and another branch's receptionist is refused.
 */
let database: TestDatabase
let server: RunningServer
let world: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}
const call = (method: string, path: string, who: string, json?: unknown) =>
  apiCaller(server)(method, path, cookies[who], json, 'en')

async function newClient(first: string) {
  const [c] = await database.db.insert(clients).values({ firstName: first, lastName: 'Waiting' }).returning()
  return c.id
}

/** The open entries' clients, as the group page shows them. */
async function order(groupId: string): Promise<string[]> {
  const r = await call('GET', `/api/groups/${groupId}`, 'reception')
  expect(r.status).toBe(200)
  return r.data.group.waiting.map((w: { name: string }) => w.name.replace('Waiting', '').trim())
}

beforeAll(async () => {
  database = await createTestDatabase()
  world = await buildTwoBranches(database.db)
  server = await startTestServer(database)
  for (const l of ['manager', 'reception', 'reception2']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('the waiting list in order', () => {
  it('moves change the order (audited), bad input names the field, the freed place goes to the new first', async () => {
    const { group } = world.central
    await database.db.update(groups).set({ capacity: 1 }).where(eq(groups.id, group.id))
    const member = await newClient('Member')
    expect((await call('POST', `/api/groups/${group.id}/members`, 'reception', { clientId: member })).status).toBe(201)
    const entry: Record<string, string> = {}
    for (const name of ['Ann', 'Ben', 'Cat', 'Dan']) {
      const r = await call('POST', `/api/groups/${group.id}/waiting`, 'reception', { clientId: await newClient(name) })
      expect(r.status).toBe(201)
      entry[name] = r.data.entryId
    }
    expect(await order(group.id)).toEqual(['Ann', 'Ben', 'Cat', 'Dan'])

    // Cat before Ann: first; Ann to the end
    const up = await call('POST', `/api/groups/${group.id}/waiting/${entry.Cat}/move`, 'reception', { before: entry.Ann })
    expect(up.status).toBe(200)
    expect(up.data.position).toBe(1)
    expect(await order(group.id)).toEqual(['Cat', 'Ann', 'Ben', 'Dan'])
    const down = await call('POST', `/api/groups/${group.id}/waiting/${entry.Ann}/move`, 'manager', { before: null })
    expect(down.data.position).toBe(4)
    expect(await order(group.id)).toEqual(['Cat', 'Ben', 'Dan', 'Ann'])
    const trail = await database.db.select().from(auditLog).where(eq(auditLog.action, 'groups.wait_move'))
    expect(trail).toHaveLength(2)
    expect(trail.map((t) => t.entityId)).toEqual([group.id, group.id])

    // bad input: a 400 naming the field, nothing changed
    const itself = await call('POST', `/api/groups/${group.id}/waiting/${entry.Ben}/move`, 'reception', { before: entry.Ben })
    expect(itself.status).toBe(400)
    expect(itself.data.error.fields).toHaveProperty('before')
    const unknown = await call('POST', `/api/groups/${group.id}/waiting/${entry.Ben}/move`, 'reception', { before: '999999' })
    expect(unknown.status).toBe(400)
    expect(unknown.data.error.fields.before).toBe('This client is no longer on the waiting list')
    const junk = await call('POST', `/api/groups/${group.id}/waiting/${entry.Ben}/move`, 'reception', { before: 'first' })
    expect(junk.status).toBe(400)
    expect(junk.data.error.fields).toHaveProperty('before')
    const missing = await call('POST', `/api/groups/${group.id}/waiting/${entry.Ben}/move`, 'reception', {})
    expect(missing.status).toBe(400)
    expect(missing.data.error.fields).toHaveProperty('before')
    expect((await call('POST', `/api/groups/${group.id}/waiting/999999/move`, 'reception', { before: null })).status).toBe(404)
    expect(await order(group.id)).toEqual(['Cat', 'Ben', 'Dan', 'Ann'])

    // the member leaves: the place is offered to Cat, the first by the order (not Ann, added first)
    expect((await call('DELETE', `/api/groups/${group.id}/members/${member}`, 'reception')).status).toBe(204)
    const offered = await database.db
      .select({ id: waitingList.id })
      .from(waitingList)
      .where(and(eq(waitingList.groupId, group.id), eq(waitingList.status, 'offered')))
    expect(offered.map((o) => String(o.id))).toEqual([entry.Cat])
    const open = await database.db
      .select({ subject: alerts.subject })
      .from(alerts)
      .where(and(eq(alerts.kind, 'waiting_list_offer'), isNull(alerts.clearedAt), eq(alerts.branchId, world.central.branch.id)))
    expect(open.map((a) => a.subject)).toEqual([`waiting:${entry.Cat}`])

    // Cat is enrolled; the next to be offered a place is Ben, who is now first
    expect((await call('POST', `/api/groups/${group.id}/waiting/${entry.Cat}/enrol`, 'reception')).status).toBe(200)
    await database.db.update(groups).set({ capacity: 2 }).where(eq(groups.id, group.id))
    expect(await order(group.id)).toEqual(['Ben', 'Dan', 'Ann'])
    // a newcomer goes last
    const eve = await call('POST', `/api/groups/${group.id}/waiting`, 'reception', { clientId: await newClient('Eve') })
    expect(eve.status).toBe(201)
    // a free place right now went to the first waiting, Ben
    const [ben] = await database.db
      .select()
      .from(waitingList)
      .where(eq(waitingList.id, Number(entry.Ben)))
    expect(ben.status).toBe('offered')
    expect(await order(group.id)).toEqual(['Ben', 'Dan', 'Ann', 'Eve'])
    const members = await database.db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, group.id), isNull(groupMembers.leftAt)))
    expect(members).toHaveLength(1)
  })

  it('two concurrent moves leave one consistent order with no duplicate positions', async () => {
    const [group] = await database.db
      .insert(groups)
      .values({ ...world.central.group, id: undefined, name: 'Concurrent', createdAt: undefined, updatedAt: undefined })
      .returning()
    const entry: Record<string, string> = {}
    for (const name of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) {
      // full group: nobody is offered a place while the list is moved
      await database.db.update(groups).set({ capacity: 0 }).where(eq(groups.id, group.id))
      const r = await call('POST', `/api/groups/${group.id}/waiting`, 'reception', { clientId: await newClient(name) })
      entry[name] = r.data.entryId
    }
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([
        call('POST', `/api/groups/${group.id}/waiting/${entry.P6}/move`, 'reception', { before: entry.P1 }),
        call('POST', `/api/groups/${group.id}/waiting/${entry.P1}/move`, 'manager', { before: null }),
      ])
      expect([a.status, b.status]).toEqual([200, 200])
      const rows = await database.db
        .select({ id: waitingList.id, position: waitingList.position })
        .from(waitingList)
        .where(and(eq(waitingList.groupId, group.id), inArray(waitingList.status, ['waiting', 'offered'])))
      // 1..n, each once
      expect(rows.map((r) => r.position).sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6])
      const names = await order(group.id)
      expect(new Set(names).size).toBe(6)
      expect(names.at(-1)).toBe('P1')
    }
  })

  it('a receptionist of another branch is refused (403) and the order stays', async () => {
    const { group } = world.central
    const before = await order(group.id)
    const [last] = (await call('GET', `/api/groups/${group.id}`, 'reception')).data.group.waiting.slice(-1)
    const refused = await call('POST', `/api/groups/${group.id}/waiting/${last.entryId}/move`, 'reception2', { before: null })
    expect(refused.status).toBe(403)
    expect(await order(group.id)).toEqual(before)
  })

  it('the API document describes the move', async () => {
    const doc = await call('GET', '/api/openapi.json', 'manager')
    expect(doc.status).toBe(200)
    expect(doc.data.paths).toHaveProperty(['/api/groups/{id}/waiting/{entryId}/move'])
  })
})
