import { eq, sql } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import {
  activities,
  attendance,
  consumableUses,
  lessonCompletions,
  lessons,
  teacherServices,
  visits,
} from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ATTENDED } from '../../../../domain/timetable/rules'
import type { CommandEvent, Hooks } from '../../../contracts/hooks'
import { BadRequestError } from '../../../errors'
import { runCommand, type Audit, type CommandContext, type CommandOutcome } from '../../../http/command'
import type { AppDeps } from '../../../http/context'
import { openCompletion, type LessonRow } from '../queries/lessons'
import { showLessonStatus } from './lesson-status'

export interface MarkDoneResult {
  done: boolean
  /** It was done already: nothing was written (a second call does nothing). */
  alreadyDone: boolean
  /** Members who attended (each got a visit). */
  attending: number
}

/** What marking done needs besides the command: the week documents, a logger and the other areas' steps. */
export type MarkDoneDeps = Pick<AppDeps, 'docs' | 'logger'> & { hooks: Hooks }

/**
 * Marks a lesson done: the visits of those who attended, the other areas' steps (a session written
 * off each pass), the teacher's service and the activity's consumables, in one transaction with
 * its audit row; then the week document shows "done". Idempotent. `at`: when the lesson was done,
 * for its completion, visits and service (the demo's past lessons: at their end); else now. The
 * consumables' use is recorded now: the store writes off only what was recorded once the product existed.
 */
export async function markLessonDone(
  ctx: CommandContext,
  deps: MarkDoneDeps,
  lesson: LessonRow,
  actor: Actor,
  opts: { at?: Date } = {},
): Promise<MarkDoneResult> {
  if (!lesson.valid) throw BadRequestError('errors.timetable.lessonInvalid')
  if (lesson.status === 'cancelled') throw BadRequestError('errors.timetable.lessonCancelled')
  if (lesson.startsAt && lesson.startsAt.getTime() > Date.now() + 60 * 60_000)
    throw BadRequestError('errors.timetable.lessonNotStarted')
  const result = await runCommand(ctx, 'lessons.done', (tx, audit) => markDone(tx, audit, lesson, actor, deps.hooks, opts.at))
  if (!result.alreadyDone) await showLessonStatus(deps, lesson, actor, 'done')
  return result
}

/** Everything "done" writes, in the caller's one transaction (locked per lesson). */
async function markDone(
  tx: Tx,
  audit: Audit,
  lesson: LessonRow,
  actor: Actor,
  hooks: Hooks,
  at: Date | undefined,
): Promise<CommandOutcome<MarkDoneResult>> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'lesson:' + lesson.id}, 0))`)
  if (await openCompletion(tx, lesson.id))
    return {
      result: { done: true, alreadyDone: true, attending: 0 },
      entity: 'lesson',
      entityId: lesson.id,
      after: { alreadyDone: true },
    }
  const marks = await tx.select().from(attendance).where(eq(attendance.lessonId, lesson.id))
  if (!marks.length) throw BadRequestError('errors.timetable.takeAttendanceFirst')
  const attending = marks.filter((m) => ATTENDED.has(m.status))
  const attended = attending.map((m) => m.clientId)
  const absentUnexcused = marks.filter((m) => m.status === 'absent').map((m) => m.clientId)
  const [completion] = await tx
    .insert(lessonCompletions)
    .values({ lessonId: lesson.id, doneAt: at, doneBy: actor.id })
    .returning()
  // a lesson everyone missed is done too (the teacher was there): then there is no visit to write
  const visitRows = attending.map((m) => ({
    completionId: completion.id,
    lessonId: lesson.id,
    clientId: m.clientId,
    status: m.status,
    at,
    by: actor.id,
  }))
  if (visitRows.length) await tx.insert(visits).values(visitRows)
  // the consumables the activity's norms say a lesson uses, before the other areas' steps (stock writes them off)
  const [act] = lesson.activityId
    ? await tx.select({ consumables: activities.consumables }).from(activities).where(eq(activities.id, lesson.activityId))
    : []
  const norms = act?.consumables ?? []
  if (norms.length)
    await tx.insert(consumableUses).values(
      norms.map((n) => ({
        completionId: completion.id,
        lessonId: lesson.id,
        item: n.item,
        quantity: String(n.quantity),
        unit: n.unit,
        by: actor.id,
      })),
    )
  const hookEvents: CommandEvent[] = []
  await hooks.run('lesson.done', {
    tx,
    lessonId: lesson.id,
    activityId: lesson.activityId,
    completionId: completion.id,
    attended,
    absentUnexcused,
    by: actor.id,
    audit,
    events: hookEvents,
  })
  const minutes =
    lesson.startsAt && lesson.endsAt ? Math.round((lesson.endsAt.getTime() - lesson.startsAt.getTime()) / 60_000) : 0
  if (lesson.teacherId)
    await tx.insert(teacherServices).values({
      completionId: completion.id,
      lessonId: lesson.id,
      teacherId: lesson.teacherId,
      activityId: lesson.activityId,
      durationMinutes: minutes,
      attending: attended.length,
      at,
      by: actor.id,
    })
  await tx
    .update(lessons)
    .set({ status: 'done', updatedAt: sql`now()` })
    .where(eq(lessons.id, lesson.id))
  return {
    result: { done: true, alreadyDone: false, attending: attended.length },
    entity: 'lesson',
    entityId: lesson.id,
    after: {
      completionId: completion.id,
      visits: attended.length,
      teacherId: lesson.teacherId,
      durationMinutes: minutes,
      consumables: norms,
    },
    events: [
      { name: 'entity.changed', payload: { type: 'lesson', id: lesson.id, action: 'done', branchId: lesson.branchId } },
      ...hookEvents,
    ],
  }
}
