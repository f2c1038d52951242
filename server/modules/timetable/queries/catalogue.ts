import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Queryable } from '../../../../db/client'
import {
  activities,
  activityNormVersions,
  branches,
  calendarFeeds,
  closures,
  groups,
  lessons,
  rooms,
  users,
} from '../../../../db/schema/index'
import { NotFoundError } from '../../../errors'

/** The reference books: branches, the activity catalogue, teachers, closures and calendar feeds. */

/** Does this branch exist? */
export async function branchExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.select({ id: branches.id }).from(branches).where(eq(branches.id, id))).length > 0
}

/** The activity catalogue, by category and name. */
export function listActivities(db: Queryable) {
  return db.select().from(activities).orderBy(asc(activities.category), asc(activities.name))
}

/** An activity, or 404. */
export async function findActivity(db: Queryable, id: string) {
  const [a] = await db.select().from(activities).where(eq(activities.id, id))
  if (!a) throw NotFoundError('errors.notFound.activity')
  return a
}

/** The versions of an activity's norms, latest first. */
export function normVersions(db: Queryable, activityId: string) {
  return db
    .select()
    .from(activityNormVersions)
    .where(eq(activityNormVersions.activityId, activityId))
    .orderBy(desc(activityNormVersions.validFrom), desc(activityNormVersions.id))
}

/** Active teachers with their branches, by name (for pickers). */
export function activeTeachers(db: Queryable) {
  return db
    .select({ id: users.id, name: users.name, branchIds: users.branchIds })
    .from(users)
    .where(and(eq(users.active, true), sql`'teacher' = any(${users.roles})`))
    .orderBy(asc(users.name))
}

/** Closures of these branches and of the whole center (null: every closure), by first day. */
export function closuresFor(db: Queryable, branchIds: string[] | null) {
  return db
    .select()
    .from(closures)
    .where(branchIds ? or(isNull(closures.branchId), inArray(closures.branchId, branchIds)) : undefined)
    .orderBy(asc(closures.fromDate))
}

/** A closure, or 404. */
export async function findClosure(db: Queryable, id: string) {
  const [r] = await db.select().from(closures).where(eq(closures.id, id))
  if (!r) throw NotFoundError('errors.notFound.closure')
  return r
}

/** Every feed, oldest first; with `teacherId`, only the feeds of that teacher's lessons. */
export function listFeeds(db: Queryable, teacherId?: string) {
  return db
    .select()
    .from(calendarFeeds)
    .where(teacherId === undefined ? undefined : and(eq(calendarFeeds.kind, 'teacher'), eq(calendarFeeds.subjectId, teacherId)))
    .orderBy(asc(calendarFeeds.createdAt))
}

/** A feed by its id, or 404. */
export async function findFeed(db: Queryable, id: string) {
  const [feed] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.id, id))
  if (!feed) throw NotFoundError('errors.notFound.feed')
  return feed
}

/**
 * What a feed would follow: for a teacher, whether the account exists; for a room or a group, its
 * branch. Null when there is no such thing.
 */
export async function feedTarget(
  db: Queryable,
  kind: 'room' | 'teacher' | 'group' | 'branch',
  id: string,
): Promise<{ branchId: string | undefined } | null> {
  if (kind === 'branch') {
    const found = (await db.select({ id: branches.id }).from(branches).where(eq(branches.id, id))).length > 0
    return found ? { branchId: id } : null
  }
  if (kind === 'teacher') {
    const found = (await db.select({ id: users.id }).from(users).where(eq(users.id, id))).length > 0
    return found ? { branchId: undefined } : null
  }
  const table = kind === 'room' ? rooms : groups
  const [subject] = await db.select({ branchId: table.branchId }).from(table).where(eq(table.id, id))
  return subject ? { branchId: subject.branchId } : null
}

/** The open (not revoked) feed of this token hash. */
export async function findOpenFeed(db: Queryable, tokenHash: string) {
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
  return feed ?? null
}

/** A feed's valid lessons from 30 days ago on (at most 5000), with the names an event shows. */
export function feedLessons(db: Queryable, feed: typeof calendarFeeds.$inferSelect) {
  const column =
    feed.kind === 'room'
      ? lessons.roomId
      : feed.kind === 'group'
        ? lessons.groupId
        : feed.kind === 'branch'
          ? lessons.branchId
          : lessons.teacherId
  return db
    .select({ l: lessons, activity: activities.name, room: rooms.name, group: groups.name, teacher: users.name })
    .from(lessons)
    .leftJoin(activities, eq(activities.id, lessons.activityId))
    .leftJoin(rooms, eq(rooms.id, lessons.roomId))
    .leftJoin(groups, eq(groups.id, lessons.groupId))
    .leftJoin(users, eq(users.id, lessons.teacherId))
    .where(
      and(
        eq(column, feed.subjectId),
        eq(lessons.deleted, false),
        eq(lessons.valid, true),
        gte(lessons.startsAt, new Date(Date.now() - 30 * 86_400_000)),
      ),
    )
    .orderBy(asc(lessons.startsAt))
    .limit(5000)
}
