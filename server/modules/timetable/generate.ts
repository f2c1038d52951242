import { and, eq, gte, isNull, lte, or } from 'drizzle-orm'
import type * as Y from 'yjs'
import type { Db } from '../../../db/client'
import { branches, closures, groups } from '../../../db/schema/index'
import { addDays, encodeTimetableDocName, generatedOf, initTimetableWeek, lessonMap, lessonsOf } from '../../../db/ydocs/timetable-week'
import type { EventBus } from '../../events/bus'
import type { DocWriter } from '../../http/context'
import type { Actor } from '../../policies/permissions'
import { projectWeeks, projectWholeSoon } from './projection'
import { planLessons, type PlannedLesson } from './rules'

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
 *
 * The weeks are edited side by side (their updates are written together), then projected into
 * `lessons` and clash-checked in one run over the whole range, before the answer: the report is
 * what the projection now holds, and the alerts are raised (events on `events`, after commit).
 */
export async function generateTimetable(db: Db, docs: DocWriter, actor: Actor, input: { branchId: string; from: string; to: string }, events?: EventBus): Promise<GenerateResult> {
  const [[branch], groupRows, closureRows] = await Promise.all([
    db.select().from(branches).where(eq(branches.id, input.branchId)).limit(1),
    db.select().from(groups).where(and(eq(groups.branchId, input.branchId), isNull(groups.deletedAt), lte(groups.termStart, input.to), gte(groups.termEnd, input.from))),
    db
      .select()
      .from(closures)
      .where(and(or(isNull(closures.branchId), eq(closures.branchId, input.branchId)), lte(closures.fromDate, input.to), gte(closures.toDate, input.from))),
  ])
  if (!branch) throw new Error('unknown branch')
  const plan = planLessons(groupRows, closureRows, input.from, input.to, branch.timezone)
  const byWeek = new Map<string, PlannedLesson[]>()
  for (const p of plan) {
    const list = byWeek.get(p.week)
    if (list) list.push(p)
    else byWeek.set(p.week, [p])
  }

  let created = 0
  let skipped = 0
  // the rooms' own projections of these weeks wait for ours (it reads them whole, at its turn)
  let finished!: () => void
  const done = new Promise<void>((resolve) => (finished = resolve))
  try {
    const edited = await Promise.all(
      [...byWeek].map(async ([week, planned]) => {
        let live: Y.Doc | null = null
        await docs.applyAsUser(encodeTimetableDocName(input.branchId, week), actor, (doc) => {
          live = doc
          projectWholeSoon(doc, done)
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
        })
        return { branchId: input.branchId, week, doc: live! as Y.Doc, ids: null }
      }),
    )

    // the weeks as they are now, and the clash report: this branch's lessons in the range, checked
    // against every branch's
    const fromDate = new Date(input.from + 'T00:00:00Z')
    const toDate = new Date(addDays(input.to, 1) + 'T00:00:00Z')
    const { alertEvents, entityEvents, clashes } = await projectWeeks(db, edited, { actorId: actor.id, range: { from: fromDate, to: toDate } })
    if (events) {
      for (const e of alertEvents) events.emit(e.name, e.payload as never)
      for (const e of entityEvents) events.emit('entity.changed', e)
    }
    const report = clashes.filter((c) => c.branchId === input.branchId && c.startsAt >= fromDate && c.startsAt < toDate).map(({ kind, lessonId, others, message }) => ({ kind, lessonId, others, message }))
    return { created, skipped, weeks: [...byWeek.keys()], clashes: report }
  } finally {
    finished()
  }
}
