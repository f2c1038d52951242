import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import type { Minor } from '../../../../domain/money'

/** Joins ids into one parameter (a lesson id never holds the unit separator). */
const SEP = '\u001f'

/** A lesson's revenue: the sessions written off for it at their value (gross), and the VAT in that. */
export interface Revenue {
  gross: Minor
  tax: Minor
}

/**
 * What one session of each pass is worth: its price (the gross charged, with the tax its invoice
 * line computed) over its sessions; an unlimited pass's over the sessions written off it so far.
 * Rounded half away from zero per session, as `proRata` does.
 */
function sessionValue(visits: SQL) {
  return valued(sql`
    select pv.lesson_id, pv.completion_id, pv.sign, pv.pass_id from pass_visits pv
    where pv.pass_id is not null and pv.lesson_id is not null and ${visits}`)
}

/** The visits `v0` (lesson_id, completion_id, sign, pass_id) with their pass's price, sessions and tax: `v`. */
function valued(v0: SQL) {
  return sql`
  with v0 as (${v0}),
  il as (
    select distinct on (l.pass_id) l.pass_id, l.tax from invoice_lines l
    where l.kind = 'pass' and l.pass_id in (select pass_id from v0) order by l.pass_id, l.id),
  v as (
    select v0.lesson_id, v0.completion_id, v0.sign, v0.pass_id, p.price, p.sessions_total, coalesce(il.tax, 0) as tax
    from v0 join passes p on p.id = v0.pass_id left join il on il.pass_id = v0.pass_id)`
}

const UNLIMITED = sql`
  u as (
    select pass_id, greatest(sum(sign), 1) as n from pass_visits
    where pass_id in (select pass_id from v where sessions_total is null)
    group by pass_id
  )`

/**
 * The revenue each completion (a lesson marked done) brought: the sessions written off for its
 * lesson — by the completion itself (the +1 rows; their undo does not change what that completion
 * was worth, so an undo pays a revenue share back exactly) and at the desk before it (a check-in or
 * a make-up for the lesson, not taken back), which "done" does not write off again. Walk-ins
 * without a pass (owed visits) count once settled on a pass.
 */
export async function completionRevenue(
  db: Queryable,
  completions: ReadonlyArray<{ completionId: number; lessonId: string }>,
): Promise<Map<number, Revenue>> {
  if (!completions.length) return new Map()
  const rows = await queryRows<{ completion_id: string; gross: string; tax: string }>(
    db,
    sql`${valued(sql`
      select pv.lesson_id, c.id as completion_id, pv.sign, pv.pass_id
      from unnest(string_to_array(${completions.map((c) => Number(c.completionId)).join(',')}, ',')::bigint[],
                  string_to_array(${completions.map((c) => c.lessonId).join(SEP)}, ${SEP})) as c (id, lesson_id)
        join pass_visits pv on pv.lesson_id = c.lesson_id
      where pv.pass_id is not null and pv.sign = 1
        and (pv.completion_id = c.id
          or (pv.completion_id is null and pv.source in ('check_in', 'make_up')
            and not exists (select 1 from pass_visits r where r.reversal_of = pv.id)))`)},
    ${UNLIMITED}
    select v.completion_id,
      sum(round(v.price::numeric / coalesce(v.sessions_total, u.n)))::bigint as gross,
      sum(round(v.tax::numeric / coalesce(v.sessions_total, u.n)))::bigint as tax
    from v left join u using (pass_id)
    group by v.completion_id`,
  )
  return new Map(rows.map((r) => [Number(r.completion_id), { gross: Number(r.gross), tax: Number(r.tax) }]))
}

/** Each lesson's revenue now: every session written off for it, less those taken back (undone, refunded). */
export async function lessonRevenue(db: Queryable, lessonIds: readonly string[]): Promise<Map<string, Revenue>> {
  if (!lessonIds.length) return new Map()
  const rows = await queryRows<{ lesson_id: string; gross: string; tax: string }>(
    db,
    sql`${sessionValue(sql`pv.lesson_id = any(string_to_array(${lessonIds.join(SEP)}, ${SEP}))`)},
    ${UNLIMITED}
    select v.lesson_id,
      sum(v.sign * round(v.price::numeric / coalesce(v.sessions_total, u.n)))::bigint as gross,
      sum(v.sign * round(v.tax::numeric / coalesce(v.sessions_total, u.n)))::bigint as tax
    from v left join u using (pass_id)
    group by v.lesson_id`,
  )
  return new Map(rows.map((r) => [r.lesson_id, { gross: Number(r.gross), tax: Number(r.tax) }]))
}
