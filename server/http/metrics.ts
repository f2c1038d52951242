import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AppEnv } from './context'

/** Records one answered request: its method, the route pattern that answered it (`/api/clients/:id`), its status and seconds. */
export type RequestObserver = (method: string, route: string, status: number, seconds: number) => void

/**
 * The HTTP metrics middleware: after the request, the pattern of the route that answered it (never
 * the raw path: an id in a path would make a series per id). A refusal by a middleware (401, 403)
 * is counted under that middleware's pattern (`/api/*`).
 * @example app.use('*', measureRequests((m, r, s, sec) => histogram.labels(m, r, String(s)).observe(sec)))
 */
export function measureRequests(observe: RequestObserver): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      observe(c.req.method, routePath(c) || 'unmatched', c.res.status, (performance.now() - started) / 1000)
    }
  }
}
