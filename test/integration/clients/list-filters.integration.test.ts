import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { inArray, sql } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildBranch, buildRoom, buildStaff } from '../../support/factories'
import { activities, clients } from '../../../db/schema/index'
import { listClients, listTuning, type ClientListParams } from '../../../server/modules/clients/queries'
import { forgetSearchSample, renewSearchSample } from '../../../server/modules/clients/search-sample'
import { DEFAULT_AGE_CATEGORIES } from '../../../domain/clients/rules'
import { TEST_MODULES, registerOwingCheck } from '../../support/test-area'
import type { RunningServer } from '../../../server/server'
import { login } from '../collab/helpers'

/**
 * The client list's filters that join the timetable (activity, group, teacher), the debt filter
 * through the one owing rule, and the list's keyset cursors — on PostgreSQL through the API, and
 * the query itself on PostgreSQL and PGlite.
 */

let database: TestDatabase
let server: RunningServer
let staff: Awaited<ReturnType<typeof buildStaff>>
const cookies: Record<string, string> = {}
const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

const ids: Record<string, string> = {}
const groupIds: Record<string, string> = {}
let robotics: string
let art: string

async function register(first: string, last: string) {
  const res = await call('POST', '/api/clients', cookies.reception, {
    firstName: first,
    lastName: last,
    birthDate: '1990-02-03',
    phone: `+49 30 ${Math.floor(1_000_000 + Math.random() * 8_999_999)}`,
    consent: true,
    confirmNotDuplicate: true,
  })
  if (res.status !== 201) throw new Error(JSON.stringify(res.data))
  return res.data.id as string
}

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  const branch = await buildBranch(database.db, 'Central')
  const room = await buildRoom(database.db, branch.id, { name: 'Lab', capacity: 20 })
  ;[robotics, art] = (
    await database.db
      .insert(activities)
      .values([
        { name: 'Robotics', category: 'science', durationMinutes: 60, maxGroupSize: 10, staffRatio: 8, pricePerSession: '15.00' },
        { name: 'Art', category: 'art', durationMinutes: 60, maxGroupSize: 10, staffRatio: 8, pricePerSession: '12.00' },
      ])
      .returning()
  ).map((a) => a.id)
  server = await startTestServer(database, {}, TEST_MODULES)
  for (const l of ['manager', 'reception', 'teacher', 'accountant']) cookies[l] = await login(server, l)

  for (const [first, last] of [
    ['Ada', 'Adams'],
    ['Ben', 'Brown'],
    ['Cleo', 'Clark'],
    ['Dan', 'Dyer'],
    ['Eve', 'Evans'],
    ['Finn', 'Ford'],
  ])
    ids[first.toLowerCase()] = await register(first, last)
  const group = async (name: string, activityId: string, teacherId: string, assistantId: string | null = null) => {
    const res = await call('POST', '/api/groups', cookies.manager, {
      branchId: branch.id,
      activityId,
      name,
      teacherId,
      assistantId,
      roomId: room.id,
      pattern: [{ weekday: 2, start: '16:00', end: '17:00' }],
      termStart: '2026-09-01',
      termEnd: '2027-06-30',
    })
    if (res.status !== 201) throw new Error(JSON.stringify(res.data))
    return (groupIds[name] = res.data.group.id as string)
  }
  const enrol = async (g: string, ...who: string[]) => {
    for (const w of who)
      expect((await call('POST', `/api/groups/${g}/members`, cookies.reception, { clientId: ids[w] })).status).toBe(201)
  }
  // Robotics A (teacher): Ada, Ben, Dan (Dan leaves); Robotics B (teacher2): Cleo; Art (teacher2, assisted by teacher): Ben, Eve; Old (teacher, deleted): Finn
  await enrol(await group('Robotics A', robotics, staff.teacher.id), 'ada', 'ben', 'dan')
  await enrol(await group('Robotics B', robotics, staff.teacher2.id), 'cleo')
  await enrol(await group('Art', art, staff.teacher2.id, staff.teacher.id), 'ben', 'eve')
  await enrol(await group('Old', robotics, staff.teacher.id), 'finn')
  expect((await call('DELETE', `/api/groups/${groupIds['Robotics A']}/members/${ids.dan}`, cookies.reception)).status).toBe(204)
  expect((await call('DELETE', `/api/groups/${groupIds.Old}`, cookies.manager)).status).toBe(204)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const names = async (query: string, cookie = cookies.reception) => {
  const res = await call('GET', `/api/clients?${query}`, cookie)
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  return (res.data.items as Array<{ firstName: string }>).map((i) => i.firstName)
}

