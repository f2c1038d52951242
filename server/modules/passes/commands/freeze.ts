import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { addDays } from '../../../../domain/docs/timetable-week'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError, msg, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { reviewPassAlerts, todayIn } from '../pass-alerts'
import { passChanged } from './write-off'

/**
 * Freezing a pass (`POST /api/passes/{id}/freeze`) and resuming it early (`…/resume`), within the
 * rules copied from its plan on the day of the sale: at most `freeze_max_times` freezes and
 * `freeze_max_days` days in all (the days a freeze actually lasted: one resumed early counts only
 * until its resume). A freeze moves the pass's last day (`valid_until`) by its days; resuming
 * gives the unused days back (the last day moves back by them). The frozen days are
 * [from, from + days), and a frozen pass takes no session off. A mass freeze's days (a closure)
 * do not count against the pass's own allowance.
 */

export interface FreezeInput {
  from: string
  days?: number
  to?: string
  reason?: string
}

/** Whole days from `a` to `b` (YYYY-MM-DD), b − a. */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

/** The days asked for, from `days` or the last day `to` (inclusive); 400 naming the field. */
export function freezeDays(input: { from: string; days?: number; to?: string }): number {
  if ((input.days === undefined) === (input.to === undefined)) throw ValidationError({ days: 'errors.visits.freezeDaysOrTo' })
  if (input.to !== undefined) {
    const n = daysBetween(input.from, input.to) + 1
    if (n < 1) throw ValidationError({ to: 'errors.visits.freezeToBeforeFrom' })
    return n
  }
  return input.days as number
}

interface FreezeRow {
  id: number
  batch_id: string | null
  from_on: string
  days: number
  resumed_on: string | null
}

