import { describe, expect, it } from 'vitest'
import { translatorFor } from '../../../domain/i18n/translator'
import { waitParams } from './retry-wait'

const say = (lang: 'en' | 'ru' | 'hy', seconds: number) => translatorFor(lang).t('common.error.tooMany', waitParams(seconds))

describe('the wait before another attempt, as a person says it', () => {
  it('rounds to the unit a person would use', () => {
    expect(waitParams(12)).toEqual({ unit: 'second', count: 12 })
    expect(waitParams(60)).toEqual({ unit: 'minute', count: 1 })
    expect(waitParams(847)).toEqual({ unit: 'minute', count: 15 })
    expect(waitParams(7200)).toEqual({ unit: 'hour', count: 2 })
  })

  it('says it in English, Russian and Armenian, never as a count of seconds', () => {
    expect(say('en', 847)).toBe('Too many attempts. Try again in about 15 minutes.')
    expect(say('en', 61)).toBe('Too many attempts. Try again in about 2 minutes.')
    expect(say('en', 45)).toBe('Too many attempts. Try again in 45 seconds.')
    expect(say('en', 1)).toBe('Too many attempts. Try again in 1 second.')
    expect(say('en', 3600)).toBe('Too many attempts. Try again in about an hour.')
    expect(say('ru', 847)).toBe('Слишком много попыток. Повторите примерно через 15 минут.')
    expect(say('ru', 21 * 60)).toBe('Слишком много попыток. Повторите примерно через 21 минуту.')
    expect(say('ru', 3 * 60)).toBe('Слишком много попыток. Повторите примерно через 3 минуты.')
    expect(say('ru', 3600)).toBe('Слишком много попыток. Повторите примерно через час.')
    expect(say('hy', 847)).toBe('Չափազանց շատ փորձեր։ Կրկին փորձեք մոտ 15 րոպե հետո։')
    expect(say('hy', 30)).toBe('Չափազանց շատ փորձեր։ Կրկին փորձեք 30 վայրկյան հետո։')
    for (const lang of ['en', 'ru', 'hy'] as const) expect(say(lang, 847)).not.toMatch(/847|\bs\b| с\b| վ\b/)
  })
})
