import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, desc, eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildBranch, buildRoom, buildStaff } from '../../support/factories'
import { auditLog, branches, rooms, users } from '../../../db/schema/index'
import { publicApi } from '../../../server/app'
import { buildRegistry } from '../../../server/boot/registry'
import { MODULES } from '../../../server/modules/index'

const PUBLIC_API = publicApi(buildRegistry(MODULES))

let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let staff: Awaited<ReturnType<typeof buildStaff>>
const cookies: Record<string, string> = {}
const LOGINS = ['owner', 'manager', 'reception', 'teacher', 'storekeeper', 'accountant', 'auditor'] as const

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  t = createTestApp(database)
  for (const l of LOGINS) cookies[l] = await t.login(l)
})
afterAll(async () => database?.destroy())

const ZERO_ID = '00000000-0000-4000-8000-000000000000'

describe('every /api route', () => {
  it('answers 401 without a session, enumerated from the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).data
    const ops: Array<[string, string]> = []
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(item)) ops.push([method.toUpperCase(), path])
    }
    expect(ops.length).toBeGreaterThanOrEqual(12)
    for (const [method, path] of ops) {
      const concrete = '/api' === path.slice(0, 4) ? path : path
      const url = concrete.replace(/\{[^}]+\}/g, (m) => (m === '{docName}' ? 'workspace:' + ZERO_ID : ZERO_ID))
      if (PUBLIC_API.has(`${method} ${path}`)) continue
      const res = await t.call(method, url, method === 'GET' ? {} : { json: {} })
      expect(res.status, `${method} ${path}`).toBe(401)
      expect(res.data.error.code, `${method} ${path}`).toBe('unauthenticated')
    }
  })

  it('answers 404 JSON for an unknown API route', async () => {
    const res = await t.call('GET', '/api/no-such-thing', { cookie: cookies.owner })
    expect(res.status).toBe(404)
    expect(res.data.error.code).toBe('not_found')
  })

  it('answers GET /healthz with the database state', async () => {
    const res = await t.call('GET', '/healthz')
    expect(res.status).toBe(200)
    expect(res.data).toEqual({ status: 'ok', db: 'ok' })
    const dead = await createTestDatabase()
    const deadApp = createTestApp(dead)
    await dead.destroy()
    const down = await deadApp.call('GET', '/healthz')
    expect(down.status).toBe(503)
  })

  it('publishes the OpenAPI document and an interactive reference', async () => {
    const doc = await t.call('GET', '/api/openapi.json')
    expect(doc.data.paths['/api/users'].post.requestBody).toBeTruthy()
    const page = await t.app.request('http://localhost/api/docs')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('/api/docs/assets/swagger-ui-bundle.js')
    const init = await t.app.request('http://localhost/api/docs/assets/clubroom-init.js')
    expect(await init.text()).toContain('SwaggerUIBundle')
  })
})

