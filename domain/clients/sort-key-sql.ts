import { LOCALES } from '../i18n/locales'
import { FIRST_LETTER_PATTERN, FOLD_EXPANSIONS, FOLD_GROUPS, KEY_SEPARATOR, SCRIPT_ORDER, type NameScript } from './sort-key'

/**
 * The SQL of `nameSortKey` (sort-key.ts): the functions migration 0012 creates, written out from
 * the same tables. A migration never changes once applied, so this is not run at start: the test
 * (sort-key.test.ts) checks that the migration holds exactly this text, and the integration tests
 * that the database's keys are `nameSortKey`'s.
 */

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`

/** The code points of each script's first letters, as `scriptOfFolded` tells them apart. */
const SCRIPT_RANGES: Record<NameScript, string> = {
  latin: 'c <= 591',
  cyrillic: 'c BETWEEN 1024 AND 1327',
  armenian: 'c BETWEEN 1329 AND 1423',
}

/**
 * Two PL/pgSQL functions (their expressions are planned once per session; a name is folded in
 * microseconds): each step runs only on a name holding one of its characters, and `translate`
 * gets one script's characters at a time (it looks every character up in its whole list).
 */
export function nameKeySql(): string {
  const replaced = FOLD_EXPANSIONS.reduce((inner, [from, to]) => `replace(${inner}, ${quote(from)}, ${quote(to)})`, 's')
  const any = (chars: string) => quote(`[${chars}]`)
  const rank = (script: NameScript) =>
    `CASE reader ${LOCALES.map((l) => `WHEN '${l}' THEN '${SCRIPT_ORDER[l].indexOf(script) + 1}'`).join(' ')} END`
  const scripts = (Object.keys(SCRIPT_RANGES) as NameScript[]).map((s) => `    WHEN ${SCRIPT_RANGES[s]} THEN ${rank(s)}`)
  if (KEY_SEPARATOR !== '\u0001') throw new Error('the separator is chr(1) in SQL')
  return [
    `CREATE FUNCTION clubroom_name_fold(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$`,
    `DECLARE`,
    `  s text := lower(normalize(name, NFC) COLLATE "C");`,
    `BEGIN`,
    `  IF s ~ ${any(FOLD_EXPANSIONS.map(([c]) => c).join(''))} THEN`,
    `    s := ${replaced};`,
    `  END IF;`,
    ...FOLD_GROUPS.flatMap(([from, to]) => [
      `  IF s ~ ${any(from)} THEN`,
      `    s := translate(s, ${quote(from)}, ${quote(to)});`,
      `  END IF;`,
    ]),
    `  RETURN s;`,
    `END`,
    `$fn$;--> statement-breakpoint`,
    `CREATE FUNCTION clubroom_name_key(last_name text, first_name text, reader text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$`,
    `DECLARE`,
    `  k text := clubroom_name_fold(coalesce(last_name, '')) || chr(1) || clubroom_name_fold(coalesce(first_name, ''));`,
    `  c int := ascii(substring(k FROM ${quote(FIRST_LETTER_PATTERN)}));`,
    `BEGIN`,
    `  RETURN (CASE`,
    `    WHEN c IS NULL THEN '0'`,
    ...scripts,
    `    ELSE '4' END) || k;`,
    `END`,
    `$fn$;--> statement-breakpoint`,
  ].join('\n')
}
