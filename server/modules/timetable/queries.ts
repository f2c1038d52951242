import { and, asc, count, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import {
  activities,
  attendance,
  branches,
  calendarFeeds,
  clientMedicalSummary,
  clients,
  closures,
  groupMembers,
  groups,
  lessonCompletions,
  lessons,
  medicalViews,
  rooms,
  users,
  waitingList,
} from '../../../db/schema/index'
import { todayIso } from '../../../domain/clients/rules'
import type { OwingRules } from '../../boot/registry'
import { NotFoundError } from '../../errors'
import type { LessonsQuery } from './schema'

/** The read side of the timetable: lessons, rosters, groups, the catalogue, closures and feeds. */

export type LessonRow = typeof lessons.$inferSelect
export type GroupRow = typeof groups.$inferSelect

// ── lessons ──────────────────────────────────────────────────────────────────

/** A lesson that is not deleted, or 404. */
export async function findLesson(db: Queryable, id: string): Promise<LessonRow> {
  const [l] = await db
    .select()
    .from(lessons)
    .where(and(eq(lessons.id, id), eq(lessons.deleted, false)))
  if (!l) throw NotFoundError('Lesson')
  return l
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
        gte(lessons.startsAt, new Date(p.from + 'T00:00:00Z')),
        lt(lessons.startsAt, new Date(Date.parse(p.to + 'T00:00:00Z') + 86_400_000)),
        p.teacherId ? eq(lessons.teacherId, p.teacherId) : undefined,
      ),
    )
    .orderBy(asc(lessons.startsAt))
}

/** Does this branch exist? */
export async function branchExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.select({ id: branches.id }).from(branches).where(eq(branches.id, id))).length > 0
}

/** A current member of a group, with the name lists show. */
export interface MemberName {
  groupId: string
  clientId: string
  first: string
  last: string
}

/** What lesson lists show beside the projection: members, capacities, "done", and who owes (per group). */
export interface LessonFacts {
  members: MemberName[]
  groups: Array<{ id: string; capacity: number | null; activityId: string }>
  roomCapacity: Map<string, number>
  activityMax: Map<string, number>
  done: Set<string>
  owingByGroup: Map<string, Map<string, string[]>>
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
  const owingByGroup = new Map<string, Map<string, string[]>>()
  for (const g of groupRows) {
    owingByGroup.set(
      g.id,
      await owing.reasons(
        members.filter((m) => m.groupId === g.id).map((m) => m.clientId),
        { db, activityId: g.activityId, on: todayIso() },
      ),
    )
  }
  return {
    members,
    groups: groupRows,
    roomCapacity: new Map(roomRows.map((r) => [r.id, r.capacity])),
    activityMax: new Map(actRows.map((a) => [a.id, a.max])),
    done: new Set(done.map((d) => d.lessonId)),
    owingByGroup,
  }
}

/** Current members of these groups with their names. */
export function currentMemberNames(db: Queryable, groupIds: string[]): Promise<MemberName[]> {
  return db
    .select({ groupId: groupMembers.groupId, clientId: groupMembers.clientId, first: clients.firstName, last: clients.lastName })
    .from(groupMembers)
    .innerJoin(clients, eq(clients.id, groupMembers.clientId))
    .where(and(inArray(groupMembers.groupId, groupIds), isNull(groupMembers.leftAt)))
}

/** Ids of a group's current members. */
export async function currentMemberIds(db: Queryable, groupId: string): Promise<Set<string>> {
  const rows = await db
    .select({ c: groupMembers.clientId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)))
  return new Set(rows.map((m) => m.c))
}

/** Which of these ids are clients that exist and are not erased. */
export async function existingClientIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(inArray(clients.id, ids), isNull(clients.erasedAt)))
  return new Set(rows.map((x) => x.id))
}