describe('filters that join the timetable', () => {
  it('finds the current members of a group, of an activity’s groups and of a teacher’s groups', async () => {
    expect(await names(`groupId=${groupIds['Robotics A']}`)).toEqual(['Ada', 'Ben'])
    // current members only: Dan left Robotics A, Finn's group was deleted
    expect(await names(`activityId=${robotics}`)).toEqual(['Ada', 'Ben', 'Cleo'])
    expect(await names(`activityId=${art}`)).toEqual(['Ben', 'Eve'])
    // a teacher's groups include those she assists
    expect(await names(`teacherId=${staff.teacher.id}`)).toEqual(['Ada', 'Ben', 'Eve'])
    expect(await names(`teacherId=${staff.teacher2.id}`)).toEqual(['Ben', 'Cleo', 'Eve'])
    // together: one group has to match them all
    expect(await names(`activityId=${robotics}&teacherId=${staff.teacher2.id}`)).toEqual(['Cleo'])
    expect(await names(`groupId=${groupIds['Robotics B']}&activityId=${art}`)).toEqual([])
    // with the other filters, the newest-first order and paging
    expect(await names(`activityId=${robotics}&q=ben`)).toEqual(['Ben'])
    expect(await names(`teacherId=${staff.teacher.id}&sort=newest`)).toEqual(['Eve', 'Ben', 'Ada'])
    const first = await call('GET', `/api/clients?activityId=${robotics}&limit=2`, cookies.teacher)
    expect(first.data.items.map((i: { firstName: string }) => i.firstName)).toEqual(['Ada', 'Ben'])
    const second = await call(
      'GET',
      `/api/clients?activityId=${robotics}&limit=2&cursor=${first.data.nextCursor}`,
      cookies.teacher,
    )
    expect(second.data.items.map((i: { firstName: string }) => i.firstName)).toEqual(['Cleo'])
    expect(second.data.nextCursor).toBeNull()
  })

  it('exports the same filtered list to CSV', async () => {
    const res = await call('GET', `/api/clients/export.csv?teacherId=${staff.teacher2.id}`, cookies.manager)
    expect(res.status).toBe(200)
    const lines = res.text.trim().split('\n')
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['Ben', 'Cleo', 'Eve'])
  })

  it('refuses malformed filters and cursors with field errors', async () => {
    const bad = await call('GET', '/api/clients?activityId=robotics&groupId=1&teacherId=x&owing=yes', cookies.reception)
    expect(bad.status).toBe(400)
    expect(bad.data.error.code).toBe('validation_error')
    expect(Object.keys(bad.data.error.fields).sort()).toEqual(['activityId', 'groupId', 'owing', 'teacherId'])
    const csv = await call('GET', '/api/clients/export.csv?groupId=nope', cookies.manager)
    expect(csv.status).toBe(400)
    expect(csv.data.error.fields.groupId).toBeTruthy()
    for (const cursor of [
      'garbage',
      Buffer.from(JSON.stringify({ l: 'A', f: 'B', i: "x' or 1=1" })).toString('base64url'),
      Buffer.from(JSON.stringify({ c: '2026-01-01T00:00:00.000Z', i: randomUUID() })).toString('base64url'),
    ]) {
      const res = await call('GET', `/api/clients?sort=newest&cursor=${cursor}`, cookies.reception)
      expect(res.status, cursor).toBe(400)
      expect(res.data.error.fields.cursor).toBeTruthy()
    }
    // a cursor of one order is not taken for the other
    const byName = await call('GET', '/api/clients?limit=1', cookies.reception)
    const crossed = await call('GET', `/api/clients?sort=newest&limit=1&cursor=${byName.data.nextCursor}`, cookies.reception)
    expect(crossed.status).toBe(400)
  })

  it('is refused to roles without client access, whatever the filter', async () => {
    expect((await call('GET', `/api/clients?groupId=${groupIds['Robotics A']}`, cookies.accountant)).status).toBe(403)
  })
})

