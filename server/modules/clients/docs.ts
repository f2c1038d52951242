import { and, eq, isNotNull } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { clients, medicalViews } from '../../../db/schema/index'
import { CLIENT_DOC_PREFIX, initClientFile, parseClientDocName, readClientFile } from '../../../domain/docs/client-file'
import { CLIENT_MEDICAL_DOC_PREFIX, medicalOf, parseClientMedicalDocName, readMedical } from '../../../domain/docs/client-medical'
import { allowed } from '../../policies/policy'
import { describeTransaction } from '../../realtime/collab/describe'
import { docType } from '../../realtime/collab/doc-registry'
import { projectClientFile, projectMedicalFile } from './file-projection'
import { clientsPolicies } from './policies'
import { showStoredClientStatus } from './status-shown'
import type { MessageId } from '../../../domain/i18n/catalogue'

/**
 * `client:<id>`: the live client file. Those who may edit clients write it; teachers and auditors
 * read it (teachers add observations through POST /api/clients/:id/observations, which writes
 * into the document as them).
 */
export const clientFileDoc = docType<string>({
  type: CLIENT_DOC_PREFIX,
  parseKey: (key) => parseClientDocName(`${CLIENT_DOC_PREFIX}:${key}`),
  init: initClientFile,
  can: (user, access) => allowed(user, access === 'read' ? clientsPolicies.read : clientsPolicies.edit),
  describe: (txn) => describeTransaction(txn),
  missing: ({ db, key }) => clientMissing(db, key),
  onOpen: ({ db, key }) => erasedRefusal(db, key),
  async project({ db, doc, key, events, actorId, rewrite, markProjected }) {
    const file = readClientFile(doc)
    const alertEvents = await projectClientFile(db, key, file, actorId ?? null, markProjected)
    for (const e of alertEvents) events?.emit(e.name, e.payload)
    await showStoredClientStatus(db, key, file, rewrite)
    return [{ type: 'client', id: key, action: 'update' }]
  },
})

/** `client-medical:<id>`: only those who may read medical files (owner, manager) open it at all. */
export const clientMedicalDoc = docType<string>({
  type: CLIENT_MEDICAL_DOC_PREFIX,
  parseKey: (key) => parseClientMedicalDocName(`${CLIENT_MEDICAL_DOC_PREFIX}:${key}`),
  init: (doc) => void medicalOf(doc),
  can: (user, access) => allowed(user, access === 'read' ? clientsPolicies.readMedical : clientsPolicies.editMedical),
  describe: (txn) => describeTransaction(txn),
  // every view of medical data is logged, not only every change
  missing: ({ db, key }) => clientMissing(db, key),
  async onOpen({ db, key, actor }) {
    const refusal = await erasedRefusal(db, key)
    if (refusal) return refusal
    await db.insert(medicalViews).values({ clientId: key, userId: actor.id, what: 'document' })
    return null
  },
  async project({ db, doc, key, markProjected }) {
    await projectMedicalFile(db, key, readMedical(doc), markProjected)
    return [{ type: 'client', id: key, action: 'update' }]
  },
})

/** Clients whose erasure is running in this process: their documents accept no connection meanwhile. */
export const ERASING = new Set<string>()

/** A client file of a client who never existed is no document. */
async function clientMissing(db: Db, clientId: string): Promise<MessageId | null> {
  const [row] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId)).limit(1)
  return row ? null : 'collab.refused.noSuchClient'
}

/** An erased client's documents are gone: connections are refused (and nothing is re-sent into them). */
async function erasedRefusal(db: Db, clientId: string): Promise<MessageId | null> {
  if (ERASING.has(clientId)) return 'collab.refused.clientErasing'
  const [row] = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, clientId), isNotNull(clients.erasedAt)))
    .limit(1)
  return row ? 'collab.refused.clientErased' : null
}
