import { createRoute, z } from '@hono/zod-openapi'
import { NotFoundError } from '../../errors'
import { IdParam, createRouter, responses, security } from '../../http/openapi'
import { PageLimit, SerialId } from '../../http/values'
import { branchesOf } from '../../policies/branches'
import { authorizeRole } from '../../policies/policy'
import { stockPolicies } from './policies'
import { findProduct } from './queries'
import { clientKnown, presentTrace, tracePolicies, traceMovements } from './trace'

export { tracePolicies } from './trace'

const TraceQuery = z.object({
  limit: PageLimit(500, 100),
  /** The `next` of the previous page. */
  before: SerialId().optional(),
})

const TraceItem = z
  .object({
    id: z.string(),
    at: z.string(),
    documentId: z.string(),
    kind: z.string(),
    reversal: z.boolean(),
    source: z.object({ type: z.string(), id: z.string() }).nullable(),
    productId: z.string(),
    productName: z.string(),
    sku: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    branchName: z.string(),
    toStoreName: z.string().nullable(),
    quantity: z.number().int(),
    clientId: z.string().nullable(),
    clientName: z.string().nullable(),
    authorName: z.string().nullable(),
  })
  .openapi('StockTraceItem')

const TracePage = z.object({ items: z.array(TraceItem), next: z.string().nullable() })

async function page(
  db: Parameters<typeof traceMovements>[0],
  f: Omit<Parameters<typeof traceMovements>[1], 'limit'>,
  limit: number,
) {
  const rows = await traceMovements(db, { ...f, limit: limit + 1 })
  const items = rows.slice(0, limit).map(presentTrace)
  return { items, next: rows.length > limit ? items[items.length - 1].id : null }
}

/**
 * Traceability routes: a product's every movement (who sold, lent, wrote off or moved it, to whom,
 * when) and everything a client received or gave back, in the stores of the reader's branches.
 */
export const traceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/products/{id}/trace',
      tags: ['stock'],
      summary:
        'Every movement of a product in the stores of the reader’s branches, newest first: when, document kind, store, quantity (±), client, author (paged by `before`)',
      security,
      request: { params: IdParam, query: TraceQuery },
      responses: responses(200, TracePage),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, stockPolicies.read)
      const db = c.var.deps.database.db
      const product = await findProduct(db, c.req.valid('param').id)
      const q = c.req.valid('query')
      const before = q.before === undefined ? undefined : Number(q.before)
      return c.json(await page(db, { productId: product.id, branchIds: branchesOf(actor), before }, q.limit), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}/stock-received',
      tags: ['stock'],
      summary:
        'Everything a client received or gave back (sales, loans, returns) in the stores of the reader’s branches, newest first (paged by `before`)',
      security,
      request: { params: IdParam, query: TraceQuery },
      responses: responses(200, TracePage),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, tracePolicies.clientReceived)
      const db = c.var.deps.database.db
      const clientId = c.req.valid('param').id
      if (!(await clientKnown(db, clientId))) throw NotFoundError()
      const q = c.req.valid('query')
      const before = q.before === undefined ? undefined : Number(q.before)
      return c.json(await page(db, { clientId, branchIds: branchesOf(actor), before }, q.limit), 200)
    },
  )
