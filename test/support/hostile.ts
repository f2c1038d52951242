import fc from 'fast-check'

/**
 * Hostile inputs for the route-table fuzz test (test/integration/fuzz): values a careless or
 * malicious client sends, and values generated from a route's own OpenAPI schema with one part
 * made hostile, so that most cases pass validation's first layers and reach the database.
 */

/** A JSON schema as the OpenAPI document gives it (only what the generators read). */
export interface JsonSchema {
  type?: string | string[]
  format?: string
  enum?: unknown[]
  const?: unknown
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  items?: JsonSchema
  prefixItems?: JsonSchema[]
  minItems?: number
  maxItems?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  propertyNames?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  $ref?: string
  default?: unknown
  example?: unknown
}

const NUL = 'a\u0000b'
const LONE_HIGH = 'x\uD800y'
const LONE_LOW = '\uDC00'

/** Strings that break parsers, databases and renderers. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    NUL,
    '\u0000',
    LONE_HIGH,
    LONE_LOW,
    `${LONE_HIGH}${NUL}`,
    '',
    ' ',
    '\t\r\n',
    '__proto__',
    'constructor',
    'prototype',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    '-Infinity',
    '-1',
    '0',
    '1.5',
    '1e309',
    '-0',
    '99999999999999999999999999',
    '9223372036854775808',
    '2147483648',
    '0x1F',
    '2026-02-31',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31',
    '2026-02-29',
    '1899-12-31',
    '2026-W54',
    '2026-W00',
    '25:00',
    '23:60',
    '2026-02-31T10:00:00Z',
    '2026-02-28T24:00:00Z',
    '+275760-09-13T00:00:00Z',
    "'; drop table clients; --",
    '%00',
    '%',
    '%zz',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '=cmd|"/c calc"!A1',
    '😀'.repeat(50),
    'ß'.repeat(300),
    'A'.repeat(10_001),
    '\u202E\u0000',
    'x'.repeat(70_000),
    'eyJsIjoiQSIsImYiOiJCIiwiaSI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCJ9',
    'bm90LWpzb24',
    'W10',
    'eyJpIjpudWxsfQ',
    'e30',
    '*',
    'true',
    'false',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 10 }).map((s) => s + NUL),
  fc.string({ maxLength: 10 }).map((s) => s + LONE_HIGH),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid(),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
)

/** Numbers out of every range a column has. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, 1.5, -0.0001, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 63, Number.MAX_SAFE_INTEGER + 2, 1e21, 0.1 + 0.2),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(Number),
)

/** Anything JSON can carry that a schema did not ask for: wrong types, deep nesting, prototype keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(
    null,
    true,
    false,
    [],
    {},
    [null],
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}'),
  ),
  fc.constant(null).map(() => nest(200)),
  fc.constant(null).map(() => Array.from({ length: 2000 }, (_, i) => i)),
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
)

function nest(depth: number): unknown {
  let v: unknown = 'deep'
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v]
  return v
}

/**
 * Resolves `$ref`s against the document's components.
 * @example const deref = derefWith(openapiDoc); deref({ $ref: '#/components/schemas/ClientCreate' })
 */
export function derefWith(doc: { components?: { schemas?: Record<string, JsonSchema> } }) {
  return function deref(s: JsonSchema | undefined): JsonSchema {
    let cur = s ?? {}
    for (let i = 0; cur.$ref && i < 10; i++) cur = doc.components?.schemas?.[cur.$ref.split('/').pop()!] ?? {}
    return cur
  }
}

export interface ValuePools {
  /** Ids that exist (uuids of every table, lesson ids, serial ids). */
  ids: string[]
  uuids: string[]
}

