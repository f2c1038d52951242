import { eq, sql } from 'drizzle-orm'
import { branches, lessons, makeUpCredits } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { AppDeps } from '../../../http/context'
import { raiseAlert } from '../../alerts'
import { lessonCancelledMessage, lessonTime, timetableAlerts } from '../alert-kinds'
import { openCompletion, type LessonRow } from '../queries/lessons'
import { currentMemberNames } from '../queries/members'
import type { CancelInput } from '../schema'
import { showLessonStatus } from './lesson-status'

/**
 * Cancels a lesson: nothing is written off; the members to notify appear in the alert feed; with
 * `offerMakeUp`, each member gets a make-up credit. Then the week document shows it cancelled,
 * with the reason given in its own field (domain/timetable/cancellation.ts).
 * Returns how many make-up credits were given.
 */
export async function cancelLesson(
  ctx: CommandContext,
  deps: Pick<AppDeps, 'docs' | 'logger'>,
  lesson: LessonRow,
  input: CancelInput,
  actor: Actor,
): Promise<number> {
  const id = lesson.id
  const credits = await runCommand(ctx, 'lessons.cancel', async (tx) => {
    if (await openCompletion(tx, id)) throw ConflictError('errors.timetable.markedDone')
    if (lesson.status === 'cancelled') throw ConflictError('errors.timetable.lessonAlreadyCancelled')
    const members = lesson.groupId ? await currentMemberNames(tx, [lesson.groupId]) : []
    await tx
      .update(lessons)
      .set({ status: 'cancelled', cancelReason: input.reason || null, updatedAt: sql`now()` })
      .where(eq(lessons.id, id))
    let n = 0
    const activityId = lesson.activityId
    if (input.offerMakeUp && activityId && members.length) {
      await tx
        .insert(makeUpCredits)
        .values(members.map((m) => ({ clientId: m.clientId, activityId, fromLessonId: id, createdBy: actor.id })))
      n = members.length
    }
    const [branch] = await tx.select({ tz: branches.timezone }).from(branches).where(eq(branches.id, lesson.branchId))
    const alert = await raiseAlert(tx, {
      kind: timetableAlerts.lesson_cancelled,
      subject: `lesson:${id}`,
      message: lessonCancelledMessage({
        when: lesson.startsAt && lesson.endsAt ? lessonTime(lesson.startsAt, lesson.endsAt, branch?.tz ?? 'UTC') : '',
        reason: input.reason,
        names: members,
        makeUp: n > 0,
      }),
      details: { lessonId: id, members: members.map((m) => m.clientId), makeUp: n > 0 },
      branchId: lesson.branchId,
      by: actor.id,
    })
    return {
      result: n,
      entity: 'lesson',
      entityId: id,
      after: { status: 'cancelled', reason: input.reason ?? null, makeUpCredits: n },
      events: alert ? [alert] : [],
    }
  })
  // the status is the kind, the reason the user's own words: screens word it in their reader's language
  await showLessonStatus(deps, lesson, actor, 'cancelled', input.reason || undefined)
  return credits
}
