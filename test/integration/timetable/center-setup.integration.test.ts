import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { alerts, auditLog, clients, groupMembers, groups, lessons, makeUpCredits, waitingList } from '../../../db/schema/index'
import { encodeTimetableDocName, isoWeekOf } from '../../../domain/docs/timetable-week'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #17: what the setup screens need from the server. Activities keep their type, room
 * requirements, safety notes and a version of their norms per date; rooms can be taken out of
 * booking and archived; a member moves to another group in one command (history kept); the waiting
 * list's entries can be removed and offered a free place; a closure lists the lessons it would
 * cancel (nothing changed) and, confirmed, cancels them with make-up credits. Each checks role and
 * branch, and bad input is a 400 naming the field.
 */
let database: TestDatabase
let server: RunningServer
let world: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}
const call = (method: string, path: string, who: string, json?: unknown) =>
  apiCaller(server)(method, path, cookies[who], json, 'en')

async function newClient(first: string, last: string) {
  const [c] = await database.db.insert(clients).values({ firstName: first, lastName: last }).returning()
  return c.id
}

beforeAll(async () => {
  database = await createTestDatabase()
  world = await buildTwoBranches(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception', 'reception2', 'teacher']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('activities and their norms', () => {
  it('keeps the type, room requirements, safety notes and a version of the norms per date', async () => {
    const made = await call('POST', '/api/activities', 'manager', {
      name: 'Pottery',
      category: 'art',
      activityType: 'club',
      durationMinutes: 90,
      maxGroupSize: 8,
      staffRatio: 8,
      pricePerSession: 20,
      roomRequirements: 'A sink and a kiln',
      safetyNotes: 'Aprons; wash hands after',
      normsFrom: '2026-09-01',
    })
    expect(made.status).toBe(201)
    expect(made.data.activity).toMatchObject({
      activityType: 'club',
      roomRequirements: 'A sink and a kiln',
      normsFrom: '2026-09-01',
    })
    const id = made.data.activity.id as string
    const edited = await call('PATCH', `/api/activities/${id}`, 'manager', { staffRatio: 6, normsFrom: '2027-01-15' })
    expect(edited.status).toBe(200)
    // a change without norms keeps no new version, and changes nothing it does not name
    const described = await call('PATCH', `/api/activities/${id}`, 'manager', { description: 'Clay' })
    expect(described.status).toBe(200)
    expect(described.data.activity).toMatchObject({
      description: 'Clay',
      activityType: 'club',
      roomRequirements: 'A sink and a kiln',
      safetyNotes: 'Aprons; wash hands after',
      staffRatio: 6,
      color: made.data.activity.color,
      active: true,
    })
    const versions = await call('GET', `/api/activities/${id}/norms`, 'teacher')
    expect(versions.status).toBe(200)
    expect(
      versions.data.items.map((v: { validFrom: string; norms: { staffRatio: number } }) => [v.validFrom, v.norms.staffRatio]),
    ).toEqual([
      ['2027-01-15', 6],
      ['2026-09-01', 8],
    ])
  })

  it('refuses a type it does not know, naming the field, and a receptionist', async () => {
    const bad = await call('POST', '/api/activities', 'manager', {
      name: 'X',
      category: 'art',
      activityType: 'picnic',
      durationMinutes: 60,
      maxGroupSize: 8,
      staffRatio: 8,
      pricePerSession: 1,
    })
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields).toHaveProperty('activityType')
    const refused = await call('PATCH', `/api/activities/${world.activity.id}`, 'reception', { activityType: 'party' })
    expect(refused.status).toBe(403)
  })
})

describe('branches', () => {
  it('an edit changes only the fields it names (the address stays when the phone changes)', async () => {
    const made = await call('POST', '/api/branches', 'owner', {
      name: 'Hillside',
      address: '5 Hill St',
      timezone: 'Asia/Yerevan',
    })
    expect(made.status, JSON.stringify(made.data)).toBe(201)
    const edited = await call('PATCH', `/api/branches/${made.data.branch.id}`, 'owner', { phone: '+374 10 000000' })
    expect(edited.status, JSON.stringify(edited.data)).toBe(200)
    expect(edited.data.branch).toMatchObject({ name: 'Hillside', address: '5 Hill St', phone: '+374 10 000000' })
  })
})

describe('rooms', () => {
  it('a manager takes a room out of booking and archives it; a group can no longer be put in it', async () => {
    const made = await call('POST', '/api/rooms', 'manager', {
      branchId: world.central.branch.id,
      name: 'Studio',
      capacity: 12,
      bookable: false,
    })
    expect(made.status).toBe(201)
    expect(made.data.room).toMatchObject({ bookable: false, archived: false })
    const id = made.data.room.id as string
    const archived = await call('PATCH', `/api/rooms/${id}`, 'manager', { archived: true, bookable: true })
    expect(archived.data.room).toMatchObject({ bookable: true, archived: true })
    const group = await call('PATCH', `/api/groups/${world.central.group.id}`, 'reception', { roomId: id })
    expect(group.status).toBe(400)
    expect(group.data.error.fields.roomId).toBe('This room is archived or not bookable')
    expect((await call('PATCH', `/api/rooms/${id}`, 'manager', { archived: false })).data.room.archived).toBe(false)
    // a receptionist does not run rooms; bad input names the field
    expect((await call('PATCH', `/api/rooms/${id}`, 'reception', { archived: true })).status).toBe(403)
    const bad = await call('PATCH', `/api/rooms/${id}`, 'manager', { archived: 'yes' })
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields).toHaveProperty('archived')
  })
})

