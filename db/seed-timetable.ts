import * as Y from 'yjs'
import { isNull } from 'drizzle-orm'
import type { Tx } from './client'
import { activities, branches, closures, clients, docUpdates, groupMembers, groups, lessons, rooms } from './schema/index'
import {
  addDays,
  encodeTimetableDocName,
  generatedOf,
  initTimetableWeek,
  isoWeekOf,
  lessonMap,
  lessonsOf,
  mondayOf,
} from '../domain/docs/timetable-week'
import type { SeedContext } from './seed'
import { ageOn, todayIso } from '../domain/clients/rules'
import { findClashes, planLessons, type ActivityInfo, type GroupInfo, type RoomInfo } from '../domain/timetable/rules'
import { weekRows } from '../server/modules/timetable/projection'

/** Ten activities with realistic norms: the reference book a manager starts from. */
export const DEMO_ACTIVITIES = [
  {
    name: 'Robotics',
    category: 'science',
    color: '#2f80ed',
    durationMinutes: 90,
    minGroupSize: 4,
    maxGroupSize: 12,
    ageMin: 7,
    ageMax: 14,
    staffRatio: 8,
    pricePerSession: '18.00',
    consumables: [{ item: 'AA battery', quantity: 0.5, unit: 'pcs' }],
  },
  {
    name: 'Chess',
    category: 'games',
    color: '#6d6875',
    durationMinutes: 60,
    minGroupSize: 4,
    maxGroupSize: 12,
    ageMin: 6,
    ageMax: null,
    staffRatio: 12,
    pricePerSession: '10.00',
    consumables: [],
  },
  {
    name: 'Painting',
    category: 'art',
    color: '#e76f51',
    durationMinutes: 90,
    minGroupSize: 4,
    maxGroupSize: 14,
    ageMin: 4,
    ageMax: 16,
    staffRatio: 10,
    pricePerSession: '15.00',
    consumables: [
      { item: 'Gouache paint', quantity: 0.05, unit: 'l' },
      { item: 'A3 paper', quantity: 2, unit: 'sheets' },
    ],
  },
  {
    name: 'Ballet',
    category: 'dance',
    color: '#f4a3c4',
    durationMinutes: 60,
    minGroupSize: 6,
    maxGroupSize: 16,
    ageMin: 4,
    ageMax: 12,
    staffRatio: 16,
    pricePerSession: '14.00',
    consumables: [],
  },
  {
    name: 'Hip-hop',
    category: 'dance',
    color: '#9b5de5',
    durationMinutes: 60,
    minGroupSize: 6,
    maxGroupSize: 20,
    ageMin: 10,
    ageMax: null,
    staffRatio: 20,
    pricePerSession: '14.00',
    consumables: [],
  },
  {
    name: 'Swimming',
    category: 'sport',
    color: '#00b4d8',
    durationMinutes: 45,
    minGroupSize: 4,
    maxGroupSize: 8,
    ageMin: 5,
    ageMax: 14,
    staffRatio: 8,
    pricePerSession: '20.00',
    consumables: [],
  },
  {
    name: 'English for kids',
    category: 'language',
    color: '#2a9d8f',
    durationMinutes: 60,
    minGroupSize: 4,
    maxGroupSize: 10,
    ageMin: 5,
    ageMax: 11,
    staffRatio: 10,
    pricePerSession: '16.00',
    consumables: [{ item: 'Worksheet', quantity: 2, unit: 'sheets' }],
  },
  {
    name: 'Football',
    category: 'sport',
    color: '#52b788',
    durationMinutes: 90,
    minGroupSize: 8,
    maxGroupSize: 20,
    ageMin: 6,
    ageMax: 14,
    staffRatio: 12,
    pricePerSession: '12.00',
    consumables: [],
  },
  {
    name: 'Piano',
    category: 'music',
    color: '#ffb703',
    durationMinutes: 45,
    minGroupSize: 1,
    maxGroupSize: 1,
    ageMin: 6,
    ageMax: null,
    staffRatio: 1,
    pricePerSession: '30.00',
    consumables: [],
    kind: 'individual',
  },
  {
    name: 'Birthday party',
    category: 'event',
    color: '#ff6b6b',
    durationMinutes: 180,
    minGroupSize: 8,
    maxGroupSize: 25,
    ageMin: 4,
    ageMax: 12,
    staffRatio: 10,
    pricePerSession: '250.00',
    consumables: [
      { item: 'Party plates', quantity: 25, unit: 'pcs' },
      { item: 'Balloons', quantity: 20, unit: 'pcs' },
    ],
    kind: 'event',
  },
]

