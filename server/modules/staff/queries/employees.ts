import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import {
  branches,
  employeeDocuments,
  employeeNotes,
  employees,
  payAdjustments,
  paySchemes,
  payrolls,
  staffServices,
  users,
} from '../../../../db/schema/index'
import { NotFoundError } from '../../../errors'

export type EmployeeRow = typeof employees.$inferSelect
export type SchemeRow = typeof paySchemes.$inferSelect

/** Today (YYYY-MM-DD) in a time zone. */
export const dayIn = (timeZone: string, at = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)

/** An employee by id: 404 when there is none. */
export async function loadEmployee(db: Queryable, id: string): Promise<EmployeeRow> {
  const [e] = await db.select().from(employees).where(eq(employees.id, id)).limit(1)
  if (!e) throw NotFoundError('staff.notFound')
  return e
}

/** The employee linked to a login, if any. */
export async function employeeOfUser(db: Queryable, userId: string): Promise<EmployeeRow | null> {
  const [e] = await db.select().from(employees).where(eq(employees.userId, userId)).limit(1)
  return e ?? null
}

/**
 * The logins an employee may be linked to: the active accounts no employee has yet, of some
 * branches (null: all; an account of no branch is the whole center's, offered only then), and the
 * login `employeeId` already has (whatever its branch or state), by name.
 */
export function freeLogins(db: Queryable, branchIds: readonly string[] | null, employeeId: string | null) {
  const inBranches = branchIds
    ? sql`${users.branchIds} && string_to_array(${branchIds.join(',') || '00000000-0000-0000-0000-000000000000'}, ',')::uuid[]`
    : undefined
  return db
    .select({ id: users.id, login: users.login, name: users.name })
    .from(users)
    .leftJoin(employees, eq(employees.userId, users.id))
    .where(
      or(and(isNull(employees.id), eq(users.active, true), inBranches), employeeId ? eq(employees.id, employeeId) : undefined),
    )
    .orderBy(asc(users.name), asc(users.login))
}

/** The time zone an employee's days are counted in: their payroll branch's (else the center's first branch's). */
export async function timeZoneOf(db: Queryable, e: Pick<EmployeeRow, 'branchIds'>): Promise<string> {
  const q = db.select({ tz: branches.timezone }).from(branches)
  const [b] = e.branchIds[0]
    ? await q.where(eq(branches.id, e.branchIds[0])).limit(1)
    : await q.orderBy(asc(branches.createdAt), asc(branches.name)).limit(1)
  return b?.tz ?? 'UTC'
}

/**
 * The months whose payroll is approved for an employee: their payroll branch's (the first of
 * their branches); an employee of no branch: any branch's.
 */
export async function approvedMonthsOf(db: Queryable, e: Pick<EmployeeRow, 'branchIds'>): Promise<Set<string>> {
  const rows = await db
    .select({ month: payrolls.month })
    .from(payrolls)
    .where(e.branchIds[0] ? eq(payrolls.branchId, e.branchIds[0]) : undefined)
  return new Set(rows.map((r) => r.month))
}

/** Whether a branch's payroll of a month is approved. */
export async function isApproved(db: Queryable, branchId: string, month: string): Promise<boolean> {
  const [p] = await db
    .select({ id: payrolls.id })
    .from(payrolls)
    .where(and(eq(payrolls.branchId, branchId), eq(payrolls.month, month)))
    .limit(1)
  return !!p
}

/** An employee's schemes, oldest first. */
export const schemesOf = (db: Queryable, employeeId: string) =>
  db.select().from(paySchemes).where(eq(paySchemes.employeeId, employeeId)).orderBy(asc(paySchemes.validFrom))

/** The done lessons of a teacher (their latest completion still standing), as `t`. */
const doneLessons = (userId: string) => sql`(
  select distinct on (lesson_id) lesson_id, duration_minutes, attending, activity_id,
         sum(sign) over (partition by lesson_id) as net
    from teacher_services where teacher_id = ${userId}
   order by lesson_id, id desc)`

/**
 * The employees of some branches (null: all), with their login, schemes and the minutes they
 * worked in a month (done lessons and other services). An employee of no branch is the whole
 * center's: listed for every branch.
 */
export async function listEmployees(db: Queryable, branchIds: readonly string[] | null, month: string) {
  const rows = await db
    .select({ e: employees, login: users.login })
    .from(employees)
    .leftJoin(users, eq(users.id, employees.userId))
    .where(
      branchIds
        ? sql`(${employees.branchIds} && string_to_array(${branchIds.join(',') || '00000000-0000-0000-0000-000000000000'}, ',')::uuid[] or cardinality(${employees.branchIds}) = 0)`
        : undefined,
    )
    .orderBy(asc(employees.name))
  if (!rows.length) return []
  const ids = rows.map((r) => r.e.id)
  const schemes = await db.select().from(paySchemes).where(inArray(paySchemes.employeeId, ids)).orderBy(asc(paySchemes.validFrom))
  const minutes = await queryRows<{ id: string; minutes: number }>(
    db,
    sql`select e.id, (coalesce(ls.m, 0) + coalesce(ss.m, 0))::int as minutes
          from employees e
          left join lateral (
            select sum(t.duration_minutes) as m
              from (select distinct on (lesson_id) lesson_id, duration_minutes, sum(sign) over (partition by lesson_id) as net
                      from teacher_services where teacher_id = e.user_id order by lesson_id, id desc) t
              join lessons l on l.id = t.lesson_id
              join branches b on b.id = l.branch_id
             where t.net > 0 and to_char(l.starts_at at time zone b.timezone, 'YYYY-MM') = ${month}
          ) ls on true
          left join lateral (
            select sum(s.minutes) as m from staff_services s where s.employee_id = e.id and to_char(s.on, 'YYYY-MM') = ${month}
          ) ss on true
         where e.id = any(string_to_array(${ids.join(',')}, ',')::uuid[])`,
  )
  const minutesOf = new Map(minutes.map((m) => [m.id, Number(m.minutes)]))
  return rows.map((r) => ({
    ...r.e,
    login: r.login,
    schemes: schemes.filter((s) => s.employeeId === r.e.id),
    minutes: minutesOf.get(r.e.id) ?? 0,
  }))
}

