import { asc, eq } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db } from '../../../db/client'
import {
  attachments,
  branches,
  clientGuardians,
  clientMedicalSummary,
  clientRecords,
  clientStatusHistory,
  docUpdates,
  medicalViews,
  users,
} from '../../../db/schema/index'
import { encodeClientDocName, readClientFile } from '../../../domain/docs/client-file'
import { encodeClientMedicalDocName, readMedical } from '../../../domain/docs/client-medical'
import type { Actor } from '../../../domain/roles'
import { allowed } from '../../policies/policy'
import { loadDocRows } from '../../realtime/collab/persistence'
import { clientActivitySections } from './export-sections'
import { loadClient } from './file-queries'
import { clientsPolicies } from './policies'

/** Rebuilds a stored document from its latest snapshot and later updates. */
export async function loadStoredDoc(db: Db, name: string): Promise<Y.Doc> {
  const rows = await loadDocRows(db, name)
  const doc = new Y.Doc()
  if (rows.snapshot) Y.applyUpdate(doc, rows.snapshot.state)
  for (const u of rows.updates) Y.applyUpdate(doc, u.update)
  return doc
}

async function docHistory(db: Db, name: string) {
  const rows = await db
    .select({ seq: docUpdates.seq, at: docUpdates.at, login: users.login, changes: docUpdates.changes })
    .from(docUpdates)
    .leftJoin(users, eq(users.id, docUpdates.userId))
    .where(eq(docUpdates.doc, name))
    .orderBy(asc(docUpdates.seq))
  return rows.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actor: r.login, changes: r.changes }))
}

/** Everything stored about a client, as one JSON-able bundle. Medical data only for those who may read it (and the view is logged). */
export async function buildClientExport(db: Db, clientId: string, actor: Actor) {
  const client = await loadClient(db, clientId)
  const withMedical = allowed(actor, clientsPolicies.readMedical)
  const fileName = encodeClientDocName(clientId)
  const medicalName = encodeClientMedicalDocName(clientId)
  const [guardians, statusHistory, records, documents, activity, file, history] = await Promise.all([
    db.select().from(clientGuardians).where(eq(clientGuardians.clientId, clientId)),
    db.select().from(clientStatusHistory).where(eq(clientStatusHistory.clientId, clientId)).orderBy(asc(clientStatusHistory.at)),
    db.select().from(clientRecords).where(eq(clientRecords.clientId, clientId)),
    db.select().from(attachments).where(eq(attachments.clientId, clientId)),
    clientActivitySections(db, clientId),
    loadStoredDoc(db, fileName),
    docHistory(db, fileName),
  ])
  let medical: Record<string, unknown> | null = null
  if (withMedical) {
    const [medDoc, medHistory, summary, views] = await Promise.all([
      loadStoredDoc(db, medicalName),
      docHistory(db, medicalName),
      db.select().from(clientMedicalSummary).where(eq(clientMedicalSummary.clientId, clientId)),
      db.select().from(medicalViews).where(eq(medicalViews.clientId, clientId)),
    ])
    await db.insert(medicalViews).values({ clientId, userId: actor.id, what: 'export' })
    medical = {
      file: readMedical(medDoc),
      summary: summary[0] ?? null,
      history: medHistory,
      views: views.map((v) => ({ userId: v.userId, what: v.what, at: v.at.toISOString() })),
    }
  }
  return {
    exportedAt: new Date().toISOString(),
    exportedBy: actor.login,
    client: { ...client, searchText: undefined },
    file: readClientFile(file),
    guardians: guardians.map(({ phoneDigits: _p, ...g }) => g),
    statusHistory,
    records,
    documents: documents.map(({ data, ...d }) => ({ ...d, contentBase64: Buffer.from(data).toString('base64') })),
    medical,
    groups: activity.groups,
    waitingList: activity.waitingList,
    attendance: activity.attendance,
    visits: activity.visits,
    makeUpCredits: activity.makeUpCredits,
    passes: activity.passes,
    passVisits: activity.passVisits,
    invoices: activity.invoices,
    payments: activity.payments,
    refunds: activity.refunds,
    sales: activity.sales,
    saleReturns: activity.saleReturns,
    loans: activity.loans,
    stockReceived: activity.stockReceived,
    alerts: activity.alerts,
    history,
    audit: activity.audit,
  }
}

export type ClientExport = Awaited<ReturnType<typeof buildClientExport>>

/** The time zone the client's dates are read in: their branch's (UTC when they have none). */
export async function exportTimeZone(db: Db, branchId: string | null): Promise<string> {
  if (!branchId) return 'UTC'
  const [row] = await db.select({ tz: branches.timezone }).from(branches).where(eq(branches.id, branchId)).limit(1)
  return row?.tz ?? 'UTC'
}
