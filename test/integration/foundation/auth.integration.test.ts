import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildStaff, buildUser } from '../../support/factories'
import { auditLog, sessions } from '../../../db/schema/index'

let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let staff: Awaited<ReturnType<typeof buildStaff>>

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  t = createTestApp(database)
})
afterAll(async () => database?.destroy())

describe('login', () => {
  it('signs in with the right password and sets an httpOnly SameSite=Lax session cookie', async () => {
    const res = await t.call('POST', '/api/auth/login', { json: { login: 'reception', password: 'clubroom' } })
    expect(res.status).toBe(200)
    expect(res.data.user).toMatchObject({ login: 'reception', roles: ['receptionist'] })
    expect(res.data.user.passwordHash).toBeUndefined()
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^clubroom_session=[\w-]{43,};/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).not.toMatch(/Secure/i)
    const me = await t.call('GET', '/api/auth/me', { cookie: cookie.split(';')[0] })
    expect(me.status).toBe(200)
    expect(me.data.user.login).toBe('reception')
  })

  it('accepts the login in any letter case', async () => {
    const res = await t.call('POST', '/api/auth/login', { json: { login: 'Reception ', password: 'clubroom' } })
    expect(res.status).toBe(200)
  })

  it('gives a new session id at every login', async () => {
    const a = await t.login('teacher')
    const b = await t.login('teacher')
    expect(a).not.toBe(b)
  })

  it('answers a wrong password and an unknown login the same way (401 invalid_credentials)', async () => {
    const wrong = await t.call('POST', '/api/auth/login', { json: { login: 'teacher2', password: 'nope-nope' } })
    const unknown = await t.call('POST', '/api/auth/login', { json: { login: 'nobody-here', password: 'nope-nope' } })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.data.error.code).toBe('invalid_credentials')
    expect(unknown.data.error.code).toBe('invalid_credentials')
    expect(wrong.data.error.message).toBe(unknown.data.error.message)
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  it('refuses a deactivated user with the same 401', async () => {
    await buildUser(database.db, { login: 'gone', roles: ['teacher'], active: false })
    const res = await t.call('POST', '/api/auth/login', { json: { login: 'gone', password: 'clubroom' } })
    expect(res.status).toBe(401)
    expect(res.data.error.code).toBe('invalid_credentials')
  })

  it('answers 429 with Retry-After after 5 failures for one login, even with the right password', async () => {
    await buildUser(database.db, { login: 'locked', roles: ['teacher'] })
    for (let i = 0; i < 5; i++) {
      const r = await t.call('POST', '/api/auth/login', { json: { login: 'locked', password: 'wrong-' + i } })
      expect(r.status).toBe(401)
    }
    const res = await t.call('POST', '/api/auth/login', { json: { login: 'locked', password: 'clubroom' } })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(res.data.error.code).toBe('too_many_requests')
    // other logins are not locked out by it
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'manager', password: 'clubroom' } })).status).toBe(200)
  })

  it('answers 429 after 20 failures from one address across logins', async () => {
    const fresh = await createTestDatabase()
    try {
      await buildStaff(fresh.db)
      const app = createTestApp(fresh)
      for (let i = 0; i < 20; i++) {
        const r = await app.call('POST', '/api/auth/login', { json: { login: `guess${i}`, password: 'x' } })
        expect(r.status).toBe(401)
      }
      const res = await app.call('POST', '/api/auth/login', { json: { login: 'owner', password: 'clubroom' } })
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBeTruthy()
    } finally {
      await fresh.destroy()
    }
  }, 120_000)

  it('sets a Secure cookie when served over https', async () => {
    const https = createTestApp(database, { PUBLIC_URL: 'https://crm.example.org' })
    const res = await https.app.request('https://crm.example.org/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://crm.example.org' },
      body: JSON.stringify({ login: 'accountant', password: 'clubroom' }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/Secure/)
  })
})

describe('logout and sessions', () => {
  it('logout ends the session server-side: the old cookie no longer works', async () => {
    const cookie = await t.login('storekeeper')
    expect((await t.call('GET', '/api/auth/me', { cookie })).status).toBe(200)
    const out = await t.call('POST', '/api/auth/logout', { cookie })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/clubroom_session=;/)
    expect((await t.call('GET', '/api/auth/me', { cookie })).status).toBe(401)
    const left = await database.db.select().from(sessions).where(eq(sessions.userId, staff.storekeeper.id))
    expect(left.every((s) => s.tokenHash.length === 64)).toBe(true)
  })

  it('answers 401 to /me without a session', async () => {
    const res = await t.call('GET', '/api/auth/me')
    expect(res.status).toBe(401)
    expect(res.data.error.code).toBe('unauthenticated')
  })

  it("changing one's password ends the other sessions and keeps this one", async () => {
    const u = await buildUser(database.db, { login: 'changer', roles: ['teacher'] })
    const other = await t.login('changer')
    const mine = await t.call('POST', '/api/auth/login', { json: { login: 'changer', password: 'clubroom' } })
    const cookie = mine.headers.get('set-cookie')!.split(';')[0]
    const short = await t.call('POST', '/api/auth/password', {
      cookie,
      json: { currentPassword: 'clubroom', newPassword: 'short' },
    })
    expect(short.status).toBe(400)
    expect(short.data.error.fields.newPassword).toBeTruthy()
    const wrong = await t.call('POST', '/api/auth/password', {
      cookie,
      json: { currentPassword: 'not-it', newPassword: 'a-new-password' },
    })
    expect(wrong.status).toBe(400)
    expect(wrong.data.error.fields.currentPassword).toBeTruthy()
    const ok = await t.call('POST', '/api/auth/password', {
      cookie,
      json: { currentPassword: 'clubroom', newPassword: 'a-new-password' },
    })
    expect(ok.status).toBe(204)
    expect((await t.call('GET', '/api/auth/me', { cookie })).status).toBe(200)
    expect((await t.call('GET', '/api/auth/me', { cookie: other })).status).toBe(401)
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'changer', password: 'clubroom' } })).status).toBe(401)
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'changer', password: 'a-new-password' } })).status).toBe(200)
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.password_change'), eq(auditLog.actorId, u.id)))
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0])).not.toContain('a-new-password')
  })
})
