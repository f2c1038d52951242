import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { LOCALES, type Locale } from '../../../domain/i18n/locales'
import { GRAM_MARK, SCRIPT_RE, type Script } from './search'

/**
 * A random sample of the clients as the search sees them (their `search_text`, their place in each
 * reader's order and in the newest-first order), kept in memory per database so that the list can
 * tell, before it asks, whether a term is common or rare and where in the order its first matches
 * lie: walking the order's index is cheap for a term whose matches come early, collecting every
 * match through the trigram index is cheap for a rare one, and each is slow where the other is fast
 * (`fetchPage` in ./queries.ts). A wrong guess costs time, never a wrong answer: a walk that comes
 * back short is followed by the collect.
 *
 * Loaded on the first search, then renewed in the background when older than
 * `SAMPLE_MAX_AGE_MS`: a center's clients change slowly beside that, and every instance keeps its
 * own. Up to `sampleTuning.size` rows (~4 MB for 8,000); on a center with fewer clients, all of them.
 */
export interface SearchSample {
  /** Clients not erased, when the sample was taken. */
  total: number
  rows: SampleRow[]
  /** Indexes into `rows` in each reader's order by name (sort key, then id, as the database sorts them). */
  byName: Record<Locale, number[]>
  /** Indexes into `rows` newest first (created_at, then id, descending). */
  byNewest: number[]
  /** Every row's words, one row a line (a term is looked for through all of them at once). */
  lines: string
  /** Where each row's line starts in `lines`. */
  starts: Int32Array
  /** Per row, whether its text holds a letter of the script. */
  scripts: Record<Script, Uint8Array>
}

export interface SampleRow {
  id: string
  /** `search_text`'s words, without their grams (a term of one or two letters is looked for as itself). */
  text: string
  key: Record<Locale, string>
  /** created_at as epoch microseconds, zero-padded so that strings compare as the numbers do. */
  created: string
}

export const sampleTuning = { size: 8000, maxAgeMs: 5 * 60_000 }

const cache = new WeakMap<object, { sample: Promise<SearchSample>; at: number; settled: SearchSample | null }>()

/**
 * The sample of this database if one is loaded (renewing it in the background when it is old), or
 * null while the first one loads: the caller then searches as if it knew nothing.
 */
export function searchSampleOf(db: Queryable): SearchSample | null {
  const known = cache.get(db)
  if (known && performance.now() - known.at < sampleTuning.maxAgeMs) return known.settled
  const entry = { sample: loadSearchSample(db), at: performance.now(), settled: known?.settled ?? null }
  cache.set(db, entry)
  entry.sample.then(
    (s) => {
      entry.settled = s
    },
    // a failed load is forgotten (the next search tries again); the last good sample stays in use
    () => {
      if (cache.get(db) === entry) cache.set(db, { ...entry, at: -Infinity })
    },
  )
  return entry.settled
}

/** Forgets the sample of a database: the next search searches without one, and loads another. */
export function forgetSearchSample(db: Queryable): void {
  cache.delete(db)
}

/** Takes a new sample now and uses it from now on. */
export async function renewSearchSample(db: Queryable): Promise<SearchSample> {
  const sample = await loadSearchSample(db)
  cache.set(db, { sample: Promise.resolve(sample), at: performance.now(), settled: sample })
  return sample
}

