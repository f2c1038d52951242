import { sql } from 'drizzle-orm'
import { attendance } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ATTENDED } from '../../../../domain/timetable/rules'
import { BadRequestError, ConflictError, ValidationError, type FieldMessages } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { openCompletion, type LessonRow } from '../queries/lessons'
import { currentMemberIds, existingClientIds } from '../queries/members'
import type { AttendanceEntry } from '../schema'

/**
 * Takes a lesson's attendance (the electronic journal): present, late, absent, excused per member,
 * walk-ins for anyone else, a grade for those attending and a comment. Marks are upserted; a
 * lesson marked done keeps its attendance until "done" is undone.
 */
export async function takeAttendance(
  ctx: CommandContext,
  lesson: LessonRow,
  entries: AttendanceEntry[],
  actor: Actor,
): Promise<number> {
  if (!lesson.valid) throw BadRequestError('errors.timetable.lessonInvalid')
  if (lesson.status === 'cancelled') throw BadRequestError('errors.timetable.lessonCancelled')
  const ids = entries.map((e) => e.clientId)
  if (new Set(ids).size !== ids.length) throw ValidationError({ entries: 'errors.timetable.clientTwice' })
  const members = lesson.groupId ? await currentMemberIds(ctx.db, lesson.groupId) : new Set<string>()
  const known = await existingClientIds(ctx.db, ids)
  const fields: FieldMessages = {}
  entries.forEach((e, i) => {
    if (!known.has(e.clientId)) fields[`entries.${i}.clientId`] = 'errors.field.noSuchClient'
    else if (!members.has(e.clientId) && e.status !== 'walk_in') fields[`entries.${i}.status`] = 'errors.timetable.notMember'
    if (e.grade != null && !ATTENDED.has(e.status)) fields[`entries.${i}.grade`] = 'errors.timetable.gradeOnlyAttending'
  })
  if (Object.keys(fields).length) throw ValidationError(fields)
  return runCommand(ctx, 'lessons.attendance', async (tx) => {
    if (await openCompletion(tx, lesson.id)) throw ConflictError('errors.timetable.markedDoneAttendance')
    for (const e of entries) {
      await tx
        .insert(attendance)
        .values({
          lessonId: lesson.id,
          clientId: e.clientId,
          status: e.status,
          grade: e.grade ?? null,
          comment: e.comment ?? null,
          by: actor.id,
        })
        .onConflictDoUpdate({
          target: [attendance.lessonId, attendance.clientId],
          set: { status: e.status, grade: e.grade ?? null, comment: e.comment ?? null, by: actor.id, at: sql`now()` },
        })
    }
    return {
      result: entries.length,
      entity: 'lesson',
      entityId: lesson.id,
      after: { entries },
      events: [
        { name: 'entity.changed', payload: { type: 'lesson', id: lesson.id, action: 'update', branchId: lesson.branchId } },
      ],
    }
  })
}
