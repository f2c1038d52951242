import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { alerts, attendance, auditLog, groupMembers, groups, lessons, visits, waitingList } from '../../../db/schema/index'
import { encodeTimetableDocName, isoWeekOf } from '../../../domain/docs/timetable-week'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { TEST_MODULES } from '../../support/test-area'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * An erased client is gone from everything that happens from now on: the erasure, in its one
 * transaction, ends their group memberships (as taking them out of a group does, on each group's
 * trail) and takes them off every waiting list (an offer made to them is withdrawn). Lessons from
 * now on do not list them, they do not count against a group's capacity, a freed place is not
 * offered to them and a cancelled lesson does not name them; the attendance of a lesson already
 * done stays (anonymised).
 */

let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let owner: string

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database, {}, TEST_MODULES)
  owner = await login(server, 'owner')
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (method: string, path: string, json?: unknown) => apiCaller(server)(method, path, owner, json, 'en')

async function register(firstName: string, lastName: string, phone: string): Promise<string> {
  const res = await call('POST', '/api/clients', {
    firstName,
    lastName,
    birthDate: '1990-01-01',
    phone,
    consent: true,
    confirmNotDuplicate: true,
    branchId: center.central.branch.id,
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.id as string
}

async function ok(res: Promise<{ status: number; data: unknown }>, status = 200) {
  const r = await res
  expect(r.status, JSON.stringify(r.data)).toBe(status)
  return r.data as Record<string, any>
}

const ids = (rows: Array<{ clientId: string }>) => rows.map((r) => r.clientId).sort()

describe('erasing a client', () => {
  it('ends their group places and waiting lists; lessons from now on do not list them; past attendance stays', async () => {
    const central = center.central.group
    const riverside = center.riverside.group
    const future = center.central.lesson.id
    // a lesson of the central group two days ago, and a group with a place free
    const pastStart = new Date(Date.now() - 2 * 86_400_000)
    const [past] = await database.db
      .insert(lessons)
      .values({
        id: 'lesson-past',
        branchId: center.central.branch.id,
        doc: encodeTimetableDocName(center.central.branch.id, isoWeekOf(pastStart.toISOString().slice(0, 10))),
        roomId: center.central.room.id,
        startsAt: pastStart,
        endsAt: new Date(pastStart.getTime() + 3_600_000),
        activityId: center.activity.id,
        groupId: central.id,
        teacherId: center.staff.teacher.id,
      })
      .returning()
    const [spare] = await database.db
      .insert(groups)
      .values({
        branchId: central.branchId,
        activityId: central.activityId,
        name: 'Group spare',
        teacherId: central.teacherId,
        roomId: central.roomId,
        pattern: central.pattern,
        termStart: central.termStart,
        termEnd: central.termEnd,
        capacity: 1,
      })
      .returning()
    await database.db.update(groups).set({ capacity: 2 }).where(eq(groups.id, central.id))
    await database.db.update(groups).set({ capacity: 1 }).where(eq(groups.id, riverside.id))

    const ani = await register('Ani', 'Hakobyan', '+374 91 111 111')
    const boris = await register('Boris', 'Petrosyan', '+374 91 222 222')
    const wendy = await register('Wendy', 'Waitley', '+374 91 333 333')
    const carl = await register('Carl', 'Karapetyan', '+374 91 444 444')
    const dora = await register('Dora', 'Davtyan', '+374 91 555 555')
    // central (2 places): Ani and Boris, Wendy waits; riverside (1 place): Carl, Ani then Dora wait;
    // the spare group's free place is offered to Ani at once
    for (const id of [ani, boris]) await ok(call('POST', `/api/groups/${central.id}/members`, { clientId: id }), 201)
    await ok(call('POST', `/api/groups/${riverside.id}/members`, { clientId: carl }), 201)
    await ok(call('POST', `/api/groups/${central.id}/waiting`, { clientId: wendy }), 201)
    for (const id of [ani, dora]) await ok(call('POST', `/api/groups/${riverside.id}/waiting`, { clientId: id }), 201)
    await ok(call('POST', `/api/groups/${spare.id}/waiting`, { clientId: ani }), 201)
    const [offerToAni] = await database.db
      .select()
      .from(waitingList)
      .where(and(eq(waitingList.groupId, spare.id), eq(waitingList.clientId, ani)))
    expect(offerToAni.status).toBe('offered')
    const openOffers = () =>
      queryRows<{ subject: string; client: string }>(
        database.db,
        sql`select subject, details->>'clientId' as client from alerts where kind = 'waiting_list_offer' and cleared_at is null order by id`,
      )
    expect(await openOffers()).toEqual([{ subject: `waiting:${offerToAni.id}`, client: ani }])
    // the lesson two days ago: both came, and it is done
    await ok(
      call('PUT', `/api/lessons/${past.id}/attendance`, {
        entries: [
          { clientId: ani, status: 'present', grade: 5 },
          { clientId: boris, status: 'late' },
        ],
      }),
    )
    await ok(call('POST', `/api/lessons/${past.id}/done`))
    const roster = async (lessonId: string) => (await ok(call('GET', `/api/lessons/${lessonId}`))).lesson.roster
    expect(ids(await roster(future))).toEqual([ani, boris].sort())

    await ok(call('POST', `/api/clients/${ani}/erase`, { reason: 'Erasure request 9' }))

    // no current membership, no open waiting list entry
    const places = await database.db.select().from(groupMembers).where(eq(groupMembers.clientId, ani))
    expect(places).toHaveLength(1)
    expect(places[0].leftAt).toBeInstanceOf(Date)
    const entries = await database.db.select().from(waitingList).where(eq(waitingList.clientId, ani))
    expect(entries.map((e) => e.status)).toEqual(['removed', 'removed'])
    expect(entries.every((e) => e.closedAt instanceof Date)).toBe(true)
    // the groups as screens read them: Ani's place in central went to Wendy (offered); nobody offers Ani anything
    const centralNow = (await ok(call('GET', `/api/groups/${central.id}`))).group
    expect(ids(centralNow.members)).toEqual([boris])
    expect(centralNow.waiting).toEqual([expect.objectContaining({ clientId: wendy, status: 'offered' })])
    const riversideNow = (await ok(call('GET', `/api/groups/${riverside.id}`))).group
    expect(riversideNow.waiting).toEqual([expect.objectContaining({ clientId: dora, status: 'waiting' })])
    expect((await ok(call('GET', `/api/groups/${spare.id}`))).group.waiting).toEqual([])
    const listed = (await ok(call('GET', `/api/groups?branchId=${center.central.branch.id}`))).items as Array<{
      id: string
      memberCount: number
      waitingCount: number
    }>
    expect(listed.find((g) => g.id === central.id)).toMatchObject({ memberCount: 1, waitingCount: 1 })
    // the offer made to Ani is withdrawn; the one to Wendy is open
    const wendyEntry = centralNow.waiting[0].entryId
    expect(await openOffers()).toEqual([{ subject: `waiting:${wendyEntry}`, client: wendy }])

    // a lesson from now on lists Boris only; the lesson done keeps Ani's attendance, anonymised
    expect(ids(await roster(future))).toEqual([boris])
    const pastRoster = await roster(past.id)
    expect(ids(pastRoster)).toEqual([ani, boris].sort())
    expect(pastRoster.find((r: { clientId: string }) => r.clientId === ani)).toMatchObject({
      erased: true,
      status: 'present',
      grade: 5,
    })
    const marks = await database.db.select().from(attendance).where(eq(attendance.lessonId, past.id))
    expect(ids(marks)).toEqual([ani, boris].sort())
    expect(ids(await database.db.select().from(visits).where(eq(visits.lessonId, past.id)))).toEqual([ani, boris].sort())

    // Carl leaves riverside: the freed place is offered to Dora, not to Ani who waited before her
    await ok(call('DELETE', `/api/groups/${riverside.id}/members/${carl}`), 204)
    const offered = (await ok(call('GET', `/api/groups/${riverside.id}`))).group.waiting
    expect(offered).toEqual([expect.objectContaining({ clientId: dora, status: 'offered' })])
    expect((await openOffers()).map((o) => o.client)).toEqual([wendy, dora])

    // the lesson from now on is cancelled: Boris is the one to tell
    await ok(call('POST', `/api/lessons/${future}/cancel`, { reason: 'Teacher ill', offerMakeUp: true }))
    const [cancelled] = await database.db.select().from(alerts).where(eq(alerts.kind, 'lesson_cancelled'))
    expect(cancelled.details).toMatchObject({ members: [boris] })
    expect(cancelled.params).toMatchObject({ members: 1 })
    expect(JSON.stringify(cancelled)).not.toContain(ani)

    // each group's trail says what the erasure did there; the erasure itself is one row
    const trail = await database.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, after: auditLog.after })
      .from(auditLog)
      .where(sql`${auditLog.action} in ('groups.leave', 'groups.unwait', 'clients.erase')`)
      .orderBy(auditLog.id)
    expect(trail.map((t) => [t.action, t.entityId])).toEqual(
      expect.arrayContaining([
        ['groups.leave', central.id],
        ['groups.unwait', riverside.id],
        ['groups.unwait', spare.id],
        ['clients.erase', ani],
      ]),
    )
    expect(
      trail.filter((t) => t.after && (t.after as { erased?: boolean }).erased === true && t.action !== 'clients.erase'),
    ).toHaveLength(3)
  })

  it('of a client in no group and on no waiting list changes no group', async () => {
    const lone = await register('Lone', 'Client', '+374 91 666 666')
    const [{ last }] = await queryRows<{ last: number }>(database.db, sql`select max(id)::int as last from audit_log`)
    await ok(call('POST', `/api/clients/${lone}/erase`, { reason: 'Erasure request 10' }))
    const added = await queryRows<{ action: string }>(
      database.db,
      sql`select action from audit_log where id > ${last} order by id`,
    )
    expect(added.map((a) => a.action)).toEqual(['clients.erase'])
  })
})
