import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import type { Currency } from '../../../../domain/i18n/format'
import { parseAmount, proRata, type Minor } from '../../../../domain/money'
import { teacherPayOf } from './lesson-cost-pay'
import { doneLessons, type DoneLessonRow } from './lesson-cost-rows'
import type { Revenue } from './lesson-revenue'

export const GROUP_BY = ['lesson', 'group', 'teacher', 'activity', 'branch'] as const
export type CostGroupBy = (typeof GROUP_BY)[number]

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
  totals: CostFigures
}

const zero = (): Omit<CostFigures, 'marginBp'> => ({
  lessons: 0,
  minutes: 0,
  revenueGross: 0,
  vat: 0,
  revenueNet: 0,
  teacherPay: 0,
  roomCost: 0,
  consumablesCost: 0,
  overhead: 0,
  totalCost: 0,
  margin: 0,
})

const withBp = (f: Omit<CostFigures, 'marginBp'>): CostFigures => ({
  ...f,
  marginBp: f.revenueNet > 0 ? Math.round((f.margin * 10_000) / f.revenueNet) : null,
})

function addInto(a: Omit<CostFigures, 'marginBp'>, b: Omit<CostFigures, 'marginBp'>): void {
  for (const k of Object.keys(a) as (keyof typeof a)[]) a[k] += b[k]
}

/** A room's hourly cost (numeric, in the currency's units) in minor units. */
function hourlyMinor(text: string, currency: Currency): Minor {
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
  return parseAmount(trimmed, currency) ?? 0
}

/** Names of the things a report groups by, in one query. */
async function namesOf(db: Queryable, lessons: readonly DoneLessonRow[]) {
  const ids = (pick: (l: DoneLessonRow) => string | null) =>
    [...new Set(lessons.map(pick).filter((x): x is string => !!x))].join(',')
  const rows = await queryRows<{ kind: string; id: string; name: string; branch_id: string | null }>(
    db,
    sql`select 'group' as kind, id::text, name, branch_id::text from groups where id = any(string_to_array(${ids((l) => l.group_id)}, ',')::uuid[])
        union all select 'teacher', u.id::text, coalesce(e.name, u.name), null from users u left join employees e on e.user_id = u.id
         where u.id = any(string_to_array(${ids((l) => l.teacher_id)}, ',')::uuid[])
        union all select 'activity', id::text, name, null from activities where id = any(string_to_array(${ids((l) => l.activity_id)}, ',')::uuid[])
        union all select 'branch', id::text, name, id::text from branches where id = any(string_to_array(${ids((l) => l.branch_id)}, ',')::uuid[])
        union all select 'room', id::text, hourly_cost::text, null from rooms where id = any(string_to_array(${ids((l) => l.room_id)}, ',')::uuid[])`,
  )
  const names = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r]))
  return (kind: string, id: string | null) => (id ? names.get(`${kind}:${id}`) : undefined)
}

/**
 * Lesson cost against revenue for the lessons done in [from, to] of some branches (null: all):
 * teacher pay (approved payroll's lines, or computed), room by its hourly cost for the lesson's
 * minutes, consumables by the norms at cost, the branch's overhead per hour; revenue as the
 * sessions written off at their value with the VAT in them. Each lesson is rounded on its own, the
 * groups are sums of lessons. A few set-based queries whatever the period.
 */
export async function lessonCostReport(
  db: Queryable,
  opts: { branchIds: readonly string[] | null; from: string; to: string; groupBy: CostGroupBy; currency: Currency },
): Promise<CostReport> {
  // a year of lessons in a few big queries: PostgreSQL's JIT would spend longer compiling them than running them
  const { lessons, revenue, pay, name } = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`)
    const lessons = await doneLessons(tx, opts.branchIds, opts.from, opts.to)
    const revenue = new Map<string, Revenue>(lessons.map((l) => [l.id, { gross: Number(l.gross), tax: Number(l.tax) }]))
    return { lessons, revenue, pay: await teacherPayOf(tx, lessons, revenue), name: await namesOf(tx, lessons) }
  })

  const groups = new Map<string, { row: CostRow; f: Omit<CostFigures, 'marginBp'> }>()
  const totals = zero()
  for (const l of lessons) {
    const r = revenue.get(l.id) ?? { gross: 0, tax: 0 }
    const room = name('room', l.room_id)
    const f = zero()
    f.lessons = 1
    f.minutes = l.minutes
    f.revenueGross = r.gross
    f.vat = r.tax
    f.revenueNet = r.gross - r.tax
    f.teacherPay = pay.get(l.id) ?? 0
    f.roomCost = room ? proRata(hourlyMinor(room.name, opts.currency), l.minutes, 60) : 0
    f.consumablesCost = Number(l.consumables)
    f.overhead = proRata(Number(l.overhead), l.minutes, 60)
    f.totalCost = f.teacherPay + f.roomCost + f.consumablesCost + f.overhead
    f.margin = f.revenueNet - f.totalCost
    addInto(totals, f)

    const key =
      opts.groupBy === 'lesson'
        ? l.id
        : opts.groupBy === 'group'
          ? l.group_id
          : opts.groupBy === 'teacher'
            ? l.teacher_id
            : opts.groupBy === 'activity'
              ? l.activity_id
              : l.branch_id
    const mapKey = key ?? ''
    let g = groups.get(mapKey)
    if (!g) {
      const label =
        opts.groupBy === 'lesson'
          ? (name('group', l.group_id)?.name ?? name('activity', l.activity_id)?.name ?? '')
          : (name(opts.groupBy, key)?.name ?? '')
      g = {
        row: {
          key,
          name: label,
          branchId:
            opts.groupBy === 'lesson' || opts.groupBy === 'branch' ? l.branch_id : (name('group', key)?.branch_id ?? null),
          startsAt: opts.groupBy === 'lesson' ? new Date(l.starts_at).toISOString() : null,
          ...withBp(zero()),
        },
        f: zero(),
      }
      groups.set(mapKey, g)
    }
    addInto(g.f, f)
  }
  const rows = [...groups.values()].map((g) => ({ ...g.row, ...withBp(g.f) }))
  if (opts.groupBy !== 'lesson') rows.sort((a, b) => a.name.localeCompare(b.name) || (a.key ?? '').localeCompare(b.key ?? ''))
  return { from: opts.from, to: opts.to, groupBy: opts.groupBy, currency: opts.currency, rows, totals: withBp(totals) }
}
