import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { createApp } from '../../../server/app'
import { createLogger } from '../../../server/logger'
import type { RunningServer } from '../../../server/server'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer, testDocTypes } from '../../support/app'
import argon2 from 'argon2'
import { users } from '../../../db/schema/index'
import { buildStaff } from '../../support/factories'
import { backupStatus } from '../../../server/modules/backups/index'
import {
  derefWith,
  encodePart,
  hostileBody,
  hostileParam,
  hostileQuery,
  type JsonSchema,
  type ValuePools,
} from '../../support/hostile'

const docTypes = testDocTypes()
const resolveDocName = (name: string) => docTypes.resolve(name)

/**
 * Issue #11 point 5: every route of the OpenAPI route table gets at least CASES_PER_ROUTE hostile
 * requests (bodies, path parameters, query strings) as an owner, and must answer each one without
 * a 5xx, without a stack trace, and — when it refuses (4xx) — without having changed the
 * database. Changes are seen by row triggers that append to `fuzz_writes` (committed writes
 * only: a rolled-back write leaves nothing), which costs one indexed max() per case instead of a
 * checksum of every table.
 */

const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES ?? 200)
const SEED = Number(process.env.FUZZ_SEED ?? 20261203)

/** 4xx answers that write by design: failed sign-ins and refused attempts are audited; sessions are touched on use. */
// (scheduled_jobs: the scheduler's own bookkeeping — a job's row is made when the scheduler first
// sees it, and its slot claimed when it comes due — written by the clock, never by a request)
const UNWATCHED_TABLES = ['sessions', 'login_attempts', 'fuzz_writes', 'scheduled_jobs']
/** Routes not fuzzed: signing out ends the fuzzer's own session. */
const SKIPPED = new Set(['POST /api/auth/logout'])
/**
 * Fewer cases where a valid one starts long work that each case waits for (a document package is
 * drawn for every 202: a few seconds of PDFs each); its input is four fields.
 */
const CASES_FOR: Record<string, number> = { 'POST /api/document-packages': 40 }
const casesFor = (route: string) => CASES_FOR[route] ?? CASES_PER_ROUTE
/** A stack frame, a source path or a driver's query text in an answer. */
const LEAK =
  /\n\s+at\s|\bat [\w$.<>]+ \(|\/work\/|node_modules|\.[cm]?[jt]s:\d+:\d+|Failed query:|DrizzleQueryError|PostgresError/

let database: TestDatabase
let server: RunningServer
let request: (path: string, init: RequestInit) => Promise<Response>
let cookie = ''
let openapi: { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, JsonSchema> } }
const pools: ValuePools = { ids: [], uuids: [] }
/** Not in the pools: the fuzzer would deactivate or demote itself. */
let fuzzerId = ''

async function login() {
  const res = await request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'fuzzowner', password: 'clubroom' }),
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
}

/** The seed's accepted request bodies by route (keyed like `POST /api/groups/{id}/members`): the fuzz mutates them. */
const examples = new Map<string, unknown[]>()
const PARAM = /\{[^}]+\}/g
const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const routeKey = (method: string, path: string) => method + ' ' + path.replace(PARAM, '*').replace(UUID_IN_PATH, '*')

/** The seed's accepted query values by route and parameter. */
const queryExamples = new Map<string, Record<string, string[]>>()

