import { and, eq, gte, isNull, lte, or } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { branches, closures, groups, lessons } from '../../../db/schema/index'
import { addDays, encodeTimetableDocName, generatedOf, initTimetableWeek, lessonMap, lessonsOf, mondayOf } from '../../../db/ydocs/timetable-week'
import type { DocWriter } from '../../http/context'
import type { Actor } from '../../policies/permissions'
import { loadTimetableContext } from './context'
import { findClashes, lessonRowFrom, planLessons, type LessonRow } from './rules'

export interface GenerateResult {
  created: number
  skipped: number
  weeks: string[]
  clashes: Array<{ kind: string; lessonId: string; others: string[]; message: string }>
}

/**
 * Turns every group's weekly pattern into lessons in the week documents between two dates,
 * skipping closures and never touching what is there: a lesson id the schedule has ever created
 * in a week (even if people moved or deleted it since) is skipped. Running it twice creates
 * nothing new. Double bookings it would create are reported, not dropped.
 */
export async function generateTimetable(db: Db, docs: DocWriter, actor: Actor, input: { branchId: string; from: string; to: string }): Promise<GenerateResult> {
  const [branch] = await db.select().from(branches).where(eq(branches.id, input.branchId)).limit(1)
  if (!branch) throw new Error('unknown branch')
  const groupRows = await db
    .select()
    .from(groups)
    .where(and(eq(groups.branchId, input.branchId), isNull(groups.deletedAt), lte(groups.termStart, input.to), gte(groups.termEnd, input.from)))
  const closureRows = await db
    .select()
    .from(closures)
    .where(and(or(isNull(closures.branchId), eq(closures.branchId, input.branchId)), lte(closures.fromDate, input.to), gte(closures.toDate, input.from)))
  const plan = planLessons(groupRows, closureRows, input.from, input.to, branch.timezone)
  const byWeek = new Map<string, typeof plan>()
  for (const p of plan) byWeek.set(p.week, [...(byWeek.get(p.week) ?? []), p])

  let created = 0
  let skipped = 0
  const ctx = await loadTimetableContext(db)
  const allRows: LessonRow[] = []
  for (const [week, planned] of byWeek) {
    const weekStart = mondayOf(week)
    const rowCtx = { branchId: input.branchId, weekStart, weekEnd: addDays(weekStart, 6), ...ctx }
    await docs.applyAsUser(encodeTimetableDocName(input.branchId, week), actor, (doc) => {
      initTimetableWeek(doc)
      const map = lessonsOf(doc)
      const generated = generatedOf(doc)
      for (const p of planned) {
        if (generated.has(p.id) || map.has(p.id)) {
          skipped++
          continue
        }
        map.set(p.id, lessonMap(p.data))
        generated.set(p.id, true)
        created++
      }
      for (const [id, m] of map.entries()) allRows.push(lessonRowFrom(id, m.toJSON(), rowCtx))
    })
  }
  // clash report: the generated weeks as they are now, plus other branches' lessons of the same teachers
  const fromDate = new Date(input.from + 'T00:00:00Z')
  const toDate = new Date(addDays(input.to, 1) + 'T00:00:00Z')
  const teacherIds = [...new Set(groupRows.map((g) => g.teacherId))]
  if (teacherIds.length) {
    const elsewhere = await db
      .select()
      .from(lessons)
      .where(and(eq(lessons.deleted, false), lte(lessons.startsAt, toDate), gte(lessons.endsAt, fromDate)))
    for (const r of elsewhere) if (r.branchId !== input.branchId) allRows.push({ ...r, problems: r.problems ?? [] })
  }
  const inRange = allRows.filter((r) => r.startsAt && r.startsAt >= fromDate && r.startsAt < toDate)
  const mine = new Set(inRange.filter((r) => r.branchId === input.branchId).map((r) => r.id))
  const clashes = findClashes(allRows, ctx.rooms, ctx.groups, ctx.activities).filter((c) => mine.has(c.lessonId))
  return { created, skipped, weeks: [...byWeek.keys()], clashes }
}
