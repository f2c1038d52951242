import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildStaff } from '../../support/factories'
import { queryRows } from '../../../db/client'
import { listClients, listTuning, type ClientListParams } from '../../../server/modules/clients/queries'
import { searchGrams, searchTerms } from '../../../server/modules/clients/search'
import { forgetSearchSample, renewSearchSample } from '../../../server/modules/clients/search-sample'
import { DEFAULT_AGE_CATEGORIES, todayIso } from '../../../domain/clients/rules'
import { nameSortKey } from '../../../domain/clients/sort-key'
import { LOCALES, type Locale } from '../../../domain/i18n/locales'
import type { RunningServer } from '../../../server/server'
import { login } from '../collab/helpers'

/**
 * The client search in every script (issue #14): Cyrillic and Armenian prefixes, Latin
 * transliterations of both, guardians, terms of one and two letters in each script, and the list
 * sorted in the reader's language — through the API, on PostgreSQL and on PGlite (which has no
 * ICU: the order is the database's generated sort keys on both), and the query itself with its
 * walk budget lowered so that every way (walk, collect) is taken.
 */

const PEOPLE: Array<[string, string, string?]> = [
  ['Anna', 'Ivanova'],
  ['Ben', 'Adams'],
  ['Zoe', 'Zimmer'],
  ['Lena', 'Holzek'],
  ['Jörg', 'Müller'],
  ['Анна', 'Иванова'],
  ['Пётр', 'Иванов'],
  ['Мария', 'Мельникова'],
  ['Ольга', 'Андреева'],
  ['Фёдор', 'Ёлкин'],
  ['Անի', 'Հովհաննիսյան'],
  ['Դավիթ', 'Սարգսյան'],
  ['Լուսինե', 'Աբրահամյան'],
  ['Գոհար', 'Գևորգյան'],
  // a Latin-named child whose guardian writes her name in Cyrillic, one whose guardian writes his in Armenian
  ['Mia', 'Berg', 'Светлана Берг'],
  ['Sona', 'Petrosyan', 'Արամ Պետրոսյան'],
]