async function api(method: string, path: string, json?: unknown) {
  if (json !== undefined) examples.set(routeKey(method, path), [...(examples.get(routeKey(method, path)) ?? []), json])
  const url = new URL(path, 'http://localhost')
  const seen = queryExamples.get(routeKey(method, url.pathname)) ?? {}
  for (const [k, v] of url.searchParams) seen[k] = [...(seen[k] ?? []), v]
  queryExamples.set(routeKey(method, url.pathname), seen)
  const res = await request(path, {
    method,
    headers: { cookie, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  })
  const text = await res.text()
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`)
  return text ? JSON.parse(text) : null
}

/** A small center made through the API itself: branches, rooms, an activity, groups, clients, lessons, records. */
async function seedSmallCenter(teacherId: string) {
  const today = new Date().toISOString().slice(0, 10)
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
  const { branch } = await api('POST', '/api/branches', { name: 'North', address: 'Main st 1' })
  const { branch: branch2 } = await api('POST', '/api/branches', { name: 'South', address: 'Side st 2' })
  const { room } = await api('POST', '/api/rooms', { branchId: branch.id, name: 'Room 1', capacity: 12 })
  await api('POST', '/api/rooms', { branchId: branch2.id, name: 'Room 2', capacity: 8 })
  const { activity } = await api('POST', '/api/activities', {
    name: 'Robotics',
    category: 'science',
    durationMinutes: 60,
    maxGroupSize: 10,
    staffRatio: 10,
    pricePerSession: 1500,
  })
  const group = (
    await api('POST', '/api/groups', {
      branchId: branch.id,
      activityId: activity.id,
      name: 'Robots A',
      teacherId,
      roomId: room.id,
      pattern: [
        { weekday: 1, start: '16:00', end: '17:00' },
        { weekday: 4, start: '16:00', end: '17:00' },
      ],
      termStart: inDays(-14),
      termEnd: inDays(60),
      capacity: 2,
    })
  ).group
  const clientIds: string[] = []
  for (const [firstName, lastName, birthDate] of [
    ['Mia', 'Kern', '2016-05-01'],
    ['Leo', 'Adler', '1990-01-02'],
    ['Ada', 'Stone', '2012-09-30'],
  ]) {
    const { id } = await api('POST', '/api/clients', {
      firstName,
      lastName,
      birthDate,
      consent: true,
      source: 'referral',
      phone: `+49 170 ${clientIds.length}234567`,
      confirmNotDuplicate: true,
      guardians: [{ name: 'Eva Kern', relation: 'mother', phone: '+49 170 7654321', email: 'eva@example.org' }],
    })
    clientIds.push(id)
  }
  await api('POST', `/api/groups/${group.id}/members`, { clientId: clientIds[0] })
  await api('POST', `/api/groups/${group.id}/members`, { clientId: clientIds[1] })
  await api('POST', `/api/groups/${group.id}/waiting`, { clientId: clientIds[2] })
  await api('POST', '/api/timetable/generate', { branchId: branch.id, from: inDays(-7), to: inDays(14) })
  await api('POST', '/api/closures', { branchId: branch.id, fromDate: inDays(30), toDate: inDays(31), name: 'Holiday' })
  await api('POST', '/api/calendar-feeds', { kind: 'room', subjectId: room.id })
  await api('POST', `/api/clients/${clientIds[0]}/records`, { kind: 'achievement', date: today, title: 'First robot' })
  await api('POST', `/api/clients/${clientIds[0]}/observations`, { text: 'Builds fast' })
  // one accepted body for each editing route, for the fuzz to mutate
  const { user } = await api('POST', '/api/users', {
    login: 'fuzzteacher',
    name: 'Fuzz Teacher',
    password: 'long enough 1',
    roles: ['teacher'],
    branchIds: [branch.id],
  })
  await api('PATCH', `/api/users/${user.id}`, { name: 'Fuzz Teacher T' })
  await api('PATCH', `/api/branches/${branch2.id}`, { phone: '+1 555 0100' })
  await api('PATCH', `/api/rooms/${room.id}`, { capacity: 14, openingHours: { mon: ['08:00', '20:00'] } })
  await api('PATCH', `/api/activities/${activity.id}`, { description: 'Build robots' })
  await api('PATCH', `/api/groups/${group.id}`, { name: 'Robots A1' })
  await api('POST', `/api/clients/${clientIds[1]}/status`, { status: 'active' })
  await api('PUT', '/api/settings/registration', await api('GET', '/api/settings/registration'))
  const { items } = await api(
    'GET',
    `/api/lessons?branchId=${branch.id}&from=${inDays(-7)}&to=${inDays(14)}&teacherId=${teacherId}`,
  )
  const page = await api('GET', '/api/clients?sort=newest&limit=1&q=a&status=lead&flagged=false&owing=false')
  if (page.nextCursor) await api('GET', `/api/clients?sort=newest&limit=1&cursor=${page.nextCursor}`)
  const audit = await api(
    'GET',
    `/api/audit/log?limit=2&entity=client&since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`,
  )
  if (audit.nextCursor) await api('GET', `/api/audit/log?limit=2&cursor=${audit.nextCursor}`)
  await api('GET', `/api/groups?branchId=${branch.id}`)
  await api('GET', `/api/rooms?branchId=${branch.id}`)
  await api('GET', '/api/alerts?open=true&limit=5')
  await api(
    'GET',
    `/api/clients/duplicates?firstName=Mia&lastName=Kern&birthDate=2016-05-01&phone=${encodeURIComponent('+49 170 0234567')}`,
  )
  await api('PUT', `/api/lessons/${items[0].id}/attendance`, {
    entries: [{ clientId: clientIds[0], status: 'present', grade: 5, comment: 'Good' }],
  })
  await api('POST', `/api/lessons/${items[items.length - 1].id}/cancel`, { reason: 'Teacher ill', offerMakeUp: true })
  const { id: leaving } = await api('POST', '/api/clients', {
    firstName: 'Tom',
    lastName: 'Gone',
    birthDate: '1980-03-03',
    consent: true,
    source: 'referral',
    phone: '+49 170 5550000',
    confirmNotDuplicate: true,
  })
  await api('POST', `/api/clients/${leaving}/erase`, { reason: 'Asked to be forgotten (ref 12)' })
}

/** Ids that exist: every `id` (and lesson id) of every table, a few of each. */
async function collectIds() {
  const tables = await queryRows<{ table_name: string; data_type: string }>(
    database.db,
    sql`select c.table_name, c.data_type from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
        where c.table_schema = 'public' and c.column_name = 'id' and t.table_type = 'BASE TABLE' and c.table_name <> 'fuzz_writes'`,
  )
  for (const t of tables) {
    const rows = await queryRows<{ id: string }>(
      database.db,
      sql.raw(`select id::text as id from "${t.table_name}" order by 1 limit 8`),
    )
    for (const r of rows) {
      if (r.id === fuzzerId) continue
      pools.ids.push(r.id)
      if (t.data_type === 'uuid') pools.uuids.push(r.id)
    }
  }
}

/** The database owner's connection (the server's own role may not create tables or triggers). */
let owner: ReturnType<typeof postgres>

/** Row triggers on every table: each committed insert, update or delete appends to fuzz_writes. */
async function watchWrites() {
  owner = postgres(database.url!, { max: 1, onnotice: () => {} })
  await owner.unsafe(`create table fuzz_writes (id bigserial primary key, tbl text not null, op text not null)`)
  await owner.unsafe(
    `create function fuzz_note() returns trigger language plpgsql security definer as $$ begin insert into fuzz_writes (tbl, op) values (TG_TABLE_NAME, TG_OP); return null; end $$`,
  )
  const tables = await owner<
    { table_name: string }[]
  >`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
  for (const { table_name } of tables) {
    if (UNWATCHED_TABLES.includes(table_name)) continue
    if (table_name === 'audit_log') {
      // refusals that are audited on purpose (denied attempts, failed sign-ins) are not changes
      await owner.unsafe(
        `create trigger fuzz_note_ins after insert on audit_log for each row when (NEW.action not like '%denied%' and NEW.action <> 'auth.login_failed') execute function fuzz_note()`,
      )
      await owner.unsafe(
        `create trigger fuzz_note_upd after update or delete on audit_log for each row execute function fuzz_note()`,
      )
      continue
    }
    await owner.unsafe(
      `create trigger fuzz_note after insert or update or delete on "${table_name}" for each row execute function fuzz_note()`,
    )
  }
}

const lastWrite = async () => Number((await owner<{ n: string | null }[]>`select max(id) as n from fuzz_writes`)[0].n ?? 0)
const writesAfter = async (id: number) =>
  (await owner<{ tbl: string; op: string }[]>`select tbl, op from fuzz_writes where id > ${id} order by id limit 200`).map(
    (r) => `${r.op} ${r.tbl}`,
  )

/** Document projections running now (every registered document type's projector is counted). */
let projecting = 0
function countProjections() {
  const zero = '00000000-0000-4000-8000-000000000000'
  for (const name of [`client:${zero}`, `client-medical:${zero}`, `timetable:${zero}:2026-W10`, `workspace:${zero}`]) {
    const resolved = resolveDocName(name)
    if (!resolved.ok || !resolved.doc.def.project) continue
    const def = resolved.doc.def as { project: (input: never) => Promise<unknown> }
    const project = def.project.bind(def)
    def.project = async (input) => {
      projecting++
      try {
        return await project(input)
      } finally {
        projecting--
      }
    }
  }
}

/**
 * Waits until background work a success started has stopped: the projections of the documents
 * it edited (run at once here: projectDelayMs is 0) are done and nothing was written for 30 ms.
 */
async function settle(): Promise<number> {
  let last = await lastWrite()
  for (let quiet = 0, i = 0; quiet < 3 && i < 500; i++) {
    await new Promise((r) => setTimeout(r, 10))
    const now = await lastWrite()
    quiet = now === last && projecting === 0 ? quiet + 1 : 0
    last = now
  }
  return last
}

beforeAll(async () => {
  database = await createTestDatabase()
  const staff = await buildStaff(database.db)
  // the fuzzer's own password hash is cheap to check (argon2 with little memory): POST /api/auth/password
  // checks it on every case; every other account keeps the real cost
  const [fuzzer] = await database.db
    .insert(users)
    .values({
      login: 'fuzzowner',
      name: 'Fuzz Owner',
      roles: ['owner'],
      passwordHash: await argon2.hash('clubroom', { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    })
    .returning()
  fuzzerId = fuzzer.id
  server = await startTestServer(database)
  // document projections run at once instead of 100 ms later: a case's background writes end sooner
  ;(server.realtime.collab.settings as { projectDelayMs: number }).projectDelayMs = 0
  // and the catch-up sweep, which writes in the background on its own clock, waits for the end:
  // a write during a refused case must be that case's
  ;(server.realtime.collab.settings as { projectionSweepMs: number }).projectionSweepMs = 3_600_000
  countProjections()
  // FUZZ_LOG=1 prints the server's error log (the unhandled errors behind a 500)
  const app = createApp(process.env.FUZZ_LOG ? { ...server.deps, logger: createLogger('error') } : server.deps)
  request = (path, init) => Promise.resolve(app.request('http://localhost' + path, init))
  await login()
  await seedSmallCenter(staff.teacher.id)
  await collectIds()
  openapi = await (await request('/api/openapi.json', {})).json()
  await watchWrites()
}, 120_000)

afterAll(async () => {
  await owner?.end()
  await server?.close()
  await database?.destroy()
})

interface Outcome {
  route: string
  ms: number
  cases: number
  byStatus: Record<number, number>
  failures: string[]
}

/** Deletions and erasure last, so the other routes still meet the rows they remove. */
function routeTable() {
  const routes: Array<{ method: string; path: string; op: any }> = []
  for (const [path, ops] of Object.entries(openapi.paths))
    for (const [method, op] of Object.entries(ops)) routes.push({ method: method.toUpperCase(), path, op })
  const late = (r: { method: string; path: string }) => (r.method === 'DELETE' || r.path.endsWith('/erase') ? 1 : 0)
  return routes.filter((r) => !SKIPPED.has(`${r.method} ${r.path}`)).sort((a, b) => late(a) - late(b))
}

async function fuzzRoute(method: string, path: string, op: any): Promise<Outcome> {
  const deref = derefWith(openapi)
  const params: any[] = op.parameters ?? []
  const pathParams = params.filter((p) => p.in === 'path')
  const queryParams = params.filter((p) => p.in === 'query')
  const bodySchema = op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined
  const multipart = op.requestBody?.content?.['multipart/form-data'] !== undefined
  const outcome: Outcome = { route: `${method} ${path}`, ms: 0, cases: 0, byStatus: {}, failures: [] }
  const started = performance.now()

  const caseArb = fc.record({
    path: fc.tuple(...pathParams.map((p) => hostileParam(p.schema, deref, pools))),
    query: queryParams.length
      ? hostileQuery(queryParams, deref, pools, queryExamples.get(routeKey(method, path)))
      : fc.constant([] as Array<[string, string]>),
    body: bodySchema
      ? hostileBody(bodySchema, deref, pools, examples.get(routeKey(method, path)) ?? [])
      : multipart
        ? fc.constant({ multipart: true } as const)
        : fc.constant({}),
  })

  let baseline = await settle()
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      let url = path
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodePart(c.path[i]))))
      if (c.query.length) url += '?' + c.query.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&')
      const headers: Record<string, string> = { cookie }
      let body: BodyInit | undefined
      const b = c.body as { json?: unknown; raw?: string; multipart?: true }
      if ('multipart' in b) {
        const form = new FormData()
        form.set('file', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00])]), 'x\u0000.pdf')
        form.set('recordId', c.path[0] ?? 'x')
        body = form
      } else if (b.raw !== undefined || b.json !== undefined) {
        headers['content-type'] = 'application/json'
        body = b.raw ?? JSON.stringify(b.json)
      }
      const res = await request(url, { method, headers, body })
      const text = await res.text()
      outcome.cases++
      outcome.byStatus[res.status] = (outcome.byStatus[res.status] ?? 0) + 1
      const label = `${method} ${url.slice(0, 200)} ${body && typeof body === 'string' ? body.slice(0, 300) : ''}`
      if (res.status >= 500) outcome.failures.push(`${res.status} ${label} → ${text.slice(0, 300)}`)
      if (LEAK.test(text)) outcome.failures.push(`stack/path leaked ${label} → ${text.slice(0, 300)}`)
      if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/password') await login()
      if (res.status >= 400 && res.status < 500) {
        const now = await lastWrite()
        if (now !== baseline) {
          outcome.failures.push(`${res.status} changed the database (${(await writesAfter(baseline)).join(', ')}) ${label}`)
          baseline = now
        }
      } else if (res.status < 400) {
        // a backup or a document package asked for runs on after its answer (202): wait until it has finished
        while ((await backupStatus(database.db)).running) await new Promise((r) => setTimeout(r, 20))
        while ((await queryRows(database.db, sql`select 1 from document_packages where status = 'running' limit 1`)).length)
          await new Promise((r) => setTimeout(r, 20))
        // a document edit is projected 100 ms later: wait for that only when one was written
        const now = await lastWrite()
        baseline =
          now !== baseline && (await writesAfter(baseline)).some((w) => w.endsWith(' doc_updates')) ? await settle() : now
      }
    }),
    { numRuns: casesFor(`${method} ${path}`), seed: SEED, endOnFailure: true, interruptAfterTimeLimit: 120_000 },
  )
  outcome.ms = Math.round(performance.now() - started)
  return outcome
}