/** A value the schema accepts (mostly), using ids that exist where the schema asks for one. */
export function validValue(
  schema: JsonSchema | undefined,
  deref: (s: JsonSchema | undefined) => JsonSchema,
  pools: ValuePools,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = deref(schema)
  if (depth > 6) return fc.constant(null)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const alts = s.anyOf ?? s.oneOf
  if (alts?.length) return fc.oneof(...alts.map((a) => validValue(a, deref, pools, depth + 1)))
  if (s.allOf?.length) return validValue(s.allOf[0], deref, pools, depth + 1)
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  switch (type) {
    case 'string':
      return validString(s, pools)
    case 'integer': {
      const min = Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000), -1e9)
      const max = Math.min(s.maximum ?? 1000, 1e9)
      return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) })
    }
    case 'number': {
      const min = Math.max(s.minimum ?? s.exclusiveMinimum ?? -1000, -1e9)
      const max = Math.min(s.maximum ?? 1000, 1e9)
      return fc.oneof(
        fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) }),
        fc.double({ min, max, noNaN: true }),
      )
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => validValue(p, deref, pools, depth + 1)))
      return fc.array(validValue(s.items, deref, pools, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)),
      })
    }
    case 'object':
    default: {
      if (!s.properties && type !== 'object') return fc.constant('x')
      const props = s.properties ?? {}
      const required = new Set(s.required ?? [])
      const keys = Object.keys(props)
      const recordKeys = s.propertyNames?.enum as string[] | undefined
      if (!keys.length && recordKeys?.length && typeof s.additionalProperties === 'object') {
        return fc.dictionary(fc.constantFrom(...recordKeys), validValue(s.additionalProperties, deref, pools, depth + 1), {
          maxKeys: 3,
        })
      }
      return fc.record(Object.fromEntries(keys.map((k) => [k, validValue(props[k], deref, pools, depth + 1)])), {
        requiredKeys: keys.filter((k) => required.has(k) || Math.random() < 0.7),
      })
    }
  }
}

function validString(s: JsonSchema, pools: ValuePools): fc.Arbitrary<string> {
  const max = s.maxLength ?? 40
  const min = s.minLength ?? 0
  switch (s.format) {
    case 'uuid':
      return pools.uuids.length
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.uuids) }, { weight: 1, arbitrary: fc.uuid() })
        : fc.uuid()
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10))
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString())
    case 'email':
      return fc.emailAddress()
  }
  if (s.pattern) {
    const samples: Record<string, string[]> = {
      '^([01]\\d|2[0-3]):[0-5]\\d$': ['09:00', '16:30', '23:59'],
      '^\\d{4}-\\d{2}-\\d{2}$': ['2026-03-02', '2026-02-31', '2026-12-31'],
      '^\\d+$': ['1', '2', '9999999999999999999999'],
      '^#[0-9a-fA-F]{6}$': ['#4f7cff'],
      '^[a-z0-9._-]+$': ['fuzzuser', 'a.b-c'],
      '^[A-Za-z0-9_-]+$': pools.ids
        .filter((id) => /^[A-Za-z0-9_-]+$/.test(id))
        .slice(0, 50)
        .concat(['x']),
    }
    const known = samples[s.pattern]
    if (known?.length) return fc.constantFrom(...known)
  }
  if (s.example !== undefined && typeof s.example === 'string')
    return fc.oneof(
      fc.constant(s.example),
      fc.string({ minLength: Math.max(1, min), maxLength: Math.max(min, Math.min(max, 40)) }),
    )
  return fc.oneof(
    fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(min, 1, Math.min(max, 40)) }),
    fc.constantFrom(...pools.ids.slice(0, 20), 'Room 1', 'Anna'),
  )
}

/**
 * A body for this schema: valid with one part made hostile (most cases), wholly hostile JSON, or
 * raw text that is not JSON at all.
 */
export function hostileBody(
  schema: JsonSchema | undefined,
  deref: (s: JsonSchema | undefined) => JsonSchema,
  pools: ValuePools,
  examples: unknown[] = [],
): fc.Arbitrary<{ json?: unknown; raw?: string }> {
  const s = deref(schema)
  // bodies the route accepted (the seed's own requests) make most cases get past validation
  const generated = validValue(s, deref, pools)
  const valid = examples.length
    ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...examples) }, { weight: 1, arbitrary: generated })
    : generated
  const keys = Object.keys(s.properties ?? {})
  const oneFieldHostile = keys.length
    ? fc
        .tuple(
          valid,
          fc.constantFrom(...keys),
          fc.oneof(hostileJson, hostileString, hostileNumber, ...keys.map((k) => validValue(s.properties![k], deref, pools))),
        )
        .map(([v, k, bad]) => {
          const obj = v && typeof v === 'object' && !Array.isArray(v) ? { ...v } : {}
          return { json: { ...obj, [k]: bad } }
        })
    : hostileJson.map((json) => ({ json }))
  const nestedHostile = fc.tuple(valid, hostileString).map(([v, bad]) => ({ json: poisonDeep(v, bad) }))
  const protoKeys = JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}') as object
  const extraKeys = valid.map((v) => ({ json: v && typeof v === 'object' && !Array.isArray(v) ? { ...protoKeys, ...v } : v }))
  return fc.oneof(
    { weight: 6, arbitrary: oneFieldHostile },
    { weight: 2, arbitrary: nestedHostile },
    { weight: 2, arbitrary: valid.map((json) => ({ json })) },
    { weight: 1, arbitrary: extraKeys },
    { weight: 2, arbitrary: hostileJson.map((json) => ({ json })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{',
          '{"a":',
          'nul',
          '[1,2',
          '{"a":1}}',
          '\u0000',
          '{"a":"\\ud800"}',
          '{"a":"\\u0000"}',
          '{"a":1e999999}',
          '['.repeat(300_000) + ']'.repeat(300_000),
          '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
        )
        .map((raw) => ({ raw })),
    },
  )
}

