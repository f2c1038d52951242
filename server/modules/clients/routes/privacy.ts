import { createRoute, z } from '@hono/zod-openapi'
import { IdParam, createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { authorize } from '../../../policies/policy'
import { eraseClient } from '../commands/erase'
import { buildClientExport, exportTimeZone } from '../data-export'
import { exportPdf } from '../export-pdf'
import { clientsPolicies } from '../policies'

const EraseInput = z.object({ reason: z.string().trim().min(3, 'errors.clients.eraseReason').max(1000) }).openapi('ClientErase')

/** A client's right of access (everything stored about them) and to erasure. */
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
      const actor = authorize(c.var.actor, clientsPolicies.export)
      const { id } = c.req.valid('param')
      const data = await buildClientExport(c.var.deps.database.db, id, actor)
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
      const actor = authorize(c.var.actor, clientsPolicies.export)
      const { id } = c.req.valid('param')
      const db = c.var.deps.database.db
      const data = await buildClientExport(db, id, actor)
      const pdf = await exportPdf(data, { locale: c.var.locale, timeZone: await exportTimeZone(db, data.client.branchId) })
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
      const actor = authorize(c.var.actor, clientsPolicies.erase)
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      await eraseClient(c.var.ctx, c.var.deps, actor, id, reason)
      return c.json({ erased: true }, 200)
    },
  )
