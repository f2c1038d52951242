/**
 * Pay schemes in time (issue #19): effective-dated, never overlapping for one employee, and never
 * changed inside a month whose payroll is approved. Pure: the staff area's commands load the rows
 * and apply what these functions decide, so the rules are tested without a database.
 */

/** The rates of a scheme, in minor units (the revenue share in basis points). Its parts add up. */
export interface SchemeRates {
  perLesson: number
  perClient: number
  revenueBp: number
  hourly: number
  monthly: number
}

export interface PayScheme extends SchemeRates {
  id: string
  employeeId: string
  /** First day it applies (YYYY-MM-DD). */
  validFrom: string
  /** Last day it applies; null: open. */
  validTo: string | null
}

export const RATE_FIELDS = ['perLesson', 'perClient', 'revenueBp', 'hourly', 'monthly'] as const

/** The day before an ISO day. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/** The month (YYYY-MM) of an ISO day. */
export const monthOf = (day: string): string => day.slice(0, 7)

/** The first and last day of a month (YYYY-MM). */
export function monthBounds(month: string): { first: string; last: string; days: number } {
  const [y, m] = month.split('-').map(Number)
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}`, days }
}

/** The scheme in force on a day, if any (schemes of one employee never overlap). */
export function schemeOn<S extends Pick<PayScheme, 'validFrom' | 'validTo'>>(schemes: readonly S[], day: string): S | null {
  return schemes.find((s) => s.validFrom <= day && (s.validTo === null || s.validTo >= day)) ?? null
}

/** Why a scheme cannot start: a message id of the staff catalogue, naming the field it is about. */
export type SchemeRefusal =
  | { field: 'validFrom'; message: 'staff.scheme.overlaps' }
  | { field: 'validFrom'; message: 'staff.scheme.insideApproved' }
  | { field: 'validTo'; message: 'staff.scheme.endsBeforeStart' }
  | { field: (typeof RATE_FIELDS)[number]; message: 'staff.scheme.negativeRate' | 'staff.scheme.rateTooHigh' }
  | { field: 'perLesson'; message: 'staff.scheme.empty' }

export interface SchemePlan {
  /** The open scheme that the new one replaces: it ends the day before the new one starts. */
  closes: { id: string; validTo: string } | null
}

/**
 * Whether `proposed` may be added to an employee's `existing` schemes, given the months already
 * approved for the employee's payroll branch. A scheme starting after an open one is a change:
 * the open one ends the day before. Anything else that overlaps is refused, as is a start (or an
 * end, or the close of the open one) inside an approved month: pay of a locked month never moves.
 */
export function planScheme(
  existing: readonly PayScheme[],
  proposed: Omit<PayScheme, 'id' | 'employeeId'>,
  approvedMonths: ReadonlySet<string>,
): { ok: true; plan: SchemePlan } | { ok: false; refusal: SchemeRefusal } {
  for (const f of RATE_FIELDS) {
    const v = proposed[f]
    if (!Number.isSafeInteger(v) || v < 0) return { ok: false, refusal: { field: f, message: 'staff.scheme.negativeRate' } }
  }
  if (proposed.revenueBp > 10_000) return { ok: false, refusal: { field: 'revenueBp', message: 'staff.scheme.rateTooHigh' } }
  if (RATE_FIELDS.every((f) => proposed[f] === 0))
    return { ok: false, refusal: { field: 'perLesson', message: 'staff.scheme.empty' } }
  if (proposed.validTo !== null && proposed.validTo < proposed.validFrom)
    return { ok: false, refusal: { field: 'validTo', message: 'staff.scheme.endsBeforeStart' } }
  // an approved month from the start on (or the day the open scheme's change takes effect) is locked
  const lockedFrom = [...approvedMonths].sort().reverse()[0]
  if (lockedFrom && monthOf(proposed.validFrom) <= lockedFrom)
    return { ok: false, refusal: { field: 'validFrom', message: 'staff.scheme.insideApproved' } }

  let closes: SchemePlan['closes'] = null
  for (const s of existing) {
    const end = proposed.validTo ?? '9999-12-31'
    const sEnd = s.validTo ?? '9999-12-31'
    if (s.validFrom > end || sEnd < proposed.validFrom) continue
    // the open scheme that started earlier: the new one is its change
    if (s.validTo === null && s.validFrom < proposed.validFrom && closes === null) {
      closes = { id: s.id, validTo: dayBefore(proposed.validFrom) }
      continue
    }
    return { ok: false, refusal: { field: 'validFrom', message: 'staff.scheme.overlaps' } }
  }
  return { ok: true, plan: { closes } }
}
