import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db, type Queryable } from '../../../../db/client'
import type { Currency } from '../../../../domain/i18n/format'
import type { Minor } from '../../../../domain/money'
import { computeLessonCosts, monthsBetween, type CostGroupBy, type LessonCostFacts } from './lesson-cost-facts'

/**
 * The margin report's figures, kept per branch and month (migration 0032). A kept month is used
 * while nothing it was computed from has changed since: the triggers write a change row in every
 * writer's transaction, and a month is stale when a change covering it was made by a transaction
 * its snapshot did not see. Stale or missing months are computed again from the records
 * (`computeLessonCosts`), all at once, one filler at a time; the rest is read as it was kept.
 * The figures are the same as computing everything afresh (test/integration/staff/lesson-cost-cache).
 */

interface Month {
  branch_id: string
  month: string
}

const list = (xs: readonly string[]) => xs.join(',')

/** The months of these branches that are not kept, or whose kept figures a later change may have altered. */
async function staleMonths(db: Queryable, branchIds: readonly string[], months: readonly string[]): Promise<Month[]> {
  return queryRows<Month>(
    db,
    sql`with wanted as (
          select b.id as branch_id, m.month
            from branches b, unnest(string_to_array(${list(months)}, ',')) as m(month)
           where b.id = any(string_to_array(${list(branchIds)}, ',')::uuid[]))
        select w.branch_id::text as branch_id, w.month from wanted w
          left join lesson_cost_months k on k.branch_id = w.branch_id and k.month = w.month
         where k.branch_id is null
            or exists (select 1 from lesson_cost_changes c
                        where (c.branch_id is null or c.branch_id = w.branch_id)
                          and (c.month_from is null or c.month_from <= w.month)
                          and (c.month_to is null or c.month_to >= w.month)
                          and not pg_visible_in_snapshot(c.xid, k.snapshot))
         order by 1, 2`,
  )
}

/** Writes the figures of some months again (their old ones go), after the snapshot they were computed in. */
async function keep(tx: Queryable, snapshot: string, months: readonly Month[], facts: readonly LessonCostFacts[]) {
  const keys = JSON.stringify(months)
  await tx.execute(sql`delete from lesson_cost_months k using jsonb_to_recordset(${keys}::jsonb) as m(branch_id uuid, month text)
                        where k.branch_id = m.branch_id and k.month = m.month`)
  await tx.execute(sql`insert into lesson_cost_months (branch_id, month, snapshot)
                        select branch_id, month, ${snapshot}::pg_snapshot from jsonb_to_recordset(${keys}::jsonb) as m(branch_id uuid, month text)`)
  for (let i = 0; i < facts.length; i += 2000) {
    const chunk = facts.slice(i, i + 2000).map((f) => ({ ...f, month: f.day.slice(0, 7) }))
    await tx.execute(sql`insert into lesson_cost_rows (branch_id, month, lesson_id, completion_id, group_id, activity_id, teacher_id, room_id,
                           day, starts_at, minutes, gross, tax, teacher_pay, consumables, room_cost, overhead)
      select "branchId", month, "lessonId", "completionId", "groupId", "activityId", "teacherId", "roomId",
             day, "startsAt", minutes, gross, tax, "teacherPay", consumables, "roomCost", overhead
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x("branchId" uuid, month text, "lessonId" text, "completionId" bigint,
          "groupId" uuid, "activityId" uuid, "teacherId" uuid, "roomId" uuid, day date, "startsAt" timestamptz, minutes int,
          gross bigint, tax bigint, "teacherPay" bigint, consumables bigint, "roomCost" bigint, overhead bigint)`)
  }
  // changes every kept month's snapshot sees are spent (fillers take turns: none is computing now)
  await tx.execute(sql`delete from lesson_cost_changes
                        where xid < (select min(pg_snapshot_xmin(snapshot)) from lesson_cost_months)`)
}

