import { allocate, multiply, percentOf, proRata, sum, type Minor } from '../money'
import { monthBounds, schemeOn, type PayScheme } from './schemes'

/**
 * A branch's payroll for a month, computed from what was done and the schemes in force on each
 * day (issue #19). Pure: the staff area loads the rows, this explains every amount, line by line.
 *
 * - A lesson a teacher gave (`teacher_services`, +1; its undo −1) is paid by the scheme in force
 *   on the lesson's day: per lesson, per attending client, a share of the lesson's revenue, and
 *   hourly by its minutes. An undo pays the same parts back (negative), by the same scheme.
 * - A service outside the timetable is paid its agreed fee and its minutes at the hourly rate.
 * - Fixed monthly pay is paid pro rata by the days of the month each scheme was in force.
 * - Bonuses add, deductions subtract, corrections add as signed.
 * - A service of an earlier, already approved month recorded after its approval (a lesson marked
 *   done late, or undone) is paid here as a correction of that month: an approved payroll is never
 *   recomputed.
 */

export type PayLineKind =
  'lesson' | 'client' | 'revenue' | 'hourly' | 'monthly' | 'service' | 'bonus' | 'deduction' | 'correction'

export interface LessonService {
  /** teacher_services.id */
  id: number
  employeeId: string
  lessonId: string
  /** The lesson's day in the branch's time zone. */
  day: string
  minutes: number
  attending: number
  sign: 1 | -1
  /** The lesson's revenue (gross, sessions written off at their value), for a revenue share. */
  revenue: Minor
  /** The approved month this service corrects (recorded after that month's approval), or null. */
  corrects: string | null
}

export interface OtherService {
  id: string
  employeeId: string
  day: string
  minutes: number
  fee: Minor
}

export interface Adjustment {
  id: string
  employeeId: string
  day: string
  kind: 'bonus' | 'deduction' | 'correction'
  /** Positive for a bonus or a deduction; signed for a correction. */
  amount: Minor
  reason: string
  corrects: string | null
}

export interface PayLine {
  employeeId: string
  kind: PayLineKind
  day: string
  serviceId: number | null
  staffServiceId: string | null
  adjustmentId: string | null
  lessonId: string | null
  schemeId: string | null
  attendees: number | null
  minutes: number | null
  /** Minor units per lesson, client, hour or month; basis points for `revenue`. */
  rate: number | null
  /** The revenue a share is of; for `monthly`, the days paid (of `days`). */
  base: number | null
  amount: Minor
  corrects: string | null
  reason: string | null
}

/** Something the preview must say: a lesson of a teacher without a scheme that day is paid nothing. */
export interface PayProblem {
  employeeId: string
  kind: 'noScheme'
  day: string
  lessonId: string | null
}

export interface PayInput {
  /** YYYY-MM */
  month: string
  /** Every scheme of the employees concerned (any dates). */
  schemes: readonly PayScheme[]
  /** Employees paid their fixed monthly pay in this branch (their payroll branch is this one). */
  monthlyHere: ReadonlySet<string>
  lessons: readonly LessonService[]
  others: readonly OtherService[]
  adjustments: readonly Adjustment[]
}

export interface EmployeePay {
  employeeId: string
  lines: PayLine[]
  total: Minor
}

const blank = (employeeId: string, kind: PayLineKind, day: string): PayLine => ({
  employeeId,
  kind,
  day,
  serviceId: null,
  staffServiceId: null,
  adjustmentId: null,
  lessonId: null,
  schemeId: null,
  attendees: null,
  minutes: null,
  rate: null,
  base: null,
  amount: 0,
  corrects: null,
  reason: null,
})

/** The days of `month` a scheme is in force. */
function daysInForce(s: Pick<PayScheme, 'validFrom' | 'validTo'>, month: string): number {
  const { first, last } = monthBounds(month)
  const from = s.validFrom > first ? s.validFrom : first
  const to = s.validTo !== null && s.validTo < last ? s.validTo : last
  if (from > to) return 0
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
}

