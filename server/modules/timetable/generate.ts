import { and, eq, gte, isNull, lte, or } from 'drizzle-orm'
import type * as Y from 'yjs'
import type { Db } from '../../../db/client'
import { branches, closures, groups } from '../../../db/schema/index'
import {
  addDays,
  encodeTimetableDocName,
  generatedOf,
  initTimetableWeek,
  lessonMap,
  lessonsOf,
} from '../../../domain/docs/timetable-week'
import type { EventBus } from '../../events/bus'
import type { DocWriter } from '../../http/context'
import type { Actor } from '../../../domain/roles'
import { NotFoundError } from '../../errors'
import { projectWeeks, projectWholeSoon, type WeekToProject } from './projection'
import { planLessons, type PlannedLesson } from '../../../domain/timetable/rules'
import type { AlertMessage } from '../alerts'

export interface GenerateResult {
  created: number
  skipped: number
  weeks: string[]
  /** Each clash with its message as its alert stores it (kind + parameters; presentGenerateResult renders it). */
  clashes: Array<{ kind: string; lessonId: string; others: string[]; message: AlertMessage }>
}

/** Week documents a generation has written, waiting for their projection. */
export interface GeneratedWeeks {
  created: number
  skipped: number
  weeks: string[]
  edited: WeekToProject[]
  range: { from: Date; to: Date }
  /** Lets the rooms' own projections of these weeks run again (call once the projection is done). */
  finished(): void
}

/**
 * Turns every group's weekly pattern into lessons in the week documents between two dates,
 * skipping closures and never touching what is there: a lesson id the schedule has ever created
 * in a week (even if people moved or deleted it since) is skipped. Running it twice creates
 * nothing new. The weeks are edited side by side (their updates are stored with the actor, like
 * any edit); the rooms' own projections of them wait until `finished()`.
 */
export async function writeGeneratedWeeks(
  db: Db,
  docs: DocWriter,
  actor: Actor,
  input: { branchId: string; from: string; to: string },
): Promise<GeneratedWeeks> {
  const [[branch], groupRows, closureRows] = await Promise.all([
    db.select().from(branches).where(eq(branches.id, input.branchId)).limit(1),
    db
      .select()
      .from(groups)
      .where(
        and(
          eq(groups.branchId, input.branchId),
          isNull(groups.deletedAt),
          lte(groups.termStart, input.to),
          gte(groups.termEnd, input.from),
        ),
      ),
    db
      .select()
      .from(closures)
      .where(
        and(
          or(isNull(closures.branchId), eq(closures.branchId, input.branchId)),
          lte(closures.fromDate, input.to),
          gte(closures.toDate, input.from),
        ),
      ),
  ])
  if (!branch) throw NotFoundError('errors.notFound.branch')
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
        const opened: { doc?: Y.Doc } = {}
        await docs.applyAsUser(encodeTimetableDocName(input.branchId, week), actor, (doc) => {
          opened.doc = doc
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
        if (!opened.doc) throw new Error(`The week ${week} was not opened`)
        return { branchId: input.branchId, week, doc: opened.doc, ids: null }
      }),
    )
    const range = { from: new Date(input.from + 'T00:00:00Z'), to: new Date(addDays(input.to, 1) + 'T00:00:00Z') }
    return { created, skipped, weeks: [...byWeek.keys()], edited, range, finished }
  } catch (err) {
    finished()
    throw err
  }
}

/**
 * Projects generated weeks into `lessons` and clash-checks this run's whole range, on `db` — the
 * generation command's transaction, so the lessons, the alerts and the audit row commit together
 * or not at all. The report is what the projection now holds; the events are for after commit.
 */
export async function projectGeneratedWeeks(db: Db, branchId: string, written: GeneratedWeeks, actor: Actor) {
  const { alertEvents, entityEvents, clashes } = await projectWeeks(db, written.edited, {
    actorId: actor.id,
    range: written.range,
  })
  const { from, to } = written.range
  const report: GenerateResult = {
    created: written.created,
    skipped: written.skipped,
    weeks: written.weeks,
    clashes: clashes
      .filter((c) => c.branchId === branchId && c.startsAt >= from && c.startsAt < to)
      .map(({ kind, lessonId, others, alert }) => ({ kind, lessonId, others, message: alert })),
  }
  return { report, alertEvents, entityEvents }
}

/**
 * Both steps outside a command (tests and tools): write the weeks, project them, publish the
 * events on `events`.
 */
export async function generateTimetable(
  db: Db,
  docs: DocWriter,
  actor: Actor,
  input: { branchId: string; from: string; to: string },
  events?: EventBus,
): Promise<GenerateResult> {
  const written = await writeGeneratedWeeks(db, docs, actor, input)
  try {
    const { report, alertEvents, entityEvents } = await projectGeneratedWeeks(db, input.branchId, written, actor)
    if (events) {
      for (const e of alertEvents) events.emit(e.name, e.payload)
      for (const e of entityEvents) events.emit('entity.changed', e)
    }
    return report
  } finally {
    written.finished()
  }
}
