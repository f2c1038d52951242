import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { queryRows, type Queryable } from '../../../db/client'
import { phoneDigits } from '../../../domain/clients/rules'
import { needsTransliteration, transliterate } from '../../../domain/clients/transliterate'
import type { Locale } from '../../../domain/i18n/locales'
import { clients } from '../../../db/schema/index'

/**
 * The client search's pieces: what `search_text` holds, how a query is cut into terms, which
 * script a query is in, and the reader's sort order.
 */

/**
 * `clients.search_text`: name, phones (as typed and as digits), guardians' names and phones, and
 * the Latin transliteration of every Armenian or Cyrillic word in them (`Հովհաննիսյան` is found by
 * `hovhannisyan`), lower-cased (JavaScript's Unicode lower case, as the query is: so the search
 * is a plain `LIKE`).
 */
export function searchTextOf(
  first: string | null,
  last: string | null,
  phone: string | null,
  guardians: Array<{ name: string; phone: string }>,
): string {
  const parts = [first, last, phone, phoneDigits(phone), ...guardians.flatMap((g) => [g.name, g.phone, phoneDigits(g.phone)])]
  const text = parts.filter(Boolean).join(' ').toLowerCase()
  const latin = [...new Set(text.split(' ').filter(needsTransliteration).map(transliterate))]
  return latin.length ? `${text} ${latin.join(' ')}` : text
}

export type Script = 'cyrillic' | 'armenian'

/**
 * Rows whose `search_text` holds a letter of the script, literally as the partial indexes of
 * migration 0010 say it (the planner matches a partial index by its predicate).
 */
export const SCRIPT_PREDICATE: Record<Script, string> = {
  cyrillic: `~ '[Ѐ-ӿ]'`,
  armenian: `~ '[Ա-և]'`,
}

const SCRIPT_RE: Record<Script, RegExp> = { cyrillic: /[\u0400-\u04ff]/, armenian: /[\u0531-\u0587]/ }

/** A query's words (at most five), lower-cased; a phone-like word by its digits. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((word) => {
      const digits = word.replace(/[^\d]/g, '')
      return /^[+\d()./-]+$/.test(word) && digits.length >= 3 ? digits : word
    })
}

/**
 * The script every word of the query is written in, when that is Armenian or Cyrillic: only rows
 * holding a letter of that script can match, and those have a partial index of their own in each
 * reader's order. Null for Latin, digits or a mix (a Latin word may match a transliteration).
 */
export function scriptOf(terms: string[]): Script | null {
  for (const s of ['cyrillic', 'armenian'] as const) if (terms.length && terms.every((t) => SCRIPT_RE[s].test(t))) return s
  return null
}

/** Escape LIKE wildcards in user input. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m)

/** One `LIKE '%term%'` per term on the (already lower-cased) `column`: the trigram index serves it. */
export function searchConditions(terms: string[], column: AnyPgColumn = clients.searchText): SQL[] {
  return terms.map((t) => sql`${column} like ${`%${likeEscape(t)}%`}`)
}

/** Every term has a trigram (three characters or more), so the trigram index can find the matches. */
export const trigrammable = (terms: string[]) => terms.length > 0 && terms.every((t) => [...t].length >= 3)

/**
 * The ICU collation each reader's list is sorted by (PostgreSQL's predefined ICU collations;
 * migration 0010 indexes the name order in each). Where the database has none (PGlite, a build
 * without ICU) the list keeps the database's default order.
 */
export const COLLATION_OF: Record<Locale, string> = { hy: 'hy-x-icu', ru: 'ru-x-icu', en: 'en-x-icu' }

const available = new WeakMap<object, Promise<Set<string>>>()

/** The collation of the reader's order if this database has it, else null (default order). */
export async function collationFor(db: Queryable, locale: Locale | undefined): Promise<string | null> {
  if (!locale) return null
  let known = available.get(db)
  if (!known) {
    known = queryRows<{ collname: string }>(
      db,
      sql`select collname from pg_collation where collname in ${Object.values(COLLATION_OF)}`,
    ).then(
      (rows) => new Set(rows.map((r) => r.collname)),
      () => new Set<string>(),
    )
    available.set(db, known)
  }
  const name = COLLATION_OF[locale]
  return (await known).has(name) ? name : null
}

/** `column` in the collation (a known collation name: never user input). */
export const collated = (column: SQL | AnyPgColumn, collation: string | null): SQL =>
  collation ? sql`${column} collate ${sql.raw(`"${collation}"`)}` : sql`${column}`
