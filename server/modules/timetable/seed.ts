import * as Y from 'yjs'
import { isNull } from 'drizzle-orm'
import type { Tx } from '../../../db/client'
import {
  activities,
  branches,
  closures,
  clients,
  docUpdates,
  groupMembers,
  groups,
  lessons,
  rooms,
} from '../../../db/schema/index'
import {
  addDays,
  encodeTimetableDocName,
  generatedOf,
  initTimetableWeek,
  isoWeekOf,
  lessonMap,
  lessonsOf,
  mondayOf,
  readLessons,
} from '../../../domain/docs/timetable-week'
import { ageOn, todayIso } from '../../../domain/clients/rules'
import { findClashes, planLessons } from '../../../domain/timetable/rules'
import type { SeedContext } from '../../contracts/seed'
import { loadTimetableContext } from './context'
import { weekRows } from './projection'
import { DEMO_ACTIVITIES, DEMO_GROUPS } from './seed-data'

/** A row the demo seed just wrote (its data names it). */
function demoRow<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`The demo seed has no ${what}`)
  return row
}

/** The catalogue, groups with members, holidays, and the lessons of last week to two weeks ahead. */
export async function seedTimetable(tx: Tx, ctx: Pick<SeedContext, 'branchIds' | 'userIds'>): Promise<void> {
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
  const room = (name: string) => demoRow(roomByName.get(name), `room ${name}`)
  const activity = (name: string) => demoRow(actByName.get(name), `activity ${name}`)
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
    const inRoom = room(spec.room)
    const act = activity(spec.activity)
    const [g] = await tx
      .insert(groups)
      .values({
        branchId: inRoom.branchId,
        activityId: act.id,
        name: spec.name,
        teacherId: ctx.userIds[spec.teacher],
        roomId: inRoom.id,
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
      .slice(0, Math.min(spec.members, act.maxGroupSize, inRoom.capacity))
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
  // what the projection knows of rooms, groups (with the members just enrolled) and activities
  const rctx = await loadTimetableContext(tx)
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
          const party = activity('Birthday party')
          lessonsOf(doc).set(
            `party-${sat}`,
            lessonMap({
              roomId: room('Party Room').id,
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
      await tx.insert(docUpdates).values({
        doc: name,
        seq: 1,
        userId: ctx.userIds.reception,
        update: Y.encodeStateAsUpdate(doc),
        changes: [{ path: 'lessons', kind: 'add', before: null, after: `${lessonsOf(doc).size} lessons generated (demo data)` }],
      })
      for (const r of weekRows(branch.id, week, readLessons(doc), rctx)) allRows.push({ ...r, doc: name })
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
