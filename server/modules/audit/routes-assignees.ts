import { createRoute, z } from '@hono/zod-openapi'
import { asc, eq } from 'drizzle-orm'
import { users } from '../../../db/schema/index'
import { createRouter, responses, security } from '../../http/openapi'
import { authorize } from '../../policies/policy'
import { auditPolicies } from './policies'

/**
 * Who a queried change can be assigned to for follow-up (issue #16): the active users, by name.
 * The audit's readers may not list users (`users.read`); this gives them only id, login and name.
 */

const Assignee = z.object({ id: z.string(), login: z.string(), name: z.string() }).openapi('AuditAssignee')

export const auditAssigneeRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/audit/assignees',
    tags: ['audit'],
    summary: 'The active users a queried change can be assigned to: id, login and name only (owner, auditor)',
    security,
    responses: responses(200, z.object({ items: z.array(Assignee) })),
  }),
  async (c) => {
    authorize(c.var.actor, auditPolicies.read)
    const items = await c.var.deps.database.db
      .select({ id: users.id, login: users.login, name: users.name })
      .from(users)
      .where(eq(users.active, true))
      .orderBy(asc(users.name), asc(users.login))
    return c.json({ items }, 200)
  },
)
