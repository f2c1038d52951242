import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import type { Currency } from '../../../domain/i18n/format'
import { sum } from '../../../domain/money'
import { computePay, payByEmployee, type PayLine, type PayProblem } from '../../../domain/payroll/pay'
import type { PayrollEmployeeView, PayrollLineView, PayrollProblemView, PayrollView } from '../../../domain/payroll/views'
import { NotFoundError } from '../../errors'
import { centerSettingsOf } from '../center/index'
import { NO_FILE, payInputOf } from './queries/pay-input'

export type { PayrollEmployeeView, PayrollLineView, PayrollProblemView, PayrollView }

/** A branch's name and time zone; 404 when there is none. */
export async function branchOf(db: Queryable, branchId: string): Promise<{ id: string; name: string; timezone: string }> {
  const [b] = await queryRows<{ id: string; name: string; timezone: string }>(
    db,
    sql`select id, name, timezone from branches where id = ${branchId}`,
  )
  if (!b) throw NotFoundError('payroll.unknownBranch')
  return b
}

/** The month's payroll computed now from what was done (a draft): every line explained, and the problems. */
export async function computePayroll(db: Queryable, branchId: string, month: string) {
  const { input, teacherOf } = await payInputOf(db, branchId, month)
  return { ...computePay(input), teacherOf }
}

/** The group (or activity) of each lesson, by id. */
async function lessonNames(db: Queryable, ids: readonly string[]) {
  if (!ids.length) return new Map<string, { lesson: string | null; activity: string | null }>()
  const rows = await queryRows<{ id: string; grp: string | null; activity: string | null }>(
    db,
    sql`select l.id, g.name as grp, a.name as activity from lessons l
      left join groups g on g.id = l.group_id left join activities a on a.id = l.activity_id
      where l.id = any(string_to_array(${ids.join('\u001f')}, ${'\u001f'}))`,
  )
  return new Map(rows.map((r) => [r.id, { lesson: r.grp ?? r.activity, activity: r.activity }]))
}

async function namesOf(db: Queryable, employeeIds: readonly string[], userIds: readonly string[]) {
  const names = new Map<string, { name: string; userId: string | null }>()
  if (employeeIds.length) {
    const rows = await queryRows<{ id: string; name: string; user_id: string | null }>(
      db,
      sql`select id, name, user_id from employees where id = any(string_to_array(${employeeIds.join(',')}, ',')::uuid[])`,
    )
    for (const r of rows) names.set(r.id, { name: r.name, userId: r.user_id })
  }
  if (userIds.length) {
    const rows = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from users where id = any(string_to_array(${userIds.join(',')}, ',')::uuid[])`,
    )
    for (const r of rows) names.set(`${NO_FILE}${r.id}`, { name: r.name, userId: r.id })
  }
  return names
}

/** Lines (computed or stored) explained and grouped per employee, by name. */
async function present(db: Queryable, lines: readonly PayLine[], problems: readonly PayProblem[]) {
  const ids = [...new Set([...lines.map((l) => l.employeeId), ...problems.map((p) => p.employeeId)])]
  const names = await namesOf(
    db,
    ids.filter((id) => !id.startsWith(NO_FILE)),
    ids.filter((id) => id.startsWith(NO_FILE)).map((id) => id.slice(NO_FILE.length)),
  )
  const lessonIds = [...new Set([...lines, ...problems].flatMap((l) => (l.lessonId ? [l.lessonId] : [])))]
  const lessons = await lessonNames(db, lessonIds)
  const who = (id: string) => names.get(id) ?? { name: '', userId: null }
  const employees: PayrollEmployeeView[] = payByEmployee(lines)
    .map((e) => ({
      employeeId: e.employeeId.startsWith(NO_FILE) ? null : e.employeeId,
      name: who(e.employeeId).name,
      userId: who(e.employeeId).userId,
      total: e.total,
      lines: e.lines.map((l) => ({
        kind: l.kind,
        day: l.day,
        lessonId: l.lessonId,
        lesson: l.lessonId ? (lessons.get(l.lessonId)?.lesson ?? null) : null,
        activity: l.lessonId ? (lessons.get(l.lessonId)?.activity ?? null) : null,
        attendees: l.attendees,
        minutes: l.minutes,
        rate: l.rate,
        base: l.base,
        amount: l.amount,
        corrects: l.corrects,
        reason: l.reason,
      })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
  const problemViews: PayrollProblemView[] = problems.map((p) => ({
    kind: p.kind,
    employeeId: p.employeeId.startsWith(NO_FILE) ? null : p.employeeId,
    name: who(p.employeeId).name,
    day: p.day,
    lessonId: p.lessonId,
    lesson: p.lessonId ? (lessons.get(p.lessonId)?.lesson ?? null) : null,
  }))
  return { employees, problems: problemViews, total: sum(lines.map((l) => l.amount)) }
}

/** The stored lines of an approved payroll, as `PayLine`s. */
async function storedLines(db: Queryable, payrollId: string): Promise<PayLine[]> {
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`select employee_id, kind, to_char("on", 'YYYY-MM-DD') as day, service_id, staff_service_id, adjustment_id, lesson_id,
        scheme_id, attendees, minutes, rate, base, amount, corrects, reason
      from payroll_lines where payroll_id = ${payrollId} order by id`,
  )
  const n = (v: string | number | null) => (v === null ? null : Number(v))
  const s = (v: string | number | null) => (v === null ? null : String(v))
  return rows.map((r) => ({
    employeeId: String(r.employee_id),
    kind: r.kind as PayLine['kind'],
    day: String(r.day),
    serviceId: n(r.service_id),
    staffServiceId: s(r.staff_service_id),
    adjustmentId: s(r.adjustment_id),
    lessonId: s(r.lesson_id),
    schemeId: s(r.scheme_id),
    attendees: n(r.attendees),
    minutes: n(r.minutes),
    rate: n(r.rate),
    base: n(r.base),
    amount: Number(r.amount),
    corrects: s(r.corrects),
    reason: s(r.reason),
  }))
}

/**
 * A branch's payroll for a month: the approved snapshot (its stored lines, never recomputed) when
 * the month is approved, else a draft computed now, with the problems to fix before approving.
 */
export async function readPayroll(db: Queryable, branchId: string, month: string): Promise<PayrollView> {
  const branch = await branchOf(db, branchId)
  const { currency } = await centerSettingsOf(db)
  const [approved] = await queryRows<{
    id: string
    approved_at: Date | string
    approved_by: string
    name: string | null
    currency: string
  }>(
    db,
    sql`select p.id, p.approved_at, p.approved_by, u.name, p.currency from payrolls p left join users u on u.id = p.approved_by
      where p.branch_id = ${branchId} and p.month = ${month}`,
  )
  const base = { branchId, branchName: branch.name, timezone: branch.timezone, month }
  if (approved) {
    const shown = await present(db, await storedLines(db, approved.id), [])
    return {
      ...base,
      currency: approved.currency as Currency,
      status: 'approved',
      approvedAt: new Date(approved.approved_at).toISOString(),
      approvedBy: { id: approved.approved_by, name: approved.name ?? '' },
      ...shown,
    }
  }
  const { lines, problems } = await computePayroll(db, branchId, month)
  const shown = await present(db, lines, problems)
  return { ...base, currency, status: 'draft', approvedAt: null, approvedBy: null, ...shown }
}
