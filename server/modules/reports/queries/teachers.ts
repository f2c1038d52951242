import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../../db/client'
import type { Currency } from '../../../../domain/i18n/format'
import type { Minor } from '../../../../domain/money'
import { lessonCostReport } from '../../staff/index'
import { branchCond } from './period'

/** The measures teachers are ranked by (refusals: fewest first; the others: most first). */
export const MEASURES = ['accepted', 'refusals', 'lessons', 'minutes', 'attendance', 'profit'] as const
export type Measure = (typeof MEASURES)[number]

export interface TeacherRow {
  teacherId: string
  name: string
  /** Clients who joined their groups in the period. */
  accepted: number
  /**
   * Refusals in the period: members taken out of their groups (by reason) and members who did not
   * renew (`non_renewal`, see NON_RENEWAL_DAYS).
   */
  refusals: number
  /** Why: a leave reason's code as recorded when taken out, `non_renewal`, or '' for none given (most first). */
  refusalReasons: Array<{ reason: string; count: number }>
  /** Lessons taught (marked done) and their minutes, from the teachers' services. */
  lessons: number
  minutes: number
  /** Attendance marks of their lessons in the period: present (present, late, walk-in) of all marked. */
  attended: number
  marked: number
  /** attended / marked in basis points (null: nothing marked). */
  attendanceBp: number | null
  /** The lesson cost report's figures for their lessons: net revenue, total cost, margin. */
  revenueNet: Minor
  cost: Minor
  profit: Minor
  /** Their place per measure among the teachers of the report (1 = best; ties share a place). */
  ranks: Record<Measure, number>
}

export interface TeachersReport {
  from: string
  to: string
  currency: Currency
  rows: TeacherRow[]
}

/**
 * A non-renewal: a member of a teacher's group (joined by the pass's last day and not taken out
 * by the period's end) whose pass for the group's activity ran out (its last valid day) in the
 * period, who bought no pass for that activity starting within this many days after it, nor held
 * one running on past it, and whose grace has passed (the last day plus these days is before
 * today). One per member, group and last day.
 */
export const NON_RENEWAL_DAYS = 14

/** Competition ranking ("1, 2, 2, 4"): one plus how many are strictly better; nulls last. */
function rank(rows: readonly TeacherRow[], value: (r: TeacherRow) => number | null, lowerIsBetter: boolean) {
  const score = (r: TeacherRow) => {
    const v = value(r)
    return v === null ? -Infinity : lowerIsBetter ? -v : v
  }
  return (r: TeacherRow) => 1 + rows.filter((o) => score(o) > score(r)).length
}

const VALUE: Record<Measure, [(r: TeacherRow) => number | null, boolean]> = {
  accepted: [(r) => r.accepted, false],
  refusals: [(r) => r.refusals, true],
  lessons: [(r) => r.lessons, false],
  minutes: [(r) => r.minutes, false],
  attendance: [(r) => r.attendanceBp, false],
  profit: [(r) => r.profit, false],
}

/**
 * Teacher performance for [from, to] (days in each branch's time zone) in some branches (null:
 * all): clients accepted into their groups and refusals (those taken out, by reason, and those
 * who did not renew: NON_RENEWAL_DAYS), lessons and minutes taught (the services written when a
 * lesson is marked done, undone ones netted out), the attendance rate of their lessons, and profit
 * from the staff area's lesson cost report by teacher (net revenue less the lesson's whole cost).
 * The attendance marks are counted per lesson as they are written (lesson_attendance_counts,
 * migration 0037), so a year reads one row per lesson. Every teacher of a group in those branches
 * is listed, busiest first.
 */
