import { createRoute } from '@hono/zod-openapi'
import { createRouter, responses, security } from '../../http/openapi'
import { authorize } from '../../policies/policy'
import { systemPolicies } from './policies'
import { presentInstances, SystemStatus } from './presenters'
import { databaseInfo } from './queries'

export const systemRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/system',
    tags: ['system'],
    summary: 'How Clubroom is running: version, database, instances and their recent errors (owner)',
    security,
    responses: responses(200, SystemStatus),
  }),
  async (c) => {
    authorize(c.var.actor, systemPolicies.read)
    const { database, runtime } = c.var.deps
    const [db, instances] = await Promise.all([databaseInfo(database), runtime ? runtime.instances() : Promise.resolve([])])
    return c.json(
      {
        version: runtime?.version ?? '',
        instanceId: runtime?.instanceId ?? '',
        database: db,
        ...presentInstances(instances, runtime?.instanceId ?? ''),
      },
      200,
    )
  },
)
