import type * as Y from 'yjs'
import { encodeClientDocName, initClientFile } from '../../../../domain/docs/client-file'
import type { Actor } from '../../../../domain/roles'
import type { DocWriter } from '../../../http/context'

/**
 * Writes into a client's live document as the actor (persisted, described and broadcast like any
 * edit); commands call this after their transaction commits.
 */
export async function editClientFile(docs: DocWriter | undefined, clientId: string, actor: Actor, fn: (doc: Y.Doc) => void) {
  if (!docs) throw new Error('document server not attached')
  await docs.applyAsUser(encodeClientDocName(clientId), actor, (doc) => {
    initClientFile(doc)
    fn(doc)
  })
}