/** Every line of the month, explained, and what could not be paid. */
export function computePay(input: PayInput): { lines: PayLine[]; problems: PayProblem[] } {
  const byEmployee = new Map<string, PayScheme[]>()
  for (const s of input.schemes) {
    const list = byEmployee.get(s.employeeId) ?? []
    list.push(s)
    byEmployee.set(s.employeeId, list)
  }
  const schemesOf = (id: string) => byEmployee.get(id) ?? []
  const lines: PayLine[] = []
  const problems: PayProblem[] = []

  for (const l of input.lessons) {
    const scheme = schemeOn(schemesOf(l.employeeId), l.day)
    if (!scheme) {
      problems.push({ employeeId: l.employeeId, kind: 'noScheme', day: l.day, lessonId: l.lessonId })
      continue
    }
    const part = (kind: PayLineKind, amount: Minor, extra: Partial<PayLine>): void => {
      lines.push({
        ...blank(l.employeeId, kind, l.day),
        serviceId: l.id,
        lessonId: l.lessonId,
        schemeId: scheme.id,
        attendees: l.attending,
        minutes: l.minutes,
        corrects: l.corrects,
        ...extra,
        amount: amount * l.sign,
      })
    }
    if (scheme.perLesson > 0) part('lesson', scheme.perLesson, { rate: scheme.perLesson })
    if (scheme.perClient > 0) part('client', multiply(scheme.perClient, l.attending), { rate: scheme.perClient })
    if (scheme.revenueBp > 0) part('revenue', percentOf(l.revenue, scheme.revenueBp), { rate: scheme.revenueBp, base: l.revenue })
    if (scheme.hourly > 0) part('hourly', proRata(scheme.hourly, l.minutes, 60), { rate: scheme.hourly })
  }

  for (const o of input.others) {
    const scheme = schemeOn(schemesOf(o.employeeId), o.day)
    const hourly = scheme ? proRata(scheme.hourly, o.minutes, 60) : 0
    lines.push({
      ...blank(o.employeeId, 'service', o.day),
      staffServiceId: o.id,
      schemeId: scheme?.id ?? null,
      minutes: o.minutes,
      rate: scheme?.hourly ?? null,
      base: o.fee,
      amount: o.fee + hourly,
    })
  }

  const { first, days } = monthBounds(input.month)
  for (const employeeId of [...input.monthlyHere].sort()) {
    for (const s of schemesOf(employeeId)) {
      if (s.monthly <= 0) continue
      const paid = daysInForce(s, input.month)
      if (paid === 0) continue
      lines.push({
        ...blank(employeeId, 'monthly', s.validFrom > first ? s.validFrom : first),
        schemeId: s.id,
        rate: s.monthly,
        base: paid,
        minutes: null,
        attendees: null,
        amount: proRata(s.monthly, paid, days),
        reason: `${paid}/${days}`,
      })
    }
  }

  for (const a of input.adjustments) {
    lines.push({
      ...blank(a.employeeId, a.kind, a.day),
      adjustmentId: a.id,
      amount: a.kind === 'deduction' ? -a.amount : a.amount,
      reason: a.reason,
      corrects: a.corrects,
    })
  }

  lines.sort(
    (a, b) =>
      a.employeeId.localeCompare(b.employeeId) ||
      a.day.localeCompare(b.day) ||
      (a.lessonId ?? '').localeCompare(b.lessonId ?? '') ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.serviceId ?? 0) - (b.serviceId ?? 0),
  )
  return { lines, problems }
}

const KIND_ORDER: readonly PayLineKind[] = [
  'lesson',
  'client',
  'revenue',
  'hourly',
  'service',
  'monthly',
  'bonus',
  'deduction',
  'correction',
]

/** The lines grouped per employee, with their totals (in the order of the lines). */
export function payByEmployee(lines: readonly PayLine[]): EmployeePay[] {
  const out = new Map<string, PayLine[]>()
  for (const l of lines) {
    const list = out.get(l.employeeId) ?? []
    list.push(l)
    out.set(l.employeeId, list)
  }
  return [...out].map(([employeeId, ls]) => ({ employeeId, lines: ls, total: sum(ls.map((l) => l.amount)) }))
}

/**
 * What a teacher's pay for each lesson was (for lesson cost): the lesson's own parts, plus the fixed
 * monthly pay of the month spread over that month's lessons by their minutes (largest remainder, so
 * the parts add up to the month's pay exactly). Lessons with nothing to spread onto keep their parts.
 */
export function payPerLesson(lines: readonly PayLine[], lessonMinutes: ReadonlyMap<string, number>): Map<string, Minor> {
  const perLesson = new Map<string, Minor>()
  for (const l of lines) if (l.lessonId) perLesson.set(l.lessonId, (perLesson.get(l.lessonId) ?? 0) + l.amount)
  const lessonsOf = new Map<string, string[]>()
  for (const l of lines) {
    if (!l.lessonId || l.corrects) continue
    const list = lessonsOf.get(l.employeeId) ?? []
    if (!list.includes(l.lessonId)) list.push(l.lessonId)
    lessonsOf.set(l.employeeId, list)
  }
  for (const l of lines) {
    if (l.kind !== 'monthly') continue
    const ids = (lessonsOf.get(l.employeeId) ?? []).filter((id) => (lessonMinutes.get(id) ?? 0) > 0)
    if (!ids.length) continue
    const parts = allocate(
      l.amount,
      ids.map((id) => lessonMinutes.get(id) ?? 0),
    )
    ids.forEach((id, i) => perLesson.set(id, (perLesson.get(id) ?? 0) + parts[i]))
  }
  return perLesson
}
