import { and, asc, eq, ne, sql } from 'drizzle-orm'
import type { Queryable } from '../../../../db/client'
import { branches, lessonCompletions, lessons } from '../../../../db/schema/index'
import { currentMemberNames, type MemberName } from './members'
import type { LessonRow } from './lessons'

/** The most lessons one closure lists or cancels. */
export const CLOSURE_LESSON_LIMIT = 5000

/**
 * The lessons a closure of these days would cancel: of one branch (null: every branch), on a day
 * from `fromDate` to `toDate` in their branch's time zone, neither cancelled nor marked done, by
 * start; with the current members of their groups.
 */
export async function lessonsInClosure(
  db: Queryable,
  q: { branchId: string | null; fromDate: string; toDate: string },
): Promise<{ lessons: LessonRow[]; members: MemberName[] }> {
  const localDay = sql`(${lessons.startsAt} at time zone ${branches.timezone})::date`
  const rows = await db
    .select({ l: lessons })
    .from(lessons)
    .innerJoin(branches, eq(branches.id, lessons.branchId))
    .where(
      and(
        eq(lessons.deleted, false),
        ne(lessons.status, 'cancelled'),
        sql`${lessons.startsAt} is not null`,
        sql`${localDay} between ${q.fromDate}::date and ${q.toDate}::date`,
        q.branchId ? eq(lessons.branchId, q.branchId) : undefined,
        sql`not exists (select 1 from ${lessonCompletions} where ${lessonCompletions.lessonId} = ${lessons.id} and ${lessonCompletions.undoneAt} is null)`,
      ),
    )
    .orderBy(asc(lessons.startsAt), asc(lessons.id))
    .limit(CLOSURE_LESSON_LIMIT)
  const found = rows.map((r) => r.l)
  const groupIds = [...new Set(found.map((l) => l.groupId).filter((g): g is string => Boolean(g)))]
  return { lessons: found, members: groupIds.length ? await currentMemberNames(db, groupIds) : [] }
}

/** A lesson a closure lists: when, what, where, and how many members its group has. */
export const presentClosureLesson = (l: LessonRow, members: MemberName[]) => ({
  id: l.id,
  branchId: l.branchId,
  start: l.startsAt?.toISOString() ?? null,
  end: l.endsAt?.toISOString() ?? null,
  activityId: l.activityId,
  groupId: l.groupId,
  roomId: l.roomId,
  teacherId: l.teacherId,
  memberCount: l.groupId ? members.filter((m) => m.groupId === l.groupId).length : 0,
})
