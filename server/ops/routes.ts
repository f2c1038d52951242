import { Hono } from 'hono'
import type { AppEnv } from '../http/context'
import { AuthorizationError } from '../errors'
import type { Metrics } from './metrics'
import { hasBearer, isLocalRequest } from './access'
import type { Readiness } from './readiness'

/**
 * GET /readyz: 200 when a proxy may send this instance work, 503 (saying which check failed)
 * otherwise. GET /metrics: Prometheus text, to this machine or with METRICS_TOKEN; anyone else
 * gets 403.
 */
export function opsRoutes(opts: { metrics: Metrics; readiness: () => Promise<Readiness>; metricsToken?: string }) {
  const app = new Hono<AppEnv>()
  app.get('/readyz', async (c) => {
    const r = await opts.readiness()
    return c.json({ status: r.ready ? 'ready' : 'not ready', ...r.checks }, r.ready ? 200 : 503)
  })
  app.get('/metrics', async (c) => {
    if (!isLocalRequest(c) && !hasBearer(c, opts.metricsToken)) throw AuthorizationError('errors.system.metricsRefused')
    const { registry } = opts.metrics
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' })
  })
  return app
}
