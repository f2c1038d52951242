import { and, asc, desc, eq, getTableColumns, ilike, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Queryable } from '../../../db/client'
import type { ClientListFilter, ClientListSort } from '../../../domain/clients/list-filter'
import { clients, groupMembers, groups } from '../../../db/schema/index'
import { ValidationError } from '../../errors'
import { owingRules, type OwingRules } from '../../boot/registry'
import type { AgeCategory } from '../../../domain/clients/rules'
import { badStringReason } from '../../http/input-strings'

/** The list query as the route read it: the filters, a sort order always, and the page. */
export interface ClientListParams extends ClientListFilter {
  sort: ClientListSort
  cursor?: string
  limit: number
}

/** Escape LIKE wildcards in user input. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m)

function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number)
  const date = new Date(Date.UTC(y - years, m - 1, d))
  return date.toISOString().slice(0, 10)
}

/** The search: a trigram-indexed ILIKE per word (phone-like words by their digits) on `column`. */
export function searchConditions(q: string | undefined, column: AnyPgColumn = clients.searchText): SQL[] {
  const conds: SQL[] = []
  for (const word of (q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5)) {
    const digits = word.replace(/[^\d]/g, '')
    const term = /^[+\d()./-]+$/.test(word) && digits.length >= 3 ? digits : word
    conds.push(ilike(column, `%${likeEscape(term)}%`))
  }
  return conds
}

/**
 * A search that is bound to match few clients (several words, or four digits and more of a phone):
 * not worth walking the list's order first.
 */
export function searchIsSpecific(q: string | undefined): boolean {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  return words.length > 1 || words.some((w) => /^[+\d()./-]+$/.test(w) && w.replace(/[^\d]/g, '').length >= 4)
}

/** The filters other than the search. */
function otherFilters(p: ClientListParams, categories: AgeCategory[], today: string): SQL[] {
  const conds: SQL[] = [isNull(clients.erasedAt)]
  if (p.status) conds.push(eq(clients.status, p.status))
  if (p.ageCategory) {
    const cat = categories.find((c) => c.key === p.ageCategory || c.label === p.ageCategory)
    if (cat) {
      // age >= min  ⇔ born on or before today − min years; age <= max ⇔ born after today − (max+1) years
      conds.push(sql`${clients.birthDate} <= ${yearsBefore(today, cat.min)}`)
      if (cat.max !== null) conds.push(sql`${clients.birthDate} > ${yearsBefore(today, cat.max + 1)}`)
    } else {
      conds.push(sql`false`)
    }
  }
  if (p.flagged) conds.push(sql`cardinality(${clients.flags}) > 0`)
  if (p.birthdayThisMonth) conds.push(sql`extract(month from ${clients.birthDate}) = ${Number(today.slice(5, 7))}`)
  if (p.activityId || p.groupId || p.teacherId) {
    // one group has to match them all (activity and teacher: that teacher's groups of that activity)
    const g: SQL[] = [sql`${groupMembers.clientId} = ${clients.id}`, isNull(groupMembers.leftAt), isNull(groups.deletedAt)]
    if (p.groupId) g.push(eq(groupMembers.groupId, p.groupId))
    if (p.activityId) g.push(eq(groups.activityId, p.activityId))
    if (p.teacherId) g.push(or(eq(groups.teacherId, p.teacherId), eq(groups.assistantId, p.teacherId)) ?? sql`false`)
    conds.push(
      sql`exists (select 1 from ${groupMembers} inner join ${groups} on ${groups.id} = ${groupMembers.groupId} where ${and(...g)})`,
    )
  }
  return conds
}

/**
 * Keyset cursors (opaque to the API: base64url JSON). By name: the last row's (last name, first
 * name, id). Newest first: its exact created_at as epoch microseconds (PostgreSQL keeps
 * microseconds; a JavaScript Date only milliseconds) and id, so `(created_at, id)` is compared
 * as stored and the (created_at, id) index serves order and cursor.
 */
type Cursor = { s: 'n'; l: string; f: string; i: string } | { s: 'c'; t: string; i: string }

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** ±1000 years around 1970, in microseconds. */
const MAX_CURSOR_MICROS = 1000 * 366 * 86_400 * 1_000_000

export const encodeCursor = (v: Cursor) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** The cursor if it is one of ours for this sort, else null (old formats, tampering). */
export function decodeCursor(s: string, sort: ClientListParams['sort']): Cursor | null {
  let c: Record<string, unknown>
  try {
    c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!c || typeof c !== 'object' || typeof c.i !== 'string' || !UUID_RE.test(c.i)) return null
  // names as the database can hold them (no NUL, no lone surrogate, no longer than a name)
  const name = (v: unknown): v is string => typeof v === 'string' && v.length <= 200 && badStringReason(v) === null
  if (sort === 'name' && c.s === 'n' && name(c.l) && name(c.f)) return { s: 'n', l: c.l, f: c.f, i: c.i.toLowerCase() }
  // a time within a few centuries of 1970 (an overflowing one would leave PostgreSQL's timestamp range)
  if (
    sort === 'newest' &&
    c.s === 'c' &&
    typeof c.t === 'string' &&
    /^-?\d{1,17}$/.test(c.t) &&
    Math.abs(Number(c.t)) <= MAX_CURSOR_MICROS
  )
    return { s: 'c', t: c.t, i: c.i.toLowerCase() }
  return null
}

