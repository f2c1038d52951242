import { and, asc, desc, eq, getTableColumns, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import type { ClientListFilter, ClientListSort } from '../../../domain/clients/list-filter'
import { clients, groupMembers, groups } from '../../../db/schema/index'
import { ValidationError } from '../../errors'
import { owingRules, type OwingRules } from '../../boot/registry'
import type { AgeCategory } from '../../../domain/clients/rules'
import { badStringReason } from '../../http/input-strings'
import type { Locale } from '../../../domain/i18n/locales'
import { SCRIPT_PREDICATE, scriptOf, searchConditions, searchTerms, sortKeyOf, trigrammable, type Script } from './search'
import { estimateSearch, searchSampleOf, type SearchEstimate } from './search-sample'

/** The list query as the route read it: the filters, a sort order always, and the page. */
export interface ClientListParams extends ClientListFilter {
  sort: ClientListSort
  cursor?: string
  limit: number
  /** The reader's language: names are sorted in its order (domain/clients/sort-key.ts). */
  locale?: Locale
}

function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number)
  const date = new Date(Date.UTC(y - years, m - 1, d))
  return date.toISOString().slice(0, 10)
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
 * Keyset cursors (opaque to the API: base64url JSON). By name: the last row's sort key in the
 * reader's order (`k`, `sort_key_<reader>`), its id, and the reader (`o`: a cursor of another
 * reader's order is refused). Newest first: its exact created_at as epoch microseconds
 * (PostgreSQL keeps microseconds; a JavaScript Date only milliseconds) and id, so `(created_at, id)`
 * is compared as stored and the (created_at, id) index serves order and cursor.
 */
type Cursor = { s: 'n'; k: string; i: string; o: Locale } | { s: 'c'; t: string; i: string }

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** ±1000 years around 1970, in microseconds. */
const MAX_CURSOR_MICROS = 1000 * 366 * 86_400 * 1_000_000

