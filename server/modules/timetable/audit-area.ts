import { eq, inArray } from 'drizzle-orm'
import { activities, branches, groups, lessons, rooms } from '../../../db/schema/index'
import { formatTime, formatWeekday } from '../../../domain/i18n/format'
import { keyedLabels, tableLabels } from '../audit/index'
import type { AuditArea, AuditLabeler } from '../module'

/** A lesson as people say it: "Tue 16:00 Room 2" (its branch's time zone, the reader's language). */
const lessonLabels: AuditLabeler = async (db, ids, locale) => {
  const wanted = [...new Set(ids)].filter((id) => id.length <= 200)
  if (!wanted.length) return new Map()
  const rows = await db
    .select({ id: lessons.id, startsAt: lessons.startsAt, room: rooms.name, tz: branches.timezone })
    .from(lessons)
    .leftJoin(rooms, eq(rooms.id, lessons.roomId))
    .leftJoin(branches, eq(branches.id, lessons.branchId))
    .where(inArray(lessons.id, wanted))
  return new Map(
    rows.map((r) => {
      const tz = r.tz ?? 'UTC'
      const when = r.startsAt ? `${formatWeekday(r.startsAt, locale, tz, 'short')} ${formatTime(r.startsAt, locale, tz)}` : ''
      return [r.id, [when, r.room ?? ''].filter(Boolean).join(' ')]
    }),
  )
}

const groupNames = tableLabels(groups, groups.id, groups.name)
const activityNames = tableLabels(activities, activities.id, activities.name)

/** The timetable in the audit: its commands, its week documents ("Central · 2026-W10"), lessons, groups. */
export const timetableAudit: AuditArea = {
  area: 'timetable',
  commands: ['activities.', 'groups.', 'lessons.', 'closures.', 'timetable.', 'calendar_feeds.'],
  docTypes: ['timetable'],
  labels: {
    timetable: keyedLabels(tableLabels(branches, branches.id, branches.name)),
    lesson: lessonLabels,
    group: groupNames,
    activity: activityNames,
  },
  names: async (db, ids, locale) =>
    new Map([
      ...(await groupNames(db, ids, locale)),
      ...(await activityNames(db, ids, locale)),
      ...(await lessonLabels(db, ids, locale)),
    ]),
}