/** Replaces the deepest string (or the first leaf) of a valid value with a hostile string. */
function poisonDeep(v: unknown, bad: string): unknown {
  if (typeof v === 'string') return bad
  if (Array.isArray(v)) return v.length ? [poisonDeep(v[0], bad), ...v.slice(1)] : [bad]
  if (v && typeof v === 'object') {
    const entries = Object.entries(v)
    const i = entries.findIndex(([, x]) => typeof x === 'string' || (x && typeof x === 'object'))
    if (i < 0) return { ...v, extra: bad }
    return { ...v, [entries[i][0]]: poisonDeep(entries[i][1], bad) }
  }
  return bad
}

/** A path parameter: an id that exists, a random or upper-case UUID, or something hostile. */
export function hostileParam(
  schema: JsonSchema | undefined,
  deref: (s: JsonSchema | undefined) => JsonSchema,
  pools: ValuePools,
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: validString(deref(schema), pools) },
    { weight: 1, arbitrary: pools.uuids.length ? fc.constantFrom(...pools.uuids).map((u) => u.toUpperCase()) : fc.uuid() },
    { weight: 4, arbitrary: hostileString },
  )
}

/**
 * Query parameters: mostly every declared one valid or absent but one hostile (so the others do
 * not hide it behind their own 400), sometimes all at random, plus an unknown or repeated key.
 */
export function hostileQuery(
  params: Array<{ name: string; schema?: JsonSchema }>,
  deref: (s: JsonSchema | undefined) => JsonSchema,
  pools: ValuePools,
  examples: Record<string, string[]> = {},
): fc.Arbitrary<Array<[string, string]>> {
  type Pairs = Array<[string, string]>
  // values the route accepted (the seed's own requests) first, then generated ones, or none
  const valid = (p: { name: string; schema?: JsonSchema }) =>
    fc.oneof(
      ...(examples[p.name]?.length
        ? [{ weight: 3, arbitrary: fc.constantFrom(...examples[p.name]).map((v) => [[p.name, v]] as Pairs) }]
        : []),
      { weight: 2, arbitrary: validValue(p.schema, deref, pools).map((v) => [[p.name, String(v)]] as Pairs) },
      { weight: 1, arbitrary: fc.constant([] as Pairs) },
    )
  const hostile = (p: { name: string; schema?: JsonSchema }) =>
    fc.oneof(
      { weight: 3, arbitrary: hostileString.map((v) => [[p.name, v]] as Pairs) },
      {
        weight: 1,
        arbitrary: fc.tuple(hostileString, hostileString).map(
          ([a, b]) =>
            [
              [p.name, a],
              [p.name, b],
            ] as Pairs,
        ),
      },
    )
  const oneHostile = fc
    .integer({ min: 0, max: params.length - 1 })
    .chain((k) => fc.tuple(...params.map((p, i) => (i === k ? hostile(p) : valid(p)))))
  const allValid = fc.tuple(...params.map(valid))
  const anything = fc.tuple(...params.map((p) => fc.oneof(valid(p), hostile(p))))
  return fc
    .tuple(
      fc.oneof({ weight: 5, arbitrary: oneHostile }, { weight: 2, arbitrary: allValid }, { weight: 2, arbitrary: anything }),
      fc.option(fc.tuple(hostileString, hostileString), { freq: 4 }),
    )
    .map(([parts, extra]) => [...parts.flat(), ...(extra ? [extra] : [])])
}

/** Percent-encodes for a URL; a lone surrogate (which encodeURIComponent refuses) goes as its raw UTF-8-ish bytes. */
export function encodePart(s: string): string {
  try {
    return encodeURIComponent(s)
  } catch {
    return [...s].map((ch) => (/[\uD800-\uDFFF]/.test(ch) && ch.length === 1 ? '%ED%A0%80' : encodeURIComponent(ch))).join('')
  }
}
