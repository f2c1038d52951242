import { createRoute, z } from '@hono/zod-openapi'
import { createRouter, responses, security } from '../../http/openapi'
import { PageLimit, SerialId } from '../../http/values'
import { authorizeRole } from '../../policies/policy'
import { NotFoundError } from '../../errors'
import { centerTimeZone } from '../center/index'
import { acknowledgeAlert } from './commands/acknowledge'
import { alertsPolicies } from './policies'
import { ListedAlertSchema, presentListedAlert } from './presenters'
import { listAlerts } from './queries'

const q = (name: string) => ({ param: { name, in: 'query' as const } })
export const AlertsQuery = z.object({
  open: z.enum(['true', 'false']).optional().openapi(q('open')),
  kind: z.string().min(1).max(64).optional().openapi(q('kind')),
  subject: z.string().min(1).max(200).optional().openapi(q('subject')),
  limit: PageLimit(500, 100).openapi(q('limit')),
})

const AlertIdParam = z.object({ id: SerialId('errors.field.invalidId').openapi({ param: { name: 'id', in: 'path' } }) })

// Which alerts are someone's is the `alerts.read` rule, asked in SQL (./visibility.ts): the list
// holds only theirs, and any other is not found.
export const alertRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/alerts',
      tags: ['alerts'],
      summary: 'Alerts (red flags) for the staff member’s roles',
      security,
      request: { query: AlertsQuery },
      responses: responses(200, z.object({ items: z.array(ListedAlertSchema) })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, alertsPolicies.read)
      const db = c.var.deps.database.db
      const rows = await listAlerts(db, actor, c.req.valid('query'))
      // an alert of no branch is read in the center's time zone (asked only when one is listed)
      const zone = rows.some((r) => r.branchTimeZone === null) ? await centerTimeZone(db) : 'UTC'
      return c.json({ items: rows.map((r) => presentListedAlert(r, c.var.locale, zone)) }, 200)
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
      responses: responses(200, z.object({ alert: ListedAlertSchema })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, alertsPolicies.acknowledge)
      const { id } = c.req.valid('param')
      await acknowledgeAlert(c.var.ctx, actor, id)
      // the alert as the list shows it (who acknowledged it, its time zone)
      const db = c.var.deps.database.db
      const [row] = await listAlerts(db, actor, { id, limit: 1 })
      if (!row) throw NotFoundError('errors.notFound.alert')
      const zone = row.branchTimeZone === null ? await centerTimeZone(db) : 'UTC'
      return c.json({ alert: presentListedAlert(row, c.var.locale, zone) }, 200)
    },
  )