/** What a lesson's roster shows: members, marks, the allergy badge and (when seen) the emergency subset. */
export interface RosterFacts {
  members: Array<{ clientId: string; first: string; last: string }>
  marks: Array<{ a: typeof attendance.$inferSelect; first: string; last: string }>
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
  const members = lesson.groupId
    ? await db
        .select({ clientId: clients.id, first: clients.firstName, last: clients.lastName })
        .from(groupMembers)
        .innerJoin(clients, eq(clients.id, groupMembers.clientId))
        .where(and(eq(groupMembers.groupId, lesson.groupId), isNull(groupMembers.leftAt)))
    : []
  const marks = await db
    .select({ a: attendance, first: clients.firstName, last: clients.lastName })
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
  const allergyOnly = ids.length
    ? await db
        .select({ clientId: clientMedicalSummary.clientId, allergies: clientMedicalSummary.allergies })
        .from(clientMedicalSummary)
        .where(inArray(clientMedicalSummary.clientId, ids))
    : []
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

// ── groups ───────────────────────────────────────────────────────────────────

/** A group that is not deleted, or 404. */
export async function findGroup(db: Queryable, id: string): Promise<GroupRow> {
  const [g] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.id, id), isNull(groups.deletedAt)))
  if (!g) throw NotFoundError('Group')
  return g
}

/** Groups of one branch, of some branches (null: every branch), by name. */
export function groupsIn(db: Queryable, branchIds: string[] | null): Promise<GroupRow[]> {
  return db
    .select()
    .from(groups)
    .where(and(isNull(groups.deletedAt), branchIds ? inArray(groups.branchId, branchIds) : undefined))
    .orderBy(asc(groups.name))
}

/** What group lists show beside the group: members, waiting counts, capacities, who owes. */
export interface GroupFacts {
  members: MemberName[]
  waiting: Map<string, number>
  activityMax: Map<string, number>
  roomCapacity: Map<string, number>
  owingByGroup: Map<string, Map<string, string[]>>
}

/** Loads what `presentGroup` needs for these groups. */
export async function groupFacts(db: Queryable, owing: OwingRules, rows: GroupRow[]): Promise<GroupFacts> {
  if (!rows.length)
    return { members: [], waiting: new Map(), activityMax: new Map(), roomCapacity: new Map(), owingByGroup: new Map() }
  const ids = rows.map((g) => g.id)
  const [members, waiting, acts, roomRows] = await Promise.all([
    currentMemberNames(db, ids),
    db
      .select({ groupId: waitingList.groupId, n: count() })
      .from(waitingList)
      .where(and(inArray(waitingList.groupId, ids), inArray(waitingList.status, ['waiting', 'offered'])))
      .groupBy(waitingList.groupId),
    db.select({ id: activities.id, max: activities.maxGroupSize }).from(activities),
    db
      .select({ id: rooms.id, cap: rooms.capacity })
      .from(rooms)
      .where(
        inArray(
          rooms.id,
          rows.map((g) => g.roomId),
        ),
      ),
  ])
  const owingByGroup = new Map<string, Map<string, string[]>>()
  for (const g of rows) {
    owingByGroup.set(
      g.id,
      await owing.reasons(
        members.filter((m) => m.groupId === g.id).map((m) => m.clientId),
        { db, activityId: g.activityId, on: todayIso() },
      ),
    )
  }
  return {
    members,
    waiting: new Map(waiting.map((w) => [w.groupId, Number(w.n)])),
    activityMax: new Map(acts.map((a) => [a.id, a.max])),
    roomCapacity: new Map(roomRows.map((r) => [r.id, r.cap])),
    owingByGroup,
  }
}