/** What an employee gave in a month: their done lessons (day in the lesson's branch), other services, hours and distinct clients taught. */
export async function servicesOfMonth(db: Queryable, e: EmployeeRow, month: string) {
  const lessons = e.userId
    ? await queryRows<{
        lesson_id: string
        day: string
        starts_at: Date | string | null
        group_name: string | null
        activity_name: string | null
        minutes: number
        attending: number
      }>(
        db,
        sql`select l.id as lesson_id, to_char(l.starts_at at time zone b.timezone, 'YYYY-MM-DD') as day, l.starts_at,
                   g.name as group_name, a.name as activity_name, t.duration_minutes as minutes, t.attending
              from ${doneLessons(e.userId)} t
              join lessons l on l.id = t.lesson_id
              join branches b on b.id = l.branch_id
              left join groups g on g.id = l.group_id
              left join activities a on a.id = coalesce(l.activity_id, t.activity_id)
             where t.net > 0 and to_char(l.starts_at at time zone b.timezone, 'YYYY-MM') = ${month}
             order by l.starts_at`,
      )
    : []
  const lessonIds = lessons.map((l) => l.lesson_id)
  const [clients] = lessonIds.length
    ? await queryRows<{ n: number }>(
        db,
        sql`select count(distinct client_id)::int as n from (
              select lesson_id, client_id, sum(sign) as s from visits
               where lesson_id = any(string_to_array(${lessonIds.join('\u001f')}, ${'\u001f'}))
               group by 1, 2) v
             where v.s > 0`,
      )
    : [{ n: 0 }]
  const services = await db
    .select()
    .from(staffServices)
    .where(and(eq(staffServices.employeeId, e.id), sql`to_char(${staffServices.on}, 'YYYY-MM') = ${month}`))
    .orderBy(asc(staffServices.on))
  const lessonMinutes = lessons.reduce((s, l) => s + Number(l.minutes), 0)
  const serviceMinutes = services.reduce((s, l) => s + l.minutes, 0)
  return {
    lessons: lessons.map((l) => ({
      lessonId: l.lesson_id,
      day: l.day,
      startsAt: l.starts_at ? new Date(l.starts_at).toISOString() : null,
      groupName: l.group_name,
      activityName: l.activity_name,
      minutes: Number(l.minutes),
      attending: Number(l.attending),
    })),
    services,
    totals: {
      lessons: lessons.length,
      lessonMinutes,
      serviceMinutes,
      minutes: lessonMinutes + serviceMinutes,
      clientsTaught: Number(clients?.n ?? 0),
    },
  }
}

/** The rest of an employee's file: login, schemes, adjustments, notes (with their authors), documents (without their bytes). */
export async function fileParts(db: Queryable, e: EmployeeRow) {
  const [login] = e.userId ? await db.select({ login: users.login }).from(users).where(eq(users.id, e.userId)).limit(1) : []
  const schemes = await schemesOf(db, e.id)
  const adjustments = await db
    .select()
    .from(payAdjustments)
    .where(eq(payAdjustments.employeeId, e.id))
    .orderBy(desc(payAdjustments.on), desc(payAdjustments.createdAt))
  const notes = await db
    .select({ id: employeeNotes.id, text: employeeNotes.text, at: employeeNotes.at, by: employeeNotes.by, byName: users.name })
    .from(employeeNotes)
    .leftJoin(users, eq(users.id, employeeNotes.by))
    .where(eq(employeeNotes.employeeId, e.id))
    .orderBy(desc(employeeNotes.at), desc(employeeNotes.id))
  const documents = await db
    .select({
      id: employeeDocuments.id,
      kind: employeeDocuments.kind,
      fileName: employeeDocuments.fileName,
      mime: employeeDocuments.mime,
      size: employeeDocuments.size,
      createdAt: employeeDocuments.createdAt,
    })
    .from(employeeDocuments)
    .where(eq(employeeDocuments.employeeId, e.id))
    .orderBy(desc(employeeDocuments.createdAt))
  return { login: login?.login ?? null, schemes, adjustments, notes, documents }
}

/** One document of an employee's file, with its bytes: 404 when it is not theirs. */
export async function findEmployeeDocument(db: Queryable, employeeId: string, docId: string) {
  const [d] = await db
    .select()
    .from(employeeDocuments)
    .where(and(eq(employeeDocuments.id, docId), eq(employeeDocuments.employeeId, employeeId)))
    .limit(1)
  if (!d) throw NotFoundError('staff.documentNotFound')
  return d
}
