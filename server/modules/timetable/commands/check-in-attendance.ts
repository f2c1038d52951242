import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'

/**
 * Steps other areas run inside their own command's transaction (the passes area's check-in):
 * the roster learns that a client came, and a make-up credit is used. The caller writes the
 * audit row and holds the lesson's lock (`lesson:<id>`, as "done" takes it).
 */

/**
 * Marks a client checked in at the front desk as attending a lesson: `present` for a current
 * member of the lesson's group, `walk_in` for anyone else (a make-up, a trial). An attending mark
 * already there (present, late, walk-in) is kept; an absence is corrected. A lesson marked done
 * keeps its journal as it was (returns null: nothing written).
 */
export async function markCheckedIn(
  tx: Queryable,
  input: { lessonId: string; clientId: string; by: string },
): Promise<'present' | 'walk_in' | null> {
  // one statement: nothing when the lesson is done; present for a member, else walk-in
  const rows = await queryRows<{ status: 'present' | 'walk_in' }>(
    tx,
    sql`insert into attendance (lesson_id, client_id, status, by)
      select ${input.lessonId}, ${input.clientId}::uuid,
        case when exists (select 1 from lessons l join group_members m on m.group_id = l.group_id and m.left_at is null
                          where l.id = ${input.lessonId} and m.client_id = ${input.clientId}::uuid)
             then 'present' else 'walk_in' end,
        ${input.by}::uuid
      where not exists (select 1 from lesson_completions c where c.lesson_id = ${input.lessonId} and c.undone_at is null)
      on conflict (lesson_id, client_id) do update set status = excluded.status, by = excluded.by, at = now()
        where attendance.status not in ('present', 'late', 'walk_in')
      returning status`,
  )
  if (rows.length) return rows[0].status
  // kept as it was (already attending), or the lesson is done (null)
  const [kept] = await queryRows<{ status: string; done: boolean }>(
    tx,
    sql`select a.status, exists (select 1 from lesson_completions c where c.lesson_id = ${input.lessonId} and c.undone_at is null) as done
        from attendance a where a.lesson_id = ${input.lessonId} and a.client_id = ${input.clientId}::uuid`,
  )
  if (!kept || kept.done) return null
  return kept.status === 'walk_in' ? 'walk_in' : 'present'
}

/** A make-up credit as the check-in reads it. */
export interface MakeUpCredit {
  id: number
  clientId: string
  activityId: string
  fromLessonId: string
  /** The group of the cancelled lesson it came from (a make-up is in another group). */
  fromGroupId: string | null
  usedLessonId: string | null
}

/** A make-up credit, locked for the transaction (undefined when there is none). */
export async function lockMakeUpCredit(tx: Queryable, id: number): Promise<MakeUpCredit | undefined> {
  const [row] = await queryRows<{
    id: string | number
    client_id: string
    activity_id: string
    from_lesson_id: string
    from_group_id: string | null
    used_lesson_id: string | null
  }>(
    tx,
    sql`select c.id, c.client_id, c.activity_id, c.from_lesson_id, l.group_id as from_group_id, c.used_lesson_id
        from make_up_credits c left join lessons l on l.id = c.from_lesson_id
        where c.id = ${id} for update of c`,
  )
  return row
    ? {
        id: Number(row.id),
        clientId: row.client_id,
        activityId: row.activity_id,
        fromLessonId: row.from_lesson_id,
        fromGroupId: row.from_group_id,
        usedLessonId: row.used_lesson_id,
      }
    : undefined
}

/** Marks a make-up credit used for a lesson (once: returns false when it was used already). */
export async function useMakeUpCredit(tx: Queryable, input: { creditId: number; lessonId: string }): Promise<boolean> {
  const rows = await queryRows<{ id: unknown }>(
    tx,
    sql`update make_up_credits set used_lesson_id = ${input.lessonId}
        where id = ${input.creditId} and used_lesson_id is null returning id`,
  )
  return rows.length === 1
}

/** The open make-up credits of a client (unused), oldest first. */
export async function openMakeUpCredits(
  db: Queryable,
  clientId: string,
): Promise<Array<{ id: number; activityId: string; fromLessonId: string; createdAt: string }>> {
  const rows = await queryRows<{ id: string | number; activity_id: string; from_lesson_id: string; created_at: string | Date }>(
    db,
    sql`select id, activity_id, from_lesson_id, created_at from make_up_credits
        where client_id = ${clientId}::uuid and used_lesson_id is null order by id`,
  )
  return rows.map((r) => ({
    id: Number(r.id),
    activityId: r.activity_id,
    fromLessonId: r.from_lesson_id,
    createdAt: new Date(r.created_at).toISOString(),
  }))
}
