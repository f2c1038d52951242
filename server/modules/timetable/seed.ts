import { eq, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client'
import { clients, groupMembers, lessons, rooms } from '../../../db/schema/index'
import { addDays, encodeTimetableDocName, isoWeekOf, lessonMap, lessonsOf, mondayOf } from '../../../domain/docs/timetable-week'
import { ageOn, todayIso } from '../../../domain/clients/rules'
import type { DemoStaffKey, SeedContext } from '../../contracts/seed'
import { centerTimeZone } from '../center/index'
import { addToWaitingList } from './commands/add-to-waiting-list'
import { createActivity } from './commands/create-activity'
import { createClosure } from './commands/create-closure'
import { createGroup } from './commands/create-group'
import { enrolClient } from './commands/enrol-client'
import { takeOutOfGroup } from './commands/take-out-of-group'
import { generateLessons } from './commands/generate-lessons'
import type { LEAVE_REASONS } from '../../../domain/clients/vocabulary'
import { ActivityInput } from './schema'
import {
  DEMO_PARTY,
  DEMO_RECEPTION,
  demoActivities,
  demoClosures,
  demoGroups,
  demoSchoolYear,
  type DemoActivityKey,
} from './seed-data'

/** The day `d` is in a time zone (YYYY-MM-DD). */
const dayIn = (timeZone: string, d = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)

/**
 * The demo's past lessons the front desk has given (`ctx.extra.pastLessons`, for the later steps):
 * from the first of last month to a week before `today` (the center's day). The passes step sells
 * their members' passes, the staff step marks them done and approves last month's payroll; the
 * last seven days stay planned (the desk takes their attendance itself, and the stories of them stand).
 */
export function pastLessons(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number)
  const from = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`
  return { from, to: addDays(today, -8) }
}

/** A row the demo seed just wrote (its data names it). */
function demoRow<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`The demo seed has no ${what}`)
  return row
}

/**
 * The timetable area's step of the demo seed, through its commands: the manager sets up the
 * catalogue (`activities.create`), the holidays (`closures.create`) and the groups
 * (`groups.create`); each branch's receptionist enrols the members (`groups.enrol`), puts the next
 * two who fit on a full group's waiting list (`groups.wait`) and generates
 * the lessons from the first of last month to two weeks ahead (`timetable.generate`: the week
 * documents, stored as theirs, and the lessons they project to; `pastLessons` are those given by
 * now), then books Riverside's Saturday parties into its weeks from last week on (a document
 * edit, projected like any other).
 */
export async function seedTimetable(tx: Tx, ctx: SeedContext): Promise<void> {
  const today = todayIso()
  const schoolYear = demoSchoolYear(today)
  const termStart = `${schoolYear}-09-01`
  // the school year ends in June; a demo made in July or August keeps its groups meeting through
  // the summer and the next school year (its timetable is never empty on a first look)
  const termEnd = `${today > `${schoolYear + 1}-06-30` ? schoolYear + 2 : schoolYear + 1}-06-30`
  const login = (key: DemoStaffKey) => demoRow(ctx.staff[key], `staff ${key}`)
  const manager = ctx.as(login('manager'))

  const activityIds = new Map<DemoActivityKey, { id: string; maxGroupSize: number }>()
  for (const { key, ...a } of demoActivities(ctx.locale)) {
    // the catalogue's route validates with this schema (and fills its defaults)
    const row = await createActivity(manager.ctx, ActivityInput.parse(a), manager.actor)
    activityIds.set(key, { id: row.id, maxGroupSize: row.maxGroupSize })
  }
  const activity = (key: DemoActivityKey) => demoRow(activityIds.get(key), `activity ${key}`)
  // the country's holidays of this school year (none over the weeks around today)
  for (const c of demoClosures(ctx.locale, schoolYear, today)) {
    await createClosure(
      manager.ctx,
      { branchId: c.branch ? ctx.branchIds[c.branch] : null, fromDate: c.fromDate, toDate: c.toDate, name: c.name },
      manager.actor,
    )
  }

  const roomRows = await tx.select({ id: rooms.id, branchId: rooms.branchId, capacity: rooms.capacity }).from(rooms)
  const room = (key: string) =>
    demoRow(
      roomRows.find((r) => r.id === ctx.roomIds[key]),
      `room ${key}`,
    )
  const branchKey = (id: string) =>
    demoRow(
      Object.keys(ctx.branchIds).find((k) => ctx.branchIds[k] === id),
      `branch ${id}`,
    )
  // the clients who may join, in the order they were registered
  const order = new Map(ctx.clientIds.map((id, i) => [id, i]))
  const clientRows = (
    await tx
      .select({
        id: clients.id,
        birthDate: clients.birthDate,
        status: clients.status,
        branchId: clients.branchId,
        leaveReason: clients.leaveReason,
      })
      .from(clients)
  ).sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity))
  const taken = new Map<string, number>()
  const made: Array<{ id: string; branchId: string; ages: readonly [number, number] }> = []
  for (const spec of demoGroups(ctx.locale)) {
    const inRoom = room(spec.room)
    const act = activity(spec.activity)
    const group = await createGroup(
      manager.ctx,
      {
        branchId: inRoom.branchId,
        activityId: act.id,
        name: spec.name,
        teacherId: demoRow(ctx.userIds[login(spec.teacher)], `teacher ${spec.teacher}`),
        roomId: inRoom.id,
        pattern: spec.pattern,
        termStart,
        termEnd,
        ageMin: spec.ages[0],
        ageMax: spec.ages[1] === 99 ? null : spec.ages[1],
      },
      manager.actor,
    )
    const candidates = clientRows
      .filter(
        (c) =>
          c.status !== 'left' &&
          c.birthDate &&
          ageOn(c.birthDate, today) >= spec.ages[0] &&
          ageOn(c.birthDate, today) <= spec.ages[1],
      )
      .sort((a, b) => (taken.get(a.id) ?? 0) - (taken.get(b.id) ?? 0))
    const fits = candidates.slice(0, Math.min(spec.members, act.maxGroupSize, inRoom.capacity))
    const reception = ctx.as(login(DEMO_RECEPTION[branchKey(inRoom.branchId) as keyof typeof DEMO_RECEPTION]))
    for (const c of fits) {
      taken.set(c.id, (taken.get(c.id) ?? 0) + 1)
      await enrolClient(reception.ctx, group.id, { clientId: c.id }, reception.actor)
    }
    // a full group has a waiting list (the occupancy report's pressure): the next two who fit wait for a place
    if (fits.length >= Math.min(act.maxGroupSize, inRoom.capacity))
      for (const c of candidates.slice(fits.length, fits.length + 2))
        await addToWaitingList(reception.ctx, group.id, c.id, reception.actor)
    made.push({ id: group.id, branchId: inRoom.branchId, ages: spec.ages })
  }
  await seedLeavers(tx, ctx, clientRows, made, today, login)

  // lessons: from the first of last month to two weeks ahead, generated by each branch's receptionist;
  // those up to a week ago are the desk's books (the later steps sell their passes and mark them done)
  const past = pastLessons(dayIn(await centerTimeZone(tx)))
  ctx.extra.pastLessons = past
  const lastWeek = mondayOf(isoWeekOf(addDays(today, -7)))
  const from = past.from < lastWeek ? past.from : lastWeek
  const to = addDays(mondayOf(isoWeekOf(addDays(today, 14))), 6)
  for (const [key, desk] of Object.entries(DEMO_RECEPTION)) {
    const reception = ctx.as(login(desk))
    const branchId = ctx.branchIds[key]
    const report = await generateLessons(reception.ctx, { docs: ctx.docs }, reception.actor, { branchId, from, to })
    if (report.clashes.length) throw new Error(`demo timetable has clashes: ${report.clashes.map((c) => c.message).join('; ')}`)
    if (key !== DEMO_PARTY.branch) continue
    // a birthday party on Saturday afternoon of every week from last week on: a one-off event the receptionist books in the week
    const party = activity(DEMO_PARTY.activity)
    for (const week of report.weeks.filter((w) => mondayOf(w) >= lastWeek)) {
      const name = encodeTimetableDocName(branchId, week)
      const day = addDays(mondayOf(week), DEMO_PARTY.day)
      await ctx.docs.applyAsUser(name, reception.actor, (doc) =>
        lessonsOf(doc).set(
          `party-${day}`,
          lessonMap({
            roomId: room(DEMO_PARTY.room).id,
            start: `${day}T${DEMO_PARTY.start}${DEMO_PARTY.offset[ctx.locale]}`,
            end: `${day}T${DEMO_PARTY.end}${DEMO_PARTY.offset[ctx.locale]}`,
            activityId: party.id,
            groupId: null,
            teacherId: ctx.userIds[login(DEMO_PARTY.teacher)],
            status: 'planned',
            note: DEMO_PARTY.note[ctx.locale],
          }),
        ),
      )
      await ctx.docs.project(name)
    }
  }
  const clashing = (
    await tx.select({ id: lessons.id, clashes: lessons.clashes }).from(lessons).where(eq(lessons.deleted, false))
  ).filter((l) => (l.clashes ?? []).length > 0)
  if (clashing.length) throw new Error(`demo timetable has clashes: ${clashing.map((l) => l.id).join(', ')}`)
}

/**
 * The clients who have left the center were members of a group of their branch (one their age
 * fits) until a few weeks or months ago: the receptionist enrolled them and took them out with
 * their reason (the inflow report's churn and the teachers' refusals); their membership is then
 * dated into the past, one leaver every ten days or so back from three weeks ago. Before any
 * lesson or waiting list exists, so taking them out offers no place and rechecks no lesson.
 */
async function seedLeavers(
  tx: Tx,
  ctx: SeedContext,
  clientRows: Array<{
    id: string
    birthDate: string | null
    status: string
    branchId: string | null
    leaveReason: string | null
  }>,
  made: Array<{ id: string; branchId: string; ages: readonly [number, number] }>,
  today: string,
  login: (key: DemoStaffKey) => string,
): Promise<void> {
  const leavers = clientRows.filter((c) => c.status === 'left' && c.birthDate && c.branchId)
  for (const [n, c] of leavers.entries()) {
    const age = ageOn(c.birthDate ?? today, today)
    const group = made.find((g) => g.branchId === c.branchId && age >= g.ages[0] && age <= g.ages[1])
    if (!group) continue
    const desk = Object.entries(ctx.branchIds).find(([, id]) => id === c.branchId)?.[0] as keyof typeof DEMO_RECEPTION
    const reception = ctx.as(login(DEMO_RECEPTION[desk]))
    await enrolClient(reception.ctx, group.id, { clientId: c.id, overrideCapacity: true }, reception.actor)
    await takeOutOfGroup(reception.ctx, group.id, c.id, reception.actor, {
      reason: (c.leaveReason as (typeof LEAVE_REASONS)[number] | null) ?? 'other',
    })
    const leftDaysAgo = 21 + n * 11
    await tx
      .update(groupMembers)
      .set({
        joinedAt: sql`now() - make_interval(days => ${leftDaysAgo + 120}::int)`,
        leftAt: sql`now() - make_interval(days => ${leftDaysAgo}::int)`,
      })
      .where(eq(groupMembers.clientId, c.id))
  }
}