describe('the debt filter (the one owing rule)', () => {
  it('is empty while no owing check is registered', async () => {
    expect(await names('owing=true')).toEqual([])
    expect(await names('owing=false')).toEqual(['Ada', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn'])
  })

  it('filters in SQL when every check has an SQL form, asking per activity when one is filtered', async () => {
    const owes = (ctx: { activityId: string | null }) => (ctx.activityId === art ? [ids.eve] : [ids.ben, ids.eve, ids.finn])
    const seen: Array<string | null> = []
    const off = registerOwingCheck(
      'test: unpaid invoice',
      async (clientIds, ctx) =>
        new Map(clientIds.filter((c) => owes(ctx).includes(c)).map((c) => [c, [{ id: 'clients.filters.owingHint' as const }]])),
      {
        sql: (clientId, ctx) => {
          seen.push(ctx.activityId)
          return sql`${clientId} in (${sql.join(
            owes(ctx).map((c) => sql`${c}::uuid`),
            sql`, `,
          )})`
        },
      },
    )
    try {
      expect(await names('owing=true')).toEqual(['Ben', 'Eve', 'Finn'])
      expect(await names(`owing=true&activityId=${art}`)).toEqual(['Eve'])
      expect(await names(`owing=true&activityId=${robotics}`)).toEqual(['Ben'])
      expect(seen).toEqual([null, art, robotics])
      const page = await call('GET', '/api/clients?owing=true&limit=2&sort=newest', cookies.reception)
      expect(page.data.items.map((i: { firstName: string }) => i.firstName)).toEqual(['Finn', 'Eve'])
      const rest = await call(
        'GET',
        `/api/clients?owing=true&limit=2&sort=newest&cursor=${page.data.nextCursor}`,
        cookies.reception,
      )
      expect(rest.data.items.map((i: { firstName: string }) => i.firstName)).toEqual(['Ben'])
    } finally {
      off()
    }
  })

  it('asks owingReasons page by page when a check exists only in code, and pages and exports the same', async () => {
    const asked: string[][] = []
    const off = registerOwingCheck('test: overdue loan', async (clientIds) => {
      asked.push(clientIds)
      return new Map(
        clientIds
          .filter((c) => c === ids.ada || c === ids.dan || c === ids.finn)
          .map((c) => [c, [{ id: 'clients.filters.owingHint' as const }]]),
      )
    })
    try {
      const first = await call('GET', '/api/clients?owing=true&limit=1', cookies.reception)
      expect(first.data.items.map((i: { firstName: string }) => i.firstName)).toEqual(['Ada'])
      const second = await call('GET', `/api/clients?owing=true&limit=1&cursor=${first.data.nextCursor}`, cookies.reception)
      expect(second.data.items.map((i: { firstName: string }) => i.firstName)).toEqual(['Dan'])
      const third = await call('GET', `/api/clients?owing=true&limit=1&cursor=${second.data.nextCursor}`, cookies.reception)
      expect(third.data.items.map((i: { firstName: string }) => i.firstName)).toEqual(['Finn'])
      expect(third.data.nextCursor).toBeNull()
      // the other filters still narrow the candidates the check is asked about
      asked.length = 0
      expect(await names(`owing=true&activityId=${robotics}`)).toEqual(['Ada'])
      expect(asked.flat().sort()).toEqual([ids.ada, ids.ben, ids.cleo].sort())
      const csv = await call('GET', '/api/clients/export.csv?owing=true', cookies.manager)
      expect(
        csv.text
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(',')[1]),
      ).toEqual(['Ada', 'Dan', 'Finn'])
    } finally {
      off()
    }
    expect(await names('owing=true')).toEqual([])
  })
})

describe.each(['postgres', 'pglite'] as const)('keyset paging on %s', (driver) => {
  let db: TestDatabase
  const today = '2026-11-27'
  beforeAll(async () => {
    db = await createTestDatabase(driver)
    // created within the same millisecond, some in the same microsecond: the JavaScript Date cannot tell them apart
    const at = [
      '2026-01-05 10:00:00.123455+00',
      '2026-01-05 10:00:00.123456+00',
      '2026-01-05 10:00:00.123456+00',
      '2026-01-05 10:00:00.123456+00',
      '2026-01-05 10:00:00.123457+00',
      '2026-01-05 10:00:00.1235+00',
      '2025-12-31 23:59:59.999999+00',
    ]
    await db.db.insert(clients).values(
      at.map((createdAt, i) => ({
        firstName: ['Ann', 'Bob', 'Ann', 'Cy', 'Dee', 'Ed', 'Flo'][i],
        lastName: i % 2 ? 'Zeller' : 'Adler',
        birthDate: '1990-01-01',
        status: i % 3 ? 'active' : 'paused',
        flags: i === 3 ? ['allergy'] : [],
        searchText: `${['ann', 'bob', 'ann', 'cy', 'dee', 'ed', 'flo'][i]} ${i % 2 ? 'zeller' : 'adler'} xyzzy`,
        createdAt: sql`${createdAt}::timestamptz` as unknown as Date,
      })),
    )
  })
  afterAll(async () => {
    await db?.destroy()
  })

  async function walk(p: Omit<ClientListParams, 'limit' | 'cursor'>, limit: number) {
    const out: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 20; i++) {
      const { rows, nextCursor } = await listClients(db.db, { ...p, limit, cursor }, DEFAULT_AGE_CATEGORIES, today)
      out.push(...rows.map((r) => r.id))
      if (!nextCursor) return out
      cursor = nextCursor
    }
    throw new Error('did not end')
  }

  it('pages newest first by the exact created_at, id — none lost, none twice', async () => {
    const expected = (
      await db.db
        .select({ id: clients.id })
        .from(clients)
        .orderBy(sql`${clients.createdAt} desc, ${clients.id} desc`)
    ).map((r) => r.id)
    expect(expected).toHaveLength(7)
    for (const limit of [1, 2, 3]) expect(await walk({ sort: 'newest' }, limit)).toEqual(expected)
  })

  it('pages by name, with filters, search and search with a status', async () => {
    const byName = (
      await db.db
        .select({ id: clients.id })
        .from(clients)
        .orderBy(sql`${clients.lastName}, ${clients.firstName}, ${clients.id}`)
    ).map((r) => r.id)
    expect(await walk({ sort: 'name' }, 2)).toEqual(byName)
    const paused = await db.db
      .select({ id: clients.id })
      .from(clients)
      .where(sql`${clients.status} = 'paused'`)
    expect(await walk({ sort: 'name', status: 'paused' }, 1)).toEqual(byName.filter((id) => paused.some((p) => p.id === id)))
    const flagged = await walk({ sort: 'name', flagged: true }, 1)
    expect(flagged).toHaveLength(1)
    const anns = await db.db
      .select({ id: clients.id })
      .from(clients)
      .where(inArray(clients.firstName, ['Ann']))
    expect((await walk({ sort: 'name', q: 'ann' }, 1)).sort()).toEqual(anns.map((a) => a.id).sort())
    const annActive = await walk({ sort: 'newest', q: 'xyzzy', status: 'active' }, 2)
    expect(annActive).toHaveLength(4)
  })

  it('gives the same pages whether a search finds its page walking the order or collecting the matches', async () => {
    const cases: Array<Omit<ClientListParams, 'limit' | 'cursor'>> = [
      { sort: 'name', q: 'ann' },
      { sort: 'name', q: 'zeller' },
      { sort: 'newest', q: 'xyzzy' },
      { sort: 'newest', q: 'adler', status: 'active' },
      { sort: 'name', q: 'xyzzy', flagged: true },
    ]
    const walked: Awaited<ReturnType<typeof walk>>[] = []
    for (const c of cases) walked.push(await walk(c, 2))
    const saved = { ...listTuning }
    const same = async () => {
      for (const [i, c] of cases.entries()) {
        expect(await walk(c, 2), JSON.stringify(c)).toEqual(walked[i])
        expect(await walk(c, 1), JSON.stringify(c)).toEqual(walked[i])
      }
    }
    try {
      // a walk of 2 rows rarely fills a page: most pages are collected
      Object.assign(listTuning, { searchWalkBudget: 2, useSample: false })
      await same()
      // the clients' sample decides (newest first too, after a cursor), then says "walk" always, then "collect"
      Object.assign(listTuning, saved)
      await renewSearchSample(db.db)
      await same()
      Object.assign(listTuning, saved, { collectRowCost: 1e9 })
      await same()
      Object.assign(listTuning, saved, { walkRowCost: 1e9 })
      await same()
    } finally {
      Object.assign(listTuning, saved)
      forgetSearchSample(db.db)
    }
    expect(walked.map((w) => w.length)).toEqual([2, 3, 7, 2, 1])
  })
})
