import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import type { Currency } from '../../../../domain/i18n/format'
import { parseAmount, proRata, type Minor } from '../../../../domain/money'
import { monthBounds } from '../../../../domain/payroll/schemes'
import { teacherPayOf } from './lesson-cost-pay'
import { doneLessons } from './lesson-cost-rows'
import type { Revenue } from './lesson-revenue'

export const GROUP_BY = ['lesson', 'group', 'teacher', 'activity', 'branch'] as const
export type CostGroupBy = (typeof GROUP_BY)[number]

/** What one done lesson brought and cost, in minor units, as the margin report sums it (names aside). */
export interface LessonCostFacts {
  lessonId: string
  completionId: string
  branchId: string
  groupId: string | null
  activityId: string | null
  teacherId: string | null
  roomId: string | null
  /** Its day in its branch's time zone (YYYY-MM-DD); its month is the first seven characters. */
  day: string
  startsAt: string
  minutes: number
  gross: Minor
  tax: Minor
  teacherPay: Minor
  consumables: Minor
  /** The room's hourly cost (as the room has it now) for the lesson's minutes. */
  roomCost: Minor
  /** The branch's overhead per hour in force that day, for the lesson's minutes. */
  overhead: Minor
}

/** A room's hourly cost (numeric, in the currency's units) in minor units. */
function hourlyMinor(text: string, currency: Currency): Minor {
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
  return parseAmount(trimmed, currency) ?? 0
}

/** The months (YYYY-MM) from `from`'s to `to`'s, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.slice(0, 7).split('-').map(Number)
  const last = to.slice(0, 7)
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`
    if (month > last) return out
    out.push(month)
    m += 1
    if (m > 12) {
      y += 1
      m = 1
    }
  }
}

/**
 * Every lesson done now in whole months of some branches (null: all), computed from the records:
 * revenue, consumables and overhead in one set-based query, the teacher's pay as the payroll pays
 * it (an approved month's lines, else the schemes), a month's fixed pay spread over the whole
 * month's lessons. A period that is part of a month still spreads over the whole month. The room
 * by its hourly cost and the overhead per hour, for the lesson's minutes; each lesson rounded on its own.
 */
export async function computeLessonCosts(
  db: Queryable,
  branchIds: readonly string[] | null,
  months: readonly string[],
  currency: Currency,
): Promise<LessonCostFacts[]> {
  if (!months.length || branchIds?.length === 0) return []
  const sorted = [...months].sort()
  return db.transaction(async (tx) => {
    // a year of lessons in a few big queries: PostgreSQL's JIT would spend longer compiling them than running them
    await tx.execute(sql`set local jit = off`)
    const wanted = new Set(sorted)
    const lessons = (
      await doneLessons(tx, branchIds, monthBounds(sorted[0]).first, monthBounds(sorted[sorted.length - 1]).last)
    ).filter((l) => wanted.has(l.day.slice(0, 7)))
    const revenue = new Map<string, Revenue>(lessons.map((l) => [l.id, { gross: Number(l.gross), tax: Number(l.tax) }]))
    const pay = await teacherPayOf(tx, lessons, revenue)
    const roomIds = [...new Set(lessons.map((l) => l.room_id).filter((id): id is string => !!id))]
    const hourly = new Map(
      (
        await queryRows<{ id: string; hourly_cost: string }>(
          tx,
          sql`select id::text as id, hourly_cost::text as hourly_cost from rooms
               where id = any(string_to_array(${roomIds.join(',')}, ',')::uuid[])`,
        )
      ).map((r) => [r.id, hourlyMinor(r.hourly_cost, currency)]),
    )
    return lessons.map((l) => ({
      lessonId: l.id,
      completionId: l.completion_id,
      branchId: l.branch_id,
      groupId: l.group_id,
      activityId: l.activity_id,
      teacherId: l.teacher_id,
      roomId: l.room_id,
      day: l.day,
      startsAt: new Date(l.starts_at).toISOString(),
      minutes: l.minutes,
      gross: Number(l.gross),
      tax: Number(l.tax),
      teacherPay: pay.get(l.id) ?? 0,
      consumables: Number(l.consumables),
      roomCost: l.room_id ? proRata(hourly.get(l.room_id) ?? 0, l.minutes, 60) : 0,
      overhead: proRata(Number(l.overhead), l.minutes, 60),
    }))
  })
}
