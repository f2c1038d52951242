import { loadConfig, type Config } from '../../server/env'
import { createApp } from '../../server/app'
import { EventBus } from '../../server/events/bus'
import type { AppDeps } from '../../server/http/context'
import { createLogger } from '../../server/logger'
import { startServer, type RunningServer } from '../../server/server'
import type { Database } from '../../db/client'
import { buildRegistry } from '../../server/boot/registry'
import { bootSessions } from '../../server/boot/realtime'
import { MODULES } from '../../server/modules/index'
import type { Module } from '../../server/modules/module'

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory://', ...overrides })
}

/** The Hono app on a test database, for `app.request()` tests. */
export function createTestApp(
  database: Database,
  overrides: Record<string, string> = {},
  extraRoutes?: NonNullable<Parameters<typeof createApp>[1]>['extraRoutes'],
  /** The areas to run (default: every module); a test may add a module of its own. */
  modules: readonly Module[] = MODULES,
) {
  const config = testConfig(overrides)
  const deps: AppDeps = {
    database,
    config,
    logger: createLogger('silent'),
    events: new EventBus(),
    registry: buildRegistry(modules),
    sessions: bootSessions(database, config),
  }
  const app = createApp(deps, { extraRoutes })
  const origin = 'http://localhost'

  /** JSON request helper; `cookie` is the session cookie header value. */
  async function call(
    method: string,
    path: string,
    opts: { cookie?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) }
    if (opts.cookie) headers.cookie = opts.cookie
    let body: string | undefined = opts.body
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json)
      headers['content-type'] ??= 'application/json'
    }
    if (body !== undefined) headers['content-type'] ??= 'application/json'
    const res = await app.request(origin + path, { method, headers, body })
    const text = await res.text()
    let data: any
    try {
      data = text ? JSON.parse(text) : null
    } catch {
      data = text
    }
    return { status: res.status, headers: res.headers, data }
  }

  /** Signs in and returns the cookie header to send with later calls. */
  async function login(login: string, password = 'clubroom'): Promise<string> {
    const res = await app.request(origin + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    })
    if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${await res.text()}`)
    const setCookie = res.headers.get('set-cookie') ?? ''
    return setCookie.split(';')[0]
  }

  return { app, deps, config, call, login }
}

/** A real server on a free port (for WebSocket and Socket.IO tests). */
export async function startTestServer(
  database: Database,
  overrides: Record<string, string> = {},
  /** The areas to run (default: every module); a test may add a module of its own. */
  modules: readonly Module[] = MODULES,
): Promise<RunningServer> {
  return startServer({ config: testConfig(overrides), database, bootstrap: false, modules })
}

/** The document types of every module (what the server resolves `type:key` names with). */
export const testDocTypes = (modules: readonly Module[] = MODULES) => buildRegistry(modules).docTypes
