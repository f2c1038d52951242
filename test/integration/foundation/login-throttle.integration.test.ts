import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { and, count, eq } from 'drizzle-orm'
import { loginAttempts } from '../../../db/schema/index'
import { MAX_PER_LOGIN } from '../../../server/modules/auth/throttle'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildUser } from '../../support/factories'

// every check of a password against a hash goes through verifyPassword: count them
const verified = vi.hoisted(() => ({ n: 0 }))
vi.mock('../../../server/modules/auth/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../server/modules/auth/passwords')>()
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      verified.n++
      return real.verifyPassword(hash, password)
    },
  }
})

let database: TestDatabase
let t: ReturnType<typeof createTestApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await buildUser(database.db, { login: 'victim', roles: ['receptionist'] })
  t = createTestApp(database)
})
afterAll(async () => {
  await database?.destroy()
})

// every request here comes from the same (unknown) address: the per-address limit (20) is shared
describe('login throttling is atomic', () => {
  it('a right password under the threshold signs in, and its attempt counts as the success that resets the count', async () => {
    await buildUser(database.db, { login: 'forgetful', roles: ['teacher'] })
    for (let i = 0; i < MAX_PER_LOGIN - 1; i++)
      expect((await t.call('POST', '/api/auth/login', { json: { login: 'forgetful', password: 'nope-nope' } })).status).toBe(401)
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'forgetful', password: 'clubroom' } })).status).toBe(200)
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'forgetful', password: 'nope-nope' } })).status).toBe(401)
    const rows = await database.db.select().from(loginAttempts).where(eq(loginAttempts.login, 'forgetful'))
    expect(rows.filter((r) => r.success)).toHaveLength(1)
    expect(rows.filter((r) => !r.success)).toHaveLength(MAX_PER_LOGIN)
  })

  it('30 wrong passwords sent at once are all refused, and at most the threshold of them reach the hash', async () => {
    verified.n = 0
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.call('POST', '/api/auth/login', { json: { login: 'victim', password: `wrong-${i}` } }),
      ),
    )
    const statuses = answers.map((a) => a.status)
    expect(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(','),
    ).toBe(true)
    expect(verified.n).toBeLessThanOrEqual(MAX_PER_LOGIN)
    expect(statuses.filter((s) => s === 401)).toHaveLength(verified.n)
    // the right password is refused too while the login is throttled, and is not checked either
    const right = await t.call('POST', '/api/auth/login', { json: { login: 'victim', password: 'clubroom' } })
    expect(right.status).toBe(429)
    expect(verified.n).toBeLessThanOrEqual(MAX_PER_LOGIN)
    const [{ n }] = await database.db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.login, 'victim'), eq(loginAttempts.success, false)))
    expect(n).toBe(verified.n)
  })
})
