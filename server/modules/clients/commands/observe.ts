import { observationMap, observationsOf } from '../../../../domain/docs/client-file'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import type { DocWriter } from '../../../http/context'
import { loadClient } from '../file-queries'
import { editClientFile } from './client-file'

/**
 * Adds a dated observation, stamped with its author. It lives in the client's document (its update
 * is stored with its author); the audit row (`clients.observe`) follows only once that write is
 * stored: a failed write leaves no row claiming it. Returns the observation's id.
 */
export async function addObservation(
  ctx: CommandContext,
  docs: DocWriter | undefined,
  actor: Actor,
  clientId: string,
  input: { text: string; activity?: string },
): Promise<string> {
  await loadClient(ctx.db, clientId)
  const obsId = crypto.randomUUID()
  const observation = {
    at: new Date().toISOString(),
    authorId: actor.id,
    authorName: actor.name,
    activity: input.activity ?? null,
    text: input.text,
  }
  await editClientFile(docs, clientId, actor, (doc) => observationsOf(doc).set(obsId, observationMap(observation)))
  await runCommand(ctx, 'clients.observe', async () => ({
    result: null,
    entity: 'client',
    entityId: clientId,
    after: { observationId: obsId, ...observation },
  }))
  return obsId
}