type Slot = { weekday: number; start: string; end: string }
const both = (d1: number, d2: number, start: string, end: string): Slot[] => [
  { weekday: d1, start, end },
  { weekday: d2, start, end },
]

const DEMO_GROUPS: Array<{
  name: string
  activity: string
  teacher: string
  room: string
  pattern: Slot[]
  ages: [number, number]
  members: number
}> = [
  {
    name: 'Robotics Juniors',
    activity: 'Robotics',
    teacher: 'teacher',
    room: 'Robotics Lab',
    pattern: both(1, 3, '16:00', '17:30'),
    ages: [7, 10],
    members: 9,
  },
  {
    name: 'Robotics Advanced',
    activity: 'Robotics',
    teacher: 'teacher',
    room: 'Robotics Lab',
    pattern: both(2, 4, '17:00', '18:30'),
    ages: [11, 14],
    members: 7,
  },
  {
    name: 'Little Artists',
    activity: 'Painting',
    teacher: 'ahmed.khan',
    room: 'Art Studio',
    pattern: both(1, 3, '15:00', '16:30'),
    ages: [4, 8],
    members: 10,
  },
  {
    name: 'Chess Club',
    activity: 'Chess',
    teacher: 'ahmed.khan',
    room: 'Classroom 1',
    pattern: both(2, 4, '16:00', '17:00'),
    ages: [6, 99],
    members: 8,
  },
  {
    name: 'English Starters',
    activity: 'English for kids',
    teacher: 'maria.lopez',
    room: 'Classroom 1',
    pattern: both(1, 3, '15:45', '16:45'),
    ages: [5, 9],
    members: 6,
  },
  {
    name: 'Ballet Beginners',
    activity: 'Ballet',
    teacher: 'maria.lopez',
    room: 'Dance Hall',
    pattern: both(1, 3, '17:00', '18:00'),
    ages: [4, 8],
    members: 10,
  },
  {
    name: 'Ballet Intermediate',
    activity: 'Ballet',
    teacher: 'maria.lopez',
    room: 'Dance Hall',
    pattern: both(2, 4, '17:00', '18:00'),
    ages: [8, 12],
    members: 8,
  },
  {
    name: 'Piano with Yuki',
    activity: 'Piano',
    teacher: 'yuki.tanaka',
    room: 'Music Room',
    pattern: both(2, 4, '15:00', '15:45'),
    ages: [6, 99],
    members: 1,
  },
  {
    name: 'Swimming Dolphins',
    activity: 'Swimming',
    teacher: 'nina.ivanova',
    room: 'Pool',
    pattern: both(1, 3, '16:00', '16:45'),
    ages: [5, 9],
    members: 7,
  },
  {
    name: 'Swimming Sharks',
    activity: 'Swimming',
    teacher: 'nina.ivanova',
    room: 'Pool',
    pattern: both(1, 3, '17:00', '17:45'),
    ages: [9, 14],
    members: 6,
  },
  {
    name: 'Football U10',
    activity: 'Football',
    teacher: 'tom.walker',
    room: 'Sports Hall',
    pattern: both(2, 4, '16:00', '17:30'),
    ages: [6, 10],
    members: 12,
  },
  {
    name: 'Football U14',
    activity: 'Football',
    teacher: 'tom.walker',
    room: 'Sports Hall',
    pattern: both(2, 4, '17:30', '19:00'),
    ages: [10, 14],
    members: 10,
  },
  {
    name: 'Hip-hop Crew',
    activity: 'Hip-hop',
    teacher: 'sam.okafor',
    room: 'Sports Hall',
    pattern: both(1, 3, '18:00', '19:00'),
    ages: [12, 99],
    members: 12,
  },
  // Fridays are busy too
  {
    name: 'Friday Painting Club',
    activity: 'Painting',
    teacher: 'ahmed.khan',
    room: 'Art Studio',
    pattern: [{ weekday: 5, start: '16:00', end: '17:30' }],
    ages: [8, 12],
    members: 8,
  },
  {
    name: 'English Movers',
    activity: 'English for kids',
    teacher: 'maria.lopez',
    room: 'Classroom 1',
    pattern: both(2, 5, '15:00', '16:00'),
    ages: [8, 11],
    members: 7,
  },
  {
    name: 'Piano Fridays',
    activity: 'Piano',
    teacher: 'yuki.tanaka',
    room: 'Music Room',
    pattern: [{ weekday: 5, start: '15:00', end: '15:45' }],
    ages: [6, 99],
    members: 1,
  },
  {
    name: 'Saturday Chess',
    activity: 'Chess',
    teacher: 'teacher2',
    room: 'Party Room',
    pattern: [{ weekday: 6, start: '10:00', end: '11:00' }],
    ages: [6, 99],
    members: 6,
  },
]

