import type { Database } from '../../db/client'
import type { Config } from '../env'
import type { EventBus } from '../events/bus'
import type { Logger } from '../logger'
import type { Actor } from '../policies/permissions'
import type { CommandContext } from './command'

/** Long-lived services the app is built from. */
export interface AppDeps {
  database: Database
  config: Config
  logger: Logger
  events: EventBus
}

/** Per-request variables on the Hono context. */
export interface AppEnv {
  Variables: {
    requestId: string
    actor: Actor | null
    sessionHash: string | null
    ctx: CommandContext
    deps: AppDeps
  }
}
