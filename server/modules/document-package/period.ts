import { z } from '@hono/zod-openapi'
import { isRealDate } from '../../../domain/calendar'
import { addDays, localDateTime } from '../../../domain/docs/timetable-week'
import { IsoDate } from '../../http/values'

/** A month `YYYY-MM`. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** The first and last day of a month `YYYY-MM`. */
export function monthSpan(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

/**
 * The whole months inside [from, to] (`YYYY-MM`, in order): what a period's payroll and production
 * control are made of (a month cut by the period has neither).
 * @example monthsWithin('2026-10-01', '2026-11-30') // ['2026-10', '2026-11']
 */
export function monthsWithin(from: string, to: string): string[] {
  const out: string[] = []
  let month = from.slice(0, 7)
  while (`${month}-01` <= to) {
    const span = monthSpan(month)
    if (span.from >= from && span.to <= to) out.push(month)
    month = addDays(span.to, 1).slice(0, 7)
  }
  return out
}

/**
 * The month that ended before `at` in a time zone: what the month-close run makes (on 1 December
 * at 02:00 in Yerevan, November).
 */
export function monthBefore(at: Date, timeZone: string): string {
  const today = localDateTime(timeZone, at).date
  return addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)
}

/** The longest period one package may cover (a year and a day: a leap year's). */
export const MAX_DAYS = 366

const day = (v: string) => Date.parse(`${v}T00:00:00Z`) / 86_400_000

/**
 * A period asked for: a month, or a first and a last day (not both); each refusal names its field.
 */
export const periodFields = {
  month: z.string().max(7, 'docPackage.error.monthFormat').regex(MONTH, 'docPackage.error.monthFormat').optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
}

/** The refinement of a period's fields: a month or both days, in order, at most MAX_DAYS apart. */
export function checkPeriod(v: { month?: string; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (v.month && (v.from || v.to)) ctx.addIssue({ code: 'custom', path: ['month'], message: 'docPackage.error.both' })
  else if (!v.month && !v.from && !v.to)
    ctx.addIssue({ code: 'custom', path: ['month'], message: 'docPackage.error.periodRequired' })
  else if (!v.month && !v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'docPackage.error.toRequired' })
  else if (!v.month && !v.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'docPackage.error.fromRequired' })
  else if (v.from && v.to && isRealDate(v.from) && isRealDate(v.to)) {
    const days = day(v.to) - day(v.from)
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.field.notBefore', params: { other: 'from' } })
    else if (days >= MAX_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'errors.field.spanTooLong',
        params: { maxDays: MAX_DAYS, other: 'from' },
      })
  }
}

/** The period of a valid input: its first and last day. */
export function periodOf(input: { month?: string; from?: string; to?: string }): { from: string; to: string } {
  return input.month ? monthSpan(input.month) : { from: input.from as string, to: input.to as string }
}