/** Rows after the cursor, in the list's order. */
function afterCursor(c: Cursor): SQL {
  return c.s === 'n'
    ? sql`(${clients.lastName}, ${clients.firstName}, ${clients.id}) > (${c.l}, ${c.f}, ${c.i}::uuid)`
    : sql`(${clients.createdAt}, ${clients.id}) < ('epoch'::timestamptz + ${c.t}::bigint * interval '1 microsecond', ${c.i}::uuid)`
}

const orderOf = (sort: ClientListParams['sort']) =>
  sort === 'name' ? [asc(clients.lastName), asc(clients.firstName), asc(clients.id)] : [desc(clients.createdAt), desc(clients.id)]

/** created_at as epoch microseconds, as text (exact, whatever a driver makes of a bigint). */
const createdMicros = sql<string>`((extract(epoch from ${clients.createdAt}) * 1000000)::bigint)::text`

type ClientRow = typeof clients.$inferSelect
type ListRow = ClientRow & { createdUs?: string }

function cursorOf(row: ListRow, sort: ClientListParams['sort']): Cursor {
  return sort === 'name'
    ? { s: 'n', l: row.lastName, f: row.firstName, i: row.id }
    : { s: 'c', t: row.createdUs ?? '', i: row.id }
}

/**
 * The list's conditions apart from the search: filters, the cursor, and owing when it can be said
 * in SQL (else `owingInCode`).
 */
function listConditions(p: ClientListParams, categories: AgeCategory[], today: string, owingRule: OwingRules) {
  const conds = otherFilters(p, categories, today)
  let cursor: Cursor | null = null
  if (p.cursor) {
    cursor = decodeCursor(p.cursor, p.sort)
    if (!cursor) throw ValidationError({ cursor: 'errors.clients.cursorStale' })
  }
  // debt: the single owing rule (every module's owing checks, server/contracts/owing.ts), in SQL when every check has an SQL form
  let owingInCode = false
  if (p.owing) {
    const owing = owingRule.sql(sql`${clients.id}`, { activityId: p.activityId ?? null, on: today })
    if (owing) conds.push(owing)
    else owingInCode = true
  }
  return { conds, cursor, owingInCode }
}

/**
 * `searchWalkBudget`: how many rows, in list order, a search may walk before it gives up on the
 * order's index and collects every match through the trigram index instead (see `fetchPage`).
 * Tests lower it to take both ways on a few rows.
 */
export const listTuning = { searchWalkBudget: 2000 }

/** No owing check at all (nobody owes). */
const NOBODY_OWES = owingRules(() => [])

/** The SQL of the first query of a page (limit + 1 rows) as listClients runs it when the owing rule is all SQL: for EXPLAIN in the benchmark. */
export function listClientsQuery(
  db: Queryable,
  p: ClientListParams,
  categories: AgeCategory[],
  today: string,
  strategy: 'walk' | 'collect' = 'walk',
  owingRule: OwingRules = NOBODY_OWES,
) {
  const { conds, cursor } = listConditions(p, categories, today, owingRule)
  const where = [...conds, ...(cursor ? [afterCursor(cursor)] : [])]
  const search = searchConditions(p.q)
  if (!search.length) return plainQuery(db, p.sort, where, p.limit + 1)
  return strategy === 'walk' && !searchIsSpecific(p.q)
    ? walkQuery(db, p, where, p.limit + 1)
    : collectQuery(db, p.sort, [...search, ...where], p.limit + 1)
}

/**
 * One page of clients with a keyset cursor (stable under inserts, fast at any depth). A cursor
 * that is not one of ours (another sort, an older format) is refused: 400 on `cursor`.
 */
export async function listClients(
  db: Queryable,
  p: ClientListParams,
  categories: AgeCategory[],
  today: string,
  /** The owing rule in force (every module's checks: `deps.registry.owing`). */
  owingRule: OwingRules = NOBODY_OWES,
): Promise<{ rows: ClientRow[]; nextCursor: string | null }> {
  const { conds, cursor, owingInCode } = listConditions(p, categories, today, owingRule)
  const fetch = (c: Cursor | null, limit: number) => fetchPage(db, p, [...conds, ...(c ? [afterCursor(c)] : [])], limit)
  let rows: ListRow[]
  if (!owingInCode) rows = await fetch(cursor, p.limit + 1)
  else {
    // some check exists only in code: walk the filtered list in batches, keeping who owes, until the page is full
    // (batches grow while few owe, so a long list where hardly anybody owes takes tens of batches, not hundreds)
    rows = []
    let batch = Math.min(5000, Math.max(200, (p.limit + 1) * 4))
    for (let c = cursor; rows.length <= p.limit; batch = Math.min(5000, batch * 2)) {
      const candidates = await fetch(c, batch)
      if (!candidates.length) break
      const owing = await owingRule.reasons(
        candidates.map((r) => r.id),
        { db, activityId: p.activityId ?? null, on: today },
      )
      for (const r of candidates) if (owing.has(r.id) && rows.length <= p.limit) rows.push(r)
      if (candidates.length < batch) break
      c = cursorOf(candidates[candidates.length - 1], p.sort)
    }
  }
  const page = rows.slice(0, p.limit)
  const last = page[page.length - 1]
  const nextCursor = rows.length > p.limit && last ? encodeCursor(cursorOf(last, p.sort)) : null
  return { rows: page.map(({ createdUs: _us, ...r }) => r), nextCursor }
}

