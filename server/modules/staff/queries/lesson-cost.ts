import { sql } from 'drizzle-orm'
import { queryRows, type Db, type Queryable } from '../../../../db/client'
import type { Currency } from '../../../../domain/i18n/format'
import type { Minor } from '../../../../domain/money'
import { keptLessonCosts, type SummedRow } from './lesson-cost-cache'
import { computeLessonCosts, monthsBetween, type CostGroupBy, type LessonCostFacts } from './lesson-cost-facts'

export { GROUP_BY, type CostGroupBy } from './lesson-cost-facts'

/** What lessons brought and cost, all in minor units; margin = net revenue − total cost. */
export interface CostFigures {
  lessons: number
  minutes: number
  revenueGross: Minor
  vat: Minor
  revenueNet: Minor
  teacherPay: Minor
  roomCost: Minor
  consumablesCost: Minor
  overhead: Minor
  totalCost: Minor
  margin: Minor
  /** Margin over net revenue in basis points (null when there is no revenue). */
  marginBp: number | null
}

export interface CostRow extends CostFigures {
  /** The lesson, group, teacher (user), activity or branch id; null: none (a lesson without a group). */
  key: string | null
  name: string
  branchId: string | null
  /** For a lesson: when it started. */
  startsAt: string | null
}

export interface CostReport {
  from: string
  to: string
  groupBy: CostGroupBy
  currency: Currency
  rows: CostRow[]
  /** How many rows the whole report has (`rows` is the page asked for). */
  count: number
  offset: number
  totals: CostFigures
}

/** The rows a report sends at most at once (a year of lessons is tens of thousands). */
export const PAGE_MAX = 1000

/** A sum of lessons' figures as the report shows it: net, total cost, margin and margin in basis points. */
function figures(s: SummedRow): CostFigures {
  const revenueNet = s.gross - s.tax
  const totalCost = s.teacherPay + s.roomCost + s.consumables + s.overhead
  const margin = revenueNet - totalCost
  return {
    lessons: s.lessons,
    minutes: s.minutes,
    revenueGross: s.gross,
    vat: s.tax,
    revenueNet,
    teacherPay: s.teacherPay,
    roomCost: s.roomCost,
    consumablesCost: s.consumables,
    overhead: s.overhead,
    totalCost,
    margin,
    marginBp: revenueNet > 0 ? Math.round((margin * 10_000) / revenueNet) : null,
  }
}

const empty = (key: string | null): SummedRow => ({
  key,
  branchId: null,
  startsAt: null,
  groupId: null,
  activityId: null,
  lessons: 0,
  minutes: 0,
  gross: 0,
  tax: 0,
  teacherPay: 0,
  roomCost: 0,
  consumables: 0,
  overhead: 0,
})

function add(into: SummedRow, l: LessonCostFacts) {
  into.lessons += 1
  into.minutes += l.minutes
  into.gross += l.gross
  into.tax += l.tax
  into.teacherPay += l.teacherPay
  into.roomCost += l.roomCost
  into.consumables += l.consumables
  into.overhead += l.overhead
}

const keyOf: Record<CostGroupBy, (l: LessonCostFacts) => string | null> = {
  lesson: (l) => l.lessonId,
  group: (l) => l.groupId,
  teacher: (l) => l.teacherId,
  activity: (l) => l.activityId,
  branch: (l) => l.branchId,
}

/** The same sums as the kept months' query, from lessons computed afresh (tests and the benchmark compare the two). */
function sumFresh(lessons: readonly LessonCostFacts[], groupBy: CostGroupBy) {
  const groups = new Map<string, SummedRow>()
  const totals = empty(null)
  for (const l of lessons) {
    add(totals, l)
    const key = keyOf[groupBy](l)
    let g = groups.get(key ?? '')
    if (!g) {
      g = empty(key)
      if (groupBy === 'lesson')
        Object.assign(g, { branchId: l.branchId, startsAt: l.startsAt, groupId: l.groupId, activityId: l.activityId })
      if (groupBy === 'branch') g.branchId = l.branchId
      groups.set(key ?? '', g)
    }
    add(g, l)
  }
  return { rows: [...groups.values()], totals, count: groups.size }
}

