import { createRoute, z } from '@hono/zod-openapi'
import { createRouter, responses, security } from '../../http/openapi'
import { IsoDateTime, PageLimit, SerialId } from '../../http/values'
import { authorize } from '../../policies/policy'
import { auditPolicies } from './policies'
import { readAuditLog, type AuditRow } from './queries'

const q = (name: string) => ({ param: { name, in: 'query' as const } })

export const AuditQuery = z.object({
  since: IsoDateTime.optional().openapi(q('since')),
  actor: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ ...q('actor'), description: 'user id or login' }),
  entity: z.string().min(1).max(64).optional().openapi(q('entity')),
  entityId: z.string().min(1).max(200).optional().openapi(q('entityId')),
  limit: PageLimit(500, 50).openapi(q('limit')),
  cursor: SerialId('errors.field.invalidCursor').optional().openapi(q('cursor')),
})

export const AuditItem = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.object({ id: z.string(), login: z.string() }).nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditItem')

const presentAuditRow = ({ a, login }: AuditRow): z.infer<typeof AuditItem> => ({
  id: a.id,
  at: a.at.toISOString(),
  actor: a.actorId ? { id: a.actorId, login: login ?? '' } : null,
  action: a.action,
  entity: a.entity,
  entityId: a.entityId,
  before: a.before ?? null,
  after: a.after ?? null,
  requestId: a.requestId,
})

export const auditRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/audit/log',
    tags: ['audit'],
    summary: 'Commands, newest first, with cursor paging (owner, auditor)',
    security,
    request: { query: AuditQuery },
    responses: responses(200, z.object({ items: z.array(AuditItem), nextCursor: z.string().nullable() })),
  }),
  async (c) => {
    authorize(c.var.actor, auditPolicies.read)
    const { rows, more } = await readAuditLog(c.var.deps.database.db, c.req.valid('query'))
    const nextCursor = more ? String(rows[rows.length - 1].a.id) : null
    return c.json({ items: rows.map(presentAuditRow), nextCursor }, 200)
  },
)
