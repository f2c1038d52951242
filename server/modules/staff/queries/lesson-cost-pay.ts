import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import type { Minor } from '../../../../domain/money'
import { computePay, payPerLesson, type LessonService, type PayLine, type PayLineKind } from '../../../../domain/payroll/pay'
import type { PayScheme } from '../../../../domain/payroll/schemes'
import { servicesOf, type DoneLessonRow } from './lesson-cost-rows'
import type { Revenue } from './lesson-revenue'

interface LineRow {
  payroll_id: string
  employee_id: string
  kind: string
  on: string
  lesson_id: string | null
  minutes: number | null
  amount: string
  corrects: string | null
}

const toLine = (r: LineRow): PayLine => ({
  employeeId: r.employee_id,
  kind: r.kind as PayLineKind,
  day: r.on,
  serviceId: null,
  staffServiceId: null,
  adjustmentId: null,
  lessonId: r.lesson_id,
  schemeId: null,
  attendees: null,
  minutes: r.minutes,
  rate: null,
  base: null,
  amount: Number(r.amount),
  corrects: r.corrects,
  reason: null,
})

/**
 * The teacher's pay for each lesson: for a month whose payroll the branch has approved, what that
 * payroll's stored lines paid (the lesson's parts, and the month's fixed pay spread over the teacher's
 * lessons by minutes); for any other month, what `computePay` makes of the lesson's service by the
 * scheme in force on its day, spread the same way (`payPerLesson`). The arithmetic is the payroll's.
 */
export async function teacherPayOf(
  db: Queryable,
  lessons: readonly DoneLessonRow[],
  revenue: ReadonlyMap<string, Revenue>,
): Promise<Map<string, Minor>> {
  const out = new Map<string, Minor>()
  if (!lessons.length) return out
  const keyOf = (l: DoneLessonRow) => `${l.branch_id}|${l.day.slice(0, 7)}`
  const branchIds = [...new Set(lessons.map((l) => l.branch_id))]
  const months = [...new Set(lessons.map((l) => l.day.slice(0, 7)))]
  const payrolls = await queryRows<{ id: string; branch_id: string; month: string }>(
    db,
    sql`select id, branch_id, month from payrolls
         where branch_id = any(string_to_array(${branchIds.join(',')}, ',')::uuid[])
           and month = any(string_to_array(${months.join(',')}, ','))`,
  )
  const approved = new Set(payrolls.map((p) => `${p.branch_id}|${p.month}`))
  const minutes = new Map(lessons.map((l) => [l.id, l.minutes]))

  if (payrolls.length) {
    const rows = await queryRows<LineRow>(
      db,
      sql`select payroll_id, employee_id, kind, "on"::text as "on", lesson_id, minutes, amount::text as amount, corrects
            from payroll_lines
           where payroll_id = any(string_to_array(${payrolls.map((p) => p.id).join(',')}, ',')::uuid[])
             and (lesson_id is not null or kind = 'monthly')`,
    )
    const byPayroll = new Map<string, PayLine[]>()
    for (const r of rows) byPayroll.set(r.payroll_id, [...(byPayroll.get(r.payroll_id) ?? []), toLine(r)])
    for (const lines of byPayroll.values()) {
      const m = new Map(minutes)
      for (const l of lines) if (l.lessonId && l.minutes && !m.has(l.lessonId)) m.set(l.lessonId, l.minutes)
      for (const [id, amount] of payPerLesson(lines, m)) if (minutes.has(id)) out.set(id, (out.get(id) ?? 0) + amount)
    }
  }

  const open = lessons.filter((l) => !approved.has(keyOf(l)))
  if (!open.length) return out
  const services = await servicesOf(
    db,
    open.map((l) => l.completion_id),
  )
  if (!services.length) return out
  const teachers = [...new Set(services.map((s) => s.teacher_id))]
  const employees = await queryRows<{ id: string; user_id: string; branch_ids: string[] }>(
    db,
    sql`select id, user_id::text as user_id, branch_ids::text[] as branch_ids from employees
         where user_id = any(string_to_array(${teachers.join(',')}, ',')::uuid[])`,
  )
  const employeeOf = new Map(employees.map((e) => [e.user_id, e]))
  const schemes = employees.length
    ? (
        await queryRows<{
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
          sql`select id, employee_id, valid_from::text as valid_from, valid_to::text as valid_to, per_lesson::text as per_lesson,
                     per_client::text as per_client, revenue_bp, hourly::text as hourly, monthly::text as monthly
                from pay_schemes where employee_id = any(string_to_array(${employees.map((e) => e.id).join(',')}, ',')::uuid[])`,
        )
      ).map((s): PayScheme => ({
        id: s.id,
        employeeId: s.employee_id,
        validFrom: s.valid_from,
        validTo: s.valid_to,
        perLesson: Number(s.per_lesson),
        perClient: Number(s.per_client),
        revenueBp: s.revenue_bp,
        hourly: Number(s.hourly),
        monthly: Number(s.monthly),
      }))
    : []

  const lessonById = new Map(open.map((l) => [l.id, l]))
  const groups = new Map<string, LessonService[]>()
  for (const s of services) {
    const lesson = lessonById.get(s.lesson_id)
    const employee = employeeOf.get(s.teacher_id)
    if (!lesson || !employee) continue
    const list = groups.get(keyOf(lesson)) ?? []
    list.push({
      id: Number(s.id),
      employeeId: employee.id,
      lessonId: lesson.id,
      day: lesson.day,
      minutes: s.duration_minutes,
      attending: s.attending,
      sign: 1,
      revenue: revenue.get(lesson.id)?.gross ?? 0,
      corrects: null,
    })
    groups.set(keyOf(lesson), list)
  }
  for (const [key, list] of groups) {
    const [branchId, month] = key.split('|')
    const here = new Set(list.map((s) => s.employeeId))
    const monthlyHere = new Set(employees.filter((e) => here.has(e.id) && e.branch_ids[0] === branchId).map((e) => e.id))
    const { lines } = computePay({ month, schemes, monthlyHere, lessons: list, others: [], adjustments: [] })
    for (const [id, amount] of payPerLesson(lines, minutes)) out.set(id, (out.get(id) ?? 0) + amount)
  }
  return out
}