/** Names of the things the rows stand for, in one query. */
async function namesOf(db: Queryable, groupBy: CostGroupBy, rows: readonly SummedRow[]) {
  const ids = (pick: (r: SummedRow) => string | null) => [...new Set(rows.map(pick).filter((x): x is string => !!x))].join(',')
  const groupIds = ids((r) => (groupBy === 'lesson' ? r.groupId : groupBy === 'group' ? r.key : null))
  const activityIds = ids((r) => (groupBy === 'lesson' ? r.activityId : groupBy === 'activity' ? r.key : null))
  const result = await queryRows<{ kind: string; id: string; name: string; branch_id: string | null }>(
    db,
    sql`select 'group' as kind, id::text, name, branch_id::text from groups where id = any(string_to_array(${groupIds}, ',')::uuid[])
        union all select 'teacher', u.id::text, coalesce(e.name, u.name), null from users u left join employees e on e.user_id = u.id
         where u.id = any(string_to_array(${ids((r) => (groupBy === 'teacher' ? r.key : null))}, ',')::uuid[])
        union all select 'activity', id::text, name, null from activities where id = any(string_to_array(${activityIds}, ',')::uuid[])
        union all select 'branch', id::text, name, id::text from branches
         where id = any(string_to_array(${ids((r) => (groupBy === 'branch' ? r.key : null))}, ',')::uuid[])`,
  )
  const names = new Map(result.map((r) => [`${r.kind}:${r.id}`, r]))
  return (kind: string, id: string | null) => (id ? names.get(`${kind}:${id}`) : undefined)
}

/**
 * Lesson cost against revenue for the lessons done in [from, to] of some branches (null: all):
 * teacher pay (approved payroll's lines, or computed), room by its hourly cost for the lesson's
 * minutes, consumables by the norms at cost, the branch's overhead per hour; revenue as the
 * sessions written off at their value with the VAT in them. Each lesson is rounded on its own, the
 * groups are sums of lessons. The figures are the kept months' (lesson-cost-cache.ts), or, with
 * `fresh`, computed from the records now; names are read now. Rows by lesson in order of their
 * start, others by name; one page of them (`offset`, at most `limit`), the totals of all.
 */
export async function lessonCostReport(
  db: Db,
  opts: {
    branchIds: readonly string[] | null
    from: string
    to: string
    groupBy: CostGroupBy
    currency: Currency
    offset?: number
    limit?: number
    fresh?: boolean
  },
): Promise<CostReport> {
  const page = { offset: opts.offset ?? 0, limit: Math.min(opts.limit ?? PAGE_MAX, PAGE_MAX) }
  const sums = opts.fresh
    ? sumFresh(
        (await computeLessonCosts(db, opts.branchIds, monthsBetween(opts.from, opts.to), opts.currency)).filter(
          (l) => l.day >= opts.from && l.day <= opts.to,
        ),
        opts.groupBy,
      )
    : await keptLessonCosts(db, { ...opts, page })
  const name = await namesOf(db, opts.groupBy, sums.rows)
  let rows: CostRow[] = sums.rows.map((s) => ({
    key: s.key,
    name:
      opts.groupBy === 'lesson'
        ? (name('group', s.groupId)?.name ?? name('activity', s.activityId)?.name ?? '')
        : (name(opts.groupBy, s.key)?.name ?? ''),
    branchId: opts.groupBy === 'group' ? (name('group', s.key)?.branch_id ?? null) : s.branchId,
    startsAt: s.startsAt,
    ...figures(s),
  }))
  if (opts.groupBy !== 'lesson') rows.sort((a, b) => a.name.localeCompare(b.name) || (a.key ?? '').localeCompare(b.key ?? ''))
  // by lesson the kept months gave the page asked for; afresh, and for the few groups, it is cut here
  if (opts.groupBy !== 'lesson' || opts.fresh) rows = rows.slice(page.offset, page.offset + page.limit)
  return {
    from: opts.from,
    to: opts.to,
    groupBy: opts.groupBy,
    currency: opts.currency,
    rows,
    count: sums.count,
    offset: page.offset,
    totals: figures(sums.totals),
  }
}
