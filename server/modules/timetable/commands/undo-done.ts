import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import { branches, consumableUses, lessonCompletions, lessons, teacherServices, visits } from '../../../../db/schema/index'
import { localDateTime } from '../../../../domain/docs/timetable-week'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent, Hooks } from '../../../contracts/hooks'
import { BadRequestError, ConflictError } from '../../../errors'
import { runCommand, type CommandContext, type CommandOutcome } from '../../../http/command'
import type { AppDeps } from '../../../http/context'
import { openCompletion, type LessonRow } from '../queries/lessons'
import { showLessonStatus } from './lesson-status'

/**
 * Undoes "done" on the day it was done (in the branch's time zone): compensating rows (sign −1)
 * for the visits, the teacher's service and the consumables, the other areas' steps (sessions given
 * back), never a delete; then the week document shows "planned" again.
 */
export async function undoLessonDone(
  ctx: CommandContext,
  deps: Pick<AppDeps, 'docs' | 'logger' | 'registry'>,
  lesson: LessonRow,
  actor: Actor,
): Promise<void> {
  await runCommand(ctx, 'lessons.undo', (tx) => undoDone(tx, lesson, actor, deps.registry.hooks))
  await showLessonStatus(deps, lesson, actor, 'planned')
}

async function undoDone(tx: Tx, lesson: LessonRow, actor: Actor, hooks: Hooks): Promise<CommandOutcome<null>> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'lesson:' + lesson.id}, 0))`)
  const open = await openCompletion(tx, lesson.id)
  if (!open) throw ConflictError('errors.timetable.notMarkedDone')
  const [branch] = await tx.select({ tz: branches.timezone }).from(branches).where(eq(branches.id, lesson.branchId))
  const day = (d: Date) => localDateTime(branch?.tz ?? 'UTC', d).date
  if (day(open.doneAt) !== day(new Date())) throw BadRequestError('errors.timetable.undoSameDay')
  const done = await tx
    .select()
    .from(visits)
    .where(and(eq(visits.completionId, open.id), eq(visits.sign, 1)))
  if (done.length)
    await tx.insert(visits).values(
      done.map((v) => ({
        completionId: open.id,
        lessonId: v.lessonId,
        clientId: v.clientId,
        status: v.status,
        sign: -1,
        reversalOf: v.id,
        by: actor.id,
      })),
    )
  const services = await tx
    .select()
    .from(teacherServices)
    .where(and(eq(teacherServices.completionId, open.id), eq(teacherServices.sign, 1)))
  if (services.length)
    await tx.insert(teacherServices).values(
      services.map((s) => ({
        completionId: open.id,
        lessonId: s.lessonId,
        teacherId: s.teacherId,
        activityId: s.activityId,
        durationMinutes: s.durationMinutes,
        attending: s.attending,
        sign: -1,
        by: actor.id,
      })),
    )
  const uses = await tx
    .select()
    .from(consumableUses)
    .where(and(eq(consumableUses.completionId, open.id), eq(consumableUses.sign, 1)))
  if (uses.length)
    await tx.insert(consumableUses).values(
      uses.map((u) => ({
        completionId: open.id,
        lessonId: u.lessonId,
        item: u.item,
        quantity: u.quantity,
        unit: u.unit,
        sign: -1,
        by: actor.id,
      })),
    )
  const hookEvents: CommandEvent[] = []
  await hooks.run('lesson.undone', {
    tx,
    lessonId: lesson.id,
    activityId: lesson.activityId,
    completionId: open.id,
    by: actor.id,
    events: hookEvents,
  })
  await tx
    .update(lessonCompletions)
    .set({ undoneAt: sql`now()`, undoneBy: actor.id })
    .where(eq(lessonCompletions.id, open.id))
  await tx
    .update(lessons)
    .set({ status: 'planned', updatedAt: sql`now()` })
    .where(eq(lessons.id, lesson.id))
  return {
    result: null,
    entity: 'lesson',
    entityId: lesson.id,
    before: { completionId: open.id },
    after: { undone: true, visitsReversed: done.length },
    events: [
      { name: 'entity.changed', payload: { type: 'lesson', id: lesson.id, action: 'undo', branchId: lesson.branchId } },
      ...hookEvents,
    ],
  }
}
