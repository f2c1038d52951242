import { createRoute, z } from '@hono/zod-openapi'
import { and, desc, eq, isNull, isNotNull, sql, type SQL } from 'drizzle-orm'
import { alerts } from '../../../db/schema/index'
import { AuthenticationError, NotFoundError } from '../../errors'
import { runCommand } from '../../http/command'
import { createRouter, responses, security } from '../../http/openapi'
import type { Actor } from '../../policies/permissions'
import { alertsVisibleTo } from './visibility'
import { PageLimit, SerialId } from '../../http/values'

const q = (name: string) => ({ param: { name, in: 'query' as const } })
export const AlertsQuery = z.object({
  open: z.enum(['true', 'false']).optional().openapi(q('open')),
  kind: z.string().min(1).max(64).optional().openapi(q('kind')),
  subject: z.string().min(1).max(200).optional().openapi(q('subject')),
  limit: PageLimit(500, 100).openapi(q('limit')),
})

export const AlertSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    severity: z.string(),
    subject: z.string(),
    message: z.string(),
    details: z.unknown(),
    raisedAt: z.string(),
    clearedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .openapi('Alert')

export const presentAlert = (a: typeof alerts.$inferSelect): z.infer<typeof AlertSchema> => ({
  id: String(a.id),
  kind: a.kind,
  severity: a.severity,
  subject: a.subject,
  message: a.message,
  details: a.details ?? null,
  raisedAt: a.raisedAt.toISOString(),
  clearedAt: a.clearedAt?.toISOString() ?? null,
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  acknowledgedBy: a.acknowledgedBy,
})

/** Who sees which alert: the alert policy (server/policies/alerts.ts) as SQL. */
const visibleTo = (actor: Actor) => alertsVisibleTo(actor)

const AlertIdParam = z.object({ id: SerialId('Invalid alert id').openapi({ param: { name: 'id', in: 'path' } }) })

export const alertRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/alerts',
      tags: ['alerts'],
      summary: 'Alerts (red flags) for the staff member’s roles',
      security,
      request: { query: AlertsQuery },
      responses: responses(200, z.object({ items: z.array(AlertSchema) })),
    }),
    async (c) => {
      const actor = c.var.actor
      if (!actor) throw AuthenticationError()
      const p = c.req.valid('query')
      const conds: Array<SQL | undefined> = [visibleTo(actor)]
      if (p.open === 'true') conds.push(isNull(alerts.clearedAt))
      if (p.open === 'false') conds.push(isNotNull(alerts.clearedAt))
      if (p.kind) conds.push(eq(alerts.kind, p.kind))
      if (p.subject) conds.push(eq(alerts.subject, p.subject))
      const rows = await c.var.deps.database.db
        .select()
        .from(alerts)
        .where(and(...conds))
        .orderBy(desc(alerts.raisedAt))
        .limit(p.limit)
      return c.json({ items: rows.map(presentAlert) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/acknowledge',
      tags: ['alerts'],
      summary: 'Acknowledge an alert (it stays open until its cause is fixed)',
      security,
      request: { params: AlertIdParam },
      responses: responses(200, z.object({ alert: AlertSchema })),
    }),
    async (c) => {
      const actor = c.var.actor
      if (!actor) throw AuthenticationError()
      const { id } = c.req.valid('param')
      const row = await runCommand(c.var.ctx, 'alerts.acknowledge', async (tx) => {
        const [before] = await tx
          .select()
          .from(alerts)
          .where(and(eq(alerts.id, Number(id)), visibleTo(actor)))
          .limit(1)
        if (!before) throw NotFoundError('Alert')
        const [a] = await tx
          .update(alerts)
          .set({ acknowledgedAt: sql`now()`, acknowledgedBy: actor.id })
          .where(eq(alerts.id, before.id))
          .returning()
        return { result: a, entity: 'alert', entityId: id, before: presentAlert(before), after: presentAlert(a) }
      })
      return c.json({ alert: presentAlert(row) }, 200)
    },
  )
