import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { phoneDigits } from '../../../domain/clients/rules'
import { needsTransliteration, transliterate } from '../../../domain/clients/transliterate'
import type { Locale } from '../../../domain/i18n/locales'
import { clients } from '../../../db/schema/index'

/**
 * The client search's pieces: what `search_text` holds, how a query is cut into terms and each
 * term into its pattern, which script a query is in, and the column of the reader's order.
 */

/**
 * `clients.search_text`: name, phones (as typed and as digits), guardians' names and phones, and
 * the Latin transliteration of every Armenian or Cyrillic word in them (`Հովհաննիսյան` is found by
 * `hovhannisyan`), lower-cased (JavaScript's Unicode lower case, as the query is: so the search
 * is a plain `LIKE`); then its grams (`searchGrams`), so that the trigram index finds a term of one
 * or two letters too.
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
  const words = latin.length ? `${text} ${latin.join(' ')}` : text
  const grams = searchGrams(words)
  return grams ? `${words} ${grams}` : words
}

/**
 * Marks a gram in `search_text`: `ǂze` says some word holds "ze", `ǂǂz` that some word holds "z".
 * A letter (so the trigram index takes it into its trigrams: "ǂze" is a trigram of its own) that
 * no name uses.
 */
export const GRAM_MARK = 'ǂ'

/**
 * The letters grams are made of (Latin, Greek, Cyrillic, Armenian, Georgian; not the mark): the
 * same ranges as the SQL function `clubroom_search_grams` of migration 0012.
 */
const GRAM_LETTER = /^[a-z\u00c0-\u01c1\u01c3-\u024f\u0370-\u03ff\u0400-\u052f\u0531-\u0587\u10a0-\u10ff\u1e00-\u1eff]$/

/** A term the grams stand for: one or two characters, each such a letter. */
const gramOf = (term: string): string | null => {
  const chars = [...term]
  return chars.length <= 2 && chars.every((c) => GRAM_LETTER.test(c)) ? GRAM_MARK.repeat(3 - chars.length) + term : null
}

/**
 * Every letter and every pair of neighbouring letters of the words (split at spaces), each once, in
 * the order they first occur, as words of their own with the mark before them (a letter `ǂǂz`, a
 * pair `ǂze`): a term of one or two letters is in the text exactly when its gram is, and the
 * trigram index finds the gram (`%ǂze%` has the trigram "ǂze"; `%ze%` has none). A plain `LIKE
 * '%ze%'` finds the same rows as before: a gram holds nothing its word does not. Migration 0012's
 * `clubroom_search_grams` is the same function (tested against this one).
 */
export function searchGrams(words: string): string {
  const grams = new Set<string>()
  for (const word of words.split(' ')) {
    const chars = [...word]
    for (let i = 0; i < chars.length; i++) {
      if (!GRAM_LETTER.test(chars[i])) continue
      grams.add(GRAM_MARK + GRAM_MARK + chars[i])
      if (i + 1 < chars.length && GRAM_LETTER.test(chars[i + 1])) grams.add(GRAM_MARK + chars[i] + chars[i + 1])
    }
  }
  return [...grams].join(' ')
}

export type Script = 'cyrillic' | 'armenian'

/**
 * Rows whose `search_text` holds a letter of the script, literally as the partial indexes of
 * migration 0012 say it (the planner matches a partial index by its predicate).
 */
export const SCRIPT_PREDICATE: Record<Script, string> = {
  cyrillic: `~ '[Ѐ-ӿ]'`,
  armenian: `~ '[Ա-և]'`,
}

/** The same letters as `SCRIPT_PREDICATE`, in JavaScript. */
export const SCRIPT_RE: Record<Script, RegExp> = { cyrillic: /[\u0400-\u04ff]/, armenian: /[\u0531-\u0587]/ }

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

/**
 * The `LIKE` pattern of a term on `search_text`: its gram (`%ǂze%`, `%ǂǂz%`) for a term of one or
 * two letters, else the term anywhere (`%ann%`). Both find exactly the rows holding the term.
 */
export const termPattern = (term: string) => `%${gramOf(term) ?? likeEscape(term)}%`

/** What a row's `search_text` holds when the term's pattern matches it: its gram, or the term itself. */
export const termNeedle = (term: string) => gramOf(term) ?? term

/** One `LIKE` per term on the (already lower-cased) `column`: the trigram index serves it. */
export function searchConditions(terms: string[], column: AnyPgColumn = clients.searchText): SQL[] {
  return terms.map((t) => sql`${column} like ${termPattern(t)}`)
}

/**
 * Every term has a trigram in its pattern (three characters or more, or a gram), so the trigram
 * index can find the matches; a term of one or two characters that are not both letters (`7`,
 * `-a`) has none.
 */
export const trigrammable = (terms: string[]) => terms.length > 0 && terms.every((t) => [...t].length >= 3 || gramOf(t) !== null)

/**
 * The reader's order of names: the generated column `sort_key_<reader>` of migration 0012 (the
 * reader's `nameSortKey`, domain/clients/sort-key.ts), compared byte by byte; each has an index
 * `(sort_key_<reader>, id)`, and per script the rows holding its letters one of their own where
 * that script does not come first. Not declared in the drizzle schema: nothing but the list's
 * order reads them.
 */
export const sortKeyOf = (reader: Locale): SQL => sql.raw(`"clients"."sort_key_${SORT_READERS[reader]}"`)

/** Known readers only (the column's name is built from it). */
const SORT_READERS: Record<Locale, Locale> = { hy: 'hy', ru: 'ru', en: 'en' }
