import { createHash } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { and, eq, isNull } from 'drizzle-orm'
import { fileTypeFromBuffer } from 'file-type'
import { attachments, clientRecords, clients } from '../../../db/schema/index'
import { RECORD_KINDS } from '../../../db/schema/clients'
import { NotFoundError, ValidationError } from '../../errors'
import { authorize } from '../../http/authorize'
import { runCommand } from '../../http/command'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { IsoDate, Uuid } from '../../http/values'
import { birthDateProblem, todayIso } from '../../../domain/clients/rules'

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
/** Types accepted, judged by content (magic bytes), never by the file name. */
export const ACCEPTED_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

const RecordInput = z
  .object({
    kind: z.enum(RECORD_KINDS),
    date: IsoDate,
    title: z.string().trim().min(1, 'Give it a title').max(200),
    description: z.string().trim().max(5000).default(''),
    activity: z.string().trim().max(100).nullable().optional(),
  })
  .openapi('ClientRecordInput')

const DocumentForm = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary' }),
  recordId: Uuid.optional(),
})

const DocParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' } }),
  documentId: Uuid.openapi({ param: { name: 'documentId', in: 'path' } }),
})

/** Checks an upload: size, real type by content; returns its type and SHA-256. */
export async function inspectUpload(bytes: Uint8Array): Promise<{ mime: string; sha256: string }> {
  if (bytes.byteLength === 0) throw ValidationError({ file: 'The file is empty' })
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw ValidationError({ file: 'The file is larger than 10 MB' })
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !ACCEPTED_TYPES[type.mime])
    throw ValidationError({ file: 'Only PDF, JPEG and PNG files are accepted (checked by content)' })
  return { mime: type.mime, sha256: createHash('sha256').update(bytes).digest('hex') }
}

const safeName = (name: string) => name.replace(/[^\w.\- ]+/g, '_').slice(0, 150) || 'document'

export const clientRecordRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/records',
      tags: ['clients'],
      summary: 'Add an achievement, award, penalty, certificate or diploma',
      security,
      request: { params: IdParam, ...jsonBody(RecordInput) },
      responses: responses(201, z.object({ record: z.object({ id: z.string() }).passthrough() })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'update', 'clients')
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const dateProblem = birthDateProblem(input.date, todayIso())
      if (dateProblem && !dateProblem.includes('1900')) throw ValidationError({ date: dateProblem.replace('Birth date', 'Date') })
      const record = await runCommand(c.var.ctx, 'clients.record', async (tx) => {
        const [client] = await tx
          .select({ id: clients.id })
          .from(clients)
          .where(and(eq(clients.id, id), isNull(clients.erasedAt)))
          .limit(1)
        if (!client) throw NotFoundError('Client')
        const [r] = await tx
          .insert(clientRecords)
          .values({ ...input, activity: input.activity ?? null, clientId: id, createdBy: actor.id })
          .returning()
        return {
          result: r,
          entity: 'client',
          entityId: id,
          after: r,
          events: [{ name: 'entity.changed', payload: { type: 'client', id, action: 'update' } }],
        }
      })
      return c.json({ record: { ...record, createdAt: record.createdAt.toISOString() } }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/documents',
      tags: ['clients'],
      summary: 'Attach a document (PDF, JPEG or PNG up to 10 MB; type checked by content), optionally to a record',
      security,
      request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: DocumentForm } } } },
      responses: responses(
        201,
        z.object({
          document: z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string() }),
        }),
      ),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'update', 'clients')
      const { id } = c.req.valid('param')
      const form = c.req.valid('form')
      const file = form.file
      if (!(file instanceof File)) throw ValidationError({ file: 'Attach a file' })
      const bytes = new Uint8Array(await file.arrayBuffer())
      const { mime, sha256 } = await inspectUpload(bytes)
      const fileName = safeName(file.name).replace(/\.[^.]*$/, '') + '.' + ACCEPTED_TYPES[mime]
      const doc = await runCommand(c.var.ctx, 'clients.attach', async (tx) => {
        const [client] = await tx
          .select({ id: clients.id })
          .from(clients)
          .where(and(eq(clients.id, id), isNull(clients.erasedAt)))
          .limit(1)
        if (!client) throw NotFoundError('Client')
        if (form.recordId) {
          const [rec] = await tx
            .select({ id: clientRecords.id })
            .from(clientRecords)
            .where(and(eq(clientRecords.id, form.recordId), eq(clientRecords.clientId, id)))
            .limit(1)
          if (!rec) throw ValidationError({ recordId: 'No such record of this client' })
        }
        const [a] = await tx
          .insert(attachments)
          .values({
            clientId: id,
            recordId: form.recordId ?? null,
            fileName,
            mime,
            size: bytes.byteLength,
            sha256,
            data: bytes,
            createdBy: actor.id,
          })
          .returning({
            id: attachments.id,
            fileName: attachments.fileName,
            mime: attachments.mime,
            size: attachments.size,
            sha256: attachments.sha256,
          })
        return {
          result: a,
          entity: 'client',
          entityId: id,
          after: { document: a, recordId: form.recordId ?? null },
          events: [{ name: 'entity.changed', payload: { type: 'client', id, action: 'update' } }],
        }
      })
      return c.json({ document: doc }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}/documents/{documentId}',
      tags: ['clients'],
      summary: 'Download an attached document (users who may see the client)',
      security,
      request: { params: DocParams },
      responses: { 200: { description: 'The file' } },
    }),
    async (c) => {
      authorize(c.var.actor, 'read', 'clients')
      const { id, documentId } = c.req.valid('param')
      const [doc] = await c.var.deps.database.db
        .select()
        .from(attachments)
        .innerJoin(clients, eq(clients.id, attachments.clientId))
        .where(and(eq(attachments.id, documentId), eq(attachments.clientId, id), isNull(clients.erasedAt)))
        .limit(1)
      if (!doc) throw NotFoundError('Document')
      const a = doc.attachments
      return c.body(Buffer.from(a.data), 200, {
        'content-type': a.mime,
        'content-length': String(a.size),
        'content-disposition': `attachment; filename="${a.fileName}"`,
        'x-content-sha256': a.sha256,
        'x-content-type-options': 'nosniff',
      })
    },
  )
