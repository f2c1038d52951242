/**
 * The projection's batched writes: clash columns set in one UPDATE, alerts raised, refreshed and
 * cleared in batches — each exactly once, never two open for one cause — and clash messages in the
 * branch's local time. Documents are plain Y.Docs here (no document server): `projectWeeks` reads
 * them as the room's projector would, and the generator runs against an in-memory DocWriter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, isNull } from 'drizzle-orm'
import * as Y from 'yjs'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildBranch, buildRoom, buildUser } from '../../support/factories'
import { activities, alerts, groups, lessons } from '../../../db/schema/index'
import {
  encodeTimetableDocName,
  generatedOf,
  initTimetableWeek,
  lessonMap,
  lessonsOf,
  mondayOf,
  type LessonData,
} from '../../../domain/docs/timetable-week'
import { EventBus } from '../../../server/events/bus'
import { applyAlerts, clearAlerts, raiseAlerts } from '../../../server/modules/alerts'
import { loadTimetableContext } from '../../../server/modules/timetable/context'
import { generateTimetable } from '../../../server/modules/timetable/generate'
import { refreshClashes } from '../../../server/modules/timetable/clashes'
import { projectWeeks } from '../../../server/modules/timetable/projection'
import type { Actor } from '../../../domain/roles'
import { timetableAlerts } from '../../../server/modules/timetable/alert-kinds'
import { renderAlertMessage } from '../../../domain/alerts/messages'

let database: TestDatabase
let branchId: string
let room2: string
let studio: string
let activityId: string
let teacher1: string
let teacher2: string
let groupA: string
let groupB: string

beforeAll(async () => {
  database = await createTestDatabase()
  const db = database.db
  branchId = (await buildBranch(db, 'Central')).id // Europe/Berlin
  room2 = (await buildRoom(db, branchId, { name: 'Room 2', capacity: 12 })).id
  studio = (await buildRoom(db, branchId, { name: 'Studio', capacity: 3 })).id
  teacher1 = (await buildUser(db, { roles: ['teacher'], login: 'tess', name: 'Tess Teacher' })).id
  teacher2 = (await buildUser(db, { roles: ['teacher'], login: 'tom', name: 'Tom Teacher' })).id
  const [a] = await db
    .insert(activities)
    .values({
      name: 'Robotics',
      category: 'science',
      durationMinutes: 60,
      maxGroupSize: 10,
      staffRatio: 8,
      pricePerSession: '15.00',
    })
    .returning()
  activityId = a.id
  const group = async (name: string, teacherId: string) =>
    (
      await db
        .insert(groups)
        .values({
          branchId,
          activityId,
          name,
          teacherId,
          roomId: room2,
          pattern: [{ weekday: 1, start: '16:00', end: '17:00' }],
          termStart: '2027-03-01',
          termEnd: '2027-03-31',
        })
        .returning()
    )[0].id
  groupA = await group('Robotics A', teacher1)
  groupB = await group('Chess B', teacher2)
})
afterAll(async () => {
  await database?.destroy()
})

const openAlerts = async () =>
  (await database.db.select().from(alerts).where(isNull(alerts.clearedAt))).filter((a) => a.subject.startsWith('lesson:'))
const lessonRow = async (id: string) => (await database.db.select().from(lessons).where(eq(lessons.id, id)))[0]
const kinds = (events: Array<{ name: string; payload: { subject: string; kind: string } }>, name: string) =>
  events
    .filter((e) => e.name === name)
    .map((e) => `${e.payload.kind} ${e.payload.subject}`)
    .sort()

function week(w: string) {
  const doc = new Y.Doc()
  initTimetableWeek(doc)
  const monday = mondayOf(w)
  const at = (day: number, time: string) => `${addDaysIso(monday, day)}T${time}:00+01:00`
  const put = (id: string, over: Partial<LessonData> = {}) =>
    doc.transact(() =>
      lessonsOf(doc).set(
        id,
        lessonMap({
          roomId: room2,
          start: at(0, '16:00'),
          end: at(0, '17:00'),
          activityId,
          groupId: groupA,
          teacherId: teacher1,
          status: 'planned',
          ...over,
        }),
      ),
    )
  const set = (id: string, values: Record<string, unknown>) =>
    doc.transact(() => Object.entries(values).forEach(([k, v]) => lessonsOf(doc).get(id)!.set(k, v)))
  const project = (ids: string[] | null) =>
    projectWeeks(database.db, [{ branchId, week: w, doc, ids: ids && new Set(ids) }], { actorId: null })
  return { doc, at, put, set, project }
}
function addDaysIso(date: string, days: number) {
  const d = new Date(date + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

describe('the alert engine in batches', () => {
  it('raises each cause once, refreshes an open one, clears each once', async () => {
    const db = database.db
    const x = { kind: timetableAlerts.room_clash, subject: 'test:x', message: 'x one', branchId }
    const y = { kind: timetableAlerts.teacher_clash, subject: 'test:x', message: 'y one', branchId }
    const raised = await raiseAlerts(db, [x, { ...x, message: 'x two' }, y])
    expect(raised.map((e) => e.payload.kind).sort()).toEqual(['room_clash', 'teacher_clash'])
    const open = async () =>
      db
        .select()
        .from(alerts)
        .where(and(eq(alerts.subject, 'test:x'), isNull(alerts.clearedAt)))
    expect((await open()).map((a) => a.message).sort()).toEqual(['x two', 'y one'])
    // raising an open cause again opens nothing and refreshes its message
    expect(await raiseAlerts(db, [{ ...x, message: 'x three' }])).toEqual([])
    expect((await open()).find((a) => a.kind === 'room_clash')!.message).toBe('x three')
    const cleared = await clearAlerts(db, [x, x, y])
    expect(cleared.map((e) => e.payload.kind).sort()).toEqual(['room_clash', 'teacher_clash'])
    expect(await clearAlerts(db, [x, y])).toEqual([])
    expect(await open()).toHaveLength(0)
    // and it can be raised again: a new alert, the old one stays cleared
    expect(await raiseAlerts(db, [x])).toHaveLength(1)
    expect(await db.select().from(alerts).where(eq(alerts.subject, 'test:x'))).toHaveLength(3)
    await clearAlerts(db, [x])
  })
})

describe('the alert engine in one statement', () => {
  it('opens, refreshes and clears in one call, each cause once', async () => {
    const db = database.db
    const a = { kind: timetableAlerts.room_clash, subject: 'test:one', message: 'a one', branchId }
    const b = { kind: timetableAlerts.over_capacity, subject: 'test:one', message: 'b one', branchId }
    const open = async () =>
      (
        await db
          .select()
          .from(alerts)
          .where(and(eq(alerts.subject, 'test:one'), isNull(alerts.clearedAt)))
      )
        .map((x) => `${x.kind}: ${x.message}`)
        .sort()
    const first = await applyAlerts(db, [a, { ...a, message: 'a two' }, b], [], null)
    expect(first.map((e) => `${e.name} ${e.payload.kind}`).sort()).toEqual([
      'alert.raised over_capacity',
      'alert.raised room_clash',
    ])
    expect(await open()).toEqual(['over_capacity: b one', 'room_clash: a two'])
    // a refreshed (no event), b cleared (one event, even when asked twice)
    const second = await applyAlerts(db, [{ ...a, message: 'a three' }], [b, b], null)
    expect(second.map((e) => `${e.name} ${e.payload.kind}`)).toEqual(['alert.cleared over_capacity'])
    expect(await open()).toEqual(['room_clash: a three'])
    expect(await applyAlerts(db, [], [b], null)).toEqual([])
    const third = await applyAlerts(db, [b], [a], null)
    expect(third.map((e) => `${e.name} ${e.payload.kind}`).sort()).toEqual([
      'alert.cleared room_clash',
      'alert.raised over_capacity',
    ])
    expect(await open()).toEqual(['over_capacity: b one'])
    await applyAlerts(db, [], [b], null)
    expect(await open()).toEqual([])
  })
})

describe('projecting a week with clash checks in batches', () => {
  it('stores each lesson’s clashes, raises one alert per lesson and kind in local time, and clears each exactly once', async () => {
    const w = week('2027-W10') // Mon 8 March 2027, Berlin is at +01:00
    w.put('a') // Robotics A, Room 2, 16:00–17:00, Tess
    w.put('b', { groupId: groupB, teacherId: teacher2, start: w.at(0, '16:30'), end: w.at(0, '17:30') }) // Room 2 too
    w.put('c', { groupId: null, roomId: studio, start: w.at(0, '16:45'), end: w.at(0, '17:15') }) // Tess too
    w.put('quiet', { roomId: studio, start: w.at(1, '10:00'), end: w.at(1, '11:00'), groupId: null })
    const first = await w.project(null)
    expect(kinds(first.alertEvents, 'alert.raised')).toEqual([
      'room_clash lesson:a',
      'room_clash lesson:b',
      'teacher_clash lesson:a',
      'teacher_clash lesson:c',
    ])
    expect((await lessonRow('a')).clashes).toEqual(['room_clash', 'teacher_clash'])
    expect((await lessonRow('b')).clashes).toEqual(['room_clash'])
    expect((await lessonRow('c')).clashes).toEqual(['teacher_clash'])
    expect((await lessonRow('quiet')).clashes).toEqual([])
    const open = await openAlerts()
    expect(open).toHaveLength(4)
    const message = (kind: string, id: string) => open.find((x) => x.kind === kind && x.subject === `lesson:${id}`)!.message
    expect(message('room_clash', 'a')).toBe('Room 2 double-booked Mon 8 Mar 16:00–17:00: Robotics A and Chess B')
    expect(message('room_clash', 'b')).toBe('Room 2 double-booked Mon 8 Mar 16:30–17:30: Chess B and Robotics A')
    expect(message('teacher_clash', 'c')).toBe('Tess Teacher double-booked Mon 8 Mar 16:45–17:15: Robotics and Robotics A')

    // the same document again: nothing to write, nothing raised
    const again = await w.project(null)
    expect(again.alertEvents).toEqual([])
    expect(await openAlerts()).toHaveLength(4)

    // b moves away: both room alerts clear, once each; a keeps its teacher clash
    w.set('b', { roomId: studio, start: w.at(0, '18:00'), end: w.at(0, '19:00') })
    const moved = await w.project(['b'])
    expect(kinds(moved.alertEvents, 'alert.cleared')).toEqual(['room_clash lesson:a', 'room_clash lesson:b'])
    expect(kinds(moved.alertEvents, 'alert.raised')).toEqual([])
    expect((await lessonRow('a')).clashes).toEqual(['teacher_clash'])
    expect((await lessonRow('b')).clashes).toEqual([])
    expect((await lessonRow('c')).clashes).toEqual(['teacher_clash'])

    // a note changes nothing about clashes
    w.set('a', { note: 'Bring the robots' })
    const noted = await w.project(['a'])
    expect(noted.alertEvents).toEqual([])
    expect((await lessonRow('a')).note).toBe('Bring the robots')

    // c leaves the document: it leaves the projection, and its teacher clash (and a's) clear
    w.doc.transact(() => lessonsOf(w.doc).delete('c'))
    const deleted = await w.project(['c'])
    expect(kinds(deleted.alertEvents, 'alert.cleared')).toEqual(['teacher_clash lesson:a', 'teacher_clash lesson:c'])
    expect((await lessonRow('c')).deleted).toBe(true)
    expect((await lessonRow('c')).clashes).toEqual([])
    expect((await lessonRow('a')).clashes).toEqual([])
    expect(await openAlerts()).toHaveLength(0)
  })

  it('refreshes the message of an open alert when its lesson moves but still clashes', async () => {
    const w = week('2027-W11')
    w.put('m1')
    w.put('m2', { groupId: groupB, teacherId: teacher2, start: w.at(0, '16:30'), end: w.at(0, '17:30') })
    await w.project(null)
    w.set('m2', { start: w.at(0, '16:15'), end: w.at(0, '17:15') })
    const moved = await w.project(['m2'])
    expect(moved.alertEvents).toEqual([]) // still open: nothing raised or cleared
    const open = (await openAlerts()).filter((a) => a.subject === 'lesson:m2')
    expect(open.map((a) => a.message)).toEqual(['Room 2 double-booked Mon 15 Mar 16:15–17:15: Chess B and Robotics A'])
    w.doc.transact(() => {
      lessonsOf(w.doc).delete('m1')
      lessonsOf(w.doc).delete('m2')
    })
    await w.project(null)
    expect(await openAlerts()).toHaveLength(0)
  })

  it('clears the clashes of a lesson cancelled by a command before its document said so', async () => {
    const w = week('2027-W12')
    w.put('d')
    w.put('e', { groupId: groupB, teacherId: teacher2 })
    await w.project(null)
    expect((await lessonRow('d')).clashes).toEqual(['room_clash'])
    // the cancel command writes the row first, then the document
    await database.db.update(lessons).set({ status: 'cancelled' }).where(eq(lessons.id, 'd'))
    w.set('d', { status: 'cancelled' })
    const out = await w.project(['d'])
    expect(kinds(out.alertEvents, 'alert.cleared')).toEqual(['room_clash lesson:d', 'room_clash lesson:e'])
    expect((await lessonRow('d')).clashes).toEqual([])
    expect((await lessonRow('e')).clashes).toEqual([])
  })

  it('re-checks only the clashes a change can touch: a room clash resolved leaves the same lesson’s teacher clash alone', async () => {
    const w = week('2027-W16')
    w.put('x', { start: w.at(1, '10:00'), end: w.at(1, '11:00') }) // Room 2, Tess
    w.put('y', { roomId: studio, groupId: null, start: w.at(1, '10:30'), end: w.at(1, '11:30') }) // Studio, Tess: teacher clash with x
    w.put('z', { groupId: groupB, teacherId: teacher2, start: w.at(1, '10:15'), end: w.at(1, '11:15') }) // Room 2, Tom: room clash with x
    await w.project(null)
    expect((await lessonRow('x')).clashes).toEqual(['room_clash', 'teacher_clash'])
    // z moves later in the same room: only Room 2 and Tom are looked at; x keeps its clash with y
    w.set('z', { start: w.at(1, '18:00'), end: w.at(1, '19:00') })
    const moved = await w.project(['z'])
    expect(kinds(moved.alertEvents, 'alert.cleared')).toEqual(['room_clash lesson:x', 'room_clash lesson:z'])
    expect(kinds(moved.alertEvents, 'alert.raised')).toEqual([])
    expect((await lessonRow('x')).clashes).toEqual(['teacher_clash'])
    expect((await lessonRow('y')).clashes).toEqual(['teacher_clash'])
    expect((await lessonRow('z')).clashes).toEqual([])
    expect((await openAlerts()).map((a) => `${a.kind} ${a.subject}`).sort()).toEqual([
      'teacher_clash lesson:x',
      'teacher_clash lesson:y',
    ])
    // y moves away from x: both teacher clashes go
    w.set('y', { start: w.at(2, '10:30'), end: w.at(2, '11:30') })
    const apart = await w.project(['y'])
    expect(kinds(apart.alertEvents, 'alert.cleared')).toEqual(['teacher_clash lesson:x', 'teacher_clash lesson:y'])
    expect((await lessonRow('x')).clashes).toEqual([])
    w.doc.transact(() => lessonsOf(w.doc).clear())
    await w.project(null)
    expect(await openAlerts()).toHaveLength(0)
  })

  it('re-checks a whole range when asked and heals clash columns and alerts that drifted', async () => {
    const w = week('2027-W13')
    w.put('h1', { start: w.at(2, '10:00'), end: w.at(2, '11:00') })
    w.put('h2', { groupId: groupB, teacherId: teacher2, start: w.at(2, '10:30'), end: w.at(2, '11:30') })
    await w.project(null)
    // drift: one column wiped, one alert cleared behind the projection's back
    await database.db.update(lessons).set({ clashes: [] }).where(eq(lessons.id, 'h1'))
    await database.db
      .update(alerts)
      .set({ clearedAt: new Date() })
      .where(and(eq(alerts.subject, 'lesson:h2'), isNull(alerts.clearedAt)))
    const monday = new Date(mondayOf('2027-W13') + 'T00:00:00Z')
    const ctx = await loadTimetableContext(database.db)
    const out = await database.db.transaction((tx) =>
      refreshClashes(tx, monday, new Date(monday.getTime() + 7 * 86_400_000), ctx, null),
    )
    expect(out.changed).toEqual(['h1'])
    expect(kinds(out.events, 'alert.raised')).toEqual(['room_clash lesson:h2'])
    expect(out.clashes.map((c) => c.lessonId).sort()).toEqual(['h1', 'h2'])
    expect((await openAlerts()).filter((a) => a.subject === 'lesson:h1' || a.subject === 'lesson:h2')).toHaveLength(2)
    w.doc.transact(() => lessonsOf(w.doc).clear())
    await w.project(null)
    expect(await openAlerts()).toHaveLength(0)
  })
})

describe('generating through the batched projection', () => {
  it('projects, reports and raises the clashes it creates once, and a second run raises nothing', async () => {
    const db = database.db
    // two groups on the same room and time every Monday in April 2027 (Berlin at +02:00)
    await db
      .update(groups)
      .set({ termStart: '2027-04-01', termEnd: '2027-04-30', pattern: [{ weekday: 1, start: '16:00', end: '17:00' }] })
    const docs = new Map<string, Y.Doc>()
    const writer = {
      applyAsUser: async (name: string, _actor: Actor, fn: (doc: Y.Doc) => void) => {
        let doc = docs.get(name)
        if (!doc) docs.set(name, (doc = new Y.Doc()))
        doc.transact(() => fn(doc))
      },
    }
    const bus = new EventBus()
    const seen: string[] = []
    bus.on('alert.raised', (a) => seen.push(`${a.kind} ${a.subject}`))
    const actor = { id: teacher1, roles: ['receptionist'] } as unknown as Actor
    const input = { branchId, from: '2027-04-05', to: '2027-04-18' }
    const first = await generateTimetable(db, writer, actor, input, bus)
    expect(first.created).toBe(4)
    expect(first.weeks).toEqual(['2027-W14', '2027-W15'])
    // Robotics A and Chess B: a room clash each, both Mondays
    expect(first.clashes).toHaveLength(4)
    expect(first.clashes.every((c) => c.kind === 'room_clash')).toBe(true)
    // each with its alert's message: kind + parameters, worded by each reader
    expect(first.clashes.map((c) => renderAlertMessage('en', c.message.id, c.message.params)).sort()[0]).toBe(
      'Room 2 is double-booked Mon 12 Apr 2027 16:00–17:00: Chess B and Robotics A',
    )
    const projected = await db
      .select()
      .from(lessons)
      .where(and(eq(lessons.branchId, branchId), eq(lessons.deleted, false)))
    expect(projected.filter((l) => l.id.startsWith('g-'))).toHaveLength(4)
    expect(projected.filter((l) => l.id.startsWith('g-')).every((l) => l.clashes.length === 1)).toBe(true)
    expect(seen.sort()).toEqual(first.clashes.map((c) => `${c.kind} lesson:${c.lessonId}`).sort())
    expect(await openAlerts()).toHaveLength(4)

    // someone deletes one generated lesson; generating again restores nothing and raises nothing
    const w15 = docs.get(encodeTimetableDocName(branchId, '2027-W15'))!
    const gone = [...lessonsOf(w15).keys()][0]
    w15.transact(() => lessonsOf(w15).delete(gone))
    expect(generatedOf(w15).has(gone)).toBe(true)
    seen.length = 0
    const second = await generateTimetable(db, writer, actor, input, bus)
    expect(second.created).toBe(0)
    expect(second.skipped).toBe(4)
    expect(lessonsOf(w15).has(gone)).toBe(false)
    expect(seen).toEqual([])
    // the deleted lesson left the projection, and with it the clash of its partner that week
    expect((await lessonRow(gone)).deleted).toBe(true)
    expect(second.clashes).toHaveLength(2)
    expect(await openAlerts()).toHaveLength(2)
  })
})
