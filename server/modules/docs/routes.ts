import { createRoute, z } from '@hono/zod-openapi'
import { NotFoundError } from '../../errors'
import { createRouter, responses, security } from '../../http/openapi'
import { PageLimit, SerialId } from '../../http/values'
import { authorize, authorizeRole } from '../../policies/policy'
import { readHistory } from '../../realtime/collab/persistence'
import { docsPolicies } from './policies'

const q = (name: string) => ({ param: { name, in: 'query' as const } })

export const DocNameParam = z.object({
  docName: z
    .string()
    .min(1)
    .max(200)
    .openapi({
      param: { name: 'docName', in: 'path' },
      description: 'type:key, e.g. workspace:<userId> (the colon may be URL-encoded)',
      example: 'workspace:6f1c2a9e-0000-4000-8000-000000000000',
    }),
})

export const HistoryQuery = z.object({
  cursor: SerialId('errors.field.invalidCursor').optional().openapi(q('cursor')),
  limit: PageLimit(200, 50).openapi(q('limit')),
})

export const DocChangeSchema = z
  .object({
    path: z.string(),
    kind: z.enum(['add', 'update', 'delete', 'insert', 'remove']),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('DocChange')

export const DocHistoryItem = z
  .object({
    seq: z.number(),
    at: z.string(),
    actor: z.object({ id: z.string(), login: z.string() }).nullable(),
    changes: z.array(DocChangeSchema),
  })
  .openapi('DocHistoryItem')

/** The described change log of a live document (who changed what, newest first). */
export const docRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/docs/{docName}/history',
    tags: ['documents'],
    summary: 'Who changed what in a live document, newest first, with cursor paging (anyone who may read it)',
    security,
    request: { params: DocNameParam, query: HistoryQuery },
    responses: responses(200, z.object({ items: z.array(DocHistoryItem), nextCursor: z.string().nullable() })),
  }),
  async (c) => {
    const actor = authorizeRole(c.var.actor, docsPolicies.readHistory)
    const { docName } = c.req.valid('param')
    const p = c.req.valid('query')
    // one spelling per document: any other spelling (`client:<ID IN UPPER CASE>`) names no document
    const { docTypes } = c.var.deps.registry
    const resolved = docTypes.resolve(docName)
    if (!resolved.ok) throw NotFoundError('errors.notFound.document')
    authorize(actor, docsPolicies.readHistory, { docTypes, doc: resolved.doc })
    // a week of a branch that does not exist, the file of a client who never existed: nothing to show
    if (await resolved.doc.def.missing?.({ db: c.var.deps.database.db, key: resolved.doc.key }))
      throw NotFoundError('errors.notFound.document')
    // reading the history is opening the document: the same check (an erased client's file is gone),
    // the same record (a medical file's view is logged)
    const refusal = await resolved.doc.def.onOpen?.({
      db: c.var.deps.database.db,
      actor,
      key: resolved.doc.key,
      name: resolved.doc.name,
    })
    if (refusal) throw NotFoundError('errors.notFound.document')
    const page = await readHistory(c.var.deps.database.db, docName, {
      cursor: p.cursor ? Number(p.cursor) : undefined,
      limit: p.limit,
    })
    return c.json(
      {
        items: page.items.map((i) => ({ seq: i.seq, at: i.at.toISOString(), actor: i.actor, changes: i.changes })),
        nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
      },
      200,
    )
  },
)
