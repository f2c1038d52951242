import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { localDateTime } from '../../../domain/docs/timetable-week'
import type { HookMap } from '../../contracts/hooks'
import { burnAbsence, reverseVisits, standingVisits, writeOff } from './commands/write-off'

/**
 * The passes area's steps in the timetable's "done" and "undo" (server/contracts/hooks.ts), in
 * their transaction:
 * - done: a session off each attending member's pass (the automatic choice; no usable pass → an
 *   owed visit and `visit_owed`), and off each unexcused absentee's pass where that pass burns
 *   one; a member already written off for this lesson (checked in at the front desk, a make-up)
 *   is not written off again;
 * - undone: exactly the rows of that completion still standing are reversed (sign −1), their
 *   sessions given back (an owed row settled later by a sale is followed onto its pass). Visits
 *   of the front desk (check-ins) stay: the client did come.
 */

/** The lesson's branch and day (its date in the branch's time zone). */
export async function lessonDay(
  db: Queryable,
  lessonId: string,
): Promise<{ branchId: string; on: string; groupId: string | null; activityId: string | null } | null> {
  const [row] = await queryRows<{
    branch_id: string
    starts_at: string | Date | null
    tz: string | null
    group_id: string | null
    activity_id: string | null
  }>(
    db,
    sql`select l.branch_id, l.starts_at, b.timezone as tz, l.group_id, l.activity_id from lessons l
        left join branches b on b.id = l.branch_id where l.id = ${lessonId}`,
  )
  if (!row) return null
  const at = row.starts_at ? new Date(row.starts_at) : new Date()
  return {
    branchId: row.branch_id,
    on: localDateTime(row.tz || 'UTC', at).date,
    groupId: row.group_id,
    activityId: row.activity_id,
  }
}

/** Clients with a visit standing for this lesson (any source): they are not written off again. */
export async function writtenOffFor(db: Queryable, lessonId: string, clientIds: string[]): Promise<Set<string>> {
  if (!clientIds.length) return new Set()
  const rows = await standingVisits(db, sql`v.lesson_id = ${lessonId}`)
  return new Set(rows.map((r) => r.client_id))
}

export async function onLessonDone(input: HookMap['lesson.done']): Promise<void> {
  const { tx, lessonId, activityId, completionId, by } = input
  if (!activityId) return
  const lesson = await lessonDay(tx, lessonId)
  if (!lesson) return
  const events = input.events ?? []
  const done = await writtenOffFor(tx, lessonId, [...input.attended, ...input.absentUnexcused])
  const base = { branchId: lesson.branchId, activityId, on: lesson.on, lessonId, completionId, by }
  // every pass it may take, locked at once in id order (as a mass freeze locks them): no deadlock
  const everyone = [...new Set([...input.attended, ...input.absentUnexcused])]
  if (everyone.length)
    await tx.execute(
      sql`select id from passes where client_id in (${sql.join(
        everyone.map((c) => sql`${c}::uuid`),
        sql`, `,
      )}) and ended_at is null and activity_ids @> array[${activityId}::uuid] order by id for update`,
    )
  // one order for every transaction (passes are locked one by one)
  for (const clientId of [...new Set(input.attended)].sort()) {
    if (done.has(clientId)) continue
    const out = await writeOff(tx, { ...base, clientId, source: 'lesson' })
    events.push(...out.events)
  }
  for (const clientId of [...new Set(input.absentUnexcused)].sort()) {
    if (done.has(clientId)) continue
    const out = await burnAbsence(tx, { ...base, clientId })
    if (out) events.push(...out.events)
  }
}

export async function onLessonUndone(input: HookMap['lesson.undone']): Promise<void> {
  const rows = await standingVisits(input.tx, sql`v.completion_id = ${input.completionId}`)
  if (!rows.length) return
  const events = await reverseVisits(input.tx, rows, input.by)
  input.events?.push(...events)
}
