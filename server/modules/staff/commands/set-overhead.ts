import { sql } from 'drizzle-orm'
import { costSettings } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'

export interface OverheadInput {
  branchId: string
  /** The first day it applies (YYYY-MM-DD); lessons before keep the overhead then in force. */
  validFrom: string
  /** Minor units per lesson hour. */
  overheadPerHour: number
}

/**
 * Sets a branch's overhead per lesson hour from a day on (one command, its audit row). A second
 * setting from the same day replaces that day's; earlier days keep theirs.
 */
export async function setOverhead(ctx: CommandContext, actor: Actor, input: OverheadInput) {
  if (!Number.isSafeInteger(input.overheadPerHour)) throw ValidationError({ overheadPerHour: 'costs.overheadWhole' })
  if (input.overheadPerHour < 0) throw ValidationError({ overheadPerHour: 'costs.overheadNegative' })
  return runCommand(ctx, 'costs.setOverhead', async (tx) => {
    const [row] = await tx
      .insert(costSettings)
      .values({
        branchId: input.branchId,
        validFrom: input.validFrom,
        overheadPerHour: input.overheadPerHour,
        createdBy: actor.id,
      })
      .onConflictDoUpdate({
        target: [costSettings.branchId, costSettings.validFrom],
        set: { overheadPerHour: input.overheadPerHour, createdBy: actor.id, createdAt: sql`now()` },
      })
      .returning()
    return { result: row, entity: 'cost_setting', entityId: String(row.id), after: row }
  })
}
