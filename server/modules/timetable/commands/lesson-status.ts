import { lessonsOf } from '../../../../domain/docs/timetable-week'
import { CANCEL_REASON_FIELD } from '../../../../domain/timetable/cancellation'
import type { Actor } from '../../../../domain/roles'
import type { AppDeps } from '../../../http/context'
import type { LessonRow } from '../queries/lessons'

/**
 * Writes a lesson's status into its week document as the user (everyone's screen shows it): the
 * step after a status command (done, undone, cancelled) has committed. The command stands: if the
 * document cannot be written now, the next projection of the week (its next edit) puts the stored
 * status back into it (one writer per fact), so this logs and goes on rather than failing a
 * request whose change is already made.
 */
export async function showLessonStatus(
  deps: Pick<AppDeps, 'docs' | 'logger'>,
  lesson: LessonRow,
  actor: Actor,
  status: 'planned' | 'done' | 'cancelled',
  /** Why it was cancelled, as the user typed it (its own field: the lesson's note stays as it is). */
  reason?: string,
): Promise<void> {
  try {
    await deps.docs?.applyAsUser(lesson.doc, actor, (doc) => {
      const m = lessonsOf(doc).get(lesson.id)
      if (!m) return
      if (m.get('status') !== status) m.set('status', status)
      if (reason !== undefined && m.get(CANCEL_REASON_FIELD) !== reason) m.set(CANCEL_REASON_FIELD, reason)
    })
  } catch (err) {
    deps.logger.warn(
      { err, lessonId: lesson.id, doc: lesson.doc, status },
      'the lesson status is stored; its week document will show it at its next projection',
    )
  }
}
