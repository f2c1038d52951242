import type { Database } from '../../db/client'
import { migrationsCurrent } from './migrations'

export type CheckResult = 'ok' | 'failed' | 'off'

/** Each condition of readiness; `ready` when none failed. */
export interface Readiness {
  ready: boolean
  checks: { database: CheckResult; migrations: CheckResult; redis: CheckResult; shutdown: CheckResult }
}

export interface ReadinessSources {
  database: Database
  /** The newest migration the code ships. */
  shipped: number
  /** PINGs Redis; null when no REDIS_URL. */
  pingRedis: (() => Promise<void>) | null
  /** Is the instance shutting down? */
  draining(): boolean
}

/** How long one check may take before it counts as failed. */
const CHECK_TIMEOUT_MS = 2_000

/**
 * May a proxy send this instance work? The database answers, it has every migration this code
 * ships, Redis answers (when configured), and the instance is not shutting down.
 */
export async function readiness(s: ReadinessSources): Promise<Readiness> {
  const [database, migrations, redis] = await Promise.all([
    check(() => s.database.ping()),
    check(async () => {
      if (!(await migrationsCurrent(s.database.db, s.shipped))) throw new Error('behind')
    }),
    s.pingRedis ? check(s.pingRedis) : Promise.resolve<CheckResult>('off'),
  ])
  const shutdown: CheckResult = s.draining() ? 'failed' : 'ok'
  const checks = { database, migrations: database === 'failed' ? 'failed' : migrations, redis, shutdown } as const
  return { ready: Object.values(checks).every((c) => c !== 'failed'), checks }
}

async function check(fn: () => Promise<void>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS))),
    ])
    return 'ok'
  } catch {
    return 'failed'
  } finally {
    clearTimeout(timer)
  }
}
