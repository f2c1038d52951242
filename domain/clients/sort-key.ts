import type { Locale } from '../i18n/locales'

/**
 * The order of names in the reader's language, as one plain string per reader that sorts byte by
 * byte (`COLLATE "C"`): the same on PostgreSQL and on the embedded PGlite (which has no ICU), and
 * cheap to compare and index. The database computes it (migration 0012's `clubroom_name_key`, the
 * generated columns `clients.sort_key_<reader>`); this module is the same rule in TypeScript, and
 * the migration's character tables are checked against it (sort-key.test.ts).
 *
 * What a reader sees, following CLDR (what ICU, PostgreSQL's `hy-x-icu`/`ru-x-icu`/`en-x-icu` and
 * the browsers' `Intl.Collator` do):
 *
 * - Names in the reader's own script first, then the others in the usual order of scripts (Latin,
 *   Cyrillic, Armenian). A receptionist in Yerevan reading Armenian sees Աբրահամյան … Ֆարմանյան,
 *   then Adams … Zimmer (foreign and passport spellings), then Андреева … Яковлев; a Russian reader
 *   Cyrillic, Latin, Armenian; an English reader Latin, Cyrillic, Armenian. Names without a letter
 *   come first, letters of other scripts last. A name's script is that of its first letter.
 * - Within a script, alphabetical order ignoring case and accents (ICU's primary strength): Müller
 *   with Muller, Ёлкин with Елкин; letters that are letters of their own stay apart (й after и, і
 *   after и, є after е, ı after i, þ after z). ß, æ, œ are spelled out (ss, ae, oe). և counts as
 *   եվ, as the Armenian rule has it, for every reader (ICU's root order has եւ: only names where
 *   that differs move).
 * - Last name, then first name; spaces, hyphens and apostrophes sort before letters, digits before
 *   letters; a shorter name before its continuations (Иванов before Иванова). Two names equal at
 *   that strength (Müller and Muller) keep the order of their ids.
 */

/** Scripts in the order of CLDR's root collation after the reader's own. */
export type NameScript = 'latin' | 'cyrillic' | 'armenian'

/** The reader's order of scripts. */
export const SCRIPT_ORDER: Record<Locale, readonly NameScript[]> = {
  hy: ['armenian', 'latin', 'cyrillic'],
  ru: ['cyrillic', 'latin', 'armenian'],
  en: ['latin', 'cyrillic', 'armenian'],
}

/**
 * A character that sorts after every letter of its script, so `и` + it is a letter right after и
 * (і comes between и and й): '~' after a–z, U+04FF after а–я.
 */
const AFTER_LATIN = '~'
const AFTER_CYRILLIC = '\u04ff'

