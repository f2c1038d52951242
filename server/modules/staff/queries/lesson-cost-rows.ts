import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'

/** A lesson done (its completion open) in the period, with what its room, consumables and overhead need. */
export interface DoneLessonRow {
  id: string
  branch_id: string
  group_id: string | null
  activity_id: string | null
  teacher_id: string | null
  room_id: string | null
  completion_id: string
  /** The lesson's day in its branch's time zone (YYYY-MM-DD). */
  day: string
  starts_at: string
  minutes: number
  /** The branch's overhead per hour in force that day (minor units). */
  overhead: string
  /** The consumables used by the norms, valued at each product's cost of the day (minor units). */
  consumables: string
  /** Its revenue as `lessonRevenue` counts it (sessions written off at their value), and the VAT in it. */
  gross: string
  tax: string
}

/**
 * Every lesson done now (its completion not undone) whose day, in its branch's time zone, is in
 * [from, to], of the given branches (null: all), in one set-based query. Consumables are the uses
 * the timetable wrote for the open completion (norms × 1, less any taken back), matched to the
 * consumable product of that name or SKU as the stock ledger does, at its cost in force that day.
 * Revenue is `lessonRevenue`'s (queries/lesson-revenue.ts) computed for the whole set at once with
 * hash joins: that one takes a list of ids (`= any(...)`), which a year of lessons makes slow.
 */
export async function doneLessons(
  db: Queryable,
  branchIds: readonly string[] | null,
  from: string,
  to: string,
): Promise<DoneLessonRow[]> {
  const branchFilter = branchIds ? sql`and l.branch_id = any(string_to_array(${branchIds.join(',')}, ',')::uuid[])` : sql``
  // the UTC range a day wider each side (an estimate the planner can trust); the branch's own days are kept below
  // one query over a year of lessons: PostgreSQL's JIT would spend seconds compiling it, and gain nothing
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`)
    // the CTEs' row counts are guesses (a handful): PostgreSQL would join the day's product costs
    // to every use by nested loop (33,000 × 200 for a year, 600 ms); hash joins take milliseconds
    await tx.execute(sql`set local enable_nestloop = off`)
    return queryRows<DoneLessonRow>(
      tx,
      sql`with l as (
      select l.id, l.branch_id, l.group_id, l.activity_id, l.teacher_id, l.room_id, c.id as completion_id,
             to_char((l.starts_at at time zone b.timezone)::date, 'YYYY-MM-DD') as day, l.starts_at,
             greatest(0, round(extract(epoch from (l.ends_at - l.starts_at)) / 60))::int as minutes
        from lessons l
        join lesson_completions c on c.lesson_id = l.id and c.undone_at is null
        join branches b on b.id = l.branch_id
       where l.starts_at >= ${from}::date - 1 and l.starts_at < ${to}::date + 2
         ${branchFilter}
    ),
    uses as (
      select u.lesson_id, u.item, l.day, sum(u.sign * u.quantity) as quantity
        from consumable_uses u join l on l.id = u.lesson_id and l.completion_id = u.completion_id
       group by u.lesson_id, u.item, l.day
    ),
    items as (
      select distinct on (i.item) i.item, p.id as product_id
        from (select distinct item from uses) i
        join products p on p.kind = 'consumable' and (lower(p.name) = lower(i.item) or lower(p.sku) = lower(i.item))
       order by i.item, p.archived_at nulls first, p.created_at
    ),
    prices as (
      select d.product_id, d.day, pr.cost
        from (select distinct i.product_id, u.day from uses u join items i on i.item = u.item) d
        left join lateral (
          select pp.cost from product_prices pp
           where pp.product_id = d.product_id and pp.effective_from <= d.day::date
           order by pp.effective_from desc limit 1
        ) pr on true
    ),
    valued as (
      select u.lesson_id, round(sum(u.quantity * coalesce(pr.cost, 0)))::bigint as cost
        from uses u join items i on i.item = u.item
        left join prices pr on pr.product_id = i.product_id and pr.day = u.day
       group by u.lesson_id
    ),
    visits as (
      select pv.lesson_id, pv.sign, pv.pass_id from pass_visits pv join l on l.id = pv.lesson_id where pv.pass_id is not null
    ),
    sold as (
      select p.id, p.price, p.sessions_total, coalesce(il.tax, 0) as tax
        from passes p
        left join (select distinct on (pass_id) pass_id, tax from invoice_lines
                    where kind = 'pass' and pass_id in (select pass_id from visits) order by pass_id, id) il on il.pass_id = p.id
       where p.id in (select pass_id from visits)
    ),
    unlimited as (
      select pass_id, greatest(sum(sign), 1) as n from pass_visits
       where pass_id in (select id from sold where sessions_total is null) group by pass_id
    ),
    revenue as (
      select v.lesson_id,
             sum(v.sign * round(s.price::numeric / coalesce(s.sessions_total, u.n)))::bigint as gross,
             sum(v.sign * round(s.tax::numeric / coalesce(s.sessions_total, u.n)))::bigint as tax
        from visits v join sold s on s.id = v.pass_id left join unlimited u on u.pass_id = s.id
       group by v.lesson_id
    ),
    overheads as (
      select cs.branch_id, cs.valid_from, cs.overhead_per_hour from cost_settings cs
       where cs.branch_id in (select distinct branch_id from l)
    )
    select l.id, l.branch_id, l.group_id, l.activity_id, l.teacher_id, l.room_id, l.completion_id::text as completion_id,
           l.day, l.starts_at::text as starts_at, l.minutes,
           coalesce((select o.overhead_per_hour from overheads o where o.branch_id = l.branch_id and o.valid_from <= l.day::date
                      order by o.valid_from desc limit 1), 0)::text as overhead,
           coalesce(v.cost, 0)::text as consumables,
           coalesce(r.gross, 0)::text as gross, coalesce(r.tax, 0)::text as tax
      from l left join valued v on v.lesson_id = l.id left join revenue r on r.lesson_id = l.id
     order by l.starts_at, l.id`,
    )
  })
  return rows.filter((r) => r.day >= from && r.day <= to)
}

/** The teacher's service written for each lesson's open completion: its minutes and who attended. */
export interface ServiceRow {
  id: string
  lesson_id: string
  teacher_id: string
  duration_minutes: number
  attending: number
}

export async function servicesOf(db: Queryable, completionIds: readonly string[]): Promise<ServiceRow[]> {
  if (!completionIds.length) return []
  return queryRows<ServiceRow>(
    db,
    sql`select ts.id::text as id, ts.lesson_id, ts.teacher_id, ts.duration_minutes, ts.attending
          from teacher_services ts
          join unnest(string_to_array(${completionIds.join(',')}, ',')::bigint[]) as c(id) on c.id = ts.completion_id
         where ts.sign = 1`,
  )
}
