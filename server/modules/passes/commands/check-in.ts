import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { lockMakeUpCredit, markCheckedIn, useMakeUpCredit } from '../../timetable/index'
import { todayIn } from '../pass-alerts'
import { writeOff, type VisitSource } from './write-off'

/**
 * The front-desk check-in (`POST /api/check-ins`): a session written off the client's pass for a
 * lesson (or a visit without one), in one transaction with its audit row.
 *
 * - With a lesson: the lesson's activity and day (in its branch's time zone). The lesson's lock is
 *   taken (the one "done" takes), so a check-in and "done" never both write the same visit off:
 *   a client with a visit standing for the lesson (checked in, or written off by "done") is
 *   refused with 409 naming `clientId`, nothing written. The roster learns they came: `present`
 *   for a member of the lesson's group, `walk_in` for anyone else (a make-up, a trial), unless the
 *   lesson is already done (its journal stays as it was).
 * - Without a lesson: with `passId`, a visit on that pass today (its activity when it covers one;
 *   a drop-in: a second one the same day is a second visit). Without either, today's next lesson
 *   of the client's groups that they are not yet checked in for; none → 400 naming `lessonId`.
 * - `passId` chooses the pass by hand: it must be the client's, cover the activity and be usable
 *   that day (not ended, started, not expired, not frozen, a session left), else 409 naming
 *   `passId`. Without it the automatic choice (earliest expiry first); none usable → an owed visit
 *   and `visit_owed`. A pass of another branch is usable (the pass is the client's).
 * - `makeUpCreditId`: a make-up credit of the client (from a cancelled lesson), for a lesson of the
 *   same activity in another group; it is marked used, and the visit is written off as any other
 *   (source `make_up`: the cancelled lesson wrote nothing off).
 */
export interface CheckInInput {
  clientId: string
  lessonId?: string
  passId?: string
  makeUpCreditId?: number
}

export interface CheckInResult {
  visit: { id: number; passId: string | null; owed: boolean; lessonId: string | null; source: VisitSource }
  attendance: 'present' | 'walk_in' | null
}

/** A lesson as the check-in needs it. */
export interface CheckInLesson {
  id: string
  branchId: string
  activityId: string | null
  groupId: string | null
  status: string
  on: string
}

export async function findCheckInLesson(db: Queryable, lessonId: string): Promise<CheckInLesson | null> {
  const [row] = await queryRows<{
    id: string
    branch_id: string
    activity_id: string | null
    group_id: string | null
    status: string
    starts_at: string | Date | null
    tz: string | null
    deleted: boolean
  }>(
    db,
    sql`select l.id, l.branch_id, l.activity_id, l.group_id, l.status, l.starts_at, b.timezone as tz, l.deleted
        from lessons l left join branches b on b.id = l.branch_id where l.id = ${lessonId}`,
  )
  if (!row || row.deleted) return null
  return {
    id: row.id,
    branchId: row.branch_id,
    activityId: row.activity_id,
    groupId: row.group_id,
    status: row.status,
    on: todayIn(row.tz, row.starts_at ? new Date(row.starts_at) : new Date()),
  }
}

