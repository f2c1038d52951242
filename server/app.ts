import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { serveStatic } from '@hono/node-server/serve-static'
import { HTTPException } from 'hono/http-exception'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import type { Context } from 'hono'
import type { Message } from '../domain/i18n/catalogue'
import { SOURCE_LOCALE, acceptedLanguages, pickLocale, type Locale } from '../domain/i18n/locales'
import { translatorFor } from '../domain/i18n/translator'
import { AppError, AuthenticationError, AuthorizationError, CsrfError, NotFoundError, PayloadTooLargeError, msg } from './errors'
import { readOnlyRefusal } from './policies/read-only'
import type { Registry } from './boot/registry'
import type { AppDeps, AppEnv } from './http/context'
import { createRouter } from './http/openapi'
import { dbErrorToAppError } from './http/db-errors'
import { SESSION_COOKIE } from './contracts/sessions'
import { ownOrigin } from './http/origin'
// found from server/ (tsx, tests) and from dist/server/ (the built bundle) alike
import { CLIENT_DIST, SWAGGER_DIST } from './paths'

/** The app's own routes reachable without a session (method + path); modules add theirs (`publicRoutes`). */
export const APP_PUBLIC_API: readonly string[] = ['GET /api/openapi.json', 'GET /api/docs']

/** Every route reachable without a session. Everything else under /api needs one. */
export const publicApi = (registry: Registry): ReadonlySet<string> => new Set([...APP_PUBLIC_API, ...registry.publicRoutes])

/** Polled by proxies and Prometheus every few seconds: not written to the request log. */
const QUIET_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics'])

export const DEFAULT_BODY_LIMIT = 1024 * 1024
/** The body limit of routes that take file uploads (modules' `uploadRoutes`): 10 MB per file, plus multipart overhead. */
export const UPLOAD_BODY_LIMIT = 10 * 1024 * 1024 + 64 * 1024

/** Builds the Hono app: middleware, /api modules, /healthz (and /readyz, /metrics), OpenAPI, the built client, errors. */
export function createApp(deps: AppDeps, opts: { extraRoutes?: (app: ReturnType<typeof createRouter>) => void } = {}) {
  const app = createRouter()
  const { logger, database, registry } = deps
  const publicRoutes = publicApi(registry)
  // only the API reference's static assets are public under /api/docs/ (document history lives there too)
  const isPublic = (method: string, path: string) => publicRoutes.has(`${method} ${path}`) || path.startsWith('/api/docs/assets/')

  // request latency by route pattern and status (/metrics)
  if (deps.runtime) app.use('*', deps.runtime.measure)
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID()
    c.set('requestId', requestId)
    c.set('deps', deps)
    c.set('actor', null)
    c.set('sessionHash', null)
    c.set('ctx', { db: database.db, events: deps.events, actor: null, requestId, audited: false })
    c.header('X-Request-Id', requestId)
    const started = performance.now()
    await next()
    if (!QUIET_PATHS.has(c.req.path)) {
      logger.info(
        {
          requestId,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
          userId: c.var.actor?.id,
        },
        'request',
      )
    }
  })
  app.use(
    '*',
    secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginEmbedderPolicy: false, xFrameOptions: 'DENY' }),
  )

  // The request's language (errors, messages): the first of its Accept-Language we speak, else the
  // center's default (cached by the area that keeps it). Every /api answer says which it is.
  app.use('/api/*', async (c, next) => {
    let fallback: Locale = registry.fallbackLocale
    try {
      fallback = await registry.defaultLocale(database.db)
    } catch (err) {
      logger.warn({ err, requestId: c.var.requestId }, 'center default language unreadable')
    }
    const locale = pickLocale(acceptedLanguages(c.req.header('accept-language')), fallback)
    c.set('locale', locale)
    c.header('Content-Language', locale)
    await next()
  })

  // Cross-site state changes are refused: a browser always sends Origin on them.
  app.use('/api/*', async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = c.req.header('origin')
      const site = c.req.header('sec-fetch-site')
      if (
        origin !== undefined
          ? origin !== ownOrigin(deps.config, c.req.url)
          : site !== undefined && site !== 'same-origin' && site !== 'none'
      ) {
        throw CsrfError()
      }
    }
    await next()
  })

  const limitOf = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw PayloadTooLargeError(maxSize)
      },
    })
  const defaultLimit = limitOf(DEFAULT_BODY_LIMIT)
  const uploadLimit = limitOf(UPLOAD_BODY_LIMIT)
  app.use('/api/*', (c, next) =>
    registry.uploadRoutes.some((r) => r.test(c.req.path)) ? uploadLimit(c, next) : defaultLimit(c, next),
  )

  // Session → actor; every /api route but the public ones requires it.
  app.use('/api/*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) {
      const found = await deps.sessions.find(token)
      if (found) {
        c.set('actor', found.actor)
        c.set('sessionHash', found.tokenHash)
        c.var.ctx.actor = found.actor
      }
    }
    if (!c.var.actor && !isPublic(c.req.method, c.req.path)) throw AuthenticationError()
    // read-only users (auditors) are refused writes here, before any body is validated
    const readOnly = c.var.actor ? readOnlyRefusal(c.var.actor, c.req.method, c.req.path) : null
    if (readOnly) throw AuthorizationError(readOnly)
    await next()
    // Provenance guard: a successful mutation that wrote no audit row is a programming error.
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && c.res.status < 400 && !c.var.ctx.audited) {
      logger.error({ requestId: c.var.requestId, path: c.req.path }, 'mutation without audit row')
      if (deps.config.NODE_ENV === 'test')
        c.res = c.json(errorBody(localeOf(c), 'unaudited', { id: 'errors.unaudited' }, c.var.requestId), 500)
    }
  })

  for (const routes of registry.routes) app.route('/api', routes)
  opts.extraRoutes?.(app)

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE })
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Clubroom API',
      version: '1',
      description:
        'Collaborative CRM for leisure and education centers. Sign in with POST /api/auth/login; the session cookie authenticates every other call.',
    },
  })
  app.get('/api/docs', (c) => c.html(swaggerPage()))
  // the reference's start-up script is a file of its own: no inline script passes the CSP
  app.get('/api/docs/assets/clubroom-init.js', (c) =>
    c.body(SWAGGER_INIT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }),
  )
  app.use(
    '/api/docs/assets/*',
    serveStatic({ root: SWAGGER_DIST, rewriteRequestPath: (p) => p.replace(/^\/api\/docs\/assets/, '') }),
  )

  for (const routes of registry.siteRoutes) app.route('/', routes)

  app.get('/healthz', async (c) => {
    try {
      await database.ping()
      return c.json({ status: 'ok', db: 'ok' }, 200)
    } catch {
      return c.json({ status: 'degraded', db: 'down' }, 503)
    }
  })

  // /readyz and /metrics (server/ops)
  if (deps.runtime) app.route('/', deps.runtime.routes)

  // The built single-page client; unknown non-API paths get index.html (the client shows its 404 page).
  let clientStatic: ReturnType<typeof serveStatic> | null = null
  app.use('/*', (c, next) => {
    if (!clientStatic && existsSync(CLIENT_DIST)) clientStatic = serveStatic({ root: CLIENT_DIST })
    return clientStatic ? clientStatic(c as never, next) : next()
  })
  // index.html is re-read when a new build replaced it (its asset names change with every build)
  let indexHtml: { html: string; mtimeMs: number } | null = null
  app.get('*', (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/yjs') || c.req.path.startsWith('/socket.io')) return next()
    const file = join(CLIENT_DIST, 'index.html')
    const mtimeMs = existsSync(file) ? statSync(file).mtimeMs : 0
    if (!mtimeMs) return c.text('Client not built: run `npm run build`.', 503)
    if (!indexHtml || indexHtml.mtimeMs !== mtimeMs) indexHtml = { html: readFileSync(file, 'utf8'), mtimeMs }
    return c.html(indexHtml.html)
  })

  app.notFound((c) =>
    c.json(
      errorBody(localeOf(c), 'not_found', msg('errors.noRoute', { method: c.req.method, path: c.req.path }), c.var.requestId),
      404,
    ),
  )
  app.onError((err, c) => errorResponse(err, c))
  return app
}