/** The catalogue, groups with members, holidays, and the lessons of last week to two weeks ahead. */
export async function seedTimetable(tx: Tx, ctx: SeedContext) {
  const today = todayIso()
  const year = Number(today.slice(0, 4))
  const termStart = today.slice(5) >= '09-01' ? `${year}-09-01` : `${year - 1}-09-01`
  const termEnd = `${Number(termStart.slice(0, 4)) + 1}-06-30`
  const actRows = await tx
    .insert(activities)
    .values(DEMO_ACTIVITIES.map((a) => ({ ...a, createdBy: ctx.userIds.manager })))
    .returning()
  const actByName = new Map(actRows.map((a) => [a.name, a]))
  const roomRows = await tx.select().from(rooms)
  const roomByName = new Map(roomRows.map((r) => [r.name, r]))
  const branchRows = await tx.select().from(branches)
  await tx.insert(closures).values([
    {
      branchId: null,
      fromDate: `${year}-12-23`,
      toDate: `${year + 1}-01-06`,
      name: 'Winter holidays',
      createdBy: ctx.userIds.manager,
    },
    {
      branchId: ctx.branchIds.riverside,
      fromDate: `${year + 1}-02-16`,
      toDate: `${year + 1}-02-20`,
      name: 'Pool maintenance',
      createdBy: ctx.userIds.manager,
    },
  ])
  const clientRows = await tx
    .select({ id: clients.id, birthDate: clients.birthDate, status: clients.status })
    .from(clients)
    .where(isNull(clients.erasedAt))
  const taken = new Map<string, number>()
  const groupRows: Array<typeof groups.$inferSelect> = []
  const members: Array<typeof groupMembers.$inferInsert> = []
  for (const spec of DEMO_GROUPS) {
    const room = roomByName.get(spec.room)!
    const act = actByName.get(spec.activity)!
    const [g] = await tx
      .insert(groups)
      .values({
        branchId: room.branchId,
        activityId: act.id,
        name: spec.name,
        teacherId: ctx.userIds[spec.teacher],
        roomId: room.id,
        pattern: spec.pattern,
        termStart,
        termEnd,
        ageMin: spec.ages[0],
        ageMax: spec.ages[1] === 99 ? null : spec.ages[1],
        createdBy: ctx.userIds.manager,
      })
      .returning()
    groupRows.push(g)
    const fits = clientRows
      .filter(
        (c) =>
          c.status !== 'left' &&
          c.birthDate &&
          ageOn(c.birthDate, today) >= spec.ages[0] &&
          ageOn(c.birthDate, today) <= spec.ages[1],
      )
      .sort((a, b) => (taken.get(a.id) ?? 0) - (taken.get(b.id) ?? 0))
      .slice(0, Math.min(spec.members, act.maxGroupSize, room.capacity))
    for (const c of fits) {
      taken.set(c.id, (taken.get(c.id) ?? 0) + 1)
      members.push({ groupId: g.id, clientId: c.id, joinedBy: ctx.userIds.reception })
    }
  }
  if (members.length) await tx.insert(groupMembers).values(members)

  // lessons: last week to two weeks ahead, written as the week documents plus their projection
  const from = mondayOf(isoWeekOf(addDays(today, -7)))
  const to = addDays(mondayOf(isoWeekOf(addDays(today, 14))), 6)
  const closureRows = await tx.select().from(closures)
  const memberCount = new Map<string, number>()
  for (const m of members) memberCount.set(m.groupId, (memberCount.get(m.groupId) ?? 0) + 1)
  const rctx = {
    rooms: new Map<string, RoomInfo>(
      roomRows.map((r) => [r.id, { id: r.id, branchId: r.branchId, capacity: r.capacity, name: r.name }]),
    ),
    groups: new Map<string, GroupInfo>(
      groupRows.map((g) => [
        g.id,
        {
          id: g.id,
          deleted: false,
          memberCount: memberCount.get(g.id) ?? 0,
          capacity: g.capacity,
          activityId: g.activityId,
          name: g.name,
        },
      ]),
    ),
    activities: new Map<string, ActivityInfo>(
      actRows.map((a) => [a.id, { id: a.id, maxGroupSize: a.maxGroupSize, name: a.name, durationMinutes: a.durationMinutes }]),
    ),
  }
  const allRows = []
  for (const branch of branchRows) {
    const plan = planLessons(
      groupRows.filter((g) => g.branchId === branch.id),
      closureRows,
      from,
      to,
      branch.timezone,
    )
    const weeks = new Map<string, typeof plan>()
    for (const p of plan) weeks.set(p.week, [...(weeks.get(p.week) ?? []), p])
    for (const [week, planned] of weeks) {
      const doc = new Y.Doc()
      initTimetableWeek(doc)
      doc.transact(() => {
        for (const p of planned) {
          lessonsOf(doc).set(p.id, lessonMap(p.data))
          generatedOf(doc).set(p.id, true)
        }
        if (branch.id === ctx.branchIds.riverside) {
          // a birthday party on Saturday afternoon: a one-off event in the same timetable
          const sat = addDays(mondayOf(week), 5)
          const party = actByName.get('Birthday party')!
          lessonsOf(doc).set(
            `party-${sat}`,
            lessonMap({
              roomId: roomByName.get('Party Room')!.id,
              start: `${sat}T14:00:00+01:00`,
              end: `${sat}T17:00:00+01:00`,
              activityId: party.id,
              groupId: null,
              teacherId: ctx.userIds.teacher2,
              status: 'planned',
              note: 'Birthday party: Emma turns 7 (22 guests)',
            }),
          )
        }
      })
      const name = encodeTimetableDocName(branch.id, week)
      await tx
        .insert(docUpdates)
        .values({
          doc: name,
          seq: 1,
          userId: ctx.userIds.reception,
          update: Y.encodeStateAsUpdate(doc),
          changes: [
            { path: 'lessons', kind: 'add', before: null, after: `${lessonsOf(doc).size} lessons generated (demo data)` },
          ],
        })
      const docLessons = new Map([...lessonsOf(doc).entries()].map(([id, m]) => [id, m.toJSON()]))
      for (const r of weekRows(branch.id, week, docLessons, rctx)) allRows.push({ ...r, doc: name })
    }
  }
  const clashes = findClashes(allRows, rctx.rooms, rctx.groups, rctx.activities)
  const kindsOf = new Map<string, string[]>()
  for (const c of clashes) kindsOf.set(c.lessonId, [...(kindsOf.get(c.lessonId) ?? []), c.kind])
  for (let i = 0; i < allRows.length; i += 300) {
    await tx.insert(lessons).values(allRows.slice(i, i + 300).map((r) => ({ ...r, clashes: kindsOf.get(r.id) ?? [] })))
  }
  if (clashes.length) throw new Error(`demo timetable has clashes: ${clashes.map((c) => c.message).join('; ')}`)
}