describe.each(['postgres', 'pglite'] as const)('client search on %s', (driver) => {
  let database: TestDatabase
  let server: RunningServer
  let cookie: string
  const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

  beforeAll(async () => {
    database = await createTestDatabase(driver)
    await buildStaff(database.db)
    server = await startTestServer(database)
    cookie = await login(server, 'reception')
    let n = 0
    for (const [first, last, guardian] of PEOPLE) {
      const res = await call('POST', '/api/clients', cookie, {
        firstName: first,
        lastName: last,
        birthDate: guardian ? '2016-02-03' : '1990-02-03',
        ...(guardian
          ? { guardians: [{ name: guardian, relation: 'mother', phone: `+7 912 555-01-0${n++}`, canPickUp: true }] }
          : { phone: `+374 91 ${100_000 + 7919 * ++n}` }),
        consent: true,
        confirmNotDuplicate: true,
      })
      if (res.status !== 201) throw new Error(JSON.stringify(res.data))
    }
  })
  afterAll(async () => {
    await server?.close()
    await database?.destroy()
  })

  /** GET /api/clients as a reader of that language: the names in the list's order. */
  async function list(query: string, language = 'en') {
    const res = await fetch(`${server.url}/api/clients?${query}`, { headers: { cookie, 'accept-language': language } })
    const data = (await res.json()) as { items: Array<{ firstName: string; lastName: string }>; nextCursor: string | null }
    expect(res.status, JSON.stringify(data)).toBe(200)
    return { names: data.items.map((i) => `${i.firstName} ${i.lastName}`), nextCursor: data.nextCursor }
  }
  const found = async (q: string, language = 'en') => (await list(`q=${encodeURIComponent(q)}`, language)).names.sort()

  /** What a search must find: every client whose search_text holds each term (the definition, by brute force in code). */
  async function holding(q: string) {
    const rows = await queryRows<{ first_name: string; last_name: string; search_text: string }>(
      database.db,
      sql`select first_name, last_name, search_text from clients where erased_at is null`,
    )
    const terms = searchTerms(q)
    return rows
      .filter((r) => terms.every((t) => r.search_text.includes(t)))
      .map((r) => `${r.first_name} ${r.last_name}`)
      .sort()
  }

  describe('search in every script', () => {
    it('finds Cyrillic names by a Cyrillic prefix, in any case, and only them', async () => {
      expect(await found('ива')).toEqual(['Анна Иванова', 'Пётр Иванов'])
      expect(await found('ИВАН')).toEqual(['Анна Иванова', 'Пётр Иванов'])
      expect(await found('мел')).toEqual(['Мария Мельникова'])
      // a guardian's Cyrillic name finds the Latin-named child
      expect(await found('светлана')).toEqual(['Mia Berg'])
    })

    it('finds them with another filter too (collected at once), and none of another status', async () => {
      const res = await call('GET', `/api/clients?q=${encodeURIComponent('Հով')}`, cookie)
      const status = res.data.items[0].status as string
      expect((await list(`q=${encodeURIComponent('Հով')}&status=${status}`)).names).toEqual(['Անի Հովհաննիսյան'])
      expect((await list(`q=${encodeURIComponent('ива')}&status=${status}`)).names.sort()).toEqual([
        'Анна Иванова',
        'Пётр Иванов',
      ])
      expect((await list(`q=${encodeURIComponent('ива')}&status=${status === 'left' ? 'lead' : 'left'}`)).names).toEqual([])
    })

    it('finds Armenian names by an Armenian prefix, capitalised or not', async () => {
      expect(await found('Հով')).toEqual(['Անի Հովհաննիսյան'])
      expect(await found('սար')).toEqual(['Դավիթ Սարգսյան'])
      expect(await found('յան')).toEqual(
        ['Դավիթ Սարգսյան', 'Լուսինե Աբրահամյան', 'Անի Հովհաննիսյան', 'Գոհար Գևորգյան', 'Sona Petrosyan'].sort(),
      )
    })

    it('finds a child by a guardian’s name, in the guardian’s script and in Latin letters', async () => {
      expect(await found('Արամ')).toEqual(['Sona Petrosyan'])
      expect(await found('aram petrosyan')).toEqual(['Sona Petrosyan'])
      expect(await found('Светлана Берг')).toEqual(['Mia Berg'])
      expect(await found('svetlana')).toEqual(['Mia Berg'])
    })

    it('finds Armenian and Cyrillic names by their Latin transliteration', async () => {
      expect(await found('Hovhannisyan')).toEqual(['Անի Հովհաննիսյան'])
      expect(await found('sargsyan')).toEqual(['Դավիթ Սարգսյան'])
      expect(await found('ani hovh')).toEqual(['Անի Հովհաննիսյան'])
      expect(await found('gevorgyan')).toEqual(['Գոհար Գևորգյան'])
      // the Latin Ivanova and the Cyrillic one alike
      expect(await found('ivanova')).toEqual(['Anna Ivanova', 'Анна Иванова'])
      expect(await found('andreyeva')).toEqual(['Ольга Андреева'])
      expect(await found('elkin')).toEqual(['Фёдор Ёлкин'])
    })

    it('finds by one or two letters in each script (through their grams), the same clients as the terms themselves', async () => {
      expect(await found('ժ')).toEqual([])
      expect(await found('մե')).toEqual([])
      expect(await found('ов')).toEqual(['Анна Иванова', 'Мария Мельникова', 'Пётр Иванов'])
      expect(await found('ց')).toEqual([])
      expect(await found('ն')).toEqual(
        ['Անի Հովհաննիսյան', 'Դավիթ Սարգսյան', 'Լուսինե Աբրահամյան', 'Գոհար Գևորգյան', 'Sona Petrosyan'].sort(),
      )
      expect(await found('zi')).toEqual(['Zoe Zimmer'])
      // inside a word, and in a transliteration only
      expect(await found('ze')).toEqual(['Lena Holzek'])
      expect(await found('gs')).toEqual(['Դավիթ Սարգսյան'])
      expect(await found('ար')).toEqual(['Դավիթ Սարգսյան', 'Գոհար Գևորգյան', 'Sona Petrosyan'].sort())
      expect(await found('ü')).toEqual(['Jörg Müller'])
      // every letter and pair of letters of every name, and terms of one or two characters that are not letters
      const rows = await queryRows<{ n: string }>(
        database.db,
        sql`select lower(first_name || ' ' || last_name) as n from clients`,
      )
      const short = new Set(['7', '91', '-0', '+', 'a7', 'ǂ'])
      for (const { n } of rows)
        for (const word of n.split(' ')) {
          const chars = [...word]
          chars.forEach((c, i) => {
            short.add(c)
            if (i + 1 < chars.length) short.add(c + chars[i + 1])
          })
        }
      for (const q of short) expect(await found(q), q).toEqual(await holding(q))
    })

    it('gives the same pages whichever way the query takes (walk, or collect; walks of a row or two; as the sample decides)', async () => {
      const today = todayIso()
      const pages = async (q: string, locale: Locale, limit: number) => {
        const out: string[] = []
        let cursor: string | undefined
        for (let i = 0; i < 30; i++) {
          const p: ClientListParams = { sort: 'name', limit, q, locale, cursor }
          const { rows, nextCursor } = await listClients(database.db, p, DEFAULT_AGE_CATEGORIES, today)
          out.push(...rows.map((r) => r.lastName))
          if (!nextCursor) break
          cursor = nextCursor
        }
        return out
      }
      const cases = ['ива', 'ի', 'ан', 'yan', 'а', 'n', 'ivanova', 'ze', '7', 'ann', 'berg']
      const full: string[][] = []
      for (const q of cases) for (const l of LOCALES) full.push(await pages(q, l, 50))
      const saved = { ...listTuning }
      const same = async (mode: string) => {
        let i = 0
        for (const q of cases)
          for (const l of LOCALES) {
            const want = full[i++]
            expect(await pages(q, l, 2), `${q} ${l} ${mode}`).toEqual(want)
            expect(await pages(q, l, 1), `${q} ${l} ${mode}`).toEqual(want)
          }
      }
      try {
        // walks of one and two rows, the sample not asked: most pages are collected
        listTuning.useSample = false
        for (const budget of [1, 2]) {
          listTuning.searchWalkBudget = budget
          await same(`walk ${budget}`)
        }
        // the sample (all of these clients) decides; then it always says "walk", then always "collect"
        Object.assign(listTuning, saved)
        await renewSearchSample(database.db)
        await same('estimated')
        listTuning.collectRowCost = 1e9
        await same('always walk')
        Object.assign(listTuning, saved, { walkRowCost: 1e9 })
        await same('always collect')
      } finally {
        Object.assign(listTuning, saved)
        forgetSearchSample(database.db)
      }
      // and the pages hold what they should
      expect(full[cases.indexOf('ива') * 3].sort()).toEqual(['Иванов', 'Иванова'])
      expect(full[cases.indexOf('ze') * 3]).toEqual(['Holzek'])
      expect(full[cases.indexOf('berg') * 3]).toEqual(['Berg'])
    })

    it('keeps the grams of every word in search_text, as the SQL function of migration 0012 writes them', async () => {
      const texts = [
        'anna ivanova +49 151 1234567 491511234567',
        'անի հովհաննիսյան +374 91 123456 37491123456 ani hovhannisyan',
        'пётр иванов o’brien ter-petrosyan a b ǂ x7y',
        '',
      ]
      for (const t of texts) {
        const [{ g }] = await queryRows<{ g: string }>(database.db, sql`select clubroom_search_grams(${t}) as g`)
        expect(g, t).toBe(searchGrams(t))
      }
      expect(searchGrams('anna ab')).toBe('ǂǂa ǂan ǂǂn ǂnn ǂna ǂab ǂǂb')
      const rows = await queryRows<{ search_text: string }>(database.db, sql`select search_text from clients`)
      for (const { search_text } of rows) {
        const words = search_text.slice(0, search_text.indexOf(' ǂ'))
        expect(search_text).toBe(`${words} ${searchGrams(words)}`)
      }
    })
  })

  describe('the order of the reader’s language', () => {
    it('keeps each client’s sort keys as nameSortKey has them', async () => {
      const rows = await queryRows<{ first_name: string; last_name: string; hy: string; ru: string; en: string }>(
        database.db,
        sql`select first_name, last_name, sort_key_hy as hy, sort_key_ru as ru, sort_key_en as en from clients`,
      )
      expect(rows.length).toBeGreaterThanOrEqual(PEOPLE.length)
      for (const r of rows)
        for (const l of LOCALES) expect(r[l], `${r.last_name} ${l}`).toBe(nameSortKey(r.last_name, r.first_name, l))
      const tricky: Array<[string, string]> = [
        ['Straße', 'Ærø'],
        ['Іваненко', 'Їжак'],
        ['ԹԱԴԵՎՈՍՅԱՆ', 'ﬓ'],
        ['Nguyễn', 'Thị'],
        ['Mu\u0308ller', ''],
        ['', ''],
        ['42', 'ß'],
      ]
      for (const [last, first] of tricky)
        for (const l of LOCALES) {
          const [{ k }] = await queryRows<{ k: string }>(database.db, sql`select clubroom_name_key(${last}, ${first}, ${l}) as k`)
          expect(k, `${last} ${first} ${l}`).toBe(nameSortKey(last, first, l))
        }
    })

    it('sorts Armenian names first for an Armenian reader, Cyrillic for a Russian one, Latin for an English one', async () => {
      const hy = (await list('limit=50', 'hy')).names
      const ru = (await list('limit=50', 'ru')).names
      const en = (await list('limit=50', 'en')).names
      expect(hy.slice(0, 5)).toEqual(['Լուսինե Աբրահամյան', 'Գոհար Գևորգյան', 'Անի Հովհաննիսյան', 'Դավիթ Սարգսյան', 'Ben Adams'])
      expect(ru.slice(0, 6)).toEqual([
        'Ольга Андреева',
        'Фёдор Ёлкин',
        'Пётр Иванов',
        'Анна Иванова',
        'Мария Мельникова',
        'Ben Adams',
      ])
      expect(en.slice(0, 8)).toEqual([
        'Ben Adams',
        'Mia Berg',
        'Lena Holzek',
        'Anna Ivanova',
        'Jörg Müller',
        'Sona Petrosyan',
        'Zoe Zimmer',
        'Ольга Андреева',
      ])
      expect(hy.slice(-5)).toEqual(['Ольга Андреева', 'Фёдор Ёлкин', 'Пётр Иванов', 'Анна Иванова', 'Мария Мельникова'])
      expect(en.slice(-4)).toEqual(['Լուսինե Աբրահամյան', 'Գոհար Գևորգյան', 'Անի Հովհաննիսյան', 'Դավիթ Սարգսյան'])
      // and a search in the same order
      const an = await holding('an')
      expect((await list(`q=${encodeURIComponent('an')}`, 'hy')).names).toEqual(hy.filter((n) => an.includes(n)))
    })

    it('pages through a reader’s order with its cursor, and refuses that cursor in another reader’s order', async () => {
      for (const reader of LOCALES) {
        const all = (await list('limit=50', reader)).names
        const paged: string[] = []
        let cursor: string | null = null
        for (let i = 0; i < 20; i++) {
          const page: { names: string[]; nextCursor: string | null } = await list(
            `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            reader,
          )
          paged.push(...page.names)
          cursor = page.nextCursor
          if (!cursor) break
        }
        expect(paged, reader).toEqual(all)
      }
      const first = await list('limit=3', 'hy')
      const res = await fetch(`${server.url}/api/clients?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`, {
        headers: { cookie, 'accept-language': 'ru' },
      })
      expect(res.status).toBe(400)
    })

    // PGlite has no ICU to compare with
    if (driver === 'postgres')
      it('is the order of PostgreSQL’s ICU collation of the reader’s language', async () => {
        for (const reader of LOCALES) {
          const coll = sql.raw(`"${reader}-x-icu"`)
          // Գևորգյան aside: և is եվ for every reader (ICU's root order has եւ)
          const icu = await queryRows<{ id: string }>(
            database.db,
            sql`select id from clients where last_name not like '%և%' order by last_name collate ${coll}, first_name collate ${coll}, id`,
          )
          const keys = await queryRows<{ id: string }>(
            database.db,
            sql`select id from clients where last_name not like '%և%' order by ${sql.raw(`sort_key_${reader}`)}, id`,
          )
          expect(keys, reader).toEqual(icu)
        }
      })
  })
})
