import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import type { Adjustment, LessonService, OtherService, PayInput } from '../../../../domain/payroll/pay'
import { monthBounds, type PayScheme } from '../../../../domain/payroll/schemes'
import { completionRevenue } from './lesson-revenue'

/** The id a teacher without an employee file is shown under (their services are a "no pay scheme" problem). */
export const NO_FILE = 'user:'

/** The month after a month (YYYY-MM). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The months of a branch whose payroll is approved, with when. */
export async function approvedMonths(db: Queryable, branchId: string): Promise<Map<string, Date>> {
  const rows = await queryRows<{ month: string; approved_at: Date | string }>(
    db,
    sql`select month, approved_at from payrolls where branch_id = ${branchId}`,
  )
  return new Map(rows.map((r) => [r.month, new Date(r.approved_at)]))
}

/**
 * The first month of the run of approved months just before `month` (each of them has `month` as
 * its next open period), or `month` itself when the month before is not approved.
 */
function correctedFrom(month: string, approved: ReadonlyMap<string, Date>): string {
  let first = month
  for (;;) {
    const [y, m] = first.split('-').map(Number)
    const before = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
    if (!approved.has(before)) return first
    first = before
  }
}

export interface PayInputOf {
  input: PayInput
  /** Employee id (or `user:<id>` without a file) → the teacher's login, for names. */
  teacherOf: Map<string, string>
}

/**
 * What a branch's payroll for a month pays (the rule of issue #19), as `computePay`'s input, in a
 * few queries: the teachers' services of lessons in the branch whose day (in the branch's time
 * zone) is in the month, plus those of earlier approved months recorded after their approval when
 * this month is the next open period (a correction of that month); never a service part already
 * stored in a payroll line. Adjustments and services outside the timetable dated in the month and
 * not yet paid; fixed monthly pay for employees whose payroll branch is this one.
 */
export async function payInputOf(db: Queryable, branchId: string, month: string): Promise<PayInputOf> {
  const approved = await approvedMonths(db, branchId)
  const from = correctedFrom(month, approved)
  const { first: fromDay } = monthBounds(from)
  const { last } = monthBounds(month)
  const services = await queryRows<{
    id: string
    completion_id: string
    lesson_id: string
    teacher_id: string
    minutes: number
    attending: number
    sign: number
    at: Date | string
    day: string
    employee_id: string | null
  }>(
    db,
    sql`with b as (select timezone from branches where id = ${branchId})
      select ts.id, ts.completion_id, ts.lesson_id, ts.teacher_id, ts.duration_minutes as minutes, ts.attending,
        ts.sign, ts.at, to_char((l.starts_at at time zone b.timezone)::date, 'YYYY-MM-DD') as day, e.id as employee_id
      from lessons l
      cross join b
      join teacher_services ts on ts.lesson_id = l.id
      left join employees e on e.user_id = ts.teacher_id
      where l.branch_id = ${branchId}
        and l.starts_at >= (${fromDay}::date - 1)::timestamp at time zone 'UTC'
        and l.starts_at < (${last}::date + 2)::timestamp at time zone 'UTC'
        and (l.starts_at at time zone b.timezone)::date between ${fromDay}::date and ${last}::date
        and not exists (select 1 from payroll_lines pl where pl.service_id = ts.id)`,
  )
  const teacherOf = new Map<string, string>()
  const kept: Array<(typeof services)[number] & { corrects: string | null }> = []
  for (const s of services) {
    const m = s.day.slice(0, 7)
    if (m === month) kept.push({ ...s, corrects: null })
    else {
      const at = approved.get(m)
      // a service of an approved month recorded after its approval: corrected here, the next open period
      if (at && new Date(s.at).getTime() > at.getTime()) kept.push({ ...s, corrects: m })
    }
  }
  const completions = new Map(kept.map((s) => [Number(s.completion_id), s.lesson_id]))
  const revenue = await completionRevenue(
    db,
    [...completions].map(([completionId, lessonId]) => ({ completionId, lessonId })),
  )
  const lessons: LessonService[] = kept.map((s) => {
    const employeeId = s.employee_id ?? `${NO_FILE}${s.teacher_id}`
    teacherOf.set(employeeId, s.teacher_id)
    return {
      id: Number(s.id),
      employeeId,
      lessonId: s.lesson_id,
      day: s.day,
      minutes: Number(s.minutes),
      attending: Number(s.attending),
      sign: Number(s.sign) < 0 ? -1 : 1,
      revenue: revenue.get(Number(s.completion_id))?.gross ?? 0,
      corrects: s.corrects,
    }
  })

  const { first } = monthBounds(month)
  const others = await queryRows<{ id: string; employee_id: string; day: string; minutes: number; fee: string }>(
    db,
    sql`select s.id, s.employee_id, to_char(s.on, 'YYYY-MM-DD') as day, s.minutes, s.fee from staff_services s
      where s.branch_id = ${branchId} and s.on between ${first}::date and ${last}::date
        and not exists (select 1 from payroll_lines pl where pl.staff_service_id = s.id)`,
  )
  const adjustments = await queryRows<{
    id: string
    employee_id: string
    day: string
    kind: Adjustment['kind']
    amount: string
    reason: string
    corrects: string | null
  }>(
    db,
    sql`select a.id, a.employee_id, to_char(a.on, 'YYYY-MM-DD') as day, a.kind, a.amount, a.reason, a.corrects
      from pay_adjustments a
      where a.branch_id = ${branchId} and a.on between ${first}::date and ${last}::date
        and not exists (select 1 from payroll_lines pl where pl.adjustment_id = a.id)`,
  )
  const here = await queryRows<{ id: string }>(db, sql`select id from employees where branch_ids[1] = ${branchId}::uuid`)
  const monthlyHere = new Set(here.map((r) => r.id))
  const concerned = new Set<string>([
    ...monthlyHere,
    ...lessons.map((l) => l.employeeId).filter((id) => !id.startsWith(NO_FILE)),
    ...others.map((o) => o.employee_id),
    ...adjustments.map((a) => a.employee_id),
  ])
  const schemes = concerned.size
    ? await queryRows<{
        id: string
        employee_id: string
        valid_from: string
        valid_to: string | null
        per_lesson: string
        per_client: string
        revenue_bp: number
        hourly: string
        monthly: string
      }>(
        db,
        sql`select id, employee_id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to,
            per_lesson, per_client, revenue_bp, hourly, monthly
          from pay_schemes where employee_id = any(string_to_array(${[...concerned].join(',')}, ',')::uuid[])
          order by valid_from`,
      )
    : []
  return {
    teacherOf,
    input: {
      month,
      monthlyHere,
      lessons,
      schemes: schemes.map((s): PayScheme => ({
        id: s.id,
        employeeId: s.employee_id,
        validFrom: s.valid_from,
        validTo: s.valid_to,
        perLesson: Number(s.per_lesson),
        perClient: Number(s.per_client),
        revenueBp: Number(s.revenue_bp),
        hourly: Number(s.hourly),
        monthly: Number(s.monthly),
      })),
      others: others.map((o): OtherService => ({
        id: o.id,
        employeeId: o.employee_id,
        day: o.day,
        minutes: Number(o.minutes),
        fee: Number(o.fee),
      })),
      adjustments: adjustments.map((a): Adjustment => ({
        id: a.id,
        employeeId: a.employee_id,
        day: a.day,
        kind: a.kind,
        amount: Number(a.amount),
        reason: a.reason,
        corrects: a.corrects,
      })),
    },
  }
}