/**
 * Up to `limit` rows in list order. Without a search: one query down the order's index
 * (name, status+name, flagged+name, or created_at), filtering as it goes.
 *
 * With a search there is no index that is good for every term: a common term ("ann") is found
 * at once walking the order's index, a rare or clustered one ("zel…", names at the end of the
 * alphabet) only after walking most of the table, while collecting every match through the
 * trigram index and sorting them costs in proportion to the matches (thousands for a common
 * term). So: walk at most `listTuning.searchWalkBudget` rows in order (a LIMITed subquery the filters
 * apply to); a full page from that is the right answer. Otherwise collect through the trigram
 * index (an ORDER BY no index serves, so the planner cannot choose the walk again) — few matches
 * by then, or the end of the list. A search of several words or of phone digits goes straight to
 * collecting.
 */
async function fetchPage(db: Queryable, p: ClientListParams, where: SQL[], limit: number): Promise<ListRow[]> {
  const search = searchConditions(p.q)
  if (!search.length) return await plainQuery(db, p.sort, where, limit)
  if (!searchIsSpecific(p.q)) {
    const walked = (await walkQuery(db, p, where, limit)) as ListRow[]
    if (walked.length >= limit) return walked
  }
  return await collectQuery(db, p.sort, [...search, ...where], limit)
}

const columnsFor = (sort: ClientListParams['sort']) =>
  sort === 'newest' ? { ...getTableColumns(clients), createdUs: createdMicros } : { ...getTableColumns(clients) }

function plainQuery(db: Queryable, sort: ClientListParams['sort'], where: SQL[], limit: number) {
  return db
    .select(columnsFor(sort))
    .from(clients)
    .where(and(...where))
    .orderBy(...orderOf(sort))
    .limit(limit)
}

/** The first `listTuning.searchWalkBudget` rows in order that pass the other filters, then the search on those. */
function walkQuery(db: Queryable, p: ClientListParams, where: SQL[], limit: number) {
  const walk = db
    .select(
      p.sort === 'newest'
        ? { ...getTableColumns(clients), createdUs: createdMicros.as('created_us') }
        : { ...getTableColumns(clients) },
    )
    .from(clients)
    .where(and(...where))
    .orderBy(...orderOf(p.sort))
    .limit(listTuning.searchWalkBudget)
    .as('walk')
  const order =
    p.sort === 'name' ? [asc(walk.lastName), asc(walk.firstName), asc(walk.id)] : [desc(walk.createdAt), desc(walk.id)]
  return db
    .select()
    .from(walk)
    .where(and(...searchConditions(p.q, walk.searchText)))
    .orderBy(...order)
    .limit(limit)
}

/** Every match (the planner finds them through the trigram index), sorted: the order's index cannot serve `name || ''`. */
function collectQuery(db: Queryable, sort: ClientListParams['sort'], where: SQL[], limit: number) {
  const order =
    sort === 'name'
      ? [sql`${clients.lastName} || ''`, sql`${clients.firstName} || ''`, asc(clients.id)]
      : [desc(sql`${clients.createdAt} + interval '0 seconds'`), desc(clients.id)]
  return db
    .select(columnsFor(sort))
    .from(clients)
    .where(and(...where))
    .orderBy(...order)
    .limit(limit)
}

/** Possible duplicates: same name and birth date, or same phone (the client's or a guardian's). */
export async function findDuplicates(
  db: Queryable,
  input: { firstName?: string; lastName?: string; birthDate?: string | null; phoneDigits: string[] },
) {
  const conds: SQL[] = []
  if (input.firstName && input.lastName && input.birthDate) {
    conds.push(
      and(
        sql`lower(${clients.firstName}) = ${input.firstName.trim().toLowerCase()}`,
        sql`lower(${clients.lastName}) = ${input.lastName.trim().toLowerCase()}`,
        eq(clients.birthDate, input.birthDate),
      ) ?? sql`false`,
    )
  }
  const phones = input.phoneDigits.filter(Boolean)
  if (phones.length) conds.push(sql`${clients.phoneDigits} in ${phones}`)
  if (!conds.length) return []
  return db
    .select({
      id: clients.id,
      firstName: clients.firstName,
      lastName: clients.lastName,
      birthDate: clients.birthDate,
      phone: clients.phone,
    })
    .from(clients)
    .where(and(isNull(clients.erasedAt), or(...conds)))
    .limit(10)
}
