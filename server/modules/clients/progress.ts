import { and, desc, eq } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { activities, attendance, lessons, users } from '../../../db/schema/index'
import { ATTENDED } from '../../../domain/timetable/rules'

export interface ActivityProgress {
  activityId: string
  activity: string
  marked: number
  attended: number
  attendanceRate: number | null
  averageGrade: number | null
  lastComments: Array<{ date: string; comment: string; teacher: string | null }>
  /** The journal's marks over time, oldest first (the last `TIMELINE_LIMIT`): when, attended or not, the grade. */
  timeline: Array<{ at: string; attended: boolean; grade: number | null }>
}

/** How many of an activity's latest marks its timeline keeps (a year of two lessons a week, and then some). */
export const TIMELINE_LIMIT = 200

/** A client's electronic journal rolled up per activity: attendance rate, average grade, last comments, the marks over time. */
export async function clientProgress(db: Queryable, clientId: string): Promise<ActivityProgress[]> {
  const rows = await db
    .select({
      status: attendance.status,
      grade: attendance.grade,
      comment: attendance.comment,
      startsAt: lessons.startsAt,
      activityId: activities.id,
      activity: activities.name,
      teacher: users.name,
    })
    .from(attendance)
    .innerJoin(lessons, eq(lessons.id, attendance.lessonId))
    .innerJoin(activities, eq(activities.id, lessons.activityId))
    .leftJoin(users, eq(users.id, lessons.teacherId))
    .where(and(eq(attendance.clientId, clientId), eq(lessons.deleted, false)))
    .orderBy(desc(lessons.startsAt))
  const by = new Map<string, ActivityProgress & { grades: number[] }>()
  for (const r of rows) {
    let p = by.get(r.activityId)
    if (!p)
      by.set(
        r.activityId,
        (p = {
          activityId: r.activityId,
          activity: r.activity,
          marked: 0,
          attended: 0,
          attendanceRate: null,
          averageGrade: null,
          lastComments: [],
          timeline: [],
          grades: [],
        }),
      )
    p.marked++
    if (ATTENDED.has(r.status)) p.attended++
    if (r.grade != null) p.grades.push(r.grade)
    // rows come newest first: the timeline keeps the latest marks and is turned oldest first below
    if (r.startsAt && p.timeline.length < TIMELINE_LIMIT)
      p.timeline.push({ at: r.startsAt.toISOString(), attended: ATTENDED.has(r.status), grade: r.grade ?? null })
    if (r.comment && p.lastComments.length < 3)
      p.lastComments.push({ date: r.startsAt?.toISOString().slice(0, 10) ?? '', comment: r.comment, teacher: r.teacher })
  }
  return [...by.values()].map(({ grades, ...p }) => ({
    ...p,
    timeline: p.timeline.reverse(),
    attendanceRate: p.marked ? Math.round((p.attended / p.marked) * 100) / 100 : null,
    averageGrade: grades.length ? Math.round((grades.reduce((a, b) => a + b, 0) / grades.length) * 10) / 10 : null,
  }))
}
