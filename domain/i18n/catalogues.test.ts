import { describe, expect, it } from 'vitest'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { CATALOGUES } from './catalogues'
import { LOCALES, acceptedLanguages, pickLocale } from './locales'
import { translatorFor } from './translator'
import { armenianWithoutIntlData, formatDay, formatList, formatMoney, formatTime } from './format'

/** The parameters a message uses, with their kind (`plural` parameters must be numbers in every language). */
function parameters(elements: MessageFormatElement[], out = new Map<string, string>()): Map<string, string> {
  for (const e of elements) {
    if (e.type === TYPE.argument) out.set(e.value, out.get(e.value) ?? 'text')
    else if (e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) out.set(e.value, TYPE[e.type])
    else if (e.type === TYPE.plural || e.type === TYPE.select) {
      out.set(e.value, e.type === TYPE.plural ? 'plural' : 'select')
      for (const o of Object.values(e.options)) parameters(o.value, out)
    } else if (e.type === TYPE.tag) parameters(e.children, out)
  }
  return out
}

const en = CATALOGUES.en
/** Intl separates groups and symbols with no-break spaces: compare them as spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('the message catalogues', () => {
  it('have the same ids in every language', () => {
    for (const l of LOCALES) expect(Object.keys(CATALOGUES[l]).sort(), l).toEqual(Object.keys(en).sort())
  })

  it('parse as ICU MessageFormat and use the same parameters, of the same kind, as English', () => {
    for (const l of LOCALES)
      for (const [id, text] of Object.entries(CATALOGUES[l])) {
        const mine = parameters(parse(text))
        const source = parameters(parse(en[id as keyof typeof en]))
        expect([...mine].sort(), `${l} ${id}`).toEqual([...source].sort())
      }
  })

  it('leave no message empty and none untranslated where the languages differ', () => {
    for (const l of LOCALES)
      for (const [id, text] of Object.entries(CATALOGUES[l])) expect(text.trim(), `${l} ${id}`).not.toBe('')
  })
})

describe('messages by CLDR plural rules', () => {
  it('Russian: one / few / many', () => {
    const t = translatorFor('ru').t
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => t('lessons.count', { count }))).toEqual([
      '1 занятие',
      '2 занятия',
      '5 занятий',
      '11 занятий',
      '21 занятие',
      '22 занятия',
      '25 занятий',
    ])
  })
  it('English and Armenian', () => {
    expect(translatorFor('en').t('lessons.count', { count: 1 })).toBe('1 lesson')
    expect(translatorFor('en').t('lessons.count', { count: 21 })).toBe('21 lessons')
    expect(translatorFor('hy').t('lessons.count', { count: 3 })).toBe('3 դաս')
  })
  it('renders a stored message (kind + parameters) in each reader’s language', () => {
    const stored = { id: 'lessons.count', params: { count: 5 } } as const
    expect(LOCALES.map((l) => translatorFor(l).render(stored))).toEqual(['5 դաս', '5 занятий', '5 lessons'])
  })
})

describe('the reader’s language', () => {
  it('is the first wanted language we speak', () => {
    expect(pickLocale(acceptedLanguages('de-DE,ru;q=0.8,en;q=0.9'), 'hy')).toBe('en')
    expect(pickLocale(acceptedLanguages('hy-AM'), 'en')).toBe('hy')
    expect(pickLocale(acceptedLanguages('fr'), 'hy')).toBe('hy')
    expect(pickLocale([], 'ru')).toBe('ru')
  })
})

describe('formats', () => {
  it('24-hour times in the branch’s time zone, whole drams, calendar days without a zone shift', () => {
    const at = new Date('2026-12-03T10:05:00Z')
    expect(formatTime(at, 'en', 'Asia/Yerevan')).toBe('14:05')
    expect(formatTime(at, 'ru', 'Europe/Moscow')).toBe('13:05')
    expect(plain(formatMoney(15000, 'AMD', 'hy'))).toBe('15 000 ֏')
    expect(plain(formatMoney(123456, 'RUB', 'ru'))).toBe('1 234,56 ₽')
    expect(formatMoney(123456, 'USD', 'en')).toBe('$1,234.56')
    expect(() => formatMoney(1.5, 'AMD', 'en')).toThrow(RangeError)
    expect(formatDay('2026-01-01', 'en')).toBe('1 Jan 2026')
  })
})

describe('Armenian without the engine’s Armenian data (Debian’s Chromium)', () => {
  it('composes dates, date-times and weekdays exactly as CLDR’s Armenian (Node has it to compare)', () => {
    const zones = ['Asia/Yerevan', 'UTC', 'Europe/Moscow']
    for (let day = 0; day < 400; day += 13)
      for (const tz of zones) {
        const d = new Date(Date.UTC(2026, 0, 1, 20, 45) + day * 86_400_000)
        const native = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('hy-AM', { ...o, timeZone: tz }).format(d)
        expect(armenianWithoutIntlData.date(d, tz)).toBe(native({ day: 'numeric', month: 'short', year: 'numeric' }))
        expect(armenianWithoutIntlData.dateTime(d, tz)).toBe(
          native({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
        )
        expect(armenianWithoutIntlData.weekday(d, tz, 'long')).toBe(native({ weekday: 'long' }))
        expect(armenianWithoutIntlData.weekday(d, tz, 'short')).toBe(native({ weekday: 'short' }))
      }
  })

  it('joins lists exactly as CLDR’s Armenian ("A, B և C"; Debian’s Chromium would say "A, B, and C")', () => {
    const native = new Intl.ListFormat('hy', { type: 'conjunction', style: 'long' })
    for (let n = 0; n <= 4; n++) {
      const items = ['Ani', 'Aram', 'Gohar', 'Lilit'].slice(0, n)
      expect(armenianWithoutIntlData.list(items)).toBe(native.format(items))
    }
    expect(formatList(['A', 'B', 'C'], 'ru')).toBe('A, B и C')
  })
})
