import { createRoute, z } from '@hono/zod-openapi'
import { and, desc, eq, gt, lt, type SQL } from 'drizzle-orm'
import { auditLog, users } from '../../../db/schema/index'
import { authorize } from '../../http/authorize'
import { createRouter, responses, security } from '../../http/openapi'
import { IsoDateTime, PageLimit, SerialId } from '../../http/values'

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
  cursor: SerialId('Invalid cursor').optional().openapi(q('cursor')),
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

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
    authorize(c.var.actor, 'read', 'audit')
    const p = c.req.valid('query')
    const conds: SQL[] = []
    if (p.since) conds.push(gt(auditLog.at, new Date(p.since)))
    if (p.actor) conds.push(UUID.test(p.actor) ? eq(auditLog.actorId, p.actor) : eq(users.login, p.actor.toLowerCase()))
    if (p.entity) conds.push(eq(auditLog.entity, p.entity))
    if (p.entityId) conds.push(eq(auditLog.entityId, p.entityId))
    if (p.cursor) conds.push(lt(auditLog.id, Number(p.cursor)))
    const rows = await c.var.deps.database.db
      .select({ a: auditLog, login: users.login })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(p.limit + 1)
    const page = rows.slice(0, p.limit)
    const items = page.map(({ a, login }) => ({
      id: a.id,
      at: a.at.toISOString(),
      actor: a.actorId ? { id: a.actorId, login: login ?? '' } : null,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      before: a.before ?? null,
      after: a.after ?? null,
      requestId: a.requestId,
    }))
    const nextCursor = rows.length > p.limit ? String(page[page.length - 1].a.id) : null
    return c.json({ items, nextCursor }, 200)
  },
)
