import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '../../../../db/client'
import {
  activities,
  attendance,
  clientMedicalSummary,
  clients,
  groups,
  lessonCompletions,
  lessons,
  medicalViews,
  rooms,
} from '../../../../db/schema/index'
import type { OwingRules } from '../../../boot/registry'
import { NotFoundError } from '../../../errors'
import type { LessonsQuery } from '../schema'
import { clientErased, currentMemberNames, owingByGroup, type MemberName } from './members'
import type { OwingReason } from '../../../contracts/owing'

/** The read side of lessons: a branch's week, one lesson, what lists show beside them, a roster. */

export type LessonRow = typeof lessons.$inferSelect

/** A lesson that is not deleted, or 404. */
export async function findLesson(db: Queryable, id: string): Promise<LessonRow> {
  const [l] = await db
    .select()
    .from(lessons)
    .where(and(eq(lessons.id, id), eq(lessons.deleted, false)))
  if (!l) throw NotFoundError('errors.notFound.lesson')
  return l
}

/** The week document a lesson comes from (its changes also reach whoever has that week open). */
export async function lessonDocOf(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.select({ doc: lessons.doc }).from(lessons).where(eq(lessons.id, id)).limit(1)
  return row?.doc ?? null
}

/** The lesson's completion in force ("done" and not undone), if any. */
export async function openCompletion(
  db: Queryable,
  lessonId: string,
): Promise<typeof lessonCompletions.$inferSelect | undefined> {
  const [open] = await db
    .select()
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.lessonId, lessonId), isNull(lessonCompletions.undoneAt)))
  return open
}

/** A branch's lessons starting between two days (inclusive), optionally of one teacher, by start. */
export async function lessonsOfBranch(db: Queryable, p: LessonsQuery): Promise<LessonRow[]> {
  return db
    .select()
    .from(lessons)
    .where(
      and(
        eq(lessons.branchId, p.branchId),
        eq(lessons.deleted, false),
        // the days are the branch's (a lesson at 00:30 in Berlin is on its Berlin day, not the UTC one before)
        sql`${lessons.startsAt} >= (${p.from}::date::timestamp at time zone (select timezone from branches where id = ${p.branchId}))`,
        sql`${lessons.startsAt} < ((${p.to}::date + 1)::timestamp at time zone (select timezone from branches where id = ${p.branchId}))`,
        p.teacherId ? eq(lessons.teacherId, p.teacherId) : undefined,
      ),
    )
    .orderBy(asc(lessons.startsAt))
}

/** What lesson lists show beside the projection: members, capacities, "done", and who owes (per group). */
export interface LessonFacts {
  members: MemberName[]
  groups: Array<{ id: string; capacity: number | null; activityId: string }>
  roomCapacity: Map<string, number>
  activityMax: Map<string, number>
  done: Set<string>
  owingByGroup: Map<string, Map<string, OwingReason[]>>
}

/** Loads what `presentLesson` needs for these lessons (one query per kind, then the owing rule per group). */
export async function lessonFacts(db: Queryable, owing: OwingRules, rows: LessonRow[]): Promise<LessonFacts> {
  if (!rows.length)
    return { members: [], groups: [], roomCapacity: new Map(), activityMax: new Map(), done: new Set(), owingByGroup: new Map() }
  const groupIds = [...new Set(rows.map((r) => r.groupId).filter((g): g is string => !!g))]
  const [members, groupRows, roomRows, actRows, done] = await Promise.all([
    groupIds.length ? currentMemberNames(db, groupIds) : [],
    groupIds.length
      ? db
          .select({ id: groups.id, capacity: groups.capacity, activityId: groups.activityId })
          .from(groups)
          .where(inArray(groups.id, groupIds))
      : [],
    db.select({ id: rooms.id, capacity: rooms.capacity }).from(rooms),
    db.select({ id: activities.id, max: activities.maxGroupSize }).from(activities),
    db
      .select({ lessonId: lessonCompletions.lessonId })
      .from(lessonCompletions)
      .where(
        and(
          inArray(
            lessonCompletions.lessonId,
            rows.map((r) => r.id),
          ),
          isNull(lessonCompletions.undoneAt),
        ),
      ),
  ])
  return {
    members,
    groups: groupRows,
    roomCapacity: new Map(roomRows.map((r) => [r.id, r.capacity])),
    activityMax: new Map(actRows.map((a) => [a.id, a.max])),
    done: new Set(done.map((d) => d.lessonId)),
    owingByGroup: await owingByGroup(db, owing, groupRows, members),
  }
}

/** What a lesson's roster shows: members, marks, the allergy badge and (when seen) the emergency subset. */
export interface RosterFacts {
  members: Array<{ clientId: string; first: string; last: string; erased: boolean }>
  marks: Array<{ a: typeof attendance.$inferSelect; first: string; last: string; erased: boolean }>
  /** Clients with an allergy recorded (the badge everyone who reads the lesson sees). */
  withAllergy: Set<string>
  /** The emergency subset, only when the reader may see it. */
  emergency: Map<string, { allergies: string | null; emergencyInstructions: string | null }> | null
}

/**
 * A lesson's roster: its group's current members and everyone with a mark (walk-ins). With
 * `emergencyFor` (the reader, who may see it), the allergies and emergency instructions too, and
 * each one shown is logged as a medical view by that reader.
 */
export async function lessonRoster(db: Queryable, lesson: LessonRow, emergencyFor: string | null): Promise<RosterFacts> {
  const members = lesson.groupId ? await currentMemberNames(db, [lesson.groupId]) : []
  const marks = await db
    .select({ a: attendance, first: clients.firstName, last: clients.lastName, erased: clientErased })
    .from(attendance)
    .innerJoin(clients, eq(clients.id, attendance.clientId))
    .where(eq(attendance.lessonId, lesson.id))
  const ids = rosterIds({ members, marks })
  const medical =
    emergencyFor && ids.length
      ? await db.select().from(clientMedicalSummary).where(inArray(clientMedicalSummary.clientId, ids))
      : []
  const shown = medical.filter((m) => m.allergies || m.emergencyInstructions)
  if (emergencyFor && shown.length)
    await db.insert(medicalViews).values(shown.map((m) => ({ clientId: m.clientId, userId: emergencyFor, what: 'roster' })))
  // the badge: from the rows just read when the reader sees the emergency subset, else the allergies alone
  const allergyOnly =
    emergencyFor || !ids.length
      ? medical
      : await db
          .select({ clientId: clientMedicalSummary.clientId, allergies: clientMedicalSummary.allergies })
          .from(clientMedicalSummary)
          .where(inArray(clientMedicalSummary.clientId, ids))
  return {
    members,
    marks,
    withAllergy: new Set(allergyOnly.filter((x) => x.allergies).map((x) => x.clientId)),
    emergency: emergencyFor ? new Map(medical.map((m) => [m.clientId, m])) : null,
  }
}

/** The clients on a roster: members first, then those only marked (walk-ins), each once. */
export function rosterIds(r: Pick<RosterFacts, 'members' | 'marks'>): string[] {
  return [...new Set([...r.members.map((m) => m.clientId), ...r.marks.map((m) => m.a.clientId)])]
}
