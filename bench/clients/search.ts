import { randomUUID } from 'node:crypto'
import postgres from 'postgres'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { todayIso } from '../../domain/clients/rules'
import { transliterate } from '../../domain/clients/transliterate'
import type { BenchContext, Target } from '../lib/context'
import { loadAvg } from '../lib/proc'
import { createDatabase, dropDatabase, raiseBackendsOf, urlFor } from '../lib/pg'
import { ROOT, login, startClubroom } from '../lib/servers'
import { round, spread, summarize } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'
import { seededRandom } from '../../db/seeded-random'
import { generateClients, type GenClient } from './data'

/**
 * "Search in every script, fast" (issue #14): GET /api/clients over HTTP, on the real server
 * (`npm run serve`'s code) and PostgreSQL, on 100,000 generated clients in three scripts (80 %
 * Latin, 12 % Cyrillic, 8 % Armenian) loaded into a copy of the migrated, demo-seeded template;
 * readers rotate through English, Armenian and Russian (Accept-Language), so the list is sorted
 * in each one's order. Several seeds: each its own data, database and server.
 */

/** COPY text-format field. */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N'
  if (Array.isArray(v)) return copyField(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`)
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}

async function copyRows(pg: postgres.Sql, table: string, columns: string[], rows: unknown[][]) {
  const stream = await pg.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable()
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject)
    stream.on('finish', () => resolve())
    const chunk = 2000
    let i = 0
    const write = () => {
      while (i < rows.length) {
        const text =
          rows
            .slice(i, i + chunk)
            .map((r) => r.map(copyField).join('\t'))
            .join('\n') + '\n'
        i += chunk
        if (!stream.write(text)) return void stream.once('drain', write)
      }
      stream.end()
    }
    write()
  })
}

export async function loadClients(
  url: string,
  clients: GenClient[],
  ids: string[] = clients.map(() => randomUUID()),
  /** What the code under test keeps in search_text (the "before" side's had no grams). */
  searchText: (row: GenClient['row']) => string = (row) => row.searchText,
) {
  const pg = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await copyRows(
      pg,
      'clients',
      [
        'id',
        'first_name',
        'last_name',
        'birth_date',
        'phone',
        'phone_digits',
        'email',
        'status',
        'source',
        'consent',
        'flags',
        'search_text',
        'created_at',
        'updated_at',
      ],
      clients.map(({ row }, i) => [
        ids[i],
        row.firstName,
        row.lastName,
        row.birthDate,
        row.phone,
        row.phoneDigits,
        row.email,
        row.status,
        row.source,
        row.consent,
        row.flags,
        searchText(row),
        row.createdAt,
        row.createdAt,
      ]),
    )
    await copyRows(
      pg,
      'client_guardians',
      ['client_id', 'key', 'name', 'relation', 'phone', 'phone_digits', 'email', 'can_pick_up'],
      clients.flatMap(({ guardians }, i) =>
        guardians.map((g) => [ids[i], g.key, g.name, g.relation, g.phone, g.phoneDigits, g.email, g.canPickUp]),
      ),
    )
    // VACUUM as well: rows just copied carry no hint bits and no visibility map, so the first query
    // to touch each page would write it (a real database's pages were vacuumed long ago)
    await pg.unsafe('vacuum analyze clients')
    await pg.unsafe('vacuum analyze client_guardians')
    return ids
  } finally {
    await pg.end({ timeout: 2 })
  }
}

/** The timetable's side of the filters that join it: activities, teachers, groups with members. */
export interface BenchTimetable {
  activities: string[]
  groups: string[]
  teachers: string[]
  memberships: number
}

/**
 * 10 activities, 40 teachers and 400 groups (each of one activity and one teacher) of 12 current
 * members drawn from the clients, plus 2 who left each group: about 5 % of 100,000 clients in a group.
 */
export async function loadGroups(
  url: string,
  clientIds: string[],
  seed = 5,
  /** The same activities, teachers and groups again (the "before" side's copy of the data). */
  same?: BenchTimetable,
): Promise<BenchTimetable> {
  const rand = seededRandom(seed)
  const pg = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const [branch] = await pg`insert into branches (name) values ('Bench branch') returning id`
    const [room] = await pg`insert into rooms (branch_id, name, capacity) values (${branch.id}, 'Hall', 30) returning id`
    const activities: string[] = []
    for (let i = 0; i < 10; i++) {
      const [a] = same
        ? await pg`insert into activities (id, name, category, duration_minutes, max_group_size, staff_ratio, price_per_session) values (${same.activities[i]}, ${`Activity ${i}`}, 'sport', 60, 20, 10, '10.00') returning id`
        : await pg`insert into activities (name, category, duration_minutes, max_group_size, staff_ratio, price_per_session) values (${`Activity ${i}`}, 'sport', 60, 20, 10, '10.00') returning id`
      activities.push(String(a.id))
    }
    const teachers = same?.teachers ?? Array.from({ length: 40 }, () => randomUUID())
    const groups = same?.groups ?? Array.from({ length: 400 }, () => randomUUID())
    await copyRows(
      pg,
      'groups',
      ['id', 'branch_id', 'activity_id', 'name', 'teacher_id', 'room_id', 'pattern', 'term_start', 'term_end'],
      groups.map((id, i) => [
        id,
        branch.id,
        activities[i % 10],
        `Group ${i}`,
        teachers[i % 40],
        room.id,
        '[]',
        '2026-09-01',
        '2027-06-30',
      ]),
    )
    const members: unknown[][] = []
    for (const g of groups) {
      const picked = new Set<string>()
      while (picked.size < 14) picked.add(clientIds[Math.floor(rand() * clientIds.length)])
      ;[...picked].forEach((c, k) => members.push([g, c, '2026-09-01T10:00:00Z', k < 12 ? null : '2026-10-01T10:00:00Z']))
    }
    await copyRows(pg, 'group_members', ['group_id', 'client_id', 'joined_at', 'left_at'], members)
    await pg.unsafe('analyze groups; analyze group_members; analyze activities')
    return { activities, groups, teachers, memberships: members.length }
  } finally {
    await pg.end({ timeout: 2 })
  }
}

/** The reader's languages the queries rotate through (Accept-Language): the list is sorted in each one's order. */
export const READERS = ['en', 'hy', 'ru'] as const
type Reader = (typeof READERS)[number]

interface Query {
  kind: string
  /** GET /api/clients's query string (limit 50, sort by name unless it says otherwise). */
  params: Record<string, string>
  reader: Reader
  /** Follow the cursor this many pages further (each page timed separately). */
  pages?: number
}

/** The kinds the target (< 20 ms p95 over HTTP) is about: searches in each script. */
export const SEARCH_KINDS = [
  'surname prefix (3–6 chars)',
  'full name (two words)',
  'phone digits (4–7)',
  'guardian name',
  'one letter',
  'two letters',
  'Cyrillic prefix (ива, мел, …)',
  'Armenian prefix (Հով, Սար, …)',
  'Latin transliteration of an Armenian name',
  'no hits',
] as const

/** The query mix, drawn from the data itself (seeded): the search kinds, then filters without a search. */
export function queryMix(clients: GenClient[], perKind: number, seed: number, timetable?: BenchTimetable): Query[] {
  const rand = seededRandom(7 + seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const qs: Query[] = []
  let n = 0
  const add = (kind: string, params: Record<string, string>, pages?: number) =>
    qs.push({ kind, params: { limit: '50', ...params }, reader: READERS[n++ % READERS.length], pages })
  const of = (script: string) => clients.filter((c) => c.script === script)
  const cyrillic = of('cyrillic')
  const armenian = of('armenian')
  const prefix = (s: string, len: number) => s.slice(0, Math.min(len, s.length))
  for (let i = 0; i < perKind; i++) {
    const c = pick(clients).row
    add(SEARCH_KINDS[0], { q: prefix(c.lastName, 3 + Math.floor(rand() * 4)) })
  }
  for (let i = 0; i < perKind; i++) {
    const c = pick(clients).row
    add(SEARCH_KINDS[1], { q: `${c.firstName} ${c.lastName}` })
  }
  const phones = clients
    .flatMap((c) => [c.row.phoneDigits, ...c.guardians.map((g) => g.phoneDigits)])
    .filter((p): p is string => Boolean(p))
  for (let i = 0; i < perKind; i++) {
    const p = pick(phones)
    const len = 4 + Math.floor(rand() * 4)
    const at = 3 + Math.floor(rand() * (p.length - 3 - len + 1))
    add(SEARCH_KINDS[2], { q: p.slice(at, at + len) })
  }
  const withGuardians = clients.filter((c) => c.guardians.length)
  for (let i = 0; i < perKind; i++) {
    const g = pick(pick(withGuardians).guardians)
    add(SEARCH_KINDS[3], { q: rand() < 0.5 ? g.name : g.name.split(' ')[0] })
  }
  // one letter: mostly Latin, some Cyrillic and Armenian (typed as the first letter of a name)
  const letters = [...'aeilmnorstkbdv', ...'аеиомнкс', ...'աեիոնրսհ']
  for (let i = 0; i < perKind; i++) add(SEARCH_KINDS[4], { q: pick(letters) })
  // two letters: the start of a name as typed, in whatever script the client has
  for (let i = 0; i < perKind; i++) {
    const c = pick(clients).row
    add(SEARCH_KINDS[5], { q: prefix(rand() < 0.7 ? c.lastName : c.firstName, 2) })
  }
  for (let i = 0; i < perKind; i++) {
    const c = pick(cyrillic).row
    add(SEARCH_KINDS[6], { q: i % 4 === 0 ? 'ива' : i % 4 === 1 ? 'мел' : prefix(rand() < 0.7 ? c.lastName : c.firstName, 3) })
  }
  for (let i = 0; i < perKind; i++) {
    const c = pick(armenian).row
    add(SEARCH_KINDS[7], { q: i % 4 === 0 ? 'Հով' : i % 4 === 1 ? 'Սար' : prefix(rand() < 0.7 ? c.lastName : c.firstName, 3) })
  }
  for (let i = 0; i < perKind; i++) {
    const latin = transliterate(pick(armenian).row.lastName)
    add(SEARCH_KINDS[8], { q: latin[0].toUpperCase() + latin.slice(1) })
  }
  const none = [...'qxzjw']
  for (let i = 0; i < perKind; i++) {
    const len = 3 + Math.floor(rand() * 4)
    const word = Array.from({ length: len }, () => pick(none)).join('')
    add(SEARCH_KINDS[9], { q: i % 3 === 0 ? word : i % 3 === 1 ? `щъ${word.length}ю` : `ֆֆ${pick(none)}` })
  }
  const filters: Array<Record<string, string>> = [
    { status: 'active' },
    { ageCategory: 'junior' },
    { ageCategory: 'adult', status: 'paused' },
    { flagged: 'true' },
    { birthdayThisMonth: 'true' },
    { sort: 'newest' },
    {},
  ]
  for (let i = 0; i < perKind; i++) add('filters + paging (3 pages)', filters[i % filters.length], 2)
  for (let i = 0; i < perKind; i++) {
    const c = pick(clients).row
    add('search + status filter', {
      q: prefix(c.firstName, 3 + Math.floor(rand() * 3)),
      status: pick(['active', 'trial', 'left']),
    })
  }
  if (timetable) {
    const { activities, groups, teachers } = timetable
    const joined: Array<() => Record<string, string>> = [
      () => ({ activityId: pick(activities) }),
      () => ({ groupId: pick(groups) }),
      () => ({ teacherId: pick(teachers) }),
      () => ({ activityId: pick(activities), status: 'active' }),
      () => ({ teacherId: pick(teachers), sort: 'newest' }),
    ]
    for (let i = 0; i < perKind; i++) add('activity / group / teacher (3 pages)', joined[i % joined.length](), 2)
  }
  return qs
}

async function getList(base: string, cookie: string, q: Query, cursor?: string) {
  const qs = new URLSearchParams({ ...q.params, ...(cursor ? { cursor } : {}) })
  const res = await fetch(`${base}/api/clients?${qs}`, { headers: { cookie, 'accept-language': q.reader } })
  if (res.status !== 200) throw new Error(`GET /api/clients?${qs}: ${res.status} ${await res.text()}`)
  return (await res.json()) as { items: Array<{ id: string; lastName: string }>; nextCursor: string | null }
}

/** Every query of the mix against one server, one at a time after a warm-up pass. */
async function measure(url: string, queries: Query[], dbName: string) {
  const cookie = await login(url, 'manager')
  // warm-up: a sample of each kind (caches, the server's JIT, prepared plans)
  for (const q of queries.filter((_, i) => i % 4 === 0)) await getList(url, cookie, q)
  await raiseBackendsOf(dbName)
  const times = new Map<string, number[]>()
  const byReader = new Map<string, number[]>()
  const slowest: Array<{ ms: number; kind: string; reader: Reader; params: Record<string, string>; rows: number }> = []
  const load0 = loadAvg()[0]
  for (const q of queries) {
    let cursor: string | undefined
    for (let page = 0; page <= (q.pages ?? 0); page++) {
      const t0 = performance.now()
      const body = await getList(url, cookie, q, cursor)
      const ms = performance.now() - t0
      for (const [m, key] of [
        [times, q.kind],
        [byReader, `${q.kind}|${q.reader}`],
      ] as const) {
        const list = m.get(key) ?? []
        list.push(ms)
        m.set(key, list)
      }
      slowest.push({ ms, kind: q.kind, reader: q.reader, params: q.params, rows: body.items.length })
      if (!body.nextCursor) break
      cursor = body.nextCursor
    }
  }
  const load1 = loadAvg()[0]
  slowest.sort((a, b) => b.ms - a.ms)
  return {
    loadavg_during: [load0, load1],
    by_kind: Object.fromEntries([...times].map(([k, ms]) => [k, summarize(ms)])),
    by_kind_and_reader: Object.fromEntries([...byReader].map(([k, ms]) => [k, summarize(ms)])),
    slowest: slowest.slice(0, 8).map((x) => ({ ...x, ms: round(x.ms) })),
  }
}

/**
 * The "before" side: another checkout of Clubroom (BENCH_SEARCH_BEFORE=<commit>: `git archive`
 * of that commit under the system's temporary folder, with this checkout's node_modules), run on
 * the same database copy as the current code, per seed, the two in turn.
 */
function beforeCheckout(): { commit: string; dir: string } | null {
  const commit = process.env.BENCH_SEARCH_BEFORE
  if (!commit) return null
  const sha = execFileSync('git', ['rev-parse', '--short', commit], { cwd: ROOT, encoding: 'utf8' }).trim()
  const dir = join(tmpdir(), `clubroom-search-before-${sha}`)
  if (!existsSync(join(dir, 'server', 'main.ts'))) {
    mkdirSync(dir, { recursive: true })
    execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C "${dir}"`], { cwd: ROOT })
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  }
  return { commit: sha, dir }
}