export const encodeCursor = (v: Cursor) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** The cursor if it is one of ours for this sort (and, by name, this reader), else null (old formats, tampering). */
export function decodeCursor(s: string, sort: ClientListParams['sort'], reader: Locale = DEFAULT_READER): Cursor | null {
  let c: Record<string, unknown>
  try {
    c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!c || typeof c !== 'object' || typeof c.i !== 'string' || !UUID_RE.test(c.i)) return null
  // a key as the database can hold one (no NUL, no lone surrogate, no longer than two names)
  if (sort === 'name' && c.s === 'n' && c.o === reader && typeof c.k === 'string' && c.k.length <= 1000 && !badStringReason(c.k))
    return { s: 'n', k: c.k, i: c.i.toLowerCase(), o: reader }
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

/** The order of a list without a reader (none of the API's: every request has its language). */
const DEFAULT_READER: Locale = 'en'

/** The list's order: by name in the reader's order, or newest first. */
interface Order {
  sort: ClientListParams['sort']
  reader: Locale
}

/** The column each row is ordered by (with id): the reader's sort key, or created_at. */
const orderKey = (o: Order): SQL => (o.sort === 'name' ? sortKeyOf(o.reader) : sql`${clients.createdAt}`)

/** Rows after the cursor, in the list's order. */
function afterCursor(c: Cursor, o: Order): SQL {
  return c.s === 'n'
    ? sql`(${orderKey(o)}, ${clients.id}) > (${c.k}, ${c.i}::uuid)`
    : sql`(${clients.createdAt}, ${clients.id}) < ('epoch'::timestamptz + ${c.t}::bigint * interval '1 microsecond', ${c.i}::uuid)`
}

/** ORDER BY of the list (served by the reader's key index, or the created_at index). */
const orderOf = (o: Order) =>
  o.sort === 'name' ? [asc(orderKey(o)), asc(clients.id)] : [desc(clients.createdAt), desc(clients.id)]

/**
 * ORDER BY of collected matches: the same order, by an expression no index serves (so the planner
 * sorts the matches instead of walking the order's index with the search as a filter).
 */
const sortedOf = (o: Order) =>
  o.sort === 'name'
    ? [sql`(${orderKey(o)} || '') collate "C"`, asc(clients.id)]
    : [desc(sql`${clients.createdAt} + interval '0 seconds'`), desc(clients.id)]

/** created_at as epoch microseconds, as text (exact, whatever a driver makes of a bigint). */
const createdMicros = sql<string>`((extract(epoch from ${clients.createdAt}) * 1000000)::bigint)::text`

type ClientRow = typeof clients.$inferSelect
/** A row as a query of the list returns it, with its place in the order (sort key, or created_at in microseconds). */
type ListRow = ClientRow & { place: string }

/** The columns of a list query: the row and its place. */
const columnsFor = (o: Order) => ({
  ...getTableColumns(clients),
  place: (o.sort === 'name' ? sql<string>`${orderKey(o)}` : createdMicros).as('place'),
})

function cursorOf(row: ListRow, o: Order): Cursor {
  return o.sort === 'name' ? { s: 'n', k: row.place, i: row.id, o: o.reader } : { s: 'c', t: row.place, i: row.id }
}

/**
 * The list's conditions apart from the search: filters, the cursor, and owing when it can be said
 * in SQL (else `owingInCode`).
 */
function listConditions(p: ClientListParams, categories: AgeCategory[], today: string, owingRule: OwingRules, o: Order) {
  const conds = otherFilters(p, categories, today)
  let cursor: Cursor | null = null
  if (p.cursor) {
    cursor = decodeCursor(p.cursor, p.sort, o.reader)
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
 * How far a search walks the list's order before it collects the matches instead (see
 * `fetchPage`). Tests lower it to take every way on a few rows.
 */
export const listTuning = {
  /** Rows walked when nothing is known of the term (see `walkBudgetOf`). */
  searchWalkBudget: 1000,
  /** Whether searches consult the clients' sample (./search-sample.ts). */
  useSample: true,
  /** µs per row walked, per match collected, and for a collect itself (PostgreSQL 15, 100,000 clients). */
  walkRowCost: 3,
  collectRowCost: 1.7,
  collectCost: 500,
}

/** No owing check at all (nobody owes). */
const NOBODY_OWES = owingRules(() => [])

/** A search as `fetchPage` runs it. */
interface Search {
  terms: string[]
  /** Armenian or Cyrillic when every word is: only rows with that script can match. */
  script: Script | null
  /** Every term's pattern has a trigram (`trigrammable`). */
  indexed: boolean
  /** Several words, or four digits and more: bound to match few clients. */
  specific: boolean
  /** Other filters apply (status, age…), which the clients' sample does not know. */
  filtered: boolean
}

/**
 * `filtered`: other filters apply (status, age…). A query in Armenian or Cyrillic then collects
 * at once: its matches are a few of one script's rows, while a walk of that script's rows that
 * keeps only those passing the filters may read all of them.
 */
function searchOf(q: string | undefined, filtered = false): Search | null {
  const terms = searchTerms(q)
  if (!terms.length) return null
  const script = scriptOf(terms)
  const indexed = trigrammable(terms)
  return {
    terms,
    script,
    indexed,
    specific: terms.length > 1 || terms.some((t) => /^\d{4,}$/.test(t)) || (filtered && indexed && script !== null),
    filtered,
  }
}

/** Rows that hold a letter of the script (the predicate of its partial indexes). */
const inScript = (script: Script) => sql`${clients.searchText} ${sql.raw(SCRIPT_PREDICATE[script])}`

/**
 * One page of clients with a keyset cursor (stable under inserts, fast at any depth). A cursor
 * that is not one of ours (another sort or reader, an older format) is refused: 400 on `cursor`.
 */
export async function listClients(
  db: Queryable,
  p: ClientListParams,
  categories: AgeCategory[],
  today: string,
  /** The owing rule in force (every module's checks: `deps.registry.owing`). */
  owingRule: OwingRules = NOBODY_OWES,
): Promise<{ rows: ClientRow[]; nextCursor: string | null }> {
  const o: Order = { sort: p.sort, reader: p.locale ?? DEFAULT_READER }
  const { conds, cursor, owingInCode } = listConditions(p, categories, today, owingRule, o)
  // conds: erased_at is null, then the filters
  const search = searchOf(p.q, conds.length > 1)
  const fetch = (c: Cursor | null, limit: number) =>
    fetchPage(db, o, search, [...conds, ...(c ? [afterCursor(c, o)] : [])], limit, c)
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
      c = cursorOf(candidates[candidates.length - 1], o)
    }
  }
  const page = rows.slice(0, p.limit)
  const last = page[page.length - 1]
  const nextCursor = rows.length > p.limit && last ? encodeCursor(cursorOf(last, o)) : null
  return { rows: page.map(({ place: _place, ...r }) => r), nextCursor }
}

