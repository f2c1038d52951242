import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildStaff } from '../../support/factories'
import { auditLog, calendarFeeds, users } from '../../../db/schema/index'
import { AUDIT_AREA, OWN_SESSION_WRITES } from '../../../server/policies/read-only'

/**
 * Issue #11 point 3: the auditor is read-only everywhere outside the audit area. One walk over the
 * whole route table (the OpenAPI document): every write answers 403 to the auditor, with a
 * plausible body (authorization comes before validation: the body does not matter), and nothing changes.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let auditor: string

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  t = createTestApp(database)
  auditor = await t.login('auditor')
})
afterAll(async () => database?.destroy())

const ZERO_ID = '00000000-0000-4000-8000-000000000000'
type Schema = Record<string, any>

/** A plausible value for an OpenAPI schema: required fields filled with values of the right type and format. */
function sample(schema: Schema | undefined, doc: Schema, depth = 0): unknown {
  if (!schema || depth > 6) return null
  if (schema.$ref) return sample(doc.components.schemas[schema.$ref.split('/').pop()], doc, depth + 1)
  if (schema.example !== undefined) return schema.example
  if (schema.enum) return schema.enum[0]
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf
  if (variants) return sample(variants.find((v: Schema) => v.type !== 'null') ?? variants[0], doc, depth + 1)
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const key of schema.required ?? Object.keys(schema.properties ?? {}).slice(0, 3))
        out[key] = sample(schema.properties?.[key], doc, depth + 1)
      return out
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, doc, depth + 1))
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1)
    case 'boolean':
      return true
    case 'string':
      if (schema.format === 'uuid') return ZERO_ID
      if (schema.format === 'date' || /YYYY-MM-DD/.test(schema.pattern ?? '')) return '2026-12-01'
      if (schema.format === 'date-time') return '2026-12-01T10:00:00.000Z'
      if (schema.format === 'email') return 'someone@example.org'
      return 'x'.repeat(Math.max(8, schema.minLength ?? 1))
    default:
      return 'x'
  }
}

async function counts() {
  const [[a], [u], [f]] = await Promise.all([
    database.db.select({ n: count() }).from(auditLog),
    database.db.select({ n: count() }).from(users),
    database.db.select({ n: count() }).from(calendarFeeds),
  ])
  return { audit: a.n, users: u.n, feeds: f.n }
}

describe('the auditor', () => {
  it('gets 403 for every write outside the audit area, whatever the body, and changes nothing', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).data
    const writes: Array<{ method: string; path: string; op: Schema }> = []
    for (const [path, item] of Object.entries<Record<string, Schema>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (['post', 'put', 'patch', 'delete'].includes(method)) writes.push({ method: method.toUpperCase(), path, op })
      }
    }
    const exempt = writes.filter((w) => OWN_SESSION_WRITES.has(`${w.method} ${w.path}`) || w.path.startsWith(AUDIT_AREA))
    // what stays open to them: their own session, language and branch, and the audit area's own writes (checkpoints, marks)
    expect(exempt.map((w) => `${w.method} ${w.path}`).sort()).toEqual([
      'PATCH /api/auth/me',
      'POST /api/audit/checkpoints',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/auth/password',
      'PUT /api/audit/changes/{id}/mark',
      'PUT /api/me/preferences',
    ])
    const checked = writes.filter((w) => !exempt.includes(w))
    expect(checked.length).toBeGreaterThanOrEqual(25)
    const before = await counts()
    const refusedWith: string[] = []
    for (const { method, path, op } of checked) {
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const param = (op.parameters ?? []).find((p: Schema) => p.name === name && p.in === 'path')
        if (name === 'docName') return encodeURIComponent(`workspace:${ZERO_ID}`)
        return encodeURIComponent(String(sample(param?.schema, doc)))
      })
      const schema = op.requestBody?.content?.['application/json']?.schema
      const plausible = schema ? sample(schema, doc) : undefined
      for (const body of schema ? [plausible, {}, 'not even json'] : [undefined]) {
        const res = await t.call(
          method,
          url,
          typeof body === 'string' ? { cookie: auditor, body } : { cookie: auditor, json: body },
        )
        expect(res.status, `${method} ${path} with ${JSON.stringify(body)}`).toBe(403)
        expect(res.data.error.code, `${method} ${path}`).toBe('forbidden')
      }
      refusedWith.push(`${method} ${path}`)
    }
    // the two writes the issue found open
    expect(refusedWith).toEqual(expect.arrayContaining(['POST /api/clients/{id}/observations', 'POST /api/calendar-feeds']))
    expect(await counts()).toEqual(before)
  })

  it('still reads, and signs out', async () => {
    expect((await t.call('GET', '/api/audit/log', { cookie: auditor })).status).toBe(200)
    expect((await t.call('GET', '/api/clients', { cookie: auditor })).status).toBe(200)
    expect((await t.call('POST', '/api/auth/logout', { cookie: auditor })).status).toBe(204)
  })
})
