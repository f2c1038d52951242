import { and, count, eq, isNull } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { activities, groupMembers, groups, rooms } from '../../../db/schema/index'
import type { ActivityInfo, GroupInfo, RoomInfo } from './rules'

/** Rooms, groups (with current member counts) and activities: what lesson rules need to know. */
export async function loadTimetableContext(db: Queryable) {
  const [roomRows, groupRows, counts, activityRows] = await Promise.all([
    db.select({ id: rooms.id, branchId: rooms.branchId, capacity: rooms.capacity, name: rooms.name }).from(rooms),
    db.select({ id: groups.id, deletedAt: groups.deletedAt, capacity: groups.capacity, activityId: groups.activityId, name: groups.name }).from(groups),
    db.select({ groupId: groupMembers.groupId, n: count() }).from(groupMembers).where(isNull(groupMembers.leftAt)).groupBy(groupMembers.groupId),
    db.select({ id: activities.id, maxGroupSize: activities.maxGroupSize, name: activities.name, durationMinutes: activities.durationMinutes }).from(activities),
  ])
  const memberCount = new Map(counts.map((c) => [c.groupId, Number(c.n)]))
  return {
    rooms: new Map<string, RoomInfo>(roomRows.map((r) => [r.id, r])),
    groups: new Map<string, GroupInfo>(groupRows.map((g) => [g.id, { id: g.id, deleted: g.deletedAt !== null, memberCount: memberCount.get(g.id) ?? 0, capacity: g.capacity, activityId: g.activityId, name: g.name }])),
    activities: new Map<string, ActivityInfo>(activityRows.map((a) => [a.id, a])),
  }
}
export type TimetableContext = Awaited<ReturnType<typeof loadTimetableContext>>

/** Current members of a group. */
export async function currentMembers(db: Queryable, groupId: string) {
  return db.select({ clientId: groupMembers.clientId }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)))
}