describe('users routes: the role matrix', () => {
  const expected: Record<(typeof LOGINS)[number], boolean> = {
    owner: true,
    manager: true,
    reception: false,
    teacher: false,
    storekeeper: false,
    accountant: false,
    auditor: false,
  }
  for (const login of LOGINS) {
    it(`${expected[login] ? 'allows' : 'refuses (403)'} ${login} to list, create and edit users`, async () => {
      const list = await t.call('GET', '/api/users', { cookie: cookies[login] })
      const branch = await buildBranch(database.db)
      const create = await t.call('POST', '/api/users', {
        cookie: cookies[login],
        json: {
          login: `new-${login}`,
          name: 'New Person',
          password: 'long-password',
          roles: ['teacher'],
          branchIds: [branch.id],
        },
      })
      const patch = await t.call('PATCH', `/api/users/${staff.teacher2.id}`, {
        cookie: cookies[login],
        json: { name: `Renamed by ${login}` },
      })
      if (expected[login]) {
        expect(list.status).toBe(200)
        expect(list.data.items.length).toBeGreaterThanOrEqual(9)
        expect(create.status).toBe(201)
        expect(create.data.user.login).toBe(`new-${login}`)
        expect(patch.status).toBe(200)
      } else {
        for (const r of [list, create, patch]) {
          expect(r.status).toBe(403)
          expect(r.data.error.code).toBe('forbidden')
        }
        expect(
          await database.db
            .select()
            .from(users)
            .where(eq(users.login, `new-${login}`)),
        ).toHaveLength(0)
      }
    })
  }

  it('deactivating a user ends their sessions at once', async () => {
    const victim = await t.login('teacher2')
    expect((await t.call('GET', '/api/auth/me', { cookie: victim })).status).toBe(200)
    const res = await t.call('PATCH', `/api/users/${staff.teacher2.id}`, { cookie: cookies.owner, json: { active: false } })
    expect(res.status).toBe(200)
    expect(res.data.user.active).toBe(false)
    expect((await t.call('GET', '/api/auth/me', { cookie: victim })).status).toBe(401)
    await t.call('PATCH', `/api/users/${staff.teacher2.id}`, { cookie: cookies.owner, json: { active: true } })
  })

  it('refuses a taken login with 409 and the field named', async () => {
    const res = await t.call('POST', '/api/users', {
      cookie: cookies.owner,
      json: { login: 'teacher', name: 'Dup', password: 'long-password', roles: ['teacher'] },
    })
    expect(res.status).toBe(409)
    expect(res.data.error.fields.login).toBeTruthy()
  })
})

describe('branches and rooms', () => {
  it('lists branches and rooms to any signed-in user, filtered by branch', async () => {
    const b = await buildBranch(database.db, 'North')
    const other = await buildBranch(database.db, 'South')
    await buildRoom(database.db, b.id, { name: 'Studio N', capacity: 8 })
    await buildRoom(database.db, other.id, { name: 'Studio S' })
    for (const login of LOGINS) {
      const res = await t.call('GET', '/api/branches', { cookie: cookies[login] })
      expect(res.status, login).toBe(200)
      expect(res.data.items.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['North', 'South']))
    }
    const rooms = await t.call('GET', `/api/rooms?branchId=${b.id}`, { cookie: cookies.teacher })
    expect(rooms.data.items.map((r: { name: string }) => r.name)).toEqual(['Studio N'])
    expect(rooms.data.items[0].capacity).toBe(8)
  })

  it('lets owner and manager create and edit, and refuses the others', async () => {
    const created = await t.call('POST', '/api/branches', {
      cookie: cookies.manager,
      json: { name: 'East', address: '1 East Rd' },
    })
    expect(created.status).toBe(201)
    const id = created.data.branch.id
    const room = await t.call('POST', '/api/rooms', {
      cookie: cookies.owner,
      json: { branchId: id, name: 'Hall', capacity: 30, hourlyCost: 40 },
    })
    expect(room.status).toBe(201)
    const edit = await t.call('PATCH', `/api/rooms/${room.data.room.id}`, { cookie: cookies.manager, json: { capacity: 25 } })
    expect(edit.status).toBe(200)
    expect(edit.data.room.capacity).toBe(25)
    expect((await t.call('POST', '/api/branches', { cookie: cookies.reception, json: { name: 'Nope' } })).status).toBe(403)
    expect(
      (await t.call('PATCH', `/api/rooms/${room.data.room.id}`, { cookie: cookies.teacher, json: { capacity: 1 } })).status,
    ).toBe(403)
    const missing = await t.call('PATCH', `/api/rooms/${ZERO_ID}`, { cookie: cookies.manager, json: { capacity: 3 } })
    expect(missing.status).toBe(404)
  })
})

