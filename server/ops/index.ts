import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../../db/client'
import type { Config } from '../env'
import { measureRequests } from '../http/metrics'
import type { InstanceInfo, Runtime } from '../http/runtime'
import { recentErrors, type Logger } from '../logger'
import { ROOT } from '../paths'
import type { Realtime } from '../realtime/attach'
import { startInstances, type Instances } from './instances'
import { createMetrics, type Metrics } from './metrics'
import { shippedMigration } from './migrations'
import { readiness } from './readiness'
import { opsRoutes } from './routes'

/** The version in package.json (the built server finds it from the project root too). */
export const VERSION: string = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version

/** How many of this instance's error entries its heartbeat carries to the others. */
const ERRORS_ANNOUNCED = 20

/** This instance's running parts: its runtime view (AppDeps.runtime), metrics, and the shutdown steps. */
export interface Ops {
  runtime: Runtime
  metrics: Metrics
  /** The live parts, once attached (their gauges and the instance's counts read them). */
  attach(realtime: Realtime): void
  /** Shutting down: /readyz says so at once, and the other instances hear it. */
  drain(): Promise<void>
  /** Stops announcing this instance (after the live parts closed). */
  stop(): Promise<void>
}

/**
 * Builds what an instance knows about its own running: /readyz and /metrics, the HTTP metrics
 * middleware, the instance's heartbeat (with REDIS_URL) and its recent errors from the logger.
 * @example const ops = await startOps({ config, database, logger }); deps.runtime = ops.runtime
 */
export async function startOps(opts: { config: Config; database: Database; logger: Logger }): Promise<Ops> {
  const { config, database, logger } = opts
  const instanceId = randomUUID()
  const startedAt = new Date().toISOString()
  let realtime: Realtime | null = null
  let draining = false

  const metrics = createMetrics({ db: database.db, version: VERSION, instanceId, realtime: () => realtime })
  const self = (): InstanceInfo => {
    const stats = realtime?.collab.stats()
    return {
      id: instanceId,
      host: hostname(),
      pid: process.pid,
      version: VERSION,
      startedAt,
      seenAt: new Date().toISOString(),
      draining,
      docs: stats?.docs ?? 0,
      connections: (stats?.connections ?? 0) + (realtime?.socket.io.engine.clientsCount ?? 0),
      errors: recentErrors(logger).slice(-ERRORS_ANNOUNCED),
    }
  }
  const instances: Instances = await startInstances({
    redisUrl: config.REDIS_URL,
    namespace: await databaseName(database),
    self,
    logger,
  })
  const shipped = shippedMigration()
  const routes = opsRoutes({
    metrics,
    metricsToken: config.METRICS_TOKEN,
    readiness: () => readiness({ database, shipped, pingRedis: instances.ping, draining: () => draining }),
  })

  return {
    runtime: {
      version: VERSION,
      instanceId,
      measure: measureRequests(metrics.observeRequest),
      routes,
      instances: async () => {
        const list = await instances.list()
        // this instance's own errors as they are now, not as last announced
        return list.map((i) => (i.id === instanceId ? { ...i, errors: recentErrors(logger) } : i))
      },
    },
    metrics,
    attach(rt) {
      realtime = rt
    },
    async drain() {
      draining = true
      await instances.announce().catch(() => {})
    },
    stop: () => instances.stop(),
  }
}

/** Names this deployment's keys on a shared Redis (the database's name, as the live parts do). */
async function databaseName(database: Database): Promise<string> {
  const [row] = await queryRows<{ name: string }>(database.db, sql`select current_database() as name`)
  return row?.name ?? 'clubroom'
}
