import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '../../../../db/client'
import {
  activities,
  clientMedicalSummary,
  clients,
  groupMembers,
  groups,
  rooms,
  users,
  waitingList,
} from '../../../../db/schema/index'
import type { OwingRules } from '../../../boot/registry'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { NotFoundError } from '../../../errors'
import { clientErased, currentMemberNames, owingByGroup, type MemberName } from './members'
import type { OwingReason } from '../../../contracts/owing'

/** The read side of groups: lists, one group's members and waiting list, capacity, references. */

export type GroupRow = typeof groups.$inferSelect

/** A group that is not deleted, or 404. */
export async function findGroup(db: Queryable, id: string): Promise<GroupRow> {
  const [g] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.id, id), isNull(groups.deletedAt)))
  if (!g) throw NotFoundError('errors.notFound.group')
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
  owingByGroup: Map<string, Map<string, OwingReason[]>>
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
  return {
    members,
    waiting: new Map(waiting.map((w) => [w.groupId, Number(w.n)])),
    activityMax: new Map(acts.map((a) => [a.id, a.max])),
    roomCapacity: new Map(roomRows.map((r) => [r.id, r.cap])),
    owingByGroup: await owingByGroup(db, owing, rows, members),
  }
}

/** A group's current members as its page lists them (with the allergy badge), by last name. */
export function groupMemberList(db: Queryable, groupId: string) {
  return db
    .select({
      clientId: clients.id,
      first: clients.firstName,
      last: clients.lastName,
      erased: clientErased,
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
/**
 * The waiting list's one order: the receptionist's positions (0020), then entries without one (the
 * previous release's) by when they were added. The freed place goes to the first by this order.
 */
export const waitingOrder = () => [sql`${waitingList.position} asc nulls last`, asc(waitingList.addedAt), asc(waitingList.id)]

export function groupWaitingList(db: Queryable, groupId: string) {
  return db
    .select({
      entryId: waitingList.id,
      clientId: clients.id,
      first: clients.firstName,
      last: clients.lastName,
      erased: clientErased,
      status: waitingList.status,
      addedAt: waitingList.addedAt,
    })
    .from(waitingList)
    .innerJoin(clients, eq(clients.id, waitingList.clientId))
    .where(and(eq(waitingList.groupId, groupId), inArray(waitingList.status, ['waiting', 'offered'])))
    .orderBy(...waitingOrder())
}

/** Effective capacity: the group's override, else the activity norm, never above the room. */
export async function capacityOfGroup(db: Queryable, g: GroupRow): Promise<number> {
  const [[a], [r]] = await Promise.all([
    db.select({ max: activities.maxGroupSize }).from(activities).where(eq(activities.id, g.activityId)),
    db.select({ cap: rooms.capacity }).from(rooms).where(eq(rooms.id, g.roomId)),
  ])
  return Math.min(g.capacity ?? a?.max ?? 0, r?.cap ?? Number.MAX_SAFE_INTEGER)
}

/** What a group refers to, checked: its room (of its branch), activity, teacher and assistant. */
export async function groupRefProblems(
  db: Queryable,
  input: { roomId?: string; activityId?: string; teacherId?: string; assistantId?: string | null },
  branchId: string,
): Promise<Record<string, MessageId>> {
  const fields: Record<string, MessageId> = {}
  if (input.roomId) {
    const [r] = await db
      .select({ branchId: rooms.branchId, archivedAt: rooms.archivedAt, bookable: rooms.bookable })
      .from(rooms)
      .where(eq(rooms.id, input.roomId))
    if (!r) fields.roomId = 'errors.field.noSuchRoom'
    else if (r.branchId !== branchId) fields.roomId = 'errors.field.roomOfOtherBranch'
    else if (r.archivedAt || !r.bookable) fields.roomId = 'setup.error.roomNotBookable'
  }
  if (
    input.activityId &&
    !(await db.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId))).length
  )
    fields.activityId = 'errors.field.noSuchActivity'
  for (const key of ['teacherId', 'assistantId'] as const) {
    const id = input[key]
    if (!id) continue
    const [u] = await db.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, id))
    if (!u || !u.active || !u.roles.includes('teacher')) fields[key] = 'errors.field.notActiveTeacher'
  }
  return fields
}