describe('moving a member to another group', () => {
  it('ends one membership and starts the other in one command, offering the freed place', async () => {
    const ann = await newClient('Ann', 'Mover')
    const ben = await newClient('Ben', 'Waiting')
    const { group: from } = world.central
    const [to] = await database.db
      .insert(groups)
      .values({ ...from, id: undefined, name: 'Group central B', createdAt: undefined, updatedAt: undefined })
      .returning()
    expect((await call('POST', `/api/groups/${from.id}/members`, 'reception', { clientId: ann })).status).toBe(201)
    expect((await call('POST', `/api/groups/${from.id}/waiting`, 'reception', { clientId: ben })).status).toBe(201)
    // the other branch's receptionist may not; the same group is refused naming the field
    expect(
      (await call('POST', `/api/groups/${from.id}/members/${ann}/transfer`, 'reception2', { toGroupId: to.id })).status,
    ).toBe(403)
    const same = await call('POST', `/api/groups/${from.id}/members/${ann}/transfer`, 'reception', { toGroupId: from.id })
    expect(same.status).toBe(400)
    expect(same.data.error.fields).toHaveProperty('toGroupId')
    const bad = await call('POST', `/api/groups/${from.id}/members/${ann}/transfer`, 'reception', { toGroupId: 'nope' })
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields).toHaveProperty('toGroupId')
    // into the other branch's group: refused by its branch
    const across = await call('POST', `/api/groups/${from.id}/members/${ann}/transfer`, 'reception', {
      toGroupId: world.riverside.group.id,
    })
    expect(across.status).toBe(403)

    const moved = await call('POST', `/api/groups/${from.id}/members/${ann}/transfer`, 'reception', { toGroupId: to.id })
    expect(moved.status).toBe(200)
    expect(moved.data.memberCount).toBe(1)
    const rows = await database.db.select().from(groupMembers).where(eq(groupMembers.clientId, ann))
    expect(rows.find((r) => r.groupId === from.id)?.leftAt).not.toBeNull()
    expect(rows.find((r) => r.groupId === to.id)?.leftAt).toBeNull()
    const [offer] = await database.db
      .select()
      .from(waitingList)
      .where(and(eq(waitingList.groupId, from.id), eq(waitingList.clientId, ben)))
    expect(offer.status).toBe('offered')
    const [alert] = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, 'waiting_list_offer'), eq(alerts.subject, `waiting:${offer.id}`)))
    expect(alert.params).toMatchObject({ groupId: from.id })
    const trail = await database.db.select().from(auditLog).where(eq(auditLog.action, 'groups.transfer'))
    expect(trail).toHaveLength(1)
  })
})

describe('the waiting list', () => {
  it('offers a free place to the client chosen, refuses a second offer, and removal passes the offer on', async () => {
    const { group } = world.riverside
    await database.db.update(groups).set({ capacity: 1 }).where(eq(groups.id, group.id))
    const [a, b, c] = [await newClient('Ara', 'One'), await newClient('Bella', 'Two'), await newClient('Carl', 'Three')]
    expect((await call('POST', `/api/groups/${group.id}/members`, 'reception2', { clientId: a })).status).toBe(201)
    const entries: string[] = []
    for (const id of [b, c])
      entries.push((await call('POST', `/api/groups/${group.id}/waiting`, 'reception2', { clientId: id })).data.entryId)
    // no free place yet
    const full = await call('POST', `/api/groups/${group.id}/waiting/${entries[1]}/offer`, 'reception2')
    expect(full.status).toBe(409)
    await database.db.update(groups).set({ capacity: 2 }).where(eq(groups.id, group.id))
    expect((await call('POST', `/api/groups/${group.id}/waiting/${entries[1]}/offer`, 'reception', {})).status).toBe(403)
    const offered = await call('POST', `/api/groups/${group.id}/waiting/${entries[1]}/offer`, 'reception2')
    expect(offered.status).toBe(200)
    expect((await call('POST', `/api/groups/${group.id}/waiting/${entries[1]}/offer`, 'reception2')).status).toBe(409)
    const bad = await call('POST', `/api/groups/${group.id}/waiting/x1/offer`, 'reception2')
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields).toHaveProperty('entryId')
    // Carl (offered) is taken off: the offer's alert is cleared and Bella is offered the place
    expect((await call('DELETE', `/api/groups/${group.id}/waiting/${entries[1]}`, 'reception2')).status).toBe(204)
    const list = await database.db.select().from(waitingList).where(eq(waitingList.groupId, group.id))
    expect(Object.fromEntries(list.map((w) => [w.clientId, w.status]))).toEqual({ [b]: 'offered', [c]: 'removed' })
    const open = await database.db
      .select({ subject: alerts.subject })
      .from(alerts)
      .where(and(eq(alerts.kind, 'waiting_list_offer'), isNull(alerts.clearedAt), eq(alerts.branchId, world.riverside.branch.id)))
    expect(open.map((x) => x.subject)).toEqual([`waiting:${entries[0]}`])
    expect((await call('DELETE', `/api/groups/${group.id}/waiting/${entries[1]}`, 'reception2')).status).toBe(404)
  })
})

