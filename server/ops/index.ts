import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../../db/client'
import type { Config } from '../env'
import { measureRequests } from '../http/metrics'
import type { InstanceInfo, Runtime } from '../http/runtime'
import { recentErrors, type Logger } from '../logger'
import { ROOT } from '../paths'
import type { Realtime } from '../realtime/attach'
import { backupStatus } from '../modules/backups/index'
import { jobStats } from '../jobs/index'
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
export async function startOps(opts: {
  config: Config
  database: Database
  logger: Logger
  /** Names this deployment's keys on a shared Redis (the live parts' channel name: the database's). */
  namespace: () => Promise<string>
}): Promise<Ops> {
  const { config, database, logger } = opts
  const instanceId = randomUUID()
  const startedAt = new Date().toISOString()
  let realtime: Realtime | null = null
  let draining = false

  const metrics = createMetrics({ db: database.db, version: VERSION, instanceId, realtime: () => realtime })
  addBackupAndJobMetrics(metrics, database)
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
    namespace: opts.namespace,
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

/** The backups' and the scheduled jobs' metrics (read when scraped). */
function addBackupAndJobMetrics(metrics: Metrics, database: Database) {
  // the two backup gauges share one read per scrape (prom-client collects them together)
  let inflight: ReturnType<typeof backupStatus> | null = null
  const lastBackup = () =>
    (inflight ??= backupStatus(database.db).finally(() => {
      inflight = null
    }))
  metrics.gauge(
    'clubroom_backup_age_seconds',
    'Seconds since the last successful backup ended (absent: none yet)',
    [],
    async (set) => {
      const { lastOkAt } = await lastBackup()
      if (lastOkAt) set((Date.now() - lastOkAt.getTime()) / 1000)
    },
  )
  metrics.gauge('clubroom_backup_last_ok', 'Did the last backup succeed (1) or fail (0); absent: none yet', [], async (set) => {
    const { ok } = await lastBackup()
    if (ok !== null) set(ok ? 1 : 0)
  })
  metrics.gauge('clubroom_jobs_queued', 'Scheduled job runs waiting to start in this instance, by job', ['job'], (set) => {
    for (const j of jobStats()) set(j.queued, { job: j.name })
  })
  metrics.gauge('clubroom_jobs_running', 'Scheduled job runs going on in this instance, by job', ['job'], (set) => {
    for (const j of jobStats()) set(j.running, { job: j.name })
  })
  metrics.counter(
    'clubroom_jobs_failed_total',
    'Scheduled job runs that failed in this instance since it started, by job',
    ['job'],
    (set) => {
      for (const j of jobStats()) set(j.failed, { job: j.name })
    },
  )
}
