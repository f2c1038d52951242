import { eq } from 'drizzle-orm'
import type * as Y from 'yjs'
import type { Db } from '../../../db/client'
import { clients } from '../../../db/schema/index'
import { profileOf, type ClientFileData } from '../../../domain/docs/client-file'
import { str } from './file-projection'

/**
 * A client's status and leave reason have one writer, the status command (it keeps their history);
 * the client file only shows them. Where the file shows something else (an edit of the document
 * itself), the stored values are put back into it as a system edit.
 */
export async function showStoredClientStatus(
  db: Db,
  clientId: string,
  file: ClientFileData,
  rewrite: (fn: (doc: Y.Doc) => void) => Promise<void>,
): Promise<void> {
  if (Object.keys(file.profile).length === 0) return
  const [row] = await db
    .select({ status: clients.status, leaveReason: clients.leaveReason, erasedAt: clients.erasedAt })
    .from(clients)
    .where(eq(clients.id, clientId))
    .limit(1)
  if (!row || row.erasedAt) return
  if (str(file.profile.status) === row.status && str(file.profile.leaveReason) === row.leaveReason) return
  await rewrite((doc) => {
    const profile = profileOf(doc)
    if (profile.get('status') !== row.status) profile.set('status', row.status)
    if ((profile.get('leaveReason') ?? null) !== row.leaveReason) profile.set('leaveReason', row.leaveReason)
  })
}