export type App = ReturnType<typeof createApp>

/** The request's language; outside /api (no center default looked up) its Accept-Language, else English. */
function localeOf(c: Context<AppEnv>): Locale {
  // unset outside /api and before the language middleware ran
  const vars: Partial<AppEnv['Variables']> = c.var
  return vars.locale ?? pickLocale(acceptedLanguages(c.req.header('accept-language')), SOURCE_LOCALE)
}

/**
 * The error body: `message` and each `fields[path]` rendered in the reader's language from the
 * catalogue; `messageId`/`params` and `fieldMessages` the same as kind + parameters, for machines.
 */
function errorBody(
  locale: Locale,
  code: string,
  message: Message,
  requestId?: string,
  fields?: Readonly<Record<string, Message>>,
) {
  const t = translatorFor(locale)
  return {
    error: {
      code,
      message: t.render(message),
      messageId: message.id,
      ...(message.params ? { params: message.params } : {}),
      ...(fields
        ? { fields: Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, t.render(m)])), fieldMessages: fields }
        : {}),
      ...(requestId ? { requestId } : {}),
    },
  }
}

/** Maps any error to the JSON error shape; never leaks a stack trace. */
export function errorResponse(err: Error, c: Context<AppEnv>) {
  const requestId = c.var.requestId
  // a database refusal the input caused (taken name, unknown reference, value out of range) → 4xx
  const fromDb = err instanceof AppError ? null : dbErrorToAppError(err)
  if (fromDb) {
    c.var.deps?.logger.info(
      { requestId, path: c.req.path, code: fromDb.code, fields: fromDb.fields },
      'database refused the input',
    )
    err = fromDb
  }
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v)
    const body = errorBody(localeOf(c), err.code, err.msg, requestId, err.fields)
    if (err.extra) Object.assign(body.error, err.extra)
    return c.json(body, err.status as 400)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    const known: Record<number, [string, Message]> = {
      400: ['invalid_json', { id: 'errors.invalidJson' }],
      404: ['not_found', { id: 'errors.notFound' }],
      413: ['payload_too_large', { id: 'errors.bodyTooLarge' }],
      415: ['unsupported_media_type', { id: 'errors.unsupportedMediaType' }],
    }
    const [code, message] = known[status] ?? ['http_error', { id: 'errors.httpError' }]
    return c.json(errorBody(localeOf(c), code, message, requestId), status)
  }
  c.var.deps?.logger.error({ err, requestId, path: c.req.path }, 'unhandled error')
  return c.json(errorBody(localeOf(c), 'internal', { id: 'errors.internal' }, requestId), 500)
}

function swaggerPage() {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Clubroom API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/clubroom-init.js"></script></body></html>`
}

const SWAGGER_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', withCredentials: true })\n`

/**
 * Scripts only from our own origin (no inline script, no eval); styles may be inline (Lit's style
 * bindings set `style` attributes); never framed; documents, sockets and the API only here.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

export { NotFoundError }
