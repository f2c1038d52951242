import { createRoute, z } from '@hono/zod-openapi'
import { RECORD_KINDS } from '../../../../domain/clients/vocabulary'
import { ValidationError } from '../../../errors'
import { IdParam, createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { IsoDate, Uuid } from '../../../http/values'
import { authorize } from '../../../policies/policy'
import { addClientRecord } from '../commands/add-record'
import { attachClientDocument } from '../commands/attach-document'
import { findDocument } from '../file-queries'
import { clientsPolicies } from '../policies'
import { contentDisposition } from '../../../http/disposition'

const RecordInput = z
  .object({
    kind: z.enum(RECORD_KINDS),
    date: IsoDate,
    title: z.string().trim().min(1, 'errors.clients.titleRequired').max(200),
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

/** A client's records (achievements, awards…) and attached documents. */
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
      const actor = authorize(c.var.actor, clientsPolicies.addRecord)
      const { id } = c.req.valid('param')
      const record = await addClientRecord(c.var.ctx, actor, id, c.req.valid('json'))
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
      const actor = authorize(c.var.actor, clientsPolicies.attachDocument)
      const { id } = c.req.valid('param')
      const form = c.req.valid('form')
      const file = form.file
      if (!(file instanceof File)) throw ValidationError({ file: 'errors.clients.fileRequired' })
      const bytes = new Uint8Array(await file.arrayBuffer())
      const doc = await attachClientDocument(c.var.ctx, actor, id, { name: file.name, bytes, recordId: form.recordId })
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
      authorize(c.var.actor, clientsPolicies.read)
      const { id, documentId } = c.req.valid('param')
      const a = await findDocument(c.var.deps.database.db, id, documentId)
      return c.body(Buffer.from(a.data), 200, {
        'content-type': a.mime,
        'content-length': String(a.size),
        'content-disposition': contentDisposition(a.fileName, 'attachment'),
        'x-content-sha256': a.sha256,
        'x-content-type-options': 'nosniff',
      })
    },
  )
