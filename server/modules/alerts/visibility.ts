import { and, eq, sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { alerts, users } from '../../../db/schema/index'
import { isLocale, SOURCE_LOCALE, type Locale } from '../../../domain/i18n/locales'
import { isRole, type Actor } from '../../../domain/roles'
import { alertScope, canSeeAlert } from './policies'

/**
 * The alert policy (`alerts.read`, ./policies.ts) as SQL over `alerts`, for listing and acknowledging,
 * and as a list of recipients, for broadcasting.
 */

/** The staff who teach or assist an alert's subject (`lesson:<id>` or `group:<id>`), as SQL. */
const teachesSubject = (userId: string) => sql`(exists (select 1 from lessons l left join groups g on g.id = l.group_id
    where ${alerts.subject} = 'lesson:' || l.id and (l.teacher_id = ${userId} or g.teacher_id = ${userId} or g.assistant_id = ${userId}))
  or exists (select 1 from groups g where ${alerts.subject} = 'group:' || g.id::text and (g.teacher_id = ${userId} or g.assistant_id = ${userId})))`

const textArray = (values: readonly string[]) =>
  sql`${`{${values.map((v) => `"${v.replace(/[^a-z0-9_-]/gi, '')}"`).join(',')}}`}::text[]`

/** The alerts this actor may see, as a WHERE condition (undefined: every alert). */
export function alertsVisibleTo(actor: Actor): SQL | undefined {
  const scope = alertScope(actor)
  const branch = scope.branches
    ? sql`(${alerts.branchId} is null or ${alerts.branchId} = any(${sql`${`{${scope.branches.join(',')}}`}::uuid[]`}))`
    : undefined
  if (scope.roles === 'all') return branch
  const byRole = scope.roles.length ? sql`${alerts.roles} && ${textArray(scope.roles)}` : sql`false`
  const asTeacher = scope.teacherId ? sql`('teacher' = any(${alerts.roles}) and ${teachesSubject(scope.teacherId)})` : sql`false`
  return and(branch, sql`(${byRole} or ${asTeacher})`)
}

/** The ids of the active users who may see this alert (its broadcast audience). */
export async function alertRecipients(db: Queryable, alertId: string | number): Promise<string[]> {
  return (await visibleStaff(db, alertId)).map((u) => u.id)
}

/** The active users who may see this alert, each with their own language (null: none chosen). */
async function visibleStaff(db: Queryable, alertId: string | number): Promise<Array<{ id: string; locale: string | null }>> {
  if (!/^\d{1,18}$/.test(String(alertId))) return []
  const [alert] = await db
    .select({ roles: alerts.roles, branchId: alerts.branchId, subject: alerts.subject })
    .from(alerts)
    .where(eq(alerts.id, Number(alertId)))
    .limit(1)
  if (!alert) return []
  const teachers = await queryRows<{ id: string }>(
    db,
    sql`select l.teacher_id as id from lessons l where ${alert.subject} = 'lesson:' || l.id and l.teacher_id is not null
      union select g.teacher_id from lessons l join groups g on g.id = l.group_id where ${alert.subject} = 'lesson:' || l.id
      union select g.assistant_id from lessons l join groups g on g.id = l.group_id where ${alert.subject} = 'lesson:' || l.id and g.assistant_id is not null
      union select g.teacher_id from groups g where ${alert.subject} = 'group:' || g.id::text
      union select g.assistant_id from groups g where ${alert.subject} = 'group:' || g.id::text and g.assistant_id is not null`,
  )
  const teacherIds = teachers.map((t) => String(t.id))
  const staff = await db
    .select({ id: users.id, roles: users.roles, branchIds: users.branchIds, locale: users.locale })
    .from(users)
    .where(eq(users.active, true))
  return staff
    .filter((u) =>
      canSeeAlert({ id: u.id, roles: u.roles.filter(isRole), branchIds: u.branchIds }, { ...alert, teachers: teacherIds }),
    )
    .map((u) => ({ id: u.id, locale: u.locale }))
}

/**
 * The alert's audience with each one's language (their own, else the center's default): the live
 * feed sends each the alert's message in theirs.
 */
export async function alertAudience(db: Queryable, alertId: string | number): Promise<Array<{ id: string; locale: Locale }>> {
  const staff = await visibleStaff(db, alertId)
  // the center's default only when someone has no language of their own
  const fallback = staff.some((u) => u.locale === null)
    ? (await queryRows<{ locale: string }>(db, sql`select default_locale as locale from center_settings limit 1`))[0]?.locale
    : undefined
  return staff.map((u) => {
    const l = u.locale ?? fallback
    return { id: u.id, locale: isLocale(l) ? l : SOURCE_LOCALE }
  })
}
