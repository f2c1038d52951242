import { createRoute, z } from '@hono/zod-openapi'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import PDFDocument from 'pdfkit'
import * as Y from 'yjs'
import { queryRows, type Db } from '../../../db/client'
import {
  attachments,
  clientGuardians,
  clientMedicalSummary,
  clientRecords,
  clients,
  clientStatusHistory,
  docUpdates,
  medicalViews,
  users,
} from '../../../db/schema/index'
import { encodeClientDocName, initClientFile, profileOf, readClientFile } from '../../../domain/docs/client-file'
import { encodeClientMedicalDocName, readMedical } from '../../../domain/docs/client-medical'
import { clientDocNames } from '../../../domain/docs/doc-names'
import { AuthorizationError, ConflictError, NotFoundError } from '../../errors'
import { authorize } from '../../http/authorize'
import { runCommand } from '../../http/command'
import type { AppDeps } from '../../http/context'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { can, type Actor } from '../../policies/permissions'
import { loadDocRows } from '../../realtime/collab/persistence'
import { ERASING } from './doc-types'
import { clientActivitySections } from './export-sections'

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

/** Everything stored about a client, as one JSON-able bundle. Medical data only for medical roles (and the view is logged). */
export async function buildClientExport(deps: AppDeps, clientId: string, actor: Actor) {
  const db = deps.database.db
  const [client] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.id, clientId), isNull(clients.erasedAt)))
    .limit(1)
  if (!client) throw NotFoundError('Client')
  const withMedical = can(actor, 'read', 'medical')
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
    // passes and payments arrive with the passes area
    passes: [] as unknown[],
    payments: [] as unknown[],
    alerts: activity.alerts,
    history,
    audit: activity.audit,
  }
}

/** A readable PDF of the export (personal data, guardians, file, observations, records, medical if permitted). */
export function exportPdf(data: Awaited<ReturnType<typeof buildClientExport>>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: `Client data: ${data.client.firstName} ${data.client.lastName}` },
    })
    const chunks: Buffer[] = []
    pdf.on('data', (c: Buffer) => chunks.push(c))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
    const h = (t: string) =>
      pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(t).font('Helvetica').fontSize(10).moveDown(0.2)
    const line = (k: string, v: unknown) => {
      if (v === null || v === undefined || v === '') return
      pdf
        .font('Helvetica-Bold')
        .text(`${k}: `, { continued: true })
        .font('Helvetica')
        .text(typeof v === 'string' ? v : JSON.stringify(v))
    }
    pdf.fontSize(18).font('Helvetica-Bold').text(`${data.client.firstName} ${data.client.lastName}`)
    pdf
      .fontSize(9)
      .font('Helvetica')
      .fillColor('#555')
      .text(`Everything Clubroom stores about this client. Exported ${data.exportedAt} by ${data.exportedBy}.`)
      .fillColor('black')
    h('Personal data')
    for (const k of ['birthDate', 'phone', 'email', 'status', 'leaveReason', 'source', 'consent'] as const)
      line(k, (data.client as Record<string, unknown>)[k])
    h('Guardians')
    for (const g of data.guardians)
      line(
        `${g.name} (${g.relation})`,
        [g.phone, g.email, g.canPickUp ? 'may pick up' : 'may not pick up'].filter(Boolean).join(', '),
      )
    h('Client file')
    for (const [k, v] of Object.entries({ ...data.file.physical, ...data.file.traits })) line(k, v)
    line('Notes', data.file.notes)
    h('Observations')
    for (const o of data.file.observations) line(`${o.at.slice(0, 10)} ${o.authorName}`, o.text)
    h('Achievements, awards, penalties, certificates')
    for (const r of data.records) line(`${r.date} ${r.kind}`, `${r.title}${r.description ? ' — ' + r.description : ''}`)
    h('Documents')
    for (const d of data.documents) line(d.fileName, `${d.mime}, ${d.size} bytes, SHA-256 ${d.sha256}`)
    if (data.medical) {
      h('Medical file')
      for (const [k, v] of Object.entries(data.medical.file as Record<string, unknown>)) line(k, v)
    }
    h('Groups')
    for (const g of data.groups)
      line(
        g.group ?? g.groupId,
        `joined ${g.joinedAt.toISOString().slice(0, 10)}${g.leftAt ? `, left ${g.leftAt.toISOString().slice(0, 10)}` : ''}`,
      )
    for (const w of data.waitingList)
      line(`${w.group ?? w.groupId} (waiting list)`, `${w.status} since ${w.addedAt.toISOString().slice(0, 10)}`)
    h('Attendance')
    for (const a of data.attendance)
      line(
        a.startsAt?.toISOString().slice(0, 16).replace('T', ' ') ?? a.lessonId,
        [a.status, a.grade != null ? `grade ${a.grade}` : '', a.comment ?? ''].filter(Boolean).join(', '),
      )
    h('Visits')
    for (const v of data.visits) line(v.at.toISOString().slice(0, 10), `${v.status}${v.sign < 0 ? ' (reversed)' : ''}`)
    for (const m of data.makeUpCredits)
      line('Make-up credit', `from lesson ${m.fromLessonId}${m.usedLessonId ? `, used for ${m.usedLessonId}` : ''}`)
    h('Alerts')
    for (const a of data.alerts) line(a.raisedAt.toISOString().slice(0, 10), a.message)
    h('Status history')
    for (const s of data.statusHistory)
      line(s.at.toISOString().slice(0, 10), `${s.fromStatus ?? '—'} → ${s.toStatus}${s.reason ? ' (' + s.reason + ')' : ''}`)
    h('Change history')
    pdf.text(`${data.history.length} recorded edits of the client file; ${data.audit.length} recorded commands.`)
    pdf.end()
  })
}