export async function teachersReport(
  db: Db,
  opts: { branchIds: readonly string[] | null; from: string; to: string; currency: Currency; today: string },
): Promise<TeachersReport> {
  // the local days of the period; the padded range first, so an index on the column can serve it
  const inPeriod = (col: string) =>
    sql`${sql.raw(col)} >= ${opts.from}::date - 1 and ${sql.raw(col)} < ${opts.to}::date + 2
        and (${sql.raw(col)} at time zone b.timezone)::date between ${opts.from}::date and ${opts.to}::date`
  const factsAsked = queryRows<{
    teacher_id: string
    name: string | null
    accepted: string
    refusals: string
    non_renewals: string
    lessons: string
    minutes: string
    attended: string
    marked: string
  }>(
    db,
    sql`with g as (
          select g.id, g.teacher_id, g.activity_id, b.timezone from groups g join branches b on b.id = g.branch_id
          where true ${branchCond(sql`g.branch_id`, opts.branchIds)}),
        m as (
          select g.teacher_id,
                 count(*) filter (where (gm.joined_at at time zone g.timezone)::date between ${opts.from}::date and ${opts.to}::date) as accepted,
                 count(*) filter (where (gm.left_at at time zone g.timezone)::date between ${opts.from}::date and ${opts.to}::date) as refusals
          from group_members gm join g on g.id = gm.group_id group by 1),
        nr as (
          select g.teacher_id, count(distinct (gm.group_id, gm.client_id, p.valid_until)) as n
          from group_members gm join g on g.id = gm.group_id
          join passes p on p.client_id = gm.client_id and g.activity_id = any(p.activity_ids)
          where p.valid_until between ${opts.from}::date and ${opts.to}::date
            and p.valid_until + ${NON_RENEWAL_DAYS}::int < ${opts.today}::date
            and (gm.joined_at at time zone g.timezone)::date <= p.valid_until
            and (gm.left_at is null or (gm.left_at at time zone g.timezone)::date > ${opts.to}::date)
            and not exists (
              select 1 from passes q where q.client_id = p.client_id and q.id <> p.id
                and g.activity_id = any(q.activity_ids) and q.valid_until > p.valid_until
                -- (starts_on + 0: a renewal is looked for among the later passes, by (client_id, valid_until),
                -- not among all the earlier ones by (client_id, starts_on))
                and q.starts_on + 0 <= p.valid_until + ${NON_RENEWAL_DAYS}::int)
          group by 1),
        lp as materialized (
          select l.id, l.teacher_id, not l.deleted and l.status <> 'cancelled' as held
          from lessons l join branches b on b.id = l.branch_id
          where ${inPeriod('l.starts_at')} ${branchCond(sql`l.branch_id`, opts.branchIds)}),
        s as (
          select ts.teacher_id, sum(ts.sign) as lessons, sum(ts.sign * ts.duration_minutes) as minutes
          from teacher_services ts join lp on lp.id = ts.lesson_id group by 1),
        a as (
          select lp.teacher_id, sum(c.attended) as attended, sum(c.marked) as marked
          from lesson_attendance_counts c join lp on lp.id = c.lesson_id
          where lp.held and lp.teacher_id is not null group by 1),
        t as (
          select teacher_id from g where teacher_id in (select id from users)
          union select teacher_id from s union select teacher_id from a)
        select t.teacher_id::text, coalesce(e.name, u.name) as name,
               coalesce(m.accepted, 0) as accepted, coalesce(m.refusals, 0) + coalesce(nr.n, 0) as refusals,
               coalesce(nr.n, 0) as non_renewals,
               coalesce(s.lessons, 0) as lessons, coalesce(s.minutes, 0) as minutes,
               coalesce(a.attended, 0) as attended, coalesce(a.marked, 0) as marked
        from t left join users u on u.id = t.teacher_id
        left join lateral (select name from employees where user_id = t.teacher_id order by created_at limit 1) e on true
        left join m on m.teacher_id = t.teacher_id left join nr on nr.teacher_id = t.teacher_id left join s on s.teacher_id = t.teacher_id left join a on a.teacher_id = t.teacher_id`,
  )
  const reasonsAsked = queryRows<{ teacher_id: string; reason: string; n: string }>(
    db,
    sql`select g.teacher_id::text, coalesce(gm.left_reason_code, '') as reason, count(*) as n
        from group_members gm join groups g on g.id = gm.group_id join branches b on b.id = g.branch_id
        where ${inPeriod('gm.left_at')} ${branchCond(sql`g.branch_id`, opts.branchIds)}
        group by 1, 2 order by 3 desc, 2`,
  )
  // independent: asked at once, each on its own connection of the pool
  const [facts, reasons, cost] = await Promise.all([
    factsAsked,
    reasonsAsked,
    lessonCostReport(db, { ...opts, groupBy: 'teacher' }),
  ])
  const money = new Map(cost.rows.map((r) => [r.key, r]))
  const rows: TeacherRow[] = facts.map((f) => {
    const c = money.get(f.teacher_id)
    const [attended, marked] = [Number(f.attended), Number(f.marked)]
    return {
      teacherId: f.teacher_id,
      name: f.name ?? c?.name ?? '',
      accepted: Number(f.accepted),
      refusals: Number(f.refusals),
      refusalReasons: [
        ...reasons.filter((x) => x.teacher_id === f.teacher_id).map((x) => ({ reason: x.reason, count: Number(x.n) })),
        ...(Number(f.non_renewals) ? [{ reason: 'non_renewal', count: Number(f.non_renewals) }] : []),
      ].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      lessons: Number(f.lessons),
      minutes: Number(f.minutes),
      attended,
      marked,
      attendanceBp: marked ? Math.round((attended * 10_000) / marked) : null,
      revenueNet: c?.revenueNet ?? 0,
      cost: c?.totalCost ?? 0,
      profit: c?.margin ?? 0,
      ranks: {} as Record<Measure, number>,
    }
  })
  for (const measure of MEASURES) {
    const place = rank(rows, ...VALUE[measure])
    for (const r of rows) r.ranks[measure] = place(r)
  }
  rows.sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name) || a.teacherId.localeCompare(b.teacherId))
  return { from: opts.from, to: opts.to, currency: opts.currency, rows }
}
