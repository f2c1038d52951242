import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildBranch, buildStaff, buildUser } from '../../support/factories'
import { closeClients } from '../socket/helpers'
import { ageSession, call, closeTab, expectTabClosed, openTab, signIn, type Tab } from './helpers'

/**
 * Issue #11, point 4, with several instances (REDIS_URL): a session ended through instance A
 * closes the user's connections held by instance B within 5 seconds.
 */
const REDIS = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }

let database: TestDatabase
let a: RunningServer
let b: RunningServer
let owner: string
const tabs: Tab[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  a = await startTestServer(database, REDIS)
  b = await startTestServer(database, REDIS)
  owner = await signIn(a, 'owner')
})
afterEach(() => {
  for (const t of tabs.splice(0)) closeTab(t)
  closeClients()
})
afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()])
  await database?.destroy()
})

/** A tab on instance B (sessions live in the shared database: signing in on A is good on B). */
async function tabOnB(login: string, userId: string): Promise<Tab> {
  const tab = await openTab(b, await signIn(a, login), userId)
  tabs.push(tab)
  return tab
}

describe('several instances: a session ended on A closes its connections on B within 5 s', () => {
  it('signing out on A', async () => {
    const u = await buildUser(database.db, { login: 'far-signout', roles: ['receptionist'] })
    const tab = await tabOnB('far-signout', u.id)
    const started = Date.now()
    expect((await call(a, tab.cookie, 'POST', '/api/auth/logout')).status).toBe(204)
    expect((await expectTabClosed(tab, started, [a, b])).wsGone.code).toBe(4001)
  })

  it('deactivation on A', async () => {
    const u = await buildUser(database.db, { login: 'far-deactivated', roles: ['receptionist'] })
    const tab = await tabOnB('far-deactivated', u.id)
    const started = Date.now()
    expect((await call(a, owner, 'PATCH', `/api/users/${u.id}`, { active: false })).status).toBe(200)
    expect((await expectTabClosed(tab, started, [a, b])).wsGone.code).toBe(4001)
    expect(tab.events.find((e) => e.event === 'session.ended')?.payload).toMatchObject({ userId: u.id, reason: 'deactivated' })
  })

  it('expiry (nobody does anything: each instance sweeps its own connections)', async () => {
    const u = await buildUser(database.db, { login: 'far-expired', roles: ['teacher'] })
    const tab = await tabOnB('far-expired', u.id)
    const started = Date.now()
    await ageSession(database.db, tab.cookie, { expired: true })
    expect((await expectTabClosed(tab, started, [a, b])).wsGone.code).toBe(4001)
  })

  it('a role change on A', async () => {
    const u = await buildUser(database.db, { login: 'far-promoted', roles: ['teacher'] })
    const tab = await tabOnB('far-promoted', u.id)
    const branch = await buildBranch(database.db)
    const started = Date.now()
    const res = await call(a, owner, 'PATCH', `/api/users/${u.id}`, { roles: ['storekeeper'], branchIds: [branch.id] })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect((await expectTabClosed(tab, started, [a, b])).wsGone.code).toBe(4002)
  })

  it("an administrator's password reset on A", async () => {
    const u = await buildUser(database.db, { login: 'far-reset', roles: ['teacher'] })
    const tab = await tabOnB('far-reset', u.id)
    const started = Date.now()
    expect((await call(a, owner, 'PATCH', `/api/users/${u.id}`, { password: 'another-secret' })).status).toBe(200)
    expect((await expectTabClosed(tab, started, [a, b])).wsGone.code).toBe(4001)
  })
})
