import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LOCALES, type Locale } from '../i18n/locales'
import { foldName, nameSortKey } from './sort-key'
import { nameKeySql } from './sort-key-sql'

/** Names of a center in Yerevan: Armenian, Russian (and Ukrainian), Latin with and without accents. */
const NAMES: Array<[string, string]> = [
  ['Հովհաննիսյան', 'Անի'],
  ['Աբրահամյան', 'Լուսինե'],
  ['Սարգսյան', 'Դավիթ'],
  ['Ֆարմանյան', 'Էրիկ'],
  ['Օհանյան', 'Մանե'],
  ['Ղազարյան', 'Արամ'],
  ['Չոբանյան', 'Նարե'],
  ['Տեր-Պետրոսյան', 'Սեդա'],
  ['Բագրատունի', 'Հայկ'],
  ['Ալեքսանյան', 'Գոհար'],
  ['Иванова', 'Анна'],
  ['Иванов', 'Пётр'],
  ['Ёлкин', 'Егор'],
  ['Елисеев', 'Яков'],
  ['Йорданов', 'Илья'],
  ['Исаев', 'Юрий'],
  ['Іваненко', 'Оксана'],
  ['Єрмоленко', 'Тарас'],
  ['Жуков', 'Ґеорг'],
  ['Щербакова', 'Дарья'],
  ['Эминов', 'Ян'],
  ['Мельникова', 'Мария'],
  ['Adams', 'Ben'],
  ['Zimmer', 'Zoe'],
  ['Müller', 'Jörg'],
  ['Mueller', 'Anna'],
  ['Muñoz', 'Íñigo'],
  ['Łukasz', 'Ola'],
  ['Lund', 'Øystein'],
  ['Straße', 'Eva'],
  ['Ström', 'Åsa'],
  ["O'Brien", 'Sean'],
  ['Oberst', 'Karl'],
  ['van der Berg', 'Mia'],
  ['Vanderbilt', 'Cornelius'],
  ['Nguyễn', 'Minh'],
  ['Çelik', 'Emre'],
  ['Yılmaz', 'Elif'],
  ['Hovhannisyan', 'Ani'],
  ['Ivanova', 'Anna'],
  ['Ivanov', 'Pavel'],
  ['Ivanova', 'Anastasia'],
  ['Berg', 'Mia'],
  ['Berg', 'Ben'],
]

const byKey = (reader: Locale, names: Array<[string, string]>) =>
  [...names].sort((a, b) => {
    const x = nameSortKey(a[0], a[1], reader)
    const y = nameSortKey(b[0], b[1], reader)
    return x < y ? -1 : x > y ? 1 : 0
  })

/** ICU's order at primary strength, as the browsers and PostgreSQL's ICU collations have it: last name, then first name. */
function byIcu(reader: Locale, names: Array<[string, string]>) {
  const c = new Intl.Collator(reader, { sensitivity: 'base' })
  return [...names].sort((a, b) => c.compare(a[0], b[0]) || c.compare(a[1], b[1]))
}

describe('the reader’s order of names', () => {
  it('is ICU’s (CLDR’s) order for each reader: own script first, then Latin, Cyrillic, Armenian', () => {
    for (const reader of LOCALES) expect(byKey(reader, NAMES), reader).toEqual(byIcu(reader, NAMES))
    const hy = byKey('hy', NAMES).map((n) => n[0])
    expect(hy.slice(0, 3)).toEqual(['Աբրահամյան', 'Ալեքսանյան', 'Բագրատունի'])
    expect(hy.indexOf('Ֆարմանյան')).toBeLessThan(hy.indexOf('Adams'))
    expect(hy.indexOf('Zimmer')).toBeLessThan(hy.indexOf('Ёлкин'))
    const ru = byKey('ru', NAMES).map((n) => n[0])
    expect(ru.slice(0, 4)).toEqual(['Елисеев', 'Ёлкин', 'Єрмоленко', 'Жуков'])
    expect(ru.indexOf('Zimmer')).toBeLessThan(ru.indexOf('Աբրահամյան'))
    const en = byKey('en', NAMES).map((n) => n[0])
    expect(en.slice(0, 2)).toEqual(['Adams', 'Berg'])
    expect(en.indexOf('Zimmer')).toBeLessThan(en.indexOf('Ёлкин'))
    expect(en.indexOf('Щербакова')).toBeLessThan(en.indexOf('Աբրահամյան'))
  })

  it('ignores case and accents but keeps letters of their own apart', () => {
    expect(foldName('MÜLLER')).toBe('muller')
    expect(foldName('Ёлкин')).toBe(foldName('елкин'))
    expect(foldName('ՀՈՎՀԱՆՆԻՍՅԱՆ')).toBe('հովհաննիսյան')
    expect(foldName('Straße')).toBe('strasse')
    expect(foldName('Nguyễn')).toBe('nguyen')
    // decomposed input is the same name
    expect(foldName('Mu\u0308ller')).toBe('muller')
    expect(foldName('Йорданов')).not.toBe(foldName('Иорданов'))
    const ru = (names: string[]) =>
      byKey(
        'ru',
        names.map((n) => [n, ''] as [string, string]),
      ).map((n) => n[0])
    expect(ru(['Йорданов', 'Исаев', 'Іваненко', 'Кузнецов', 'Ильин'])).toEqual([
      'Ильин',
      'Исаев',
      'Іваненко',
      'Йорданов',
      'Кузнецов',
    ])
    expect(ru(['Жуков', 'Єрмоленко', 'Ефимов'])).toEqual(['Ефимов', 'Єрмоленко', 'Жуков'])
  })

  it('counts և as եվ for every reader (the Armenian rule; ICU’s root order has եւ)', () => {
    expect(foldName('Գևորգյան')).toBe('գեվորգյան')
    const names: Array<[string, string]> = [
      ['Գևորգյան', 'Արամ'],
      ['Գետրոսյան', 'Արամ'],
      ['Գեղամյան', 'Արամ'],
      ['Թադևոսյան', 'Անի'],
      ['Թադեոսյան', 'Անի'],
    ]
    for (const reader of LOCALES) expect(byKey(reader, names), reader).toEqual(byIcu('hy', names))
  })

  it('puts the last name before the first, a shorter name before its continuations, names without letters first', () => {
    const names: Array<[string, string]> = [
      ['Ivanova', 'Anna'],
      ['Ivanov', 'Zakhar'],
      ['', 'Solo'],
      ['42', ''],
      ['Ivanov', 'Boris'],
      ['Ivanov-Petrov', 'Ada'],
    ]
    expect(byKey('en', names)).toEqual([
      ['42', ''],
      ['', 'Solo'],
      ['Ivanov', 'Boris'],
      ['Ivanov', 'Zakhar'],
      ['Ivanov-Petrov', 'Ada'],
      ['Ivanova', 'Anna'],
    ])
  })
})

describe('migration 0012', () => {
  it('holds the SQL of these tables (clubroom_name_fold, clubroom_name_key)', () => {
    const migration = readFileSync(new URL('../../db/migrations/0012_client_search_speed.sql', import.meta.url), 'utf8')
    expect(migration).toContain(nameKeySql())
  })
})
