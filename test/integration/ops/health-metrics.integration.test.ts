/**
 * /readyz and /metrics on a running server: readiness fails for each of its conditions (database
 * unreachable, migrations behind, Redis unreachable, shutting down) and recovers; metrics are
 * Prometheus text with route patterns (never raw paths), served to this machine or with the
 * token, refused to anyone else.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { networkInterfaces } from 'node:os'
import { createServer } from 'node:net'
import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../server/server'
import { backups } from '../../../db/schema/index'
import { createApp } from '../../../server/app'
import { opsRoutes } from '../../../server/ops/routes'
import { createMetrics } from '../../../server/ops/metrics'
import { readiness } from '../../../server/ops/readiness'
import { shippedMigration } from '../../../server/ops/migrations'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
import { startTestServer } from '../../support/app'
import { login } from '../collab/helpers'

const TOKEN = 'metrics-token-for-tests-0123456789'

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/** A Redis of the test's own (it is stopped and started again). */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], {
    stdio: 'ignore',
  })
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const sock = createServer()
      sock.once('error', () => resolve(true)) // the port is taken: Redis listens
      sock.listen(port, '127.0.0.1', () => sock.close(() => resolve(false)))
    })
    if (up) return child
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('redis-server did not start')
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })

const readyz = async (server: RunningServer) => {
  const res = await fetch(`${server.url}/readyz`)
  return { status: res.status, body: (await res.json()) as Record<string, string> }
}

describe('/readyz', () => {
  let database: TestDatabase
  let server: RunningServer
  beforeAll(async () => {
    database = await createTestDatabase()
    server = await startTestServer(database)
  })
  afterAll(async () => {
    await server?.close()
    await database?.destroy()
  })

  it('is ready when the database answers with every migration, and Redis is not configured', async () => {
    expect(await readyz(server)).toEqual({
      status: 200,
      body: { status: 'ready', database: 'ok', migrations: 'ok', redis: 'off', shutdown: 'ok' },
    })
  })

  it('is not ready while the database lacks a migration this code ships (an older backup restored), and ready again after', async () => {
    const newest = shippedMigration()
    const [row] = await database.asOwner(async (db) => {
      const rows = await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${newest} returning hash`)
      return Array.isArray(rows) ? rows : (rows as { rows: Array<{ hash: string }> }).rows
    })
    try {
      const r = await readyz(server)
      expect(r.status).toBe(503)
      expect(r.body).toMatchObject({ status: 'not ready', database: 'ok', migrations: 'failed' })
    } finally {
      await database.asOwner((db) =>
        db.execute(
          sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${(row as { hash: string }).hash}, ${newest})`,
        ),
      )
    }
    expect((await readyz(server)).status).toBe(200)
  })

  it('is not ready when the database does not answer', async () => {
    const dead = await createTestDatabase()
    const other = await startTestServer(dead)
    try {
      expect((await readyz(other)).status).toBe(200)
      await dead.destroy()
      const r = await readyz(other)
      expect(r.status).toBe(503)
      expect(r.body).toMatchObject({ status: 'not ready', database: 'failed', migrations: 'failed' })
    } finally {
      await other.close()
    }
  })

  it('is not ready while the instance shuts down', async () => {
    let draining = false
    const app = new Hono().route(
      '/',
      opsRoutes({
        metrics: createMetrics({ db: database.db, version: 't', instanceId: 'i', realtime: () => null }),
        readiness: () => readiness({ database, shipped: shippedMigration(), pingRedis: null, draining: () => draining }),
      }),
    )
    expect((await app.request('/readyz')).status).toBe(200)
    draining = true
    const res = await app.request('/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ status: 'not ready', shutdown: 'failed', database: 'ok' })
  })

  it('with Redis configured: not ready while Redis is away, ready again once it is back', async () => {
    const port = await freePort()
    let redis = await startRedis(port)
    const withRedis = await startTestServer(database, { REDIS_URL: `redis://127.0.0.1:${port}` })
    try {
      expect((await readyz(withRedis)).body).toMatchObject({ status: 'ready', redis: 'ok' })
      await stop(redis)
      const r = await readyz(withRedis)
      expect(r.status).toBe(503)
      expect(r.body).toMatchObject({ status: 'not ready', redis: 'failed', database: 'ok' })
      redis = await startRedis(port)
      let back = await readyz(withRedis)
      for (let i = 0; i < 100 && back.status !== 200; i++) {
        await new Promise((res) => setTimeout(res, 100))
        back = await readyz(withRedis)
      }
      expect(back.body).toMatchObject({ status: 'ready', redis: 'ok' })
    } finally {
      await withRedis.close()
      await stop(redis)
    }
  })
})