/** Computes and keeps the stale months among these (one filler at a time; a month another kept meanwhile is skipped). */
async function fill(db: Db, branchIds: readonly string[], months: readonly string[], currency: Currency): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('lesson-cost-cache', 0))`)
    // taken before anything is read: a change made by a transaction this does not see marks the month stale again
    const [{ snapshot }] = await queryRows<{ snapshot: string }>(tx, sql`select pg_current_snapshot()::text as snapshot`)
    const stale = await staleMonths(tx, branchIds, months)
    if (!stale.length) return
    const staleBranches = [...new Set(stale.map((m) => m.branch_id))]
    const wanted = new Set(stale.map((m) => `${m.branch_id}|${m.month}`))
    const facts = (await computeLessonCosts(tx, staleBranches, [...new Set(stale.map((m) => m.month))], currency)).filter((f) =>
      wanted.has(`${f.branchId}|${f.day.slice(0, 7)}`),
    )
    await keep(tx, snapshot, stale, facts)
  })
}

/** Lessons summed by what a report groups them by (one lesson each when by lesson). */
export interface SummedRow {
  key: string | null
  /** For a lesson: its branch, start, group and activity. */
  branchId: string | null
  startsAt: string | null
  groupId: string | null
  activityId: string | null
  lessons: number
  minutes: number
  gross: Minor
  tax: Minor
  teacherPay: Minor
  roomCost: Minor
  consumables: Minor
  overhead: Minor
}

const KEY: Record<CostGroupBy, SQL> = {
  lesson: sql`lesson_id`,
  group: sql`group_id::text`,
  teacher: sql`teacher_id::text`,
  activity: sql`activity_id::text`,
  branch: sql`branch_id::text`,
}

interface SumRow {
  key: string | null
  branch_id: string | null
  starts_at: string | Date | null
  group_id: string | null
  activity_id: string | null
  lessons: number
  minutes: string
  gross: string
  tax: string
  teacher_pay: string
  room_cost: string
  consumables: string
  overhead: string
}

const toSummed = (r: SumRow): SummedRow => ({
  key: r.key,
  branchId: r.branch_id,
  startsAt: r.starts_at === null ? null : new Date(r.starts_at).toISOString(),
  groupId: r.group_id,
  activityId: r.activity_id,
  lessons: r.lessons,
  minutes: Number(r.minutes),
  gross: Number(r.gross),
  tax: Number(r.tax),
  teacherPay: Number(r.teacher_pay),
  roomCost: Number(r.room_cost),
  consumables: Number(r.consumables),
  overhead: Number(r.overhead),
})

const SUMS = sql`count(*)::int as lessons, sum(minutes)::text as minutes, sum(gross)::text as gross, sum(tax)::text as tax,
  sum(teacher_pay)::text as teacher_pay, sum(room_cost)::text as room_cost, sum(consumables)::text as consumables, sum(overhead)::text as overhead`

/**
 * The lessons done in [from, to] (days in their branch's time zone) of some branches (null: all)
 * summed by `groupBy` from the kept months, computing the stale ones first; with the totals and
 * how many rows there are. By lesson, one page of them in order of their start.
 */
export async function keptLessonCosts(
  db: Db,
  opts: {
    branchIds: readonly string[] | null
    from: string
    to: string
    groupBy: CostGroupBy
    currency: Currency
    page: { offset: number; limit: number }
  },
): Promise<{ rows: SummedRow[]; totals: SummedRow; count: number }> {
  const branches =
    opts.branchIds ?? (await queryRows<{ id: string }>(db, sql`select id::text as id from branches order by id`)).map((b) => b.id)
  const months = monthsBetween(opts.from, opts.to)
  if (branches.length && opts.from <= opts.to && (await staleMonths(db, branches, months)).length)
    await fill(db, branches, months, opts.currency)
  const where = sql`branch_id = any(string_to_array(${list(branches)}, ',')::uuid[])
           and month between ${months[0] ?? ''} and ${months[months.length - 1] ?? ''}
           and day between ${opts.from}::date and ${opts.to}::date`
  const key = KEY[opts.groupBy]
  const [totals] = await queryRows<SumRow & { count: number }>(
    db,
    sql`select null as key, null as branch_id, null as starts_at, null as group_id, null as activity_id, ${SUMS},
               ${opts.groupBy === 'lesson' ? sql`count(*)::int` : sql`count(distinct ${key})::int + (case when bool_or(${key} is null) then 1 else 0 end)`} as count
          from lesson_cost_rows where ${where}`,
  )
  const rows =
    opts.groupBy === 'lesson'
      ? await queryRows<SumRow>(
          db,
          sql`select lesson_id as key, branch_id::text as branch_id, starts_at, group_id::text as group_id,
                     activity_id::text as activity_id, 1 as lessons, minutes::text as minutes, gross::text as gross,
                     tax::text as tax, teacher_pay::text as teacher_pay, room_cost::text as room_cost,
                     consumables::text as consumables, overhead::text as overhead
                from lesson_cost_rows where ${where}
               order by starts_at, lesson_id offset ${opts.page.offset} limit ${opts.page.limit}`,
        )
      : await queryRows<SumRow>(
          db,
          sql`select ${key} as key, ${opts.groupBy === 'branch' ? sql`branch_id::text` : sql`null`} as branch_id,
                     null as starts_at, null as group_id, null as activity_id, ${SUMS}
                from lesson_cost_rows where ${where} group by 1`,
        )
  return { rows: rows.map(toSummed), totals: toSummed(totals), count: totals.count }
}
