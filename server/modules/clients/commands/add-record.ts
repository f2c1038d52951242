import { clientRecords } from '../../../../db/schema/index'
import { recordDateProblem, todayIso } from '../../../../domain/clients/rules'
import type { RECORD_KINDS } from '../../../../domain/clients/vocabulary'
import type { Actor } from '../../../../domain/roles'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { loadClient } from '../file-queries'

export interface RecordInput {
  kind: (typeof RECORD_KINDS)[number]
  date: string
  title: string
  description: string
  activity?: string | null
}

/** Adds an achievement, award, penalty, certificate or diploma to a client's file (`clients.record`). */
export async function addClientRecord(ctx: CommandContext, actor: Actor, clientId: string, input: RecordInput) {
  // a record's date is a real day, not in the future
  const dateProblem = recordDateProblem(input.date, todayIso())
  if (dateProblem) throw ValidationError({ date: dateProblem })
  return runCommand(ctx, 'clients.record', async (tx) => {
    await loadClient(tx, clientId)
    const [r] = await tx
      .insert(clientRecords)
      .values({ ...input, activity: input.activity ?? null, clientId, createdBy: actor.id })
      .returning()
    return {
      result: r,
      entity: 'client',
      entityId: clientId,
      after: r,
      events: [{ name: 'entity.changed', payload: { type: 'client', id: clientId, action: 'update' } }],
    }
  })
}