/**
 * The "before" side's own template: a database migrated and demo-seeded by that checkout's server
 * (its schema and indexes, which the current migrations drop or change), made once per run.
 */
let beforeTemplate: Promise<{
  name: string
  clone(label: string): Promise<{ name: string; url: string; drop(): Promise<void> }>
}> | null = null
function beforeTemplateOf(dir: string) {
  beforeTemplate ??= (async () => {
    const name = await createDatabase('tpl_before')
    const srv = await startClubroom({ databaseUrl: urlFor(name), cpu: null, cwd: dir })
    try {
      await login(srv.url, 'owner')
    } finally {
      await srv.stop()
    }
    return {
      name,
      async clone(label: string) {
        const copy = await createDatabase(label, name)
        return { name: copy, url: urlFor(copy), drop: () => dropDatabase(copy) }
      },
    }
  })()
  return beforeTemplate
}

/** search_text as the code before migration 0012 wrote it: the words, without their grams (` ǂ…` at the end). */
const withoutGrams = (row: GenClient['row']) => row.searchText.replace(/ ǂ.*$/, '')

/** One seed: its own data in a fresh copy of the demo template, its own server(s); every query over HTTP. */
async function runSeed(ctx: BenchContext, seed: number, count: number, perKind: number, today: string) {
  const template = await clubroomTemplate()
  const copy = await template.clone('clients')
  try {
    let t = performance.now()
    const clients = generateClients(count, today, 100_000 + seed)
    const genS = (performance.now() - t) / 1000
    t = performance.now()
    const ids = await loadClients(copy.url, clients)
    const timetable = await loadGroups(copy.url, ids, seed)
    const loadS = (performance.now() - t) / 1000
    const guardians = clients.reduce((n, c) => n + c.guardians.length, 0)
    const scripts = { latin: 0, cyrillic: 0, armenian: 0 }
    for (const c of clients) scripts[c.script]++
    ctx.log(
      `clients seed ${seed}: ${count} clients (${scripts.cyrillic} Cyrillic, ${scripts.armenian} Armenian), ${guardians} guardians generated in ${genS.toFixed(1)} s, loaded with ${timetable.groups.length} groups in ${loadS.toFixed(1)} s`,
    )
    const queries = queryMix(clients, perKind, seed, timetable)
    const before = beforeCheckout()
    // the "before" side on a copy of its own template with the same clients (ids, groups) and its own search_text
    const beforeCopy = before ? await (await beforeTemplateOf(before.dir)).clone('clients_before') : null
    if (beforeCopy) {
      await loadClients(beforeCopy.url, clients, ids, withoutGrams)
      await loadGroups(beforeCopy.url, ids, seed, timetable)
    }
    const sides: Array<{ side: 'before' | 'after'; cwd?: string; db: { name: string; url: string } }> = [
      { side: 'after', db: copy },
    ]
    // the two sides in turn, the other one first on every other seed
    if (before && beforeCopy) sides[seed % 2 ? 'unshift' : 'push']({ side: 'before', cwd: before.dir, db: beforeCopy })
    const out: Partial<Record<'before' | 'after', Awaited<ReturnType<typeof measure>>>> = {}
    try {
      for (const { side, cwd, db } of sides) {
        const srv = await startClubroom({ databaseUrl: db.url, cpu: null, cwd })
        try {
          out[side] = await measure(srv.url, queries, db.name)
          ctx.log(`clients seed ${seed}, ${side}: load ${out[side].loadavg_during.join(' → ')}`)
        } finally {
          await srv.stop()
        }
      }
    } finally {
      await beforeCopy?.drop()
    }
    const [{ size }] = await sizeOf(copy.url)
    return {
      seed,
      clients: count,
      guardians,
      scripts,
      groups: timetable.groups.length,
      setup_s: { generate: round(genS), copy_and_analyze: round(loadS) },
      table_size: size,
      before_commit: before?.commit ?? null,
      sides: sides.map((x) => x.side),
      ...out.after!,
      before: out.before ?? null,
    }
  } finally {
    await copy.drop()
  }
}

