import type { Hono, MiddlewareHandler } from 'hono'
import type { RecentError } from '../logger'
import type { AppEnv } from './context'

/** One running instance, as it announces itself (with Redis: a heartbeat key each; without: this one). */
export interface InstanceInfo {
  id: string
  /** The machine (or container) it runs on, and its process id. */
  host: string
  pid: number
  version: string
  /** ISO times: when it started, when it last announced itself. */
  startedAt: string
  seenAt: string
  /** It is shutting down (it finishes what it holds and sends its clients elsewhere). */
  draining: boolean
  /** Open documents and connections (documents and Socket.IO) at its last announcement. */
  docs: number
  connections: number
  /** Its last error log entries, oldest first. */
  errors: readonly RecentError[]
}

/**
 * What the running server knows about itself (server/ops builds it at boot): the health and
 * metrics routes, the HTTP metrics middleware, and the instances for the owner's System screen.
 */
export interface Runtime {
  /** package.json's version. */
  readonly version: string
  /** This instance's id (a random id per start). */
  readonly instanceId: string
  /** Measures each request (latency by route pattern and status). */
  readonly measure: MiddlewareHandler<AppEnv>
  /** /readyz and /metrics. */
  readonly routes: Hono<AppEnv>
  /** Every running instance (this one first). */
  instances(): Promise<InstanceInfo[]>
}
