import { eq, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { queryRows } from '../../../../db/client'
import { clients } from '../../../../db/schema/index'
import { initClientFile, profileOf } from '../../../../domain/docs/client-file'
import { clientDocNames } from '../../../../domain/docs/doc-names'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { DocWriter } from '../../../http/context'
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
 * anonymised. The client's open documents are closed first, so that no connection sends the old
 * content back in, and again once the history is replaced.
 */
export async function eraseClient(ctx: CommandContext, docs: DocWriter | undefined, actor: Actor, id: string, reason: string) {
  // every document of the client, by canonical name (domain/docs/doc-names.ts)
  const names = clientDocNames(id)
  ERASING.add(id)
  try {
    for (const name of names) await docs?.evict?.(name, 'collab.refused.clientErasing')
    await runCommand(ctx, 'clients.erase', async (tx) => {
      const [client] = await tx.select().from(clients).where(eq(clients.id, id)).for('update')
      if (!client) throw NotFoundError('errors.notFound.client')
      if (client.erasedAt) throw ConflictError('errors.clients.alreadyErased')
      // the one sanctioned exception to the append-only trail (migration 0007): anonymises the
      // client, redacts their documents' updates, the audit rows, alerts and attendance comments
      // that name them, and records the erasure
      const [row] = await queryRows<{ removed: Record<string, number> }>(
        tx,
        sql`select clubroom_erase_client(${id}::uuid, ${actor.id}::uuid, ${reason}, ${Buffer.from(anonymisedFileState(client.status))}::bytea) as removed`,
      )
      return {
        result: null,
        entity: 'client',
        entityId: id,
        after: { erased: true, reason, removed: row.removed },
        events: [{ name: 'entity.changed', payload: { type: 'client', id, action: 'erase' } }],
      }
    })
    for (const name of names) await docs?.evict?.(name, 'collab.refused.clientErased')
  } finally {
    ERASING.delete(id)
  }
}