async function sizeOf(url: string) {
  const pg = postgres(url, { max: 1, onnotice: () => {} })
  try {
    return await pg<Array<{ size: string }>>`select pg_size_pretty(pg_total_relation_size('clients')) as size`
  } finally {
    await pg.end({ timeout: 2 })
  }
}

type SeedRun = Awaited<ReturnType<typeof runSeed>>

/** Per kind: each seed's p50 and p95, and their median (min–max) over the seeds. */
function acrossSeeds(runs: Array<{ by_kind: Record<string, ReturnType<typeof summarize>> }>) {
  const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.by_kind)))]
  return kinds.map((kind) => {
    const s = runs.map((r) => r.by_kind[kind] ?? null)
    return {
      kind,
      count: s.reduce((n, x) => n + (x?.count ?? 0), 0),
      p50: spread(s.map((x) => x?.p50 ?? null)),
      p95: spread(s.map((x) => x?.p95 ?? null)),
      max: spread(s.map((x) => x?.max ?? null)),
    }
  })
}

/** The "before" side recorded earlier (bench/results/clients-search-before.json), if any. */
function storedBefore(): Record<string, unknown> | null {
  const file = join(ROOT, 'bench', 'results', 'clients-search-before.json')
  if (!existsSync(file)) return null
  const s = JSON.parse(readFileSync(file, 'utf8')) as { startedAt: string; meta: unknown; data: Record<string, unknown> }
  return { startedAt: s.startedAt, meta: s.meta, by_kind: s.data.by_kind, commit: (s.data as { commit?: string }).commit }
}

