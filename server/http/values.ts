import { z } from '@hono/zod-openapi'
import type { MessageId } from '../../domain/i18n/catalogue'
import { MAX_YEAR, MIN_YEAR, isRealDate, isRealDateTime, isRealTime, isRealWeek } from '../../domain/calendar'

/**
 * The shared input types for calendar values and bounded numbers. A value that matches the
 * pattern but is not a real one (`2026-02-31`, `24:00`, `2026-W54`) is refused here, with a 400
 * naming the field, before it can reach the database. Their messages are catalogue ids (the error
 * is rendered in the reader's language).
 */

/**
 * A UUID in any case, handed on in its one canonical spelling (lower case): ids become document
 * names (`client:<id>`), and those have one spelling.
 */
export const Uuid = z.string().uuid().toLowerCase()

/** A calendar date `YYYY-MM-DD` that exists. */
export const IsoDate = z
  .string()
  .max(10, 'errors.field.dateFormat')
  .refine(isRealDate, { message: 'errors.field.realDate', params: { min: MIN_YEAR, max: MAX_YEAR } })
  .openapi({ type: 'string', format: 'date', example: '2026-03-02' })

/** A time of day `HH:MM`, 00:00–23:59. */
export const IsoTime = z
  .string()
  .max(5, 'errors.field.timeFormat')
  .refine(isRealTime, { message: 'errors.field.realTime' })
  .openapi({ type: 'string', example: '16:30' })

/** An ISO 8601 date-time with its zone (`2026-03-02T16:30:00Z`, `…+04:00`). */
export const IsoDateTime = z
  .string()
  .max(40, 'errors.field.dateTimeFormat')
  .refine(isRealDateTime, { message: 'errors.field.realDateTime' })
  .openapi({ type: 'string', format: 'date-time' })

/** An ISO week key `YYYY-Www` its year has. */
export const WeekKey = z
  .string()
  .max(8, 'errors.field.weekFormat')
  .refine(isRealWeek, { message: 'errors.field.realWeek' })
  .openapi({ type: 'string', example: '2026-W10' })

/** A page size in a query string (`?limit=`), 1…max. */
export const PageLimit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback)

/** A whole amount of money in minor units (never a float), 0…max. */
export const MinorUnits = (max = 1_000_000_000) => z.number().int('errors.field.wholeMinorUnits').min(0).max(max)

/** A database serial id given as digits in a path or query: 1 … 2^53-1 (exact as a JS number and a bigint). */
export const SerialId = (message: MessageId = 'errors.field.invalidId') =>
  z
    .string()
    .max(16, message)
    .refine((v) => /^\d{1,16}$/.test(v) && Number(v) >= 1 && Number(v) <= Number.MAX_SAFE_INTEGER, { message })

const dayNumber = (date: string) => Date.parse(date + 'T00:00:00Z') / 86_400_000

/**
 * An object refinement: `to` is not before `from`, and the span is at most `maxDays` days (a range
 * of three centuries would plan or scan without end). The issue names `to`.
 * @example z.object({ from: IsoDate, to: IsoDate }).superRefine(dateSpan('from', 'to', 366))
 */
export function dateSpan<F extends string, T extends string>(from: F, to: T, maxDays: number) {
  return (value: { [k in F | T]?: string | null }, ctx: z.RefinementCtx) => {
    const a = value[from]
    const b = value[to]
    if (!a || !b || !isRealDate(a) || !isRealDate(b)) return
    const days = dayNumber(b) - dayNumber(a)
    if (days < 0) ctx.addIssue({ code: 'custom', path: [to], message: 'errors.field.notBefore', params: { other: from } })
    else if (days >= maxDays)
      ctx.addIssue({ code: 'custom', path: [to], message: 'errors.field.spanTooLong', params: { maxDays, other: from } })
  }
}