/** A group's current members as its page lists them (with the allergy badge), by last name. */
export function groupMemberList(db: Queryable, groupId: string) {
  return db
    .select({
      clientId: clients.id,
      first: clients.firstName,
      last: clients.lastName,
      birthDate: clients.birthDate,
      joinedAt: groupMembers.joinedAt,
      allergies: clientMedicalSummary.allergies,
    })
    .from(groupMembers)
    .innerJoin(clients, eq(clients.id, groupMembers.clientId))
    .leftJoin(clientMedicalSummary, eq(clientMedicalSummary.clientId, clients.id))
    .where(and(eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)))
    .orderBy(asc(clients.lastName))
}

/** A group's open waiting list (waiting or offered), first come first. */
export function groupWaitingList(db: Queryable, groupId: string) {
  return db
    .select({
      entryId: waitingList.id,
      clientId: clients.id,
      first: clients.firstName,
      last: clients.lastName,
      status: waitingList.status,
      addedAt: waitingList.addedAt,
    })
    .from(waitingList)
    .innerJoin(clients, eq(clients.id, waitingList.clientId))
    .where(and(eq(waitingList.groupId, groupId), inArray(waitingList.status, ['waiting', 'offered'])))
    .orderBy(asc(waitingList.addedAt), asc(waitingList.id))
}

/** Effective capacity: the group's override, else the activity norm, never above the room. */
export async function capacityOfGroup(db: Queryable, g: GroupRow): Promise<number> {
  const [[a], [r]] = await Promise.all([
    db.select({ max: activities.maxGroupSize }).from(activities).where(eq(activities.id, g.activityId)),
    db.select({ cap: rooms.capacity }).from(rooms).where(eq(rooms.id, g.roomId)),
  ])
  return Math.min(g.capacity ?? a?.max ?? 0, r?.cap ?? Number.MAX_SAFE_INTEGER)
}

/** How many current members a group has. */
export async function memberCount(db: Queryable, groupId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)))
  return Number(n)
}

/** A client who exists and is not erased? */
export async function clientExists(db: Queryable, clientId: string): Promise<boolean> {
  return (await existingClientIds(db, [clientId])).has(clientId)
}

/** What a group refers to, checked: its room (of its branch), activity, teacher and assistant. */
export async function groupRefProblems(
  db: Queryable,
  input: { roomId?: string; activityId?: string; teacherId?: string; assistantId?: string | null },
  branchId: string,
): Promise<Record<string, string>> {
  const fields: Record<string, string> = {}
  if (input.roomId) {
    const [r] = await db.select({ branchId: rooms.branchId }).from(rooms).where(eq(rooms.id, input.roomId))
    if (!r) fields.roomId = 'No such room'
    else if (r.branchId !== branchId) fields.roomId = 'The room belongs to another branch'
  }
  if (
    input.activityId &&
    !(await db.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId))).length
  )
    fields.activityId = 'No such activity'
  for (const key of ['teacherId', 'assistantId'] as const) {
    const id = input[key]
    if (!id) continue
    const [u] = await db.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, id))
    if (!u || !u.active || !u.roles.includes('teacher')) fields[key] = 'Not an active teacher'
  }
  return fields
}

// ── the catalogue, teachers, closures ────────────────────────────────────────

/** The activity catalogue, by category and name. */
export function listActivities(db: Queryable) {
  return db.select().from(activities).orderBy(asc(activities.category), asc(activities.name))
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
  if (!r) throw NotFoundError('Closure')
  return r
}

// ── calendar feeds ───────────────────────────────────────────────────────────

/** Every feed, oldest first. */
export function listFeeds(db: Queryable) {
  return db.select().from(calendarFeeds).orderBy(asc(calendarFeeds.createdAt))
}

/**
 * What a feed would follow: for a teacher, whether the account exists; for a room or a group, its
 * branch. Null when there is no such thing.
 */
export async function feedTarget(
  db: Queryable,
  kind: 'room' | 'teacher' | 'group',
  id: string,
): Promise<{ branchId: string | undefined } | null> {
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
  const column = feed.kind === 'room' ? lessons.roomId : feed.kind === 'group' ? lessons.groupId : lessons.teacherId
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
