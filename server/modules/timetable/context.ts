import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import type { ActivityInfo, GroupInfo, RoomInfo } from '../../../domain/timetable/rules'

export interface TimetableContext {
  rooms: Map<string, RoomInfo>
  groups: Map<string, GroupInfo>
  activities: Map<string, ActivityInfo>
  /** Staff names by id (clash messages name the teacher). */
  teachers: Map<string, string>
  /** Each branch's time zone (clash messages show the branch's local time). */
  timeZones: Map<string, string>
}

const parsed = <T>(v: unknown): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : ((v as T[] | null) ?? []))

/**
 * Rooms, groups (with current member counts), activities, staff names and branch time zones: what
 * lesson rules and clash messages need to know. One round trip (each projection run loads it).
 */
export async function loadTimetableContext(db: Queryable): Promise<TimetableContext> {
  const [row] = await queryRows<Record<'rooms' | 'groups' | 'activities' | 'teachers' | 'branches', unknown>>(
    db,
    sql`select
      (select coalesce(json_agg(json_build_object('id', r.id, 'branchId', r.branch_id, 'capacity', r.capacity, 'name', r.name)), '[]'::json) from rooms r) as rooms,
      (select coalesce(json_agg(json_build_object('id', g.id, 'deleted', g.deleted_at is not null, 'capacity', g.capacity, 'activityId', g.activity_id, 'name', g.name, 'memberCount', coalesce(m.n, 0))), '[]'::json)
         from groups g left join (select group_id, count(*)::int as n from group_members where left_at is null group by group_id) m on m.group_id = g.id) as groups,
      (select coalesce(json_agg(json_build_object('id', a.id, 'maxGroupSize', a.max_group_size, 'name', a.name, 'durationMinutes', a.duration_minutes)), '[]'::json) from activities a) as activities,
      (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name)), '[]'::json) from users u) as teachers,
      (select coalesce(json_agg(json_build_object('id', b.id, 'timezone', b.timezone)), '[]'::json) from branches b) as branches`,
  )
  return {
    rooms: new Map(parsed<RoomInfo>(row.rooms).map((r) => [r.id, r])),
    groups: new Map(parsed<GroupInfo>(row.groups).map((g) => [g.id, g])),
    activities: new Map(parsed<ActivityInfo>(row.activities).map((a) => [a.id, a])),
    teachers: new Map(parsed<{ id: string; name: string }>(row.teachers).map((u) => [u.id, u.name])),
    timeZones: new Map(parsed<{ id: string; timezone: string }>(row.branches).map((b) => [b.id, b.timezone])),
  }
}