export async function runClientSearch(ctx: BenchContext) {
  const count = ctx.quick ? 20_000 : 100_000
  const perKind = ctx.quick ? 12 : 30
  const seeds = (process.env.BENCH_SEARCH_SEEDS ?? (ctx.quick ? '1' : '1,2,3')).split(',').map(Number)
  const today = todayIso()
  const runs: SeedRun[] = []
  try {
    for (const seed of seeds) runs.push(await runSeed(ctx, seed, count, perKind, today))
  } finally {
    const t = await beforeTemplate?.catch(() => null)
    beforeTemplate = null
    if (t) await dropDatabase(t.name)
  }
  const byKind = acrossSeeds(runs)
  const befores = runs.map((r) => r.before).filter((b) => b !== null)
  const beforeByKind = befores.length === runs.length ? acrossSeeds(befores) : null
  const targets: Target[] = byKind.map((k) => {
    const search = (SEARCH_KINDS as readonly string[]).includes(k.kind)
    const limit = search ? 20 : 50
    return {
      what: `  ${k.kind}: p95 over HTTP, median (min–max) of ${runs.length} seeds`,
      limit: `< ${limit} ms`,
      measured: `${k.p95.median} ms (${k.p95.min}–${k.p95.max})`,
      pass: k.p95.median !== null && k.p95.median < limit,
    }
  })
  return {
    clients: count,
    seeds,
    per_kind: perKind,
    readers: READERS,
    runs,
    by_kind: byKind,
    before: beforeByKind
      ? { by_kind: beforeByKind, commit: runs[0].before_commit, startedAt: null, same_run: true }
      : storedBefore(),
    targets,
  }
}
