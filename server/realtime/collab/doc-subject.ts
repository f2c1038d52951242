import { and, eq, isNotNull } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { parseDocName } from '../../../domain/docs/doc-names'
import { branches, clients } from '../../../db/schema/index'

/**
 * Does the subject a document name points at exist? A week of a branch that does not exist,
 * or the file of a client that never existed, is not a document: the document server refuses
 * the connection (4400) and the history route answers 404. Returns the reason, or null when it exists.
 * (Names of types domain/docs/doc-names.ts does not define are not checked here.)
 */
export async function missingDocSubject(db: Db, name: string): Promise<string | null> {
  const parsed = parseDocName(name)
  if (!parsed) return null
  switch (parsed.type) {
    case 'timetable': {
      const [row] = await db.select({ id: branches.id }).from(branches).where(eq(branches.id, parsed.branchId)).limit(1)
      return row ? null : 'No such branch'
    }
    case 'client':
    case 'client-medical': {
      const [row] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, parsed.clientId)).limit(1)
      return row ? null : 'No such client'
    }
    case 'workspace':
      return null
  }
}

/**
 * Is this a document of an erased client? Its history was redacted by the erasure and it opens
 * no more (the client file's open check refuses it); the history route answers 404.
 */
export async function isErasedDocSubject(db: Db, name: string): Promise<boolean> {
  const parsed = parseDocName(name)
  if (parsed?.type !== 'client' && parsed?.type !== 'client-medical') return false
  const [row] = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, parsed.clientId), isNotNull(clients.erasedAt)))
    .limit(1)
  return !!row
}
