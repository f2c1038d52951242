import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { NotFoundError } from '../../errors'
import { createRouter, responses, security } from '../../http/openapi'
import { PageLimit, SerialId } from '../../http/values'
import { authorize, authorizeRole } from '../../policies/policy'
import { DocChangeSchema, DocNameParam } from './routes'
import { FIELD_PATH, readFieldAuthors, readFieldHistory } from './field-history'
import { docsPolicies } from './policies'

const q = (name: string) => ({ param: { name, in: 'query' as const } })

export const FieldAuthorSchema = z
  .object({
    path: z.string().openapi({ example: 'profile.firstName' }),
    seq: z.number(),
    at: z.string(),
    userId: z.string().nullable(),
    login: z.string().nullable(),
    name: z.string().nullable(),
  })
  .openapi('DocFieldAuthor')

export const FieldHistoryQuery = z.object({
  path: z
    .string()
    .min(1, 'errors.field.docPath')
    .max(300, 'errors.field.docPath')
    .regex(FIELD_PATH, 'errors.field.docPath')
    .openapi({ ...q('path'), description: 'the field’s dotted path, e.g. profile.firstName or lessons.<id>.teacherId' }),
  order: z.enum(['asc', 'desc']).default('desc').openapi(q('order')),
  cursor: SerialId('errors.field.invalidCursor').optional().openapi(q('cursor')),
  limit: PageLimit(200, 50).openapi(q('limit')),
})

export const FieldHistoryItemSchema = z
  .object({
    seq: z.number(),
    at: z.string(),
    actor: z.object({ id: z.string(), login: z.string(), name: z.string() }).nullable(),
    changes: z.array(DocChangeSchema),
  })
  .openapi('DocFieldHistoryItem')

/**
 * Reading who changed a document's fields is reading its history: the same policy, the same
 * refusals (a document that does not exist, an erased client's file) and the same record (a
 * medical file's reading is logged) as GET /api/docs/{docName}/history.
 */
async function openForHistory(c: Context, docName: string): Promise<string> {
  const actor = authorizeRole(c.var.actor, docsPolicies.readHistory)
  const { docTypes } = c.var.deps.registry
  const resolved = docTypes.resolve(docName)
  if (!resolved.ok) throw NotFoundError('errors.notFound.document')
  authorize(actor, docsPolicies.readHistory, { docTypes, doc: resolved.doc })
  const db = c.var.deps.database.db
  if (await resolved.doc.def.missing?.({ db, key: resolved.doc.key })) throw NotFoundError('errors.notFound.document')
  const refusal = await resolved.doc.def.onOpen?.({ db, actor, key: resolved.doc.key, name: resolved.doc.name })
  if (refusal) throw NotFoundError('errors.notFound.document')
  return resolved.doc.name
}

/** "Who changed this": each field's last author, and one field's history (anyone who may read the document). */
export const docFieldRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/docs/{docName}/authors',
      tags: ['documents'],
      summary: 'Each field’s last change in a live document: who and when, by dotted path (anyone who may read it)',
      security,
      request: { params: DocNameParam },
      responses: responses(200, z.object({ items: z.array(FieldAuthorSchema) })),
    }),
    async (c) => {
      const name = await openForHistory(c, c.req.valid('param').docName)
      const items = await readFieldAuthors(c.var.deps.database.db, name)
      return c.json({ items: items.map((a) => ({ ...a, at: a.at.toISOString() })) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/docs/{docName}/field-history',
      tags: ['documents'],
      summary:
        'One field’s history in a live document (changes of the field, inside it, or of what holds it, narrowed to the field), paged (anyone who may read it)',
      security,
      request: { params: DocNameParam, query: FieldHistoryQuery },
      responses: responses(200, z.object({ items: z.array(FieldHistoryItemSchema), nextCursor: z.string().nullable() })),
    }),
    async (c) => {
      const name = await openForHistory(c, c.req.valid('param').docName)
      const p = c.req.valid('query')
      const page = await readFieldHistory(c.var.deps.database.db, name, p.path, {
        order: p.order,
        cursor: p.cursor ? Number(p.cursor) : undefined,
        limit: p.limit,
      })
      return c.json(
        {
          items: page.items.map((i) => ({ ...i, at: i.at.toISOString() })),
          nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
        },
        200,
      )
    },
  )
