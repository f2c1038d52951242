import { randomUUID } from 'node:crypto'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { openDatabase, queryRows } from '../../db/client'
import { listClients, type ClientListParams } from '../../server/modules/clients/queries'
import { DEFAULT_AGE_CATEGORIES, todayIso } from '../../domain/clients/rules'
import type { BenchContext, Target } from '../lib/context'
import { createDatabase, dropDatabase, raiseBackendsOf, urlFor } from '../lib/pg'
import { round, summarize } from '../lib/stats'
import { seededRandom } from '../../db/seeded-random'
import { FIRST, generateClients, type GenClient } from './data'

/**
 * "Clients and families": `listClients` (the query behind GET /api/clients) on 100,000 clients
 * in PostgreSQL, in a fresh database migrated with the project's migrations.
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

export async function loadClients(url: string, clients: GenClient[]) {
  const pg = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const ids = clients.map(() => randomUUID())
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
        row.searchText,
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
    await pg.unsafe('analyze clients; analyze client_guardians')
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
export async function loadGroups(url: string, clientIds: string[], seed = 5): Promise<BenchTimetable> {
  const rand = seededRandom(seed)
  const pg = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const [branch] = await pg`insert into branches (name) values ('Bench branch') returning id`
    const [room] = await pg`insert into rooms (branch_id, name, capacity) values (${branch.id}, 'Hall', 30) returning id`
    const activities: string[] = []
    for (let i = 0; i < 10; i++) {
      const [a] =
        await pg`insert into activities (name, category, duration_minutes, max_group_size, staff_ratio, price_per_session) values (${`Activity ${i}`}, 'sport', 60, 20, 10, '10.00') returning id`
      activities.push(String(a.id))
    }
    const teachers = Array.from({ length: 40 }, () => randomUUID())
    const groups = Array.from({ length: 400 }, () => randomUUID())
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

interface Query {
  category: string
  params: ClientListParams
  /** Follow the cursor this many pages further (each page timed separately). */
  pages?: number
}

/** The query mix, drawn from the data itself (seeded). */
export function queryMix(clients: GenClient[], perCategory: number, timetable?: BenchTimetable): Query[] {
  const rand = seededRandom(7)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]
  const base = { sort: 'name' as const, limit: 50 }
  const qs: Query[] = []
  const sub = (s: string, len: number, fromStart: boolean) => {
    const w = s.toLowerCase()
    const l = Math.min(len, w.length)
    const at = fromStart ? 0 : Math.floor(rand() * (w.length - l + 1))
    return w.slice(at, at + l)
  }
  for (let i = 0; i < perCategory; i++) {
    const c = pick(clients).row
    const len = 3 + Math.floor(rand() * 4)
    qs.push({
      category: 'partial name (3–6 chars)',
      params: { ...base, q: sub(rand() < 0.5 ? c.firstName : c.lastName, len, rand() < 0.7) },
    })
  }
  for (let i = 0; i < perCategory; i++) {
    const c = pick(clients).row
    qs.push({ category: 'full name (two words)', params: { ...base, q: `${c.firstName} ${c.lastName}`.toLowerCase() } })
  }
  const phones = clients
    .flatMap((c) => [c.row.phoneDigits, ...c.guardians.map((g) => g.phoneDigits)])
    .filter((p): p is string => Boolean(p))
  for (let i = 0; i < perCategory; i++) {
    const p = pick(phones)
    const len = 4 + Math.floor(rand() * 4)
    const at = 4 + Math.floor(rand() * (p.length - 4 - len + 1))
    qs.push({ category: 'phone digits (4–7)', params: { ...base, q: p.slice(at, at + len) } })
  }
  const withGuardians = clients.filter((c) => c.guardians.length)
  for (let i = 0; i < perCategory; i++) {
    const g = pick(pick(withGuardians).guardians)
    qs.push({
      category: 'guardian name',
      params: { ...base, q: rand() < 0.5 ? g.name.toLowerCase() : g.name.split(' ')[0].toLowerCase() },
    })
  }
  const filters: Array<Partial<ClientListParams>> = [
    { status: 'active' },
    { ageCategory: 'junior' },
    { ageCategory: 'adult', status: 'paused' },
    { flagged: true },
    { birthdayThisMonth: true },
    { sort: 'newest' },
    {},
  ]
  for (let i = 0; i < perCategory; i++) {
    qs.push({ category: 'filters + paging (3 pages)', params: { ...base, ...filters[i % filters.length] }, pages: 2 })
  }
  for (let i = 0; i < perCategory; i++) {
    qs.push({
      category: 'search + status filter',
      params: { ...base, q: sub(pick(FIRST), 3 + Math.floor(rand() * 3), true), status: pick(['active', 'trial', 'left']) },
    })
  }
  if (timetable) {
    const { activities, groups, teachers } = timetable
    const joined: Array<() => Partial<ClientListParams>> = [
      () => ({ activityId: pick(activities) }),
      () => ({ groupId: pick(groups) }),
      () => ({ teacherId: pick(teachers) }),
      () => ({ activityId: pick(activities), status: 'active' }),
      () => ({ teacherId: pick(teachers), sort: 'newest' }),
    ]
    for (let i = 0; i < perCategory; i++)
      qs.push({ category: 'activity / group / teacher (3 pages)', params: { ...base, ...joined[i % joined.length]() }, pages: 2 })
  }
  return qs
}

