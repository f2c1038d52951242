/**
 * GET /api/system, the owner's System screen: the owner only (through the policy layer); the
 * version, the database and its size; with Redis every running instance (each announces itself
 * with a heartbeat key, and its key goes when it stops) and their recent error log entries.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backups } from '../../../db/schema/index'
import { createLogger } from '../../../server/logger'
import { startServer, type RunningServer } from '../../../server/server'
import { VERSION } from '../../../server/ops/index'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
import { branches } from '../../../db/schema/index'
import { asc } from 'drizzle-orm'
import { testConfig } from '../../support/app'
import { login, waitFor } from '../collab/helpers'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A logger that keeps error entries (as a real instance does) and writes nowhere. */
const quietErrorLogger = () =>
  createLogger(
    'error',
    new Writable({
      write: (_chunk, _enc, done) => done(),
    }),
  )

const status = async (server: RunningServer, cookie?: string) => {
  const res = await fetch(`${server.url}/api/system`, { headers: cookie ? { cookie } : {} })
  return { status: res.status, data: await res.json() }
}

describe('GET /api/system', () => {
  let database: TestDatabase
  let a: RunningServer
  let b: RunningServer | null = null
  let owner: string
  beforeAll(async () => {
    database = await createTestDatabase()
    await buildStaff(database.db)
    const start = () => startServer({ config: testConfig({ REDIS_URL }), database, bootstrap: false, logger: quietErrorLogger() })
    a = await start()
    b = await start()
    owner = await login(a, 'owner')
  })
  afterAll(async () => {
    await b?.close()
    await a?.close()
    await database?.destroy()
  })

  it('is the owner’s: a manager is refused (403, the policy’s reason), nobody signed in gets 401', async () => {
    const manager = await login(a, 'manager')
    const refused = await status(a, manager)
    expect(refused.status).toBe(403)
    expect(refused.data.error.messageId).toBe('errors.system.ownerOnly')
    expect((await status(a)).status).toBe(401)
  })

  it('says the center’s time zone (its first branch’s), in which the screen reads its times', async () => {
    const [first] = await database.db.select({ tz: branches.timezone }).from(branches).orderBy(asc(branches.createdAt)).limit(1)
    expect((await status(a, owner)).data.timeZone).toBe(first?.tz ?? 'UTC')
  })

  it('says the version, the database and its size, and lists both instances, the one answering first', async () => {
    const { status: code, data } = await status(a, owner)
    expect(code).toBe(200)
    expect(data.version).toBe(VERSION)
    expect(data.database.kind).toBe('postgres')
    expect(data.database.sizeBytes).toBeGreaterThan(1_000_000)
    expect(data.instances.map((i: { id: string }) => i.id)).toEqual([a.deps.runtime!.instanceId, b!.deps.runtime!.instanceId])
    expect(data.instances.map((i: { self: boolean }) => i.self)).toEqual([true, false])
    expect(data.instances[1]).toMatchObject({ version: VERSION, pid: process.pid, draining: false })
  })

  it('shows the last backup and its result, and the last successful one when it failed', async () => {
    // newer than any backup the servers' own schedule may have made since they started
    const now = Date.now()
    const okAt = new Date(now - 20)
    const failedAt = new Date(now)
    const row = { instance: 'test', driver: 'postgres' } as const
    await database.db.insert(backups).values([
      {
        ...row,
        trigger: 'demand',
        status: 'ok',
        file: 'clubroom-ok.tar.gz',
        sizeBytes: 12_345_678,
        startedAt: new Date(now - 40),
        finishedAt: okAt,
      },
      {
        ...row,
        trigger: 'schedule',
        status: 'failed',
        errorId: 'backups.error.diskFull',
        startedAt: new Date(now - 10),
        finishedAt: failedAt,
      },
    ])
    expect((await status(a, owner)).data.backup).toMatchObject({
      at: failedAt.toISOString(),
      ok: false,
      file: null,
      sizeBytes: null,
      error: 'backups.error.diskFull',
      lastOkAt: okAt.toISOString(),
    })
  })

  it("lists each instance's recent errors, newest first, whichever instance answers", async () => {
    a.deps.logger.error({ err: new Error('disk full') }, 'backup failed')
    await new Promise((r) => setTimeout(r, 5)) // (the entries carry milliseconds)
    b!.deps.logger.error('projection failed')
    // b's entries reach a with b's next heartbeat
    const data = await waitFor(
      async () => {
        const r = await status(a, owner)
        return r.data.errors.length === 2 ? r.data : null
      },
      15_000,
      "the other instance's error",
    )
    expect(data.errors).toEqual([
      expect.objectContaining({ message: 'projection failed', level: 'error', instance: b!.deps.runtime!.instanceId }),
      expect.objectContaining({
        message: 'backup failed',
        error: 'disk full',
        level: 'error',
        instance: a.deps.runtime!.instanceId,
      }),
    ])
  })

  it('forgets an instance that stopped (its heartbeat key goes with it)', async () => {
    await b!.close()
    b = null
    const { data } = await status(a, owner)
    expect(data.instances).toHaveLength(1)
    expect(data.instances[0].self).toBe(true)
  })
})
