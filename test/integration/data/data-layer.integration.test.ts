import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, eq, like, sql } from 'drizzle-orm'
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../support/db'
import { activities, alerts, auditLog, branches, clientGuardians, clients, docUpdates, groupMembers, groups, lessons, loginAttempts, rooms, sessions, users } from '../../../db/schema/index'
import { queryRows } from '../../../db/client'
import { runCommand, type CommandContext } from '../../../server/http/command'
import { EventBus } from '../../../server/events/bus'
import { createSession, destroyUserSessions, findSessionActor } from '../../../server/modules/auth/sessions'
import { loginRetryAfter, recordLoginAttempt } from '../../../server/modules/auth/throttle'
import { seedDemo } from '../../../server/boot/seed'
import { bootstrapDatabase } from '../../../server/boot/bootstrap'
import { DEMO_ROOMS } from '../../../server/modules/branches/index'
import { DEMO_LOGINS } from '../../../server/modules/users/index'
import { testConfig } from '../../support/app'
import { createLogger } from '../../../server/logger'
import { buildUser } from '../../support/factories'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.destroy()
})

const ctx = (): CommandContext => ({ db: database.db, events: new EventBus(), actor: null, requestId: 'test', audited: false })

describe(`data layer on ${TEST_DRIVER}`, () => {
  it('applies migrations idempotently and has the trigram extension available', async () => {
    await database.migrate()
    const rows = await queryRows<{ ok: number }>(database.db, sql`select 1 as ok`)
    expect(rows[0].ok).toBe(1)
    await database.db.execute(sql`create extension if not exists pg_trgm`)
    const sim = await queryRows<{ s: number }>(database.db, sql`select similarity('robotics', 'robotic') as s`)
    expect(Number(sim[0].s)).toBeGreaterThan(0.5)
  })

  it('writes the audit row in the same transaction as the command', async () => {
    const c = ctx()
    const b = await runCommand(c, 'branches.create', async (tx) => {
      const [row] = await tx.insert(branches).values({ name: 'Audit Branch' }).returning()
      return { result: row, entity: 'branch', entityId: row.id, after: row }
    })
    expect(c.audited).toBe(true)
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.entityId, b.id))
    expect(rows).toHaveLength(1)
    expect(rows[0].action).toBe('branches.create')
    expect(rows[0].requestId).toBe('test')
  })

  it('rolls back both the change and its audit row when the command throws', async () => {
    const [{ n: before }] = await database.db.select({ n: count() }).from(auditLog)
    await expect(
      runCommand(ctx(), 'branches.create', async (tx) => {
        await tx.insert(branches).values({ name: 'Never Branch' })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const [{ n: after }] = await database.db.select({ n: count() }).from(auditLog)
    expect(after).toBe(before)
    expect(await database.db.select().from(branches).where(eq(branches.name, 'Never Branch'))).toHaveLength(0)
  })

  it('never stores password hashes in the audit log', async () => {
    await runCommand(ctx(), 'users.create', async (tx) => {
      const [row] = await tx.insert(users).values({ login: 'hashless', name: 'H', passwordHash: 'secret-hash', roles: ['teacher'] }).returning()
      return { result: row, entity: 'user', entityId: row.id, after: row }
    })
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'users.create'))
    expect(JSON.stringify(row.after)).not.toContain('secret-hash')
  })

  it('stores only the hash of a session token and honours idle and absolute expiry', async () => {
    const config = testConfig()
    const user = await buildUser(database.db, { roles: ['receptionist'] })
    const s = await createSession(database.db, config, user.id, { ip: '1.2.3.4' })
    const stored = await database.db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(stored.map((r) => r.tokenHash)).toEqual([s.tokenHash])
    expect(stored[0].tokenHash).not.toBe(s.token)
    expect(s.token.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url
    expect((await findSessionActor(database.db, config, s.token))?.actor.login).toBe(user.login)
    // idle too long
    await database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - (config.SESSION_IDLE_MINUTES + 1) * 60_000) }).where(eq(sessions.tokenHash, s.tokenHash))
    expect(await findSessionActor(database.db, config, s.token)).toBeNull()
    // absolute lifetime over
    const s2 = await createSession(database.db, config, user.id, {})
    await database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.tokenHash, s2.tokenHash))
    expect(await findSessionActor(database.db, config, s2.token)).toBeNull()
    // deactivated user
    const s3 = await createSession(database.db, config, user.id, {})
    await database.db.update(users).set({ active: false }).where(eq(users.id, user.id))
    expect(await findSessionActor(database.db, config, s3.token)).toBeNull()
    expect(await destroyUserSessions(database.db, user.id)).toBe(3)
  })

  it('throttles after 5 failures for one login and 20 from one address', async () => {
    for (let i = 0; i < 4; i++) await recordLoginAttempt(database.db, 'victim', '10.0.0.1', false)
    expect(await loginRetryAfter(database.db, 'victim', '10.0.0.1')).toBe(0)
    await recordLoginAttempt(database.db, 'victim', '10.0.0.1', false)
    const wait = await loginRetryAfter(database.db, 'victim', '10.0.0.1')
    expect(wait).toBeGreaterThan(500)
    expect(wait).toBeLessThanOrEqual(600)
    // another login from another address is not affected
    expect(await loginRetryAfter(database.db, 'other', '10.0.0.2')).toBe(0)
    for (let i = 0; i < 20; i++) await recordLoginAttempt(database.db, `spray${i}`, '10.0.0.3', false)
    expect(await loginRetryAfter(database.db, 'fresh', '10.0.0.3')).toBeGreaterThan(0)
    // failures older than 10 minutes are forgotten
    await database.db.update(loginAttempts).set({ at: new Date(Date.now() - 11 * 60_000) })
    expect(await loginRetryAfter(database.db, 'victim', '10.0.0.1')).toBe(0)
  })

  it('seeds the demo center and bootstraps only an empty database', async () => {
    const fresh = await createTestDatabase()
    try {
      const config = testConfig()
      const result = await bootstrapDatabase(fresh, { ...config, seedDemo: true }, createLogger('silent'))
      expect(result).toBe('seeded')
      const logins = (await fresh.db.select({ login: users.login }).from(users)).map((u) => u.login)
      for (const l of DEMO_LOGINS) expect(logins).toContain(l)
      expect(logins.length).toBeGreaterThan(DEMO_LOGINS.length) // more teachers
      expect(await fresh.db.select().from(branches)).toHaveLength(2)
      expect(await fresh.db.select().from(rooms)).toHaveLength(DEMO_ROOMS.length)
      const seeded = await fresh.db.select().from(clients)
      expect(seeded).toHaveLength(150)
      const minors = seeded.filter((c) => c.birthDate && c.birthDate > `${new Date().getUTCFullYear() - 18}-12-31`)
      expect(minors.length).toBe(50)
      const guardians = await fresh.db.select().from(clientGuardians)
      const perPhone = new Map<string, Set<string>>()
      for (const g of guardians) perPhone.set(g.phoneDigits, (perPhone.get(g.phoneDigits) ?? new Set()).add(g.clientId))
      expect([...perPhone.values()].some((kids) => kids.size >= 2)).toBe(true) // families
      expect(seeded.filter((c) => c.flags.includes('file_incomplete'))).toHaveLength(2)
      expect((await fresh.db.select().from(alerts)).filter((a) => a.kind === 'client_file_incomplete')).toHaveLength(2)
      // every client has its file document, credited to a receptionist
      const docs = await fresh.db.select().from(docUpdates).where(like(docUpdates.doc, 'client:%'))
      expect(new Set(docs.map((d) => d.doc)).size).toBe(150)
      expect(docs.every((d) => d.userId)).toBe(true)
      const receptionists = (await fresh.db.select().from(users)).filter((u) => u.roles.includes('receptionist')).map((u) => u.id)
      expect(docs.filter((d) => d.seq === 1).every((d) => receptionists.includes(d.userId ?? ''))).toBe(true)
      // the timetable: ten activities with norms, groups with members, a month of lessons without clashes
      expect(await fresh.db.select().from(activities)).toHaveLength(10)
      expect((await fresh.db.select().from(groups)).length).toBeGreaterThanOrEqual(12)
      expect((await fresh.db.select().from(groupMembers)).length).toBeGreaterThan(60)
      const seededLessons = await fresh.db.select().from(lessons)
      expect(seededLessons.length).toBeGreaterThan(100)
      expect(seededLessons.every((l) => l.valid && l.clashes.length === 0)).toBe(true)
      expect(await bootstrapDatabase(fresh, { ...config, seedDemo: true }, createLogger('silent'))).toBe('existing')
    } finally {
      await fresh.destroy()
    }
  }, 180_000)

  it('creates the owner from OWNER_LOGIN/OWNER_PASSWORD, and refuses an empty database without them', async () => {
    const fresh = await createTestDatabase()
    try {
      const config = { ...testConfig(), seedDemo: false }
      await expect(bootstrapDatabase(fresh, config, createLogger('silent'))).rejects.toThrow(/OWNER_LOGIN/)
      const r = await bootstrapDatabase(fresh, { ...config, OWNER_LOGIN: 'Boss', OWNER_PASSWORD: 'long-enough-1' }, createLogger('silent'))
      expect(r).toBe('owner')
      const [u] = await fresh.db.select().from(users)
      expect(u.login).toBe('boss')
      expect(u.roles).toEqual(['owner'])
      // named as given (never an English word of ours): the login, or OWNER_NAME
      expect(u.name).toBe('Boss')
    } finally {
      await fresh.destroy()
    }
  })

  it('names the first owner OWNER_NAME when it is given', async () => {
    const fresh = await createTestDatabase()
    try {
      const config = { ...testConfig(), seedDemo: false, OWNER_LOGIN: 'boss', OWNER_PASSWORD: 'long-enough-1', OWNER_NAME: 'Արամ Պետրոսյան' }
      expect(await bootstrapDatabase(fresh, config, createLogger('silent'))).toBe('owner')
      const [u] = await fresh.db.select().from(users)
      expect(u.name).toBe('Արամ Պետրոսյան')
    } finally {
      await fresh.destroy()
    }
  })

  void seedDemo
})