/** A pass's freezes still in force (not undone), oldest first. */
async function freezesOf(db: Queryable, passId: string): Promise<FreezeRow[]> {
  const rows = await queryRows<FreezeRow>(
    db,
    sql`select id::int8 as id, batch_id, to_char(from_on, 'YYYY-MM-DD') as from_on, days, to_char(resumed_on, 'YYYY-MM-DD') as resumed_on
        from pass_freezes where pass_id = ${passId}::uuid and undone_at is null order by from_on, id`,
  )
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

/** The days a freeze lasts (resumed early: until the resume). */
export const lastedDays = (f: { from_on: string; days: number; resumed_on: string | null }): number =>
  f.resumed_on ? Math.max(0, Math.min(f.days, daysBetween(f.from_on, f.resumed_on))) : f.days

interface LockedPass {
  id: string
  branch_id: string
  valid_until: string
  ended: boolean
  freeze_max_days: number
  freeze_max_times: number
  tz: string | null
}

async function lockForFreeze(db: Queryable, passId: string): Promise<LockedPass | null> {
  const [row] = await queryRows<LockedPass>(
    db,
    sql`select p.id, p.branch_id, to_char(p.valid_until, 'YYYY-MM-DD') as valid_until, p.ended_at is not null as ended,
          p.freeze_max_days, p.freeze_max_times, (select timezone from branches b where b.id = p.branch_id) as tz
        from passes p where p.id = ${passId}::uuid for update`,
  )
  return row ?? null
}

export interface FreezeResult {
  freezeId: number
  passId: string
  from: string
  days: number
  validUntil: string
}

export async function freezePass(ctx: CommandContext, actor: Actor, passId: string, input: FreezeInput): Promise<FreezeResult> {
  const days = freezeDays(input)
  return runCommand(ctx, 'passes.freeze', async (tx) => {
    const pass = await lockForFreeze(tx, passId)
    if (!pass) throw ConflictError('errors.visits.passNotFound')
    if (pass.ended) throw ConflictError('errors.visits.passEnded', { from: 'errors.visits.passEnded' })
    if (pass.freeze_max_days <= 0 || pass.freeze_max_times <= 0)
      throw ConflictError('errors.visits.freezeNotAllowed', { days: 'errors.visits.freezeNotAllowed' })
    if (input.from > pass.valid_until)
      throw ConflictError('errors.visits.freezeAfterEnd', { from: 'errors.visits.freezeAfterEnd' })
    const all = await freezesOf(tx, passId)
    const own = all.filter((f) => !f.batch_id)
    if (own.length >= pass.freeze_max_times)
      throw ConflictError(msg('errors.visits.freezeTooManyTimes', { max: pass.freeze_max_times }), {
        from: msg('errors.visits.freezeTooManyTimes', { max: pass.freeze_max_times }),
      })
    const used = own.reduce((s, f) => s + lastedDays(f), 0)
    const left = Math.max(0, pass.freeze_max_days - used)
    if (days > left)
      throw ConflictError(msg('errors.visits.freezeTooManyDays', { left }), {
        days: msg('errors.visits.freezeTooManyDays', { left }),
      })
    const end = addDays(input.from, days)
    const overlaps = all.some((f) => f.from_on < end && input.from < addDays(f.from_on, lastedDays(f)))
    if (overlaps) throw ConflictError('errors.visits.freezeOverlaps', { from: 'errors.visits.freezeOverlaps' })
    const [row] = await queryRows<{ id: string | number }>(
      tx,
      sql`insert into pass_freezes (pass_id, from_on, days, reason, by)
          values (${passId}::uuid, ${input.from}::date, ${days}, ${input.reason ?? null}, ${actor.id}::uuid) returning id`,
    )
    const validUntil = addDays(pass.valid_until, days)
    await tx.execute(sql`update passes set valid_until = ${validUntil}::date where id = ${passId}::uuid`)
    const events: CommandEvent[] = [
      ...(await reviewPassAlerts(tx, [passId], actor.id)),
      passChanged(passId, 'frozen', pass.branch_id),
    ]
    const result = { freezeId: Number(row.id), passId, from: input.from, days, validUntil }
    return {
      result,
      entity: 'pass',
      entityId: passId,
      before: { validUntil: pass.valid_until },
      after: { ...result, reason: input.reason ?? null },
      events,
    }
  })
}

export interface ResumeResult {
  passId: string
  on: string
  /** Days given back (the freeze's days not used). */
  givenBack: number
  validUntil: string
}

/**
 * Resumes a frozen pass on `on` (default: today in its branch's time zone): the freeze in force
 * that day ends there, and its unused days are given back (the last day moves back by them, and
 * the allowance counts only the days used). 409 naming `on` when nothing is frozen that day.
 */
export async function resumePass(
  ctx: CommandContext,
  actor: Actor,
  passId: string,
  input: { on?: string },
): Promise<ResumeResult> {
  return runCommand(ctx, 'passes.resume', async (tx) => {
    const pass = await lockForFreeze(tx, passId)
    if (!pass) throw ConflictError('errors.visits.passNotFound')
    const on = input.on ?? todayIn(pass.tz)
    const all = await freezesOf(tx, passId)
    const current = all.filter((f) => !f.resumed_on && f.from_on <= on && on < addDays(f.from_on, f.days)).pop()
    if (!current) {
      const later = all.some((f) => !f.resumed_on && on < f.from_on)
      throw ConflictError(later ? 'errors.visits.resumeBeforeFreeze' : 'errors.visits.notFrozen', {
        on: later ? 'errors.visits.resumeBeforeFreeze' : 'errors.visits.notFrozen',
      })
    }
    const givenBack = current.days - daysBetween(current.from_on, on)
    const validUntil = addDays(pass.valid_until, -givenBack)
    await tx.execute(
      sql`update pass_freezes set resumed_on = ${on}::date, resumed_by = ${actor.id}::uuid where id = ${current.id}`,
    )
    await tx.execute(sql`update passes set valid_until = ${validUntil}::date where id = ${passId}::uuid`)
    const events: CommandEvent[] = [
      ...(await reviewPassAlerts(tx, [passId], actor.id)),
      passChanged(passId, 'resumed', pass.branch_id),
    ]
    const result = { passId, on, givenBack, validUntil }
    return {
      result,
      entity: 'pass',
      entityId: passId,
      before: { validUntil: pass.valid_until, freezeId: current.id },
      after: result,
      events,
    }
  })
}
