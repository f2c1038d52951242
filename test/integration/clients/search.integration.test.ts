import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildStaff } from '../../support/factories'
import { queryRows } from '../../../db/client'
import { listClients, listTuning, type ClientListParams } from '../../../server/modules/clients/queries'
import { DEFAULT_AGE_CATEGORIES, todayIso } from '../../../domain/clients/rules'
import type { RunningServer } from '../../../server/server'
import { login } from '../collab/helpers'

/**
 * The client search in every script (issue #14): Cyrillic and Armenian prefixes, Latin
 * transliterations of both, terms of one and two letters, and the list sorted in the reader's
 * language (ICU collations where PostgreSQL has them) — through the API, and the query itself
 * with its walk budgets lowered so that every way (walk, collect) is taken.
 */

let database: TestDatabase
let server: RunningServer
let cookie: string
const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)

const PEOPLE: Array<[string, string, string?]> = [
  ['Anna', 'Ivanova'],
  ['Ben', 'Adams'],
  ['Zoe', 'Zimmer'],
  ['Анна', 'Иванова'],
  ['Пётр', 'Иванов'],
  ['Мария', 'Мельникова'],
  ['Ольга', 'Андреева'],
  ['Անի', 'Հովհաննիսյան'],
  ['Դավիթ', 'Սարգսյան'],
  ['Լուսինե', 'Աբրահամյան'],
  // a Latin-named child whose guardian writes her name in Cyrillic
  ['Mia', 'Berg', 'Светлана Берг'],
]

let icu = false

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  cookie = await login(server, 'reception')
  for (const [first, last, guardian] of PEOPLE) {
    const res = await call('POST', '/api/clients', cookie, {
      firstName: first,
      lastName: last,
      birthDate: guardian ? '2016-02-03' : '1990-02-03',
      ...(guardian
        ? { guardians: [{ name: guardian, relation: 'mother', phone: '+7 912 555-01-02', canPickUp: true }] }
        : { phone: `+374 91 ${Math.floor(100_000 + Math.random() * 899_999)}` }),
      consent: true,
      confirmNotDuplicate: true,
    })
    if (res.status !== 201) throw new Error(JSON.stringify(res.data))
  }
  icu =
    (
      await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from pg_collation where collname in ('hy-x-icu', 'ru-x-icu', 'en-x-icu')`,
      )
    )[0].n === 3
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
    expect((await list(`q=${encodeURIComponent('ива')}&status=${status}`)).names.sort()).toEqual(['Анна Иванова', 'Пётр Иванов'])
    expect((await list(`q=${encodeURIComponent('ива')}&status=${status === 'left' ? 'lead' : 'left'}`)).names).toEqual([])
  })

  it('finds Armenian names by an Armenian prefix, capitalised or not', async () => {
    expect(await found('Հով')).toEqual(['Անի Հովհաննիսյան'])
    expect(await found('սար')).toEqual(['Դավիթ Սարգսյան'])
    expect(await found('յան')).toEqual(['Դավիթ Սարգսյան', 'Լուսինե Աբրահամյան', 'Անի Հովհաննիսյան'].sort())
  })

  it('finds Armenian and Cyrillic names by their Latin transliteration', async () => {
    expect(await found('Hovhannisyan')).toEqual(['Անի Հովհաննիսյան'])
    expect(await found('sargsyan')).toEqual(['Դավիթ Սարգսյան'])
    expect(await found('ani hovh')).toEqual(['Անի Հովհաննիսյան'])
    // the Latin Ivanova and the Cyrillic one alike
    expect(await found('ivanova')).toEqual(['Anna Ivanova', 'Анна Иванова'])
    expect(await found('andreyeva')).toEqual(['Ольга Андреева'])
    expect(await found('svetlana')).toEqual(['Mia Berg'])
  })

  it('finds by one or two letters in each script', async () => {
    expect(await found('ժ')).toEqual([])
    expect(await found('մե')).toEqual([])
    expect(await found('ов')).toEqual(['Анна Иванова', 'Мария Мельникова', 'Пётр Иванов'])
    expect(await found('ց')).toEqual([])
    expect(await found('ն')).toEqual(['Անի Հովհաննիսյան', 'Դավիթ Սարգսյան', 'Լուսինե Աբրահամյան'].sort())
    expect(await found('zi')).toEqual(['Zoe Zimmer'])
  })

  it('gives the same pages whichever way the query takes (walk or collect, budgets of 1 and 2 rows)', async () => {
    const today = todayIso()
    const pages = async (q: string, locale: 'hy' | 'ru' | 'en', limit: number) => {
      const out: string[] = []
      let cursor: string | undefined
      for (let i = 0; i < 20; i++) {
        const p: ClientListParams = { sort: 'name', limit, q, locale, cursor }
        const { rows, nextCursor } = await listClients(database.db, p, DEFAULT_AGE_CATEGORIES, today)
        out.push(...rows.map((r) => r.lastName))
        if (!nextCursor) break
        cursor = nextCursor
      }
      return out
    }
    const cases = ['ива', 'ի', 'ан', 'yan', 'а', 'n', 'ivanova']
    const locales = ['hy', 'ru', 'en'] as const
    const full = []
    for (const q of cases) for (const l of locales) full.push(await pages(q, l, 50))
    const saved = { ...listTuning }
    try {
      listTuning.searchWalkBudget = 1
      listTuning.shortWalkBudget = 2
      let i = 0
      for (const q of cases)
        for (const l of locales) {
          const want = full[i++]
          expect(await pages(q, l, 2), `${q} ${l}`).toEqual(want)
          expect(await pages(q, l, 1), `${q} ${l}`).toEqual(want)
        }
    } finally {
      Object.assign(listTuning, saved)
    }
    // and the pages hold what they should
    expect(full[cases.indexOf('ива') * 3].sort()).toEqual(['Иванов', 'Иванова'])
  })
})

describe('the order of the reader’s language', () => {
  it('sorts Armenian names first for an Armenian reader, Cyrillic for a Russian one, Latin for an English one (ICU)', async () => {
    const hy = (await list('limit=50', 'hy')).names
    const ru = (await list('limit=50', 'ru')).names
    const en = (await list('limit=50', 'en')).names
    if (icu) {
      expect(hy.slice(0, 3)).toEqual(['Լուսինե Աբրահամյան', 'Անի Հովհաննիսյան', 'Դավիթ Սարգսյան'])
      expect(ru.slice(0, 4)).toEqual(['Ольга Андреева', 'Пётр Иванов', 'Анна Иванова', 'Мария Мельникова'])
      expect(en.slice(0, 4)).toEqual(['Ben Adams', 'Mia Berg', 'Anna Ivanova', 'Zoe Zimmer'])
    } else {
      // no ICU: the database's own order for everybody
      expect(hy).toEqual(en)
      expect(ru).toEqual(en)
    }
  })

  it('pages through a reader’s order with its cursor, and refuses that cursor in another reader’s order', async () => {
    const all = (await list('limit=50', 'hy')).names
    const paged: string[] = []
    let cursor: string | null = null
    for (let i = 0; i < 20; i++) {
      const page: { names: string[]; nextCursor: string | null } = await list(
        `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        'hy',
      )
      paged.push(...page.names)
      cursor = page.nextCursor
      if (!cursor) break
    }
    expect(paged).toEqual(all)
    const first = await list('limit=3', 'hy')
    const res = await fetch(`${server.url}/api/clients?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`, {
      headers: { cookie, 'accept-language': 'ru' },
    })
    expect(res.status).toBe(icu ? 400 : 200)
  })
})