/** 1–2 characters (trigrams cannot help): informational, not part of the target. */
function shortQueries(n: number): Query[] {
  const rand = seededRandom(11)
  const letters = 'aeilmnorst'
  return Array.from({ length: n }, (_, i) => ({
    category: '1–2 chars (no trigram; info)',
    params: {
      sort: 'name' as const,
      limit: 50,
      q:
        i % 2
          ? letters[Math.floor(rand() * letters.length)]
          : letters[Math.floor(rand() * letters.length)] + letters[Math.floor(rand() * letters.length)],
    },
  }))
}

export async function runClientSearch(ctx: BenchContext) {
  const count = ctx.quick ? 20_000 : 100_000
  const perCategory = ctx.quick ? 15 : 40
  const today = todayIso()
  const name = await createDatabase('clients')
  const url = urlFor(name)
  try {
    const database = await openDatabase({ url, max: 4 })
    try {
      let t = performance.now()
      await database.migrate()
      const migrateS = (performance.now() - t) / 1000
      t = performance.now()
      const clients = generateClients(count, today)
      const genS = (performance.now() - t) / 1000
      t = performance.now()
      const ids = await loadClients(url, clients)
      const timetable = await loadGroups(url, ids)
      const loadS = (performance.now() - t) / 1000
      const guardians = clients.reduce((n, c) => n + c.guardians.length, 0)
      ctx.log(
        `clients: ${count} clients, ${guardians} guardians generated in ${genS.toFixed(1)} s, loaded (COPY + analyze) with ${timetable.groups.length} groups in ${loadS.toFixed(1)} s`,
      )

      const db = database.db
      const queries = [...queryMix(clients, perCategory, timetable), ...shortQueries(ctx.quick ? 6 : 20)]
      // warm-up: one pass over a sample of each category (caches, prepared plans)
      for (const q of queries.filter((_, i) => i % 5 === 0)) await listClients(db, q.params, DEFAULT_AGE_CATEGORIES, today)
      await raiseBackendsOf(name)
      const times = new Map<string, number[]>()
      const slowest: Array<{ ms: number; category: string; params: ClientListParams }> = []
      let rowsReturned = 0
      for (const q of queries) {
        let params = q.params
        for (let page = 0; page <= (q.pages ?? 0); page++) {
          const t0 = performance.now()
          const { rows, nextCursor } = await listClients(db, params, DEFAULT_AGE_CATEGORIES, today)
          const ms = performance.now() - t0
          rowsReturned += rows.length
          const list = times.get(q.category) ?? []
          list.push(ms)
          times.set(q.category, list)
          slowest.push({ ms, category: q.category, params })
          if (!nextCursor) break
          params = { ...params, cursor: nextCursor }
        }
      }
      slowest.sort((a, b) => b.ms - a.ms)
      const byCategory = [...times].map(([category, ms]) => ({ category, ...summarize(ms) }))
      const targeted = [...times].filter(([c]) => !c.includes('info')).flatMap(([, ms]) => ms)
      const overall = summarize(targeted)
      // the plan of the slowest targeted query, for the analysis
      const worst = slowest.find((s) => !s.category.includes('info') && !s.params.cursor)
      let plan: string[] = []
      if (worst) plan = await explain(db, worst.params, today)
      const worstShort = slowest.find((s) => s.category.includes('info'))
      const planShort = worstShort ? await explain(db, worstShort.params, today) : []
      const [{ size }] = await queryRows<{ size: string }>(
        db,
        sql`select pg_size_pretty(pg_total_relation_size('clients')) as size`,
      )
      const targets: Target[] = [
        {
          what: `listClients p95 over the query mix (${count.toLocaleString('en')} clients)`,
          limit: '< 50 ms',
          measured: `${overall.p95} ms`,
          pass: overall.p95 !== null && overall.p95 < 50,
        },
      ]
      for (const c of byCategory.filter((c) => !c.category.includes('info'))) {
        targets.push({
          what: `  ${c.category}: p95`,
          limit: '< 50 ms',
          measured: `${c.p95} ms`,
          pass: c.p95 !== null && c.p95 < 50,
        })
      }
      return {
        clients: count,
        guardians,
        groups: timetable.groups.length,
        group_memberships: timetable.memberships,
        table_size: size,
        setup_s: { migrate: round(migrateS), generate: round(genS), copy_and_analyze: round(loadS) },
        queries: targeted.length,
        rows_returned: rowsReturned,
        overall,
        by_category: byCategory,
        slowest: slowest.slice(0, 5).map((s) => ({
          ms: round(s.ms),
          category: s.category,
          q: s.params.q ?? null,
          filters: { ...s.params, q: undefined, cursor: s.params.cursor ? '…' : undefined },
        })),
        plan_of_slowest: plan,
        plan_of_slowest_short: planShort,
        targets,
      }
    } finally {
      await database.close()
    }
  } finally {
    await dropDatabase(name)
  }
}

async function explain(db: Parameters<typeof listClients>[0], params: ClientListParams, today: string): Promise<string[]> {
  // the SQL listClients runs, under EXPLAIN ANALYZE: its first query, and for a search whose walk
  // down the list order did not fill the page, the query that collects the matches instead
  const { listClientsQuery, searchIsSpecific } = await import('../../server/modules/clients/queries')
  const pg = (db as unknown as { $client: postgres.Sql }).$client
  const out: string[] = []
  for (const strategy of !params.q
    ? (['walk'] as const)
    : searchIsSpecific(params.q)
      ? (['collect'] as const)
      : (['walk', 'collect'] as const)) {
    const q = listClientsQuery(db, params, DEFAULT_AGE_CATEGORIES, today, strategy).toSQL()
    const rows = await pg.unsafe(`explain (analyze, buffers) ${q.sql}`, q.params as never[])
    if (params.q) out.push(`-- ${strategy}`)
    out.push(...rows.map((r) => String(r['QUERY PLAN'])))
  }
  return out
}