/** Reads a sample: every client when there are at most `size`, else a Bernoulli sample of about `size`. */
export async function loadSearchSample(db: Queryable): Promise<SearchSample> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from clients where erased_at is null`)
  const share = n <= sampleTuning.size ? null : (100 * sampleTuning.size) / n
  const from = share === null ? sql`clients` : sql`clients tablesample bernoulli (${sql.raw(share.toFixed(6))})`
  const raw = await queryRows<{ id: string; text: string; hy: string; ru: string; en: string; created: string }>(
    db,
    sql`select id, search_text as text, sort_key_hy as hy, sort_key_ru as ru, sort_key_en as en,
          lpad(((extract(epoch from created_at) * 1000000)::bigint + 100000000000000000)::text, 20, '0') as created
        from ${from} where erased_at is null`,
  )
  return sampleFrom(n, raw)
}

/** A sample of these rows (as the query reads them) out of `total` clients. */
export function sampleFrom(
  total: number,
  raw: Array<{ id: string; text: string; hy: string; ru: string; en: string; created: string }>,
): SearchSample {
  const rows = raw.map((r) => ({
    id: r.id,
    text: wordsOf(r.text),
    key: { hy: r.hy ?? '', ru: r.ru ?? '', en: r.en ?? '' },
    created: r.created,
  }))
  const indexes = rows.map((_, i) => i)
  const byName = Object.fromEntries(
    LOCALES.map((l) => [
      l,
      [...indexes].sort((a, b) => byteOrder(rows[a].key[l], rows[b].key[l]) || byteOrder(rows[a].id, rows[b].id)),
    ]),
  ) as Record<Locale, number[]>
  const byNewest = [...indexes].sort((a, b) => byteOrder(rows[b].created, rows[a].created) || byteOrder(rows[b].id, rows[a].id))
  const starts = new Int32Array(rows.length)
  let at = 0
  rows.forEach((r, i) => {
    starts[i] = at
    at += r.text.length + 1
  })
  const scripts = {
    cyrillic: Uint8Array.from(rows, (r) => (SCRIPT_RE.cyrillic.test(r.text) ? 1 : 0)),
    armenian: Uint8Array.from(rows, (r) => (SCRIPT_RE.armenian.test(r.text) ? 1 : 0)),
  }
  return { total, rows, byName, byNewest, lines: rows.map((r) => r.text).join('\n'), starts, scripts }
}

/**
 * The words of a `search_text` (what comes before its grams), as a string of its own: shorter, and
 * one byte a character when they are Latin, so looking through thousands of them takes a fraction
 * of a millisecond. A term's gram is in the text exactly when the term is in one of its words.
 */
function wordsOf(text: string): string {
  const at = text.indexOf(' ' + GRAM_MARK)
  return (at < 0 ? text : text.slice(0, at)).replace(/\n/g, ' ')
}

/**
 * Strings in the order of `COLLATE "C"` (UTF-8 bytes, that is code points): JavaScript's `<`
 * compares UTF-16 units, which differs only above U+FFFF (no letter of a name's sort key).
 */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** What the sample says of a search. */
export interface SearchEstimate {
  /** Matching clients in the whole table. */
  matches: number
  /**
   * Rows of the walk (the order, after the cursor; for a query in one script only rows holding
   * it) to pass before `need` matches; null when the sample has too few matches there to tell.
   */
  walkRows: number | null
}

/**
 * Estimates a search from the sample: `terms` are the query's terms (`searchTerms`), each of which a
 * matching row's words hold; `after` the cursor's place in the order (null: from the start).
 */
export function estimateSearch(
  sample: SearchSample,
  terms: string[],
  order: { sort: 'name' | 'newest'; reader: Locale },
  script: Script | null,
  after: { key: string; id: string } | null,
  need: number,
): SearchEstimate {
  const { rows } = sample
  if (!rows.length || !terms.length) return { matches: 0, walkRows: 0 }
  const scale = Math.max(1, sample.total) / rows.length
  const hits = matchingRows(sample, terms)
  let matches = 0
  for (const h of hits) matches += h
  const inScript = script ? sample.scripts[script] : null
  const placeOf = (r: SampleRow) => (order.sort === 'name' ? r.key[order.reader] : r.created)
  const passed = (r: SampleRow) => {
    if (!after) return true
    const c = byteOrder(placeOf(r), after.key) || byteOrder(r.id, after.id)
    return order.sort === 'name' ? c > 0 : c < 0
  }
  // the walk finds `need` matches when the sample has found need / scale of them
  const wanted = Math.max(1, Math.ceil(need / scale))
  let seen = 0
  let found = 0
  let walkRows: number | null = null
  for (const i of order.sort === 'name' ? sample.byName[order.reader] : sample.byNewest) {
    if ((inScript && !inScript[i]) || !passed(rows[i])) continue
    seen++
    if (hits[i] && ++found >= wanted) {
      walkRows = Math.ceil(seen * scale)
      break
    }
  }
  return { matches: Math.round(matches * scale), walkRows }
}

/**
 * Which rows hold every term: the longest term is looked for through all the lines at once (one
 * `indexOf` after another), the others in the rows it was found in.
 */
function matchingRows(sample: SearchSample, terms: string[]): Uint8Array {
  const { lines, starts, rows } = sample
  const hits = new Uint8Array(rows.length)
  const [first, ...others] = [...terms].sort((a, b) => b.length - a.length)
  let row = 0
  for (let at = lines.indexOf(first); at >= 0;) {
    // the row the hit is in: the last whose line starts at or before it
    while (row + 1 < starts.length && starts[row + 1] <= at) row++
    if (others.every((t) => rows[row].text.includes(t))) hits[row] = 1
    if (row + 1 >= starts.length) break
    at = lines.indexOf(first, starts[row + 1])
  }
  return hits
}
