import type { Actor } from '../../../../domain/roles'
import { BadRequestError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { AppDeps } from '../../../http/context'
import { projectGeneratedWeeks, writeGeneratedWeeks, type GenerateResult } from '../generate'
import { forgetProjectedWhole } from '../projection'
import { branchExists } from '../queries/catalogue'
import type { GenerateInput } from '../schema'

/**
 * Generates a branch's lessons from the groups' weekly patterns between two dates (idempotent,
 * skips closures, reports double bookings). The week documents are written first (stored with the
 * actor, like any edit); then ONE transaction holds the lessons they project to, the clash alerts
 * and the audit row, all or nothing.
 */
export async function generateLessons(
  ctx: CommandContext,
  deps: Pick<AppDeps, 'docs'>,
  actor: Actor,
  input: GenerateInput,
): Promise<GenerateResult> {
  if (input.to < input.from) throw ValidationError({ to: 'errors.field.endsBeforeStart' })
  if ((Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 > 370)
    throw ValidationError({ to: 'errors.timetable.generateAtMostYear' })
  if (!(await branchExists(ctx.db, input.branchId))) throw ValidationError({ branchId: 'errors.field.noSuchBranch' })
  if (!deps.docs) throw BadRequestError('errors.timetable.documentServerDown')
  const written = await writeGeneratedWeeks(ctx.db, deps.docs, actor, input)
  try {
    return await runCommand(ctx, 'timetable.generate', async (tx) => {
      const { report, alertEvents, entityEvents } = await projectGeneratedWeeks(tx, input.branchId, written, actor)
      return {
        result: report,
        entity: 'timetable',
        entityId: input.branchId,
        after: { ...input, created: report.created, skipped: report.skipped, clashes: report.clashes.length },
        events: [...alertEvents, ...entityEvents.map((payload) => ({ name: 'entity.changed' as const, payload }))],
      }
    })
  } catch (err) {
    // rolled back: the weeks' own projection runs again and projects what the documents hold
    forgetProjectedWhole(written.edited.map((w) => w.doc))
    throw err
  } finally {
    written.finished()
  }
}