/** Today's next lesson of the client's groups (in those branches' time zones) they are not checked in for yet. */
export async function todaysLessonOf(db: Queryable, clientId: string, branchIds: string[] | null): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select l.id from lessons l
        join group_members m on m.group_id = l.group_id and m.client_id = ${clientId}::uuid and m.left_at is null
        join branches b on b.id = l.branch_id
        where not l.deleted and l.status <> 'cancelled' and l.starts_at is not null
          and (l.starts_at at time zone b.timezone)::date = (now() at time zone b.timezone)::date
          ${
            branchIds
              ? sql`and l.branch_id in (${sql.join(
                  branchIds.map((b) => sql`${b}::uuid`),
                  sql`, `,
                )})`
              : sql``
          }
          and not exists (select 1 from pass_visits v where v.lesson_id = l.id and v.client_id = ${clientId}::uuid and v.sign = 1
            and not exists (select 1 from pass_visits r where r.reversal_of = v.id))
        order by abs(extract(epoch from l.starts_at - now())), l.starts_at limit 1`,
  )
  return row?.id ?? null
}

/** A pass's branch, client and activities (for a check-in without a lesson), or null. */
export async function passBasics(
  db: Queryable,
  passId: string,
): Promise<{ id: string; clientId: string; branchId: string; activityIds: string[]; tz: string | null } | null> {
  const [row] = await queryRows<{ id: string; client_id: string; branch_id: string; activity_ids: string[]; tz: string | null }>(
    db,
    sql`select p.id, p.client_id, p.branch_id, p.activity_ids, b.timezone as tz from passes p
        left join branches b on b.id = p.branch_id where p.id = ${passId}::uuid`,
  )
  return row ? { id: row.id, clientId: row.client_id, branchId: row.branch_id, activityIds: row.activity_ids, tz: row.tz } : null
}

/** The visit's place: a lesson, or a pass's branch and today. */
export type CheckInTarget =
  { kind: 'lesson'; lesson: CheckInLesson } | { kind: 'pass'; branchId: string; activityId: string | null; on: string }

export async function checkIn(
  ctx: CommandContext,
  actor: Actor,
  input: CheckInInput,
  target: CheckInTarget,
  /** The input field that holds the credit (the lesson panel's route calls it `creditId`). */
  creditField = 'makeUpCreditId',
): Promise<CheckInResult> {
  const lesson = target.kind === 'lesson' ? target.lesson : null
  if (lesson?.status === 'cancelled')
    throw ConflictError('errors.visits.lessonCancelled', { lessonId: 'errors.visits.lessonCancelled' })
  if (lesson && !lesson.activityId) throw ValidationError({ lessonId: 'errors.visits.lessonNoActivity' })
  if (input.makeUpCreditId !== undefined && !lesson) throw ValidationError({ [creditField]: 'errors.visits.creditNeedsLesson' })
  const branchId = lesson ? lesson.branchId : target.kind === 'pass' ? target.branchId : null
  const activityId = lesson ? lesson.activityId : target.kind === 'pass' ? target.activityId : null
  const on = lesson ? lesson.on : target.kind === 'pass' ? target.on : ''
  const source: VisitSource = input.makeUpCreditId !== undefined ? 'make_up' : 'check_in'
  return runCommand(ctx, 'visits.checkIn', async (tx) => {
    const events: CommandEvent[] = []
    if (lesson) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'lesson:' + lesson.id}, 0))`)
      const [standing] = await queryRows<{ id: unknown }>(
        tx,
        sql`select v.id from pass_visits v where v.lesson_id = ${lesson.id} and v.client_id = ${input.clientId}::uuid
              and v.sign = 1 and not exists (select 1 from pass_visits r where r.reversal_of = v.id) limit 1`,
      )
      if (standing) throw ConflictError('errors.visits.alreadyCheckedIn', { clientId: 'errors.visits.alreadyCheckedIn' })
    }
    if (input.makeUpCreditId !== undefined && lesson) {
      const credit = await lockMakeUpCredit(tx, input.makeUpCreditId)
      if (!credit || credit.clientId !== input.clientId) throw ValidationError({ [creditField]: 'errors.visits.creditNotFound' })
      if (credit.usedLessonId) throw ConflictError('errors.visits.creditUsed', { [creditField]: 'errors.visits.creditUsed' })
      if (credit.activityId !== lesson.activityId)
        throw ConflictError('errors.visits.creditOtherActivity', { [creditField]: 'errors.visits.creditOtherActivity' })
      if (credit.fromGroupId && credit.fromGroupId === lesson.groupId)
        throw ConflictError('errors.visits.creditSameGroup', { [creditField]: 'errors.visits.creditSameGroup' })
      await useMakeUpCredit(tx, { creditId: credit.id, lessonId: lesson.id })
    }
    const out = await writeOff(tx, {
      clientId: input.clientId,
      branchId,
      activityId,
      on,
      source,
      lessonId: lesson?.id ?? null,
      makeUpCreditId: input.makeUpCreditId ?? null,
      passId: input.passId ?? null,
      by: actor.id,
    })
    events.push(...out.events)
    let attendance: CheckInResult['attendance'] = null
    if (lesson) {
      attendance = await markCheckedIn(tx, { lessonId: lesson.id, clientId: input.clientId, by: actor.id })
      if (attendance)
        events.push({
          name: 'entity.changed',
          payload: { type: 'lesson', id: lesson.id, action: 'update', branchId: lesson.branchId },
        })
    }
    const visit = { ...out.visit, lessonId: lesson?.id ?? null, source }
    return {
      result: { visit, attendance },
      entity: 'visit',
      entityId: String(out.visit.id),
      after: { ...visit, clientId: input.clientId, on, activityId, makeUpCreditId: input.makeUpCreditId ?? null, attendance },
      events,
    }
  })
}
