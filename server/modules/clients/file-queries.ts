import { alias } from 'drizzle-orm/pg-core'
import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import {
  alerts,
  attachments,
  clientGuardians,
  clientRecords,
  clients,
  clientStatusHistory,
  users,
} from '../../../db/schema/index'
import { NotFoundError } from '../../errors'
import { clientProgress } from './progress'
import { getRegistrationSettings } from './settings'

/** One client's row (not erased), or 404. */
export async function loadClient(db: Queryable, id: string) {
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.id, id), isNull(clients.erasedAt)))
    .limit(1)
  if (!row) throw NotFoundError('errors.notFound.client')
  return row
}

/**
 * Everything a client's page shows, read at once: opening a client file waits for this answer
 * (bench/clients/client-file.ts).
 */
export async function clientFileBundle(db: Queryable, id: string) {
  const [row, settings, guardians, history, records, documents, openAlerts, family, progress] = await Promise.all([
    loadClient(db, id),
    getRegistrationSettings(db),
    db.select().from(clientGuardians).where(eq(clientGuardians.clientId, id)),
    db
      .select({ h: clientStatusHistory, by: users.name })
      .from(clientStatusHistory)
      .leftJoin(users, eq(users.id, clientStatusHistory.by))
      .where(eq(clientStatusHistory.clientId, id))
      .orderBy(asc(clientStatusHistory.at)),
    db.select().from(clientRecords).where(eq(clientRecords.clientId, id)).orderBy(desc(clientRecords.date)),
    db
      .select({
        id: attachments.id,
        recordId: attachments.recordId,
        fileName: attachments.fileName,
        mime: attachments.mime,
        size: attachments.size,
        sha256: attachments.sha256,
        createdAt: attachments.createdAt,
      })
      .from(attachments)
      .where(eq(attachments.clientId, id)),
    db
      .select()
      .from(alerts)
      .where(and(eq(alerts.subject, `client:${id}`), isNull(alerts.clearedAt))),
    familyOfClient(db, id),
    clientProgress(db, id),
  ])
  return { row, settings, guardians, history, records, documents, openAlerts, family, progress }
}
export type ClientFileBundle = Awaited<ReturnType<typeof clientFileBundle>>

/** Other clients sharing a guardian phone with this client's guardians (one query): the family. */
async function familyOfClient(db: Queryable, clientId: string) {
  const mine = alias(clientGuardians, 'mine')
  const theirs = alias(clientGuardians, 'theirs')
  const linked = db
    .selectDistinct({ id: theirs.clientId })
    .from(theirs)
    .innerJoin(mine, and(eq(mine.phoneDigits, theirs.phoneDigits), eq(mine.clientId, clientId), ne(mine.phoneDigits, '')))
    .where(ne(theirs.clientId, clientId))
  return db
    .select()
    .from(clients)
    .where(and(inArray(clients.id, linked), isNull(clients.erasedAt)))
    .orderBy(asc(clients.birthDate))
}

/** Guardians already known by one of these phones (digits), with their child: offered while registering a sibling. */
export async function knownGuardiansByPhone(db: Queryable, phones: string[]) {
  const rows = await db
    .select({
      name: clientGuardians.name,
      relation: clientGuardians.relation,
      phone: clientGuardians.phone,
      email: clientGuardians.email,
      clientId: clientGuardians.clientId,
      firstName: clients.firstName,
      lastName: clients.lastName,
    })
    .from(clientGuardians)
    .innerJoin(clients, eq(clients.id, clientGuardians.clientId))
    .where(and(inArray(clientGuardians.phoneDigits, phones), isNull(clients.erasedAt)))
    .limit(10)
  return rows.map((r) => ({
    name: r.name,
    relation: r.relation,
    phone: r.phone,
    email: r.email,
    child: { id: r.clientId, name: `${r.firstName} ${r.lastName}` },
  }))
}

/** The guardians of these clients, per client (the CSV export's column). */
export async function guardiansOfClients(db: Queryable, clientIds: string[]) {
  const rows = clientIds.length ? await db.select().from(clientGuardians).where(inArray(clientGuardians.clientId, clientIds)) : []
  const byClient = new Map<string, (typeof rows)[number][]>()
  for (const g of rows) byClient.set(g.clientId, [...(byClient.get(g.clientId) ?? []), g])
  return byClient
}

/** An attached document of a client (not erased), with its bytes; 404 when there is none. */
export async function findDocument(db: Queryable, clientId: string, documentId: string) {
  const [doc] = await db
    .select()
    .from(attachments)
    .innerJoin(clients, eq(clients.id, attachments.clientId))
    .where(and(eq(attachments.id, documentId), eq(attachments.clientId, clientId), isNull(clients.erasedAt)))
    .limit(1)
  if (!doc) throw NotFoundError('errors.notFound.document')
  return doc.attachments
}