describe('/metrics', () => {
  let database: TestDatabase
  let server: RunningServer
  let cookie: string
  const clientId = '00000000-0000-4000-8000-000000000001'
  beforeAll(async () => {
    database = await createTestDatabase()
    await buildStaff(database.db)
    server = await startTestServer(database, { HOST: '0.0.0.0', METRICS_TOKEN: TOKEN })
    cookie = await login(server, 'owner')
    const res = await fetch(`${server.url}/api/clients?limit=1`, { headers: { cookie } })
    expect(res.status).toBe(200)
  })
  afterAll(async () => {
    await server?.close()
    await database?.destroy()
  })

  const local = (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, { headers })

  it('answers this machine in Prometheus text: HTTP latency by route pattern and status, the hub, Socket.IO, alerts', async () => {
    // an id in the path: the series is the route's pattern, not the id
    await local(`/api/clients/${clientId}`, { cookie })
    const res = await local('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    expect(text).toMatch(
      /clubroom_http_request_duration_seconds_count\{method="GET",route="\/api\/clients\/:id",status="404"\} 1/,
    )
    expect(text).not.toContain(clientId)
    expect(text).toMatch(/clubroom_http_request_duration_seconds_count\{method="GET",route="\/api\/clients",status="200"\} \d+/)
    for (const name of [
      'clubroom_collab_open_documents 0',
      'clubroom_collab_connections 0',
      'clubroom_socketio_connections 0',
      'clubroom_collab_update_apply_seconds_bucket{le="0.001"}',
      'clubroom_collab_ack_seconds_count',
      'clubroom_collab_commit_batch_updates_bucket{le="1"}',
      'clubroom_info{version=',
      'process_cpu_seconds_total',
    ])
      expect(text).toContain(name)
    expect(text).toMatch(/# TYPE clubroom_alerts_open gauge/)
  })

  it('says how old the last successful backup is, and whether the last one succeeded', async () => {
    const okAt = new Date(Date.now() - 7_200_000)
    await database.db.insert(backups).values({
      instance: 'test',
      driver: 'postgres',
      trigger: 'cli',
      status: 'ok',
      file: 'clubroom-x.tar.gz',
      sizeBytes: 1000,
      startedAt: new Date(),
      finishedAt: okAt,
    })
    const text = await (await local('/metrics')).text()
    const age = Number(/^clubroom_backup_age_seconds (\S+)$/m.exec(text)?.[1])
    expect(age).toBeGreaterThanOrEqual(7_200)
    expect(age).toBeLessThan(7_300)
    expect(text).toMatch(/^clubroom_backup_last_ok 1$/m)
    expect(text).toContain('# TYPE clubroom_jobs_queued gauge')
    expect(text).toContain('# TYPE clubroom_jobs_failed_total counter')
  })

  it('answers a request from elsewhere only with the bearer token; without it (or with another) 403', async () => {
    // a forwarded request came through a proxy: from elsewhere, whatever its peer address
    const forwarded = { 'x-forwarded-for': '203.0.113.7' }
    const refused = await local('/metrics', forwarded)
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.messageId).toBe('errors.system.metricsRefused')
    expect((await local('/metrics', { ...forwarded, authorization: 'Bearer not-the-token-at-all-000000' })).status).toBe(403)
    const allowed = await local('/metrics', { ...forwarded, authorization: `Bearer ${TOKEN}` })
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('clubroom_http_request_duration_seconds')
  })

  it('refuses a peer on another address without the token (this machine reached through its network interface)', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)
    // the same check through the app with a remote peer, for a machine that has no other interface
    const viaApp = await createApp(server.deps).request(
      '/metrics',
      {},
      { incoming: { socket: { remoteAddress: '198.51.100.4' } } },
    )
    expect(viaApp.status).toBe(403)
    if (external) {
      const res = await fetch(`http://${external.address}:${server.port}/metrics`)
      expect(res.status).toBe(403)
      const ok = await fetch(`http://${external.address}:${server.port}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      expect(ok.status).toBe(200)
    }
  })
})