describe('bad input changes nothing', () => {
  async function counts() {
    const [[u], [b], [r], [a]] = await Promise.all([
      database.db.select({ n: count() }).from(users),
      database.db.select({ n: count() }).from(branches),
      database.db.select({ n: count() }).from(rooms),
      database.db.select({ n: count() }).from(auditLog),
    ])
    return { users: u.n, branches: b.n, rooms: r.n, audit: a.n }
  }

  it('malformed JSON → 400', async () => {
    const before = await counts()
    const res = await t.call('POST', '/api/users', { cookie: cookies.owner, body: '{"login": "x",' })
    expect(res.status).toBe(400)
    expect(res.data.error.code).toBe('invalid_json')
    expect(await counts()).toEqual(before)
  })

  it('wrong types and missing fields → 400 validation_error naming each field', async () => {
    const before = await counts()
    const res = await t.call('POST', '/api/users', { cookie: cookies.owner, json: { login: 42, roles: ['wizard'] } })
    expect(res.status).toBe(400)
    expect(res.data.error.code).toBe('validation_error')
    expect(Object.keys(res.data.error.fields)).toEqual(expect.arrayContaining(['login', 'name', 'password', 'roles.0']))
    const room = await t.call('POST', '/api/rooms', {
      cookie: cookies.owner,
      json: { branchId: 'not-a-uuid', name: '', capacity: -1 },
    })
    expect(room.status).toBe(400)
    expect(Object.keys(room.data.error.fields)).toEqual(expect.arrayContaining(['branchId', 'name', 'capacity']))
    const badParam = await t.call('PATCH', '/api/users/not-a-uuid', { cookie: cookies.owner, json: { name: 'x' } })
    expect(badParam.status).toBe(400)
    expect(badParam.data.error.fields.id).toBeTruthy()
    const badQuery = await t.call('GET', '/api/audit/log?limit=abc', { cookie: cookies.owner })
    expect(badQuery.status).toBe(400)
    expect(badQuery.data.error.fields.limit).toBeTruthy()
    expect(await counts()).toEqual(before)
  })

  it('a body that is not JSON at all is refused, not skipped', async () => {
    const before = await counts()
    const res = await t.call('POST', '/api/branches', {
      cookie: cookies.owner,
      body: 'name=Sneaky',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(415)
    expect(res.data.error.code).toBe('unsupported_media_type')
    expect(await counts()).toEqual(before)
  })

  it('oversize body → 413', async () => {
    const before = await counts()
    const res = await t.call('POST', '/api/branches', {
      cookie: cookies.owner,
      json: { name: 'Big', address: 'x'.repeat(1_100_000) },
    })
    expect(res.status).toBe(413)
    expect(res.data.error.code).toBe('payload_too_large')
    expect(await counts()).toEqual(before)
  })

  it('a cross-site state change is refused (403 csrf)', async () => {
    const before = await counts()
    const res = await t.call('POST', '/api/branches', {
      cookie: cookies.owner,
      json: { name: 'Evil' },
      headers: { origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
    expect(res.data.error.code).toBe('csrf')
    const sameOrigin = await t.call('POST', '/api/branches', {
      cookie: cookies.owner,
      json: { name: 'Fine' },
      headers: { origin: 'http://localhost' },
    })
    expect(sameOrigin.status).toBe(201)
    expect((await counts()).branches).toBe(before.branches + 1)
  })

  it('a handler that throws gives 500 with a request id and no stack trace', async () => {
    const boom = createTestApp(database, {}, (app) =>
      app.get('/api/test-boom', () => {
        throw new Error('secret internal detail at /work/main/server')
      }),
    )
    const res = await boom.call('GET', '/api/test-boom', { cookie: cookies.owner, headers: { 'x-request-id': 'req-boom-1' } })
    expect(res.status).toBe(500)
    expect(res.data.error.code).toBe('internal')
    expect(res.data.error.requestId).toBe('req-boom-1')
    expect(JSON.stringify(res.data)).not.toMatch(/secret internal|at \/|\.ts:/)
  })
})

describe('provenance: an audit row with the right actor for each mutation', () => {
  async function lastAudit() {
    const [row] = await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1)
    return row
  }
  const cases: Array<{ login: keyof typeof cookies | string; action: string; run: () => Promise<{ status: number }> }> = [
    {
      login: 'owner',
      action: 'users.create',
      run: () =>
        t.call('POST', '/api/users', {
          cookie: cookies.owner,
          json: { login: 'audited1', name: 'A', password: 'long-password', roles: ['auditor'] },
        }),
    },
    {
      login: 'manager',
      action: 'users.update',
      run: async () =>
        t.call('PATCH', `/api/users/${staff.accountant.id}`, {
          cookie: cookies.manager,
          json: { roles: ['accountant', 'storekeeper'], branchIds: [(await buildBranch(database.db)).id] },
        }),
    },
    {
      login: 'manager',
      action: 'branches.create',
      run: () => t.call('POST', '/api/branches', { cookie: cookies.manager, json: { name: 'Audited Branch' } }),
    },
    {
      login: 'owner',
      action: 'rooms.create',
      run: async () => {
        const [b] = await database.db.select().from(branches).where(eq(branches.name, 'Audited Branch'))
        return t.call('POST', '/api/rooms', {
          cookie: cookies.owner,
          json: { branchId: b.id, name: 'Audited Room', capacity: 5 },
        })
      },
    },
    {
      login: 'reception',
      action: 'auth.login',
      run: () => t.call('POST', '/api/auth/login', { json: { login: 'reception', password: 'clubroom' } }),
    },
    {
      login: 'storekeeper',
      action: 'auth.logout',
      run: () => t.call('POST', '/api/auth/logout', { cookie: cookies.storekeeper }),
    },
  ]
  for (const c of cases) {
    it(`${c.action} is stamped with ${c.login}`, async () => {
      const res = await c.run()
      expect(res.status).toBeLessThan(300)
      const row = await lastAudit()
      expect(row.action).toBe(c.action)
      expect(row.actorId).toBe(staff[c.login].id)
      expect(row.requestId).toBeTruthy()
    })
  }

  it('records before and after of an edit', async () => {
    await t.call('PATCH', `/api/users/${staff.teacher.id}`, { cookie: cookies.owner, json: { name: 'Karen M.' } })
    const row = await lastAudit()
    expect(row.action).toBe('users.update')
    expect((row.before as { name: string }).name).toBe(staff.teacher.name)
    expect((row.after as { name: string }).name).toBe('Karen M.')
  })

  it('records failed logins without an actor', async () => {
    await t.call('POST', '/api/auth/login', { json: { login: 'teacher', password: 'bad-password' } })
    const row = await lastAudit()
    expect(row.action).toBe('auth.login_failed')
    expect(row.actorId).toBeNull()
  })
})

describe('GET /api/audit/log', () => {
  it('is for owner and auditor only', async () => {
    cookies.storekeeper = await t.login('storekeeper')
    for (const login of LOGINS) {
      const res = await t.call('GET', '/api/audit/log', { cookie: cookies[login] })
      expect(res.status, login).toBe(login === 'owner' || login === 'auditor' ? 200 : 403)
    }
  })

  it('pages newest first with a cursor and filters by actor, entity and since', async () => {
    const page1 = await t.call('GET', '/api/audit/log?limit=3', { cookie: cookies.auditor })
    expect(page1.data.items).toHaveLength(3)
    const ids = page1.data.items.map((i: { id: number }) => i.id)
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
    const page2 = await t.call('GET', `/api/audit/log?limit=3&cursor=${page1.data.nextCursor}`, { cookie: cookies.auditor })
    expect(page2.data.items[0].id).toBeLessThan(ids[2])
    const item = page1.data.items[0]
    expect(item).toHaveProperty('at')
    expect(item).toHaveProperty('actor')
    expect(item).toHaveProperty('before')
    expect(item).toHaveProperty('after')

    const byManager = await t.call('GET', '/api/audit/log?actor=manager&limit=100', { cookie: cookies.owner })
    expect(byManager.data.items.length).toBeGreaterThan(0)
    expect(byManager.data.items.every((i: { actor: { login: string } }) => i.actor.login === 'manager')).toBe(true)
    const rooms = await t.call('GET', '/api/audit/log?entity=room&limit=100', { cookie: cookies.owner })
    expect(rooms.data.items.every((i: { entity: string }) => i.entity === 'room')).toBe(true)
    const future = await t.call(
      'GET',
      `/api/audit/log?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      { cookie: cookies.owner },
    )
    expect(future.data.items).toHaveLength(0)
  })
})
