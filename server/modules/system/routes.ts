import { createRoute } from '@hono/zod-openapi'
import { createRouter, responses, security } from '../../http/openapi'
import { authorize } from '../../policies/policy'
import { systemPolicies } from './policies'
import { backupStatus } from '../backups/index'
import { centerTimeZone } from '../center/index'
import { presentBackup, presentInstances, SystemStatus } from './presenters'
import { databaseInfo } from './queries'

export const systemRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/system',
    tags: ['system'],
    summary: 'How Clubroom is running: version, database, last backup, instances and their recent errors (owner)',
    security,
    responses: responses(200, SystemStatus),
  }),
  async (c) => {
    authorize(c.var.actor, systemPolicies.read)
    const { database, runtime } = c.var.deps
    const [db, backup, instances, timeZone] = await Promise.all([
      databaseInfo(database),
      backupStatus(database.db),
      runtime ? runtime.instances() : Promise.resolve([]),
      centerTimeZone(database.db),
    ])
    return c.json(
      {
        version: runtime?.version ?? '',
        instanceId: runtime?.instanceId ?? '',
        timeZone,
        database: db,
        backup: presentBackup(backup),
        ...presentInstances(instances, runtime?.instanceId ?? ''),
      },
      200,
    )
  },
)