describe('every route of the OpenAPI route table, hostile input, as the owner', () => {
  it('never answers 5xx, never leaks a stack trace, never changes the database on a 4xx', async () => {
    const started = performance.now()
    const outcomes: Outcome[] = []
    for (const { method, path, op } of routeTable()) outcomes.push(await fuzzRoute(method, path, op))
    const total = outcomes.reduce((n, o) => n + o.cases, 0)
    const fiveXX = outcomes.reduce(
      (n, o) =>
        n +
        Object.entries(o.byStatus)
          .filter(([s]) => Number(s) >= 500)
          .reduce((m, [, k]) => m + k, 0),
      0,
    )
    const failures = outcomes.flatMap((o) => o.failures)
    console.info(
      `fuzz: ${outcomes.length} routes × ≥${CASES_PER_ROUTE} cases = ${total} requests, ${fiveXX} × 5xx, ` +
        `${failures.filter((f) => f.startsWith('stack')).length} × stack trace or path, ${failures.filter((f) => f.includes('changed the database')).length} × 4xx that wrote, ` +
        `${Math.round((performance.now() - started) / 1000)} s\n` +
        outcomes.map((o) => `  ${o.route}: ${o.cases} cases ${JSON.stringify(o.byStatus)} ${o.ms} ms`).join('\n'),
    )
    expect(failures.slice(0, 40)).toEqual([])
    for (const o of outcomes) expect(o.cases, o.route).toBeGreaterThanOrEqual(casesFor(o.route))
  }, 900_000)
})
