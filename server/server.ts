import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { openDatabase, type Database } from '../db/client'
import { createApp } from './app'
import type { Config } from './env'
import { EventBus } from './events/bus'
import type { AppDeps } from './http/context'
import { createLogger, type Logger } from './logger'
import { attachRealtime, type Realtime } from './realtime/attach'
import { bootstrapDatabase } from './boot/bootstrap'
import { buildRegistry } from './boot/registry'
import { bootRealtimePorts, bootSessions } from './boot/realtime'
import { MODULES } from './modules/index'
import { startOps } from './ops/index'
import { createScheduler, INSTANCE } from './jobs/index'
import type { Module } from './modules/module'

export interface RunningServer {
  url: string
  port: number
  http: Server
  deps: AppDeps
  realtime: Realtime
  /**
   * Graceful shutdown: /readyz fails, stops accepting, lets requests finish, writes and projects every
   * pending document update, tells document and Socket.IO clients to reconnect (elsewhere, behind a
   * proxy), and closes (unless shared) the database.
   */
  close(): Promise<void>
}

export interface StartOptions {
  config: Config
  /** An already open and migrated database (tests); otherwise opened from the config. */
  database?: Database
  logger?: Logger
  /** Skip seeding/owner bootstrap (tests do their own). */
  bootstrap?: boolean
  /** The areas to run (default: every module, server/modules/index.ts); tests may add their own. */
  modules?: readonly Module[]
}

/**
 * Opens the database, migrates, seeds on first run, and serves HTTP, /yjs and Socket.IO on one port.
 * @example const srv = await startServer({ config: loadConfig() }); console.log(srv.url)
 */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config } = opts
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL)
  const ownsDb = !opts.database
  const database = opts.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }))
  const registry = buildRegistry(opts.modules ?? MODULES)
  const bootstrap = () => bootstrapDatabase(database, config, logger, registry.seedSteps)
  // the first start's seed runs under the migration lock: instances starting together seed once
  if (ownsDb) await database.migrate(opts.bootstrap !== false ? { whileLocked: bootstrap } : {})
  else if (opts.bootstrap !== false) await bootstrap()

  const ports = bootRealtimePorts(database)
  const ops = await startOps({ config, database, logger, namespace: () => ports.channelName() })
  const deps: AppDeps = {
    database,
    config,
    logger,
    events: new EventBus(),
    registry,
    sessions: bootSessions(database, config),
    runtime: ops.runtime,
  }
  const app = createApp(deps)
  const http = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s)) as Server
  })
  // an idle keep-alive socket is kept a minute: a client (a proxy, Playwright's request context)
  // that reuses one the server has just closed gets ECONNRESET, which a 5-s timeout made common
  // between the steps of a slow test; shutting down still closes idle sockets at once
  http.keepAliveTimeout = 65_000
  http.headersTimeout = 66_000
  const realtime = await attachRealtime(http, deps, ports, ops.metrics.collab)
  ops.attach(realtime)
  // the modules' jobs (the nightly backup): each scheduled time run once across instances
  const scheduler = createScheduler({ jobs: registry.jobs, ctx: { ...deps, instance: INSTANCE, now: () => new Date() } })
  scheduler.start()
  const port = (http.address() as AddressInfo).port
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  let closing: Promise<void> | null = null
  return {
    url: `http://${host}:${port}`,
    port,
    http,
    deps,
    realtime,
    close() {
      closing ??= (async () => {
        // /readyz fails at once and the other instances hear it; then no new connection is taken
        await ops.drain()
        await scheduler.stop()
        const stopped = new Promise<void>((r) => http.close(() => r()))
        // every pending document update is written and projected, clients are told to reconnect
        await realtime.close()
        http.closeIdleConnections?.()
        const timer = setTimeout(() => http.closeAllConnections?.(), 5_000)
        await stopped
        clearTimeout(timer)
        await ops.stop()
        if (ownsDb) await database.close()
      })()
      return closing
    },
  }
}
