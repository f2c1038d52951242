import { Redis } from 'ioredis'
import type { InstanceInfo } from '../http/runtime'
import type { Logger } from '../logger'

/** How often each instance announces itself, and how long an announcement lasts. */
export const HEARTBEAT_MS = 5_000
const HEARTBEAT_TTL_MS = 3 * HEARTBEAT_MS

/** The running instances: with Redis every instance's heartbeat key, without it this one. */
export interface Instances {
  /** Every instance whose heartbeat is fresh, this one first. */
  list(): Promise<InstanceInfo[]>
  /** PINGs Redis (null without Redis). */
  readonly ping: (() => Promise<void>) | null
  /** Announces this instance now (a shutdown says it is draining). */
  announce(): Promise<void>
  /** Stops announcing and removes this instance's key. */
  stop(): Promise<void>
}

/**
 * Starts announcing this instance: with `redisUrl`, a key `clubroom:<namespace>:instance:<id>`
 * holding `self()` as JSON, renewed every HEARTBEAT_MS and expiring after three missed beats (an
 * instance that died vanishes from the list by itself). Fails when Redis does not answer.
 * @example const instances = await startInstances({ redisUrl, namespace: async () => 'clubroom', self: () => info, logger })
 */
export async function startInstances(opts: {
  redisUrl?: string
  /** The deployment's name on a shared Redis (asked only with Redis). */
  namespace: () => Promise<string>
  self: () => InstanceInfo
  logger: Logger
}): Promise<Instances> {
  const { redisUrl, self, logger } = opts
  if (!redisUrl) return { list: async () => [self()], ping: null, announce: async () => {}, stop: async () => {} }

  // no offline queue: a command while Redis is away fails at once (readiness must not hang on it)
  const redis = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis (instances) connection problem'))
  await redis.connect()
  const prefix = `clubroom:${await opts.namespace()}:instance:`
  const key = prefix + self().id
  const announce = async () => {
    await redis.set(key, JSON.stringify(self()), 'PX', HEARTBEAT_TTL_MS)
  }
  await announce()
  let stopped = false
  const timer = setInterval(() => {
    if (!stopped) announce().catch((err: Error) => logger.warn({ err: err.message }, 'could not announce this instance'))
  }, HEARTBEAT_MS)
  timer.unref()

  return {
    ping: async () => void (await redis.ping()),
    announce,
    async list() {
      const me = self()
      const keys: string[] = []
      let cursor = '0'
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200)
        cursor = next
        keys.push(...found)
      } while (cursor !== '0')
      const others = keys.length ? await redis.mget(keys) : []
      const list: InstanceInfo[] = [me]
      for (const raw of others) {
        if (!raw) continue
        try {
          const info = JSON.parse(raw) as InstanceInfo
          if (info.id !== me.id) list.push(info)
        } catch {
          // a key written by something else: not an instance
        }
      }
      return [me, ...list.slice(1).sort((a, b) => a.startedAt.localeCompare(b.startedAt))]
    },
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      await redis.del(key).catch(() => {})
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