/**
 * Up to `limit` rows in list order. Without a search: one query down the order's index (the
 * reader's sort key, or created_at), filtering as it goes.
 *
 * With a search there is no index that is good for every term: a common term ("ann") is found
 * at once walking the order's index, a rare or clustered one ("zel…", names at the end of the
 * alphabet, or of a script that sorts after the reader's own) only after walking most of the
 * table, while collecting every match through the trigram index and sorting them costs in
 * proportion to the matches (thousands for a common term). So:
 *
 * - Walk at most `listTuning.searchWalkBudget` rows in order (a LIMITed subquery the search then
 *   filters); a full page from that is the right answer. Otherwise collect every match through
 *   the trigram index and sort them (few by then, or the end of the list): a second query, and
 *   the last. Every term has trigrams in its pattern (`termPattern`: a term of one or two letters
 *   by its gram), so the planner takes the trigram index for a rare one by itself.
 * - A query in Armenian or Cyrillic letters can only match rows that hold that script: the walk
 *   goes down that script's partial index in the reader's order, so it starts at the first such
 *   name wherever the script sorts.
 * - A search of several words or of phone digits (or, with other filters, in one script) collects
 *   at once; so does a term of one or two characters that are not letters (no gram: collecting it
 *   reads every row).
 *
 * Each is one plain statement: PostgreSQL plans it in a fraction of a millisecond (a statement
 * that did both in one, the collecting half running only when the walk came short, took a
 * millisecond or two more to plan than the second query takes to run), and a walk that comes
 * short costs one more round trip.
 */
async function fetchPage(
  db: Queryable,
  o: Order,
  search: Search | null,
  where: SQL[],
  limit: number,
  cursor: Cursor | null,
): Promise<ListRow[]> {
  if (!search)
    return await db
      .select(columnsFor(o))
      .from(clients)
      .where(and(...where))
      .orderBy(...orderOf(o))
      .limit(limit)
  const walkBudget = search.specific || !search.indexed ? 0 : walkBudgetOf(db, o, search, cursor, limit)
  if (walkBudget > 0) {
    // the first rows of the order (of the query's script), then those that match
    const walked = db
      .select(columnsFor(o))
      .from(clients)
      .where(and(...where, ...(search.script ? [inScript(search.script)] : [])))
      .orderBy(...orderOf(o))
      .limit(walkBudget)
      .as('walked')
    const rows = await db
      .select()
      .from(walked)
      .where(and(...searchConditions(search.terms, walked.searchText)))
      .orderBy(...(o.sort === 'name' ? [asc(walked.place), asc(walked.id)] : [desc(walked.createdAt), desc(walked.id)]))
      .limit(limit)
    if (rows.length >= limit) return rows
  }
  return await db
    .select(columnsFor(o))
    .from(clients)
    .where(and(...searchConditions(search.terms), ...where))
    .orderBy(...sortedOf(o))
    .limit(limit)
}

/**
 * How many rows of the order a search walks before it collects instead (0: it collects at once).
 * With the clients' sample (./search-sample.ts): walk when the sample says the page fills within
 * fewer rows than collecting every match costs (`listTuning`'s costs per row, measured on
 * PostgreSQL 15: bench/notes.md), as far as twice the rows it expects to need; collect at once
 * otherwise. Without one (the first search of a process, while the sample loads; or other filters,
 * which the sample does not know) `listTuning.searchWalkBudget`.
 */
function walkBudgetOf(db: Queryable, o: Order, search: Search, cursor: Cursor | null, limit: number): number {
  const fixed = listTuning.searchWalkBudget
  if (search.filtered || !listTuning.useSample) return fixed
  const sample = searchSampleOf(db)
  if (!sample) return fixed
  const after = cursor
    ? cursor.s === 'n'
      ? { key: cursor.k, id: cursor.i }
      : { key: (BigInt(cursor.t) + 100_000_000_000_000_000n).toString().padStart(20, '0'), id: cursor.i }
    : null
  return walkBudgetFor(estimateSearch(sample, search.terms, o, search.script, after, limit), limit)
}

/** The walk's budget for an estimate: twice the rows it should take, when that costs less than collecting; else 0. */
export function walkBudgetFor(est: SearchEstimate, limit: number): number {
  const { walkRowCost, collectRowCost, collectCost } = listTuning
  if (est.walkRows === null) return 0
  return est.walkRows * walkRowCost <= est.matches * collectRowCost + collectCost ? Math.ceil(est.walkRows * 2) + limit : 0
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
