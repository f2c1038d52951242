import { describe, expect, it } from 'vitest'
import { nameSortKey } from '../../../domain/clients/sort-key'
import { listTuning, walkBudgetFor } from './queries'
import { searchTextOf, termNeedle } from './search'
import { estimateSearch, sampleFrom } from './search-sample'

/** A sample row as the sample's query reads it: search_text with its grams, the readers' keys, created_at in padded µs. */
function row(i: number, first: string, last: string) {
  const micros = 1_700_000_000_000_000 + i * 1_000_000
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    text: searchTextOf(first, last, null, []),
    hy: nameSortKey(last, first, 'hy'),
    ru: nameSortKey(last, first, 'ru'),
    en: nameSortKey(last, first, 'en'),
    created: (BigInt(micros) + 100_000_000_000_000_000n).toString().padStart(20, '0'),
  }
}

// 30 Armenian names, then 60 Latin ones (every third a Berg), then 10 Cyrillic
const rows = [
  ...Array.from({ length: 30 }, (_, i) => row(i, 'Անի', `Սարգսյան${String.fromCharCode(0x561 + (i % 20))}`)),
  ...Array.from({ length: 60 }, (_, i) => row(100 + i, 'Mia', i % 3 === 0 ? 'Berg' : `Adams${i}`)),
  ...Array.from({ length: 10 }, (_, i) => row(200 + i, 'Анна', 'Мельникова')),
]

describe('the clients’ sample', () => {
  const whole = sampleFrom(rows.length, rows)

  it('counts the matches of every term, as LIKE on search_text finds them (one or two letters too)', () => {
    const count = (terms: string[]) => estimateSearch(whole, terms, { sort: 'name', reader: 'en' }, null, null, 1).matches
    // the definition: search_text holds every term's pattern (a term of one or two letters: its gram)
    const holding = (terms: string[]) => rows.filter((r) => terms.every((t) => r.text.includes(termNeedle(t)))).length
    for (const terms of [
      ['berg'],
      ['be'],
      ['b'],
      ['mia', 'berg'],
      ['мел'],
      ['ме'],
      ['սար'],
      ['ս'],
      ['sargsyan'],
      ['melnikova'],
      ['qqq'],
      ['an'],
      ['a', 'n'],
    ])
      expect(count(terms), terms.join(' ')).toBe(holding(terms))
    expect(count(['berg'])).toBe(20)
    expect(count(['мел'])).toBe(10)
    // the Latin transliteration of the Armenian and Cyrillic names is in their text
    expect(count(['sargsyan'])).toBe(30)
    expect(count(['melnikova'])).toBe(10)
  })

  it('says how far the walk goes in the reader’s order before the page is full', () => {
    const walk = (reader: 'hy' | 'ru' | 'en', need: number, script: 'cyrillic' | null = null, terms = ['berg']) =>
      estimateSearch(whole, terms, { sort: 'name', reader }, script, null, need).walkRows
    // an English reader: Latin first (Adams… then Berg…: 40 Adams before the first Berg)
    expect(walk('en', 1)).toBe(41)
    expect(walk('en', 20)).toBe(60)
    // an Armenian reader passes the 30 Armenian names first, a Russian one the 10 Cyrillic ones
    expect(walk('hy', 1)).toBe(71)
    expect(walk('ru', 1)).toBe(51)
    // more than there are: the walk cannot fill the page
    expect(walk('en', 21)).toBeNull()
    // a query in Cyrillic walks only the rows that hold Cyrillic letters
    expect(walk('hy', 3, 'cyrillic', ['мел'])).toBe(3)
  })

  it('walks after the cursor, in the name order and newest first', () => {
    const byName = whole.byName.en.map((i) => whole.rows[i])
    const tenth = byName[9]
    expect(
      estimateSearch(whole, ['berg'], { sort: 'name', reader: 'en' }, null, { key: tenth.key.en, id: tenth.id }, 1).walkRows,
    ).toBe(31)
    // newest first: the Cyrillic rows (200…209) are the newest, then the Latin ones from the last (157 is the newest Berg)
    const newest = whole.byNewest.map((i) => whole.rows[i])
    expect(newest[0].id.endsWith('209')).toBe(true)
    expect(estimateSearch(whole, ['berg'], { sort: 'newest', reader: 'en' }, null, null, 1).walkRows).toBe(13)
    const after = newest[12]
    expect(
      estimateSearch(whole, ['berg'], { sort: 'newest', reader: 'en' }, null, { key: after.created, id: after.id }, 1).walkRows,
    ).toBe(3)
  })

  it('scales a sample up to the whole table', () => {
    const half = sampleFrom(rows.length * 2, rows)
    const est = estimateSearch(half, ['berg'], { sort: 'name', reader: 'en' }, null, null, 2)
    expect(est).toEqual({ matches: 40, walkRows: 82 })
  })

  it('walks when that costs less than collecting every match, twice as far as it expects, else collects at once', () => {
    const { walkRowCost, collectRowCost, collectCost } = listTuning
    const even = (collectRowCost * 1000 + collectCost) / walkRowCost
    expect(walkBudgetFor({ matches: 1000, walkRows: Math.floor(even) }, 50)).toBe(Math.floor(even) * 2 + 50)
    expect(walkBudgetFor({ matches: 1000, walkRows: Math.ceil(even) + 1 }, 50)).toBe(0)
    expect(walkBudgetFor({ matches: 10, walkRows: null }, 50)).toBe(0)
  })
})