const EraseInput = z
  .object({ reason: z.string().trim().min(3, 'Say why (e.g. the request reference)').max(1000) })
  .openapi('ClientErase')

/** Anonymised state that replaces an erased client's document history. */
function anonymisedFileState(status: string): Uint8Array {
  const doc = new Y.Doc()
  initClientFile(doc)
  const p = profileOf(doc)
  p.set('firstName', 'Erased')
  p.set('lastName', 'client')
  p.set('status', status)
  p.set('erased', true)
  return Y.encodeStateAsUpdate(doc)
}

export const clientPrivacyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}/export',
      tags: ['clients'],
      summary: 'Everything stored about a client as a JSON bundle',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ client: z.object({}).passthrough() }).passthrough()),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'update', 'clients')
      const { id } = c.req.valid('param')
      const data = await buildClientExport(c.var.deps, id, actor)
      c.header('content-disposition', `attachment; filename="client-${id}.json"`)
      return c.json(data as never, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}/export.pdf',
      tags: ['clients'],
      summary: 'Everything stored about a client as a readable PDF',
      security,
      request: { params: IdParam },
      responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } } },
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'update', 'clients')
      const { id } = c.req.valid('param')
      const pdf = await exportPdf(await buildClientExport(c.var.deps, id, actor))
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="client-${id}.pdf"`,
      })
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/erase',
      tags: ['clients'],
      summary: 'Erase (anonymise) a client on request — owner only; financial and attendance records stay, anonymised',
      security,
      request: { params: IdParam, ...jsonBody(EraseInput) },
      responses: responses(200, z.object({ erased: z.boolean() })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'read', 'clients')
      if (!actor.roles.includes('owner')) throw AuthorizationError('Only the owner may erase a client')
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      // every document of the client, by canonical name (domain/docs/doc-names.ts)
      const docs = clientDocNames(id)
      // close the open copies first, so that no connection sends the old content back in
      ERASING.add(id)
      try {
        for (const name of docs) await c.var.deps.docs?.evict?.(name, 'This client is being erased')
        await runCommand(c.var.ctx, 'clients.erase', async (tx) => {
          const [client] = await tx.select().from(clients).where(eq(clients.id, id)).for('update')
          if (!client) throw NotFoundError('Client')
          if (client.erasedAt) throw ConflictError('This client was already erased')
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
        for (const name of docs) await c.var.deps.docs?.evict?.(name, 'This client was erased')
      } finally {
        ERASING.delete(id)
      }
      return c.json({ erased: true }, 200)
    },
  )
