import { sql } from 'drizzle-orm'
import { attendance } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ATTENDED } from '../../../../domain/timetable/rules'
import { BadRequestError, ConflictError, ValidationError } from '../../../errors'
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
  if (!lesson.valid) throw BadRequestError('This lesson is flagged as invalid; fix it in the timetable first')
  if (lesson.status === 'cancelled') throw BadRequestError('The lesson was cancelled')
  const ids = entries.map((e) => e.clientId)
  if (new Set(ids).size !== ids.length) throw ValidationError({ entries: 'A client appears twice' })
  const members = lesson.groupId ? await currentMemberIds(ctx.db, lesson.groupId) : new Set<string>()
  const known = await existingClientIds(ctx.db, ids)
  const fields: Record<string, string> = {}
  entries.forEach((e, i) => {
    if (!known.has(e.clientId)) fields[`entries.${i}.clientId`] = 'No such client'
    else if (!members.has(e.clientId) && e.status !== 'walk_in')
      fields[`entries.${i}.status`] = 'Not a member of the group: record as walk_in'
    if (e.grade != null && !ATTENDED.has(e.status)) fields[`entries.${i}.grade`] = 'Only attending clients get a grade'
  })
  if (Object.keys(fields).length) throw ValidationError(fields)
  return runCommand(ctx, 'lessons.attendance', async (tx) => {
    if (await openCompletion(tx, lesson.id))
      throw ConflictError('The lesson is marked done; undo it first to change the attendance')
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
