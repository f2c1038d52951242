import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { groups, lessons, users } from '../../db/schema/index'
import { encodeTimetableDocName, isoWeekOf } from '../../domain/docs/timetable-week'
import { buildActivity, buildBranch, buildRoom, buildStaff } from './factories'

/**
 * A center of two branches as in the demo: `reception` and `teacher` work in Central,
 * `reception2` and `teacher2` in Riverside; owner, manager and auditor span both. Each branch has a
 * room, a group (its teacher's) and a lesson of that group an hour from now.
 */
export async function buildTwoBranches(db: Db) {
  const staff = await buildStaff(db)
  const central = await buildBranch(db, 'Central')
  const riverside = await buildBranch(db, 'Riverside')
  for (const [login, branch] of [
    ['reception', central],
    ['teacher', central],
    ['storekeeper', central],
    ['reception2', riverside],
    ['teacher2', riverside],
  ] as const) {
    await db
      .update(users)
      .set({ branchIds: [branch.id] })
      .where(eq(users.id, staff[login].id))
  }
  const activity = await buildActivity(db)
  const start = new Date(Date.now() + 3600_000)
  const end = new Date(start.getTime() + 3600_000)
  const week = isoWeekOf(start.toISOString().slice(0, 10))
  async function branchSide(branch: { id: string }, teacherId: string, tag: string) {
    const room = await buildRoom(db, branch.id, { name: `Room ${tag}` })
    const [group] = await db
      .insert(groups)
      .values({
        branchId: branch.id,
        activityId: activity.id,
        name: `Group ${tag}`,
        teacherId,
        roomId: room.id,
        pattern: [{ weekday: 1, start: '16:00', end: '17:00' }],
        termStart: '2026-01-01',
        termEnd: '2027-12-31',
      })
      .returning()
    const [lesson] = await db
      .insert(lessons)
      .values({
        id: `lesson-${tag}`,
        branchId: branch.id,
        doc: encodeTimetableDocName(branch.id, week),
        roomId: room.id,
        startsAt: start,
        endsAt: end,
        activityId: activity.id,
        groupId: group.id,
        teacherId,
      })
      .returning()
    return { branch, room, group, lesson }
  }
  return {
    staff,
    activity,
    week,
    central: await branchSide(central, staff.teacher.id, 'central'),
    riverside: await branchSide(riverside, staff.teacher2.id, 'riverside'),
  }
}