describe('closures', () => {
  it('lists the lessons they would cancel, then cancels them with make-up credits', async () => {
    const { branch, group, lesson } = world.central
    const member = await newClient('Mia', 'Member')
    await call('POST', `/api/groups/${group.id}/members`, 'reception', { clientId: member })
    // a second lesson two days on, and one of the other branch the same day
    const later = new Date(lesson.startsAt!.getTime() + 2 * 86_400_000)
    await database.db.insert(lessons).values({
      ...lesson,
      id: 'lesson-central-later',
      doc: encodeTimetableDocName(branch.id, isoWeekOf(later.toISOString().slice(0, 10))),
      startsAt: later,
      endsAt: new Date(later.getTime() + 3600_000),
      updatedAt: undefined,
    })
    const day = lesson.startsAt!.toISOString().slice(0, 10)
    const preview = await call('GET', `/api/closures/preview?branchId=${branch.id}&fromDate=${day}&toDate=${day}`, 'manager')
    expect(preview.status).toBe(200)
    // the day in the branch's zone (Europe/Berlin by default) may be the next one in UTC: at most one lesson
    expect(preview.data.items.length).toBeLessThanOrEqual(1)
    const from = new Date(lesson.startsAt!.getTime() - 86_400_000).toISOString().slice(0, 10)
    const to = new Date(later.getTime() + 86_400_000).toISOString().slice(0, 10)
    const wide = await call('GET', `/api/closures/preview?branchId=${branch.id}&fromDate=${from}&toDate=${to}`, 'manager')
    expect(wide.data.items.map((l: { id: string }) => l.id)).toEqual(['lesson-central', 'lesson-central-later'])
    const members = wide.data.items[0].memberCount as number
    expect(members).toBeGreaterThan(0)
    expect(wide.data.makeUpCredits).toBe(2 * members)
    // nothing was changed by the preview
    const [still] = await database.db.select().from(lessons).where(eq(lessons.id, 'lesson-central'))
    expect(still.status).toBe('planned')

    // role and branch; bad input names the field
    expect(
      (await call('GET', `/api/closures/preview?branchId=${branch.id}&fromDate=${from}&toDate=${to}`, 'reception')).status,
    ).toBe(403)
    const badDates = await call('GET', `/api/closures/preview?branchId=${branch.id}&fromDate=${to}&toDate=${from}`, 'manager')
    expect(badDates.status).toBe(400)
    expect(badDates.data.error.fields).toHaveProperty('toDate')
    const badFlag = await call('POST', '/api/closures', 'manager', {
      branchId: branch.id,
      fromDate: from,
      toDate: to,
      name: 'X',
      cancelLessons: 'yes',
    })
    expect(badFlag.status).toBe(400)
    expect(badFlag.data.error.fields).toHaveProperty('cancelLessons')

    const made = await call('POST', '/api/closures', 'manager', {
      branchId: branch.id,
      fromDate: from,
      toDate: to,
      name: 'Heating repairs',
      cancelLessons: true,
      offerMakeUp: true,
    })
    expect(made.status).toBe(201)
    expect(made.data.cancelled).toHaveLength(2)
    expect(made.data.makeUpCredits).toBe(2 * members)
    const rows = await database.db
      .select()
      .from(lessons)
      .where(sql`${lessons.id} in ('lesson-central', 'lesson-central-later')`)
    expect(rows.map((r) => [r.status, r.cancelReason])).toEqual([
      ['cancelled', 'Heating repairs'],
      ['cancelled', 'Heating repairs'],
    ])
    const credits = await database.db.select().from(makeUpCredits).where(eq(makeUpCredits.clientId, member))
    expect(credits.map((c) => c.fromLessonId).sort()).toEqual(['lesson-central', 'lesson-central-later'])
    // the other branch's lesson stands
    const [other] = await database.db.select().from(lessons).where(eq(lessons.id, 'lesson-riverside'))
    expect(other.status).toBe('planned')
    // a second look lists nothing left to cancel
    const after = await call('GET', `/api/closures/preview?branchId=${branch.id}&fromDate=${from}&toDate=${to}`, 'manager')
    expect(after.data.items).toEqual([])
    const trail = await database.db.select().from(auditLog).where(eq(auditLog.action, 'closures.create'))
    expect(trail.at(-1)?.after).toMatchObject({ makeUpCredits: 2 * members })
  })
})