/** Characters written as several (expansions, and letters that sort right after another). */
export const FOLD_EXPANSIONS: ReadonlyArray<readonly [string, string]> = [
  // Latin
  ['ß', 'ss'],
  ['ẞ', 'ss'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['ĳ', 'ij'],
  ['Ĳ', 'ij'],
  ['ı', 'i' + AFTER_LATIN],
  ['ə', 'e' + AFTER_LATIN],
  ['Ə', 'e' + AFTER_LATIN],
  ['ƒ', 'f' + AFTER_LATIN],
  ['ŋ', 'n' + AFTER_LATIN],
  ['Ŋ', 'n' + AFTER_LATIN],
  ['ĸ', 'q' + AFTER_LATIN],
  ['ŧ', 't' + AFTER_LATIN],
  ['Ŧ', 't' + AFTER_LATIN],
  ['þ', 'z' + AFTER_LATIN],
  ['Þ', 'z' + AFTER_LATIN],
  // Cyrillic letters of Ukrainian, Belarusian, Serbian and Macedonian names
  ['ђ', 'д' + AFTER_CYRILLIC],
  ['Ђ', 'д' + AFTER_CYRILLIC],
  ['є', 'е' + AFTER_CYRILLIC],
  ['Є', 'е' + AFTER_CYRILLIC],
  ['ѕ', 'з' + AFTER_CYRILLIC],
  ['Ѕ', 'з' + AFTER_CYRILLIC],
  ['і', 'и' + AFTER_CYRILLIC],
  ['І', 'и' + AFTER_CYRILLIC],
  ['ї', 'и' + AFTER_CYRILLIC],
  ['Ї', 'и' + AFTER_CYRILLIC],
  ['ј', 'й' + AFTER_CYRILLIC],
  ['Ј', 'й' + AFTER_CYRILLIC],
  ['љ', 'л' + AFTER_CYRILLIC],
  ['Љ', 'л' + AFTER_CYRILLIC],
  ['њ', 'н' + AFTER_CYRILLIC],
  ['Њ', 'н' + AFTER_CYRILLIC],
  ['ћ', 'т' + AFTER_CYRILLIC],
  ['Ћ', 'т' + AFTER_CYRILLIC],
  ['џ', 'ч' + AFTER_CYRILLIC],
  ['Џ', 'ч' + AFTER_CYRILLIC],
  // Armenian: the ligature և is ե + վ; the rare presentation ligatures spelled out
  ['և', 'եվ'],
  ['ﬓ', 'մն'],
  ['ﬔ', 'մե'],
  ['ﬕ', 'մի'],
  ['ﬖ', 'վն'],
  ['ﬗ', 'մխ'],
]

/**
 * The one-for-one part, by script: [characters, what each becomes] (SQL's `translate`, applied
 * to a name only when it holds one of the characters). ASCII capitals become small letters
 * before (SQL's `lower` in the "C" collation, which changes nothing else).
 */
function singleFolds(): Array<[string, string]> {
  const latin: [string, string] = ['', '']
  const cyrillic: [string, string] = ['', '']
  const armenian: [string, string] = ['', '']
  const add = (group: [string, string], a: string, b: string) => {
    group[0] += a
    group[1] += b
  }
  // Latin letters with accents (Latin-1, Extended-A and -B, Vietnamese): their base letter
  const expanded = new Set(FOLD_EXPANSIONS.map(([c]) => c))
  for (const [lo, hi] of [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ]) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c)
      if (expanded.has(ch)) continue
      const base = ch.normalize('NFD')
      if (/^[A-Za-z][\u0300-\u036f]+$/.test(base)) add(latin, ch, base[0].toLowerCase())
    }
  }
  // Latin letters that are the same letter at that strength
  add(latin, 'øØłŁđĐðÐħĦŀĿſ', 'oollddddhhlls')
  // Cyrillic: capitals to small letters, ё and ѐ are е, й keeps its own place, ґ is г, ў is у
  for (let c = 0x410; c <= 0x42f; c++) add(cyrillic, String.fromCharCode(c), String.fromCharCode(c + 0x20))
  add(cyrillic, 'ЁёЀѐЍѝҐґЎўӢӣӮӯ', 'ееееииггууииуу')
  // Armenian: capitals to small letters (Ա…Ֆ → ա…ֆ: Unicode keeps the alphabet's order)
  for (let c = 0x531; c <= 0x556; c++) add(armenian, String.fromCharCode(c), String.fromCharCode(c + 0x30))
  return [latin, cyrillic, armenian]
}

/** `translate`'s two strings per script: `from[i]` becomes `to[i]`. */
export const FOLD_GROUPS: ReadonlyArray<readonly [string, string]> = singleFolds()

const ASCII_CAPITALS: Array<[string, string]> = Array.from({ length: 26 }, (_, i) => [
  String.fromCharCode(0x41 + i),
  String.fromCharCode(0x61 + i),
])
const SINGLE = new Map([
  ...ASCII_CAPITALS,
  ...FOLD_GROUPS.flatMap(([from, to]) => [...from].map((c, i): [string, string] => [c, to[i]])),
])
const EXPANSION = new Map(FOLD_EXPANSIONS)

/** A name folded for sorting: NFC, then each character by the tables above (others unchanged). */
export function foldName(name: string): string {
  let out = ''
  for (const ch of name.normalize('NFC')) out += EXPANSION.get(ch) ?? SINGLE.get(ch) ?? ch
  return out
}

/**
 * The first character of a folded name that may be a letter (not a space, digit, punctuation or
 * symbol of ASCII or Latin-1), the same pattern as the migration's.
 */
export const FIRST_LETTER_PATTERN = '[^\\x01-\\x40\\x5b-\\x60\\x7b-\\xbf]'
const FIRST_LETTER = new RegExp(FIRST_LETTER_PATTERN)

/** The script of a folded name's first letter. */
export function scriptOfFolded(folded: string): NameScript | 'other' | null {
  const m = FIRST_LETTER.exec(folded)
  if (!m) return null
  // a letter beyond the BMP shows as its high surrogate here, and counts as 'other' either way
  const c = m[0].charCodeAt(0)
  if (c <= 0x24f) return 'latin'
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic'
  if (c >= 0x531 && c <= 0x58f) return 'armenian'
  return 'other'
}

/** Separates the last name from the first in a key: below every character of a name. */
export const KEY_SEPARATOR = '\u0001'

/**
 * The reader's sort key of a name: the rank of its script in the reader's order ('0' no letter,
 * '1'–'3' the three scripts, '4' any other), the folded last name, the separator, the folded first name.
 */
export function nameSortKey(lastName: string, firstName: string, reader: Locale): string {
  const last = foldName(lastName)
  const first = foldName(firstName)
  const script = scriptOfFolded(last + KEY_SEPARATOR + first)
  const rank = script === null ? 0 : script === 'other' ? 4 : SCRIPT_ORDER[reader].indexOf(script) + 1
  return `${rank}${last}${KEY_SEPARATOR}${first}`
}
