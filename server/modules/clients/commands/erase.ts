import { eq, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { queryRows } from '../../../../db/client'
import { clientGuardians, clients } from '../../../../db/schema/index'
import { initClientFile, profileOf } from '../../../../domain/docs/client-file'
import { clientDocNames } from '../../../../domain/docs/doc-names'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { CommandEvent } from '../../../contracts/hooks'
import type { AppDeps } from '../../../http/context'
import { ERASING } from '../docs'

/**
 * Anonymised state that replaces an erased client's document history: no name (screens show the
 * label `clients.erased.name` in their reader's language), the status and the erasure's marker.
 * Migration 0016 writes the same state in SQL (clubroom_erased_file_state) for files erased before.
 */
function anonymisedFileState(status: string): Uint8Array {
  const doc = new Y.Doc()
  initClientFile(doc)
  const p = profileOf(doc)
  p.set('firstName', '')
  p.set('lastName', '')
  p.set('status', status)
  p.set('erased', true)
  return Y.encodeStateAsUpdate(doc)
}

/**
 * Erases (anonymises) a client on request (`clients.erase`): financial and attendance records stay,
 * anonymised. In the same transaction the areas that take part in the `client.erased` hook take the
 * client out of what happens from now on (the timetable: their groups and waiting lists). The
 * client's open documents are closed first, so that no connection sends the old content back in,
 * and again once the history is replaced.
 */
export async function eraseClient(
  ctx: CommandContext,
  deps: Pick<AppDeps, 'docs' | 'registry'>,
  actor: Actor,
  id: string,
  reason: string,
) {
  const docs = deps.docs
  // every document of the client, by canonical name (domain/docs/doc-names.ts)
  const names = clientDocNames(id)
  ERASING.add(id)
  try {
    for (const name of names) await docs?.evict?.(name, 'collab.refused.clientErasing')
    await runCommand(ctx, 'clients.erase', async (tx, audit) => {
      const [client] = await tx.select().from(clients).where(eq(clients.id, id)).for('update')
      if (!client) throw NotFoundError('errors.notFound.client')
      if (client.erasedAt) throw ConflictError('errors.clients.alreadyErased')
      // what names the person, for the areas that redact free text after the client row is anonymised
      const guardians = await tx
        .select({ name: clientGuardians.name, phone: clientGuardians.phone, email: clientGuardians.email })
        .from(clientGuardians)
        .where(eq(clientGuardians.clientId, id))
      const mentions = [
        ...new Set(
          [
            `${client.firstName} ${client.lastName}`,
            client.phone,
            client.email,
            ...guardians.flatMap((g) => [g.name, g.phone, g.email]),
          ]
            .map((x) => x?.trim() ?? '')
            .filter((x) => x.length >= 3),
        ),
      ]
      // the one sanctioned exception to the append-only trail (migration 0007): anonymises the
      // client, redacts their documents' updates, the audit rows, alerts and attendance comments
      // that name them, and records the erasure
      const [row] = await queryRows<{ removed: Record<string, number> }>(
        tx,
        sql`select clubroom_erase_client(${id}::uuid, ${actor.id}::uuid, ${reason}, ${Buffer.from(anonymisedFileState(client.status))}::bytea) as removed`,
      )
      // then the other areas' steps: what they write now (an offer to the next waiting client) is
      // not the erased client's, and is left as it is
      const events: CommandEvent[] = []
      await deps.registry.hooks.run('client.erased', { tx, clientId: id, by: actor.id, mentions, audit, events })
      return {
        result: null,
        entity: 'client',
        entityId: id,
        after: { erased: true, reason, removed: row.removed },
        events: [{ name: 'entity.changed', payload: { type: 'client', id, action: 'erase' } }, ...events],
      }
    })
    for (const name of names) await docs?.evict?.(name, 'collab.refused.clientErased')
  } finally {
    ERASING.delete(id)
  }
}
