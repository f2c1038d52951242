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
    .select({ id: users.id, roles: users.roles, branchIds: users.branchIds })
    .from(users)
    .where(eq(users.active, true))
  return staff
    .filter((u) =>
      canSeeAlert({ id: u.id, roles: u.roles.filter(isRole), branchIds: u.branchIds }, { ...alert, teachers: teacherIds }),
    )
    .map((u) => u.id)
}

/**
 * The alert's audience with each one's language (their own, else the center's default): the live
 * feed sends each the alert's message in theirs.
 */
export async function alertAudience(db: Queryable, alertId: string | number): Promise<Array<{ id: string; locale: Locale }>> {
  const ids = await alertRecipients(db, alertId)
  if (ids.length === 0) return []
  const rows = await queryRows<{ id: string; locale: string | null }>(
    db,
    sql`select u.id, coalesce(u.locale, (select default_locale from center_settings limit 1)) as locale
      from users u where u.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`,
  )
  const locales = new Map(rows.map((r) => [String(r.id), r.locale]))
  return ids.map((id) => {
    const l = locales.get(id)
    return { id, locale: isLocale(l) ? l : SOURCE_LOCALE }
  })
}
