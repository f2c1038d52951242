import { inArray, sql } from 'drizzle-orm'
import { closures, lessons, makeUpCredits } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { AppDeps } from '../../../http/context'
import { lessonsInClosure, presentClosureLesson } from '../queries/closure-lessons'
import type { LessonRow } from '../queries/lessons'
import type { ClosureCreateInput } from '../schema'
import { showLessonStatus } from './lesson-status'

/**
 * Adds a holiday or closure of a branch (or of the whole center); the automatic schedule skips it.
 * With `cancelLessons`, the lessons already planned on its days (those the preview lists) are
 * cancelled in the same transaction, the closure's name as their reason, and with `offerMakeUp`
 * each member of their groups gets a make-up credit. Then each week document shows them cancelled.
 */
export async function createClosure(
  ctx: CommandContext,
  input: ClosureCreateInput,
  actor: Actor,
  /** Where the cancelled lessons are shown (the week documents); needed only with `cancelLessons`. */
  deps?: Pick<AppDeps, 'docs' | 'logger'>,
) {
  if (input.toDate < input.fromDate) throw ValidationError({ toDate: 'errors.field.endsBeforeStart' })
  const { cancelLessons, offerMakeUp, ...fields } = input
  const out = await runCommand(ctx, 'closures.create', async (tx) => {
    const [r] = await tx
      .insert(closures)
      .values({ ...fields, createdBy: actor.id })
      .returning()
    let cancelled: LessonRow[] = []
    let credits = 0
    let listed: ReturnType<typeof presentClosureLesson>[] = []
    if (cancelLessons) {
      const found = await lessonsInClosure(tx, fields)
      cancelled = found.lessons
      listed = cancelled.map((l) => presentClosureLesson(l, found.members))
      if (cancelled.length)
        await tx
          .update(lessons)
          .set({ status: 'cancelled', cancelReason: fields.name, updatedAt: sql`now()` })
          .where(
            inArray(
              lessons.id,
              cancelled.map((l) => l.id),
            ),
          )
      if (offerMakeUp) {
        const rows = cancelled.flatMap((l) =>
          l.groupId && l.activityId
            ? found.members
                .filter((m) => m.groupId === l.groupId)
                .map((m) => ({
                  clientId: m.clientId,
                  activityId: l.activityId as string,
                  fromLessonId: l.id,
                  createdBy: actor.id,
                }))
            : [],
        )
        for (let i = 0; i < rows.length; i += 1000) await tx.insert(makeUpCredits).values(rows.slice(i, i + 1000))
        credits = rows.length
      }
    }
    return {
      result: { closure: r, cancelled, listed, makeUpCredits: credits },
      entity: 'closure',
      entityId: r.id,
      after: { ...r, cancelledLessons: cancelled.map((l) => l.id), makeUpCredits: credits },
      events: [{ name: 'entity.changed', payload: { type: 'closure', id: r.id, action: 'create', branchId: r.branchId } }],
    }
  })
  // the status is stored; the week documents show it (one writer per fact: a later projection puts it back)
  if (deps) for (const l of out.cancelled) await showLessonStatus(deps, l, actor, 'cancelled', fields.name)
  return { closure: out.closure, cancelled: out.listed, makeUpCredits: out.makeUpCredits }
}
