import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { sessions } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildBranch, buildStaff, buildUser } from '../../support/factories'
import { client, closeClients, connected, refused } from '../socket/helpers'
import { ageSession, call, closeTab, expectTabClosed, expectTabOpen, openTab, signIn, until, type Tab } from './helpers'
import * as Y from 'yjs'
import { notesOf } from '../../../domain/docs/workspace'
import { hashToken } from '../../../server/contracts/sessions'
import { deleteEndedSessions } from '../../../server/modules/auth/sessions'
import { encodeUpdateMessage } from '../../../server/realtime/collab/protocol'

/**
 * Issue #11, point 4: whatever ends a session (signing out, idle or maximum expiry, deactivation,
 * a password reset, one's own password change for the other sessions, a role change) closes the
 * user's Socket.IO connections and document connections within 5 seconds, and nothing reaches
 * them afterwards.
 */
let database: TestDatabase
let server: RunningServer
let owner: string
const tabs: Tab[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  owner = await signIn(server, 'owner')
})
afterEach(() => {
  for (const t of tabs.splice(0)) closeTab(t)
  closeClients()
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

async function tabOf(login: string, userId: string, cookie?: string): Promise<Tab> {
  const tab = await openTab(server, cookie ?? (await signIn(server, login)), userId)
  tabs.push(tab)
  return tab
}

describe('a session that ends closes its live connections within 5 s', () => {
  it('signing out', async () => {
    const u = await buildUser(database.db, { login: 'leaves-early', roles: ['receptionist'] })
    const tab = await tabOf('leaves-early', u.id)
    const started = Date.now()
    expect((await call(server, tab.cookie, 'POST', '/api/auth/logout')).status).toBe(204)
    const { wsGone } = await expectTabClosed(tab, started, [server])
    expect(wsGone.code).toBe(4001)
    expect(tab.events.some((e) => e.event === 'session.ended')).toBe(true)
  })

  it('idle expiry (unused for longer than SESSION_IDLE_MINUTES), with no request to notice it', async () => {
    const u = await buildUser(database.db, { login: 'dozes-off', roles: ['teacher'] })
    const tab = await tabOf('dozes-off', u.id)
    const started = Date.now()
    await ageSession(database.db, tab.cookie, { idleMinutes: server.deps.config.SESSION_IDLE_MINUTES + 1 })
    const { wsGone } = await expectTabClosed(tab, started, [server])
    expect(wsGone.code).toBe(4001)
    expect(tab.events.find((e) => e.event === 'session.ended')?.payload).toMatchObject({ userId: u.id, reason: 'expired' })
    expect((await refused(client(server, tab.cookie))).message).toBe('unauthenticated')
  })

  it('maximum lifetime (SESSION_MAX_MINUTES) reached, with no request to notice it', async () => {
    const u = await buildUser(database.db, { login: 'stays-forever', roles: ['teacher'] })
    const tab = await tabOf('stays-forever', u.id)
    const started = Date.now()
    await ageSession(database.db, tab.cookie, { expired: true })
    const { wsGone } = await expectTabClosed(tab, started, [server])
    expect(wsGone.code).toBe(4001)
    expect(tab.events.find((e) => e.event === 'session.ended')?.payload).toMatchObject({ userId: u.id, reason: 'expired' })
  })

  it('a session row deleted by any other means (an operator in SQL): the sweep notices', async () => {
    const u = await buildUser(database.db, { login: 'cut-off', roles: ['teacher'] })
    const tab = await tabOf('cut-off', u.id)
    const started = Date.now()
    await database.db.delete(sessions).where(eq(sessions.userId, u.id))
    expect((await expectTabClosed(tab, started, [server])).wsGone.code).toBe(4001)
  })

  it('deactivation', async () => {
    const u = await buildUser(database.db, { login: 'let-go', roles: ['receptionist'] })
    const first = await tabOf('let-go', u.id)
    const second = await tabOf('let-go', u.id)
    const started = Date.now()
    expect((await call(server, owner, 'PATCH', `/api/users/${u.id}`, { active: false })).status).toBe(200)
    for (const tab of [first, second]) expect((await expectTabClosed(tab, started, [server])).wsGone.code).toBe(4001)
  })

  it("an administrator's password reset", async () => {
    const u = await buildUser(database.db, { login: 'forgot-it', roles: ['teacher'] })
    const tab = await tabOf('forgot-it', u.id)
    const started = Date.now()
    expect((await call(server, owner, 'PATCH', `/api/users/${u.id}`, { password: 'a-brand-new-one' })).status).toBe(200)
    expect((await expectTabClosed(tab, started, [server])).wsGone.code).toBe(4001)
  })

  it("one's own password change ends the other sessions' connections and keeps this one's", async () => {
    const u = await buildUser(database.db, { login: 'careful', roles: ['accountant'] })
    const here = await tabOf('careful', u.id)
    const elsewhere = await tabOf('careful', u.id)
    const started = Date.now()
    const res = await call(server, here.cookie, 'POST', '/api/auth/password', {
      currentPassword: 'clubroom',
      newPassword: 'something-longer',
    })
    expect(res.status).toBe(204)
    expect((await expectTabClosed(elsewhere, started, [server])).wsGone.code).toBe(4001)
    await expectTabOpen(here, server)
    expect(here.events.some((e) => e.event === 'session.ended')).toBe(false)
  })

  it('a role change closes the connections; they come back with the new roles', async () => {
    const u = await buildUser(database.db, { login: 'promoted', roles: ['teacher'] })
    const tab = await tabOf('promoted', u.id)
    const branch = await buildBranch(database.db)
    const started = Date.now()
    const res = await call(server, owner, 'PATCH', `/api/users/${u.id}`, { roles: ['storekeeper'], branchIds: [branch.id] })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    const { wsGone } = await expectTabClosed(tab, started, [server])
    // the session is still good: not "session ended" but "reconnect" (the provider retries)
    expect(wsGone.code).toBe(4002)
    expect(tab.events.some((e) => e.event === 'session.ended')).toBe(false)
    const again = await connected(client(server, tab.cookie))
    const rooms = [...(await server.realtime.socket.io.in(`user:${u.id}`).fetchSockets())[0].rooms]
    expect(rooms).toContain('role:storekeeper')
    expect(rooms).not.toContain('role:teacher')
    again.disconnect()
  })
})

describe('what counts as using a session', () => {
  const lastSeen = async (cookie: string) => {
    const [row] = await database.db
      .select({ at: sessions.lastSeenAt })
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(decodeURIComponent(cookie.split('=')[1]))))
    return row.at.getTime()
  }

  it('an open connection is not a use: re-checks and the sweep leave last_seen_at alone', async () => {
    const u = await buildUser(database.db, { login: 'just-watching', roles: ['teacher'] })
    const tab = await tabOf('just-watching', u.id)
    await ageSession(database.db, tab.cookie, { idleMinutes: 5 })
    const before = await lastSeen(tab.cookie)
    await server.realtime.collab.recheckUser(u.id)
    server.deps.events.emit('user.access_changed', { userId: u.id, active: true, roles: ['teacher'] })
    await server.realtime.sessions.sweep()
    await new Promise((r) => setTimeout(r, 300))
    expect(await lastSeen(tab.cookie)).toBe(before)
    await expectTabOpen(tab, server)
  })

  it('an edit sent over a document connection is a use (last_seen_at moves, at most once a minute)', async () => {
    const u = await buildUser(database.db, { login: 'busy-typing', roles: ['teacher'] })
    const tab = await tabOf('busy-typing', u.id)
    await ageSession(database.db, tab.cookie, { idleMinutes: 5 })
    const before = await lastSeen(tab.cookie)
    const mine = new Y.Doc()
    notesOf(mine).insert(0, 'typing')
    tab.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(mine)))
    await until(async () => (await lastSeen(tab.cookie)) > before + 4 * 60_000, 5_000, 'last_seen_at to move')
  })

  it('the rows of ended sessions are deleted; valid ones stay', async () => {
    const u = await buildUser(database.db, { login: 'housekeeping', roles: ['teacher'] })
    const keep = await signIn(server, 'housekeeping')
    const idle = await signIn(server, 'housekeeping')
    const old = await signIn(server, 'housekeeping')
    await ageSession(database.db, idle, { idleMinutes: server.deps.config.SESSION_IDLE_MINUTES + 1 })
    await ageSession(database.db, old, { expired: true })
    expect(await deleteEndedSessions(database.db, server.deps.config)).toBeGreaterThanOrEqual(2)
    const left = await database.db.select({ h: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, u.id))
    expect(left.map((r) => r.h)).toEqual([hashToken(decodeURIComponent(keep.split('=')[1]))])
  })
})
