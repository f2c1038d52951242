import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '../../i18n/locale'
import {
  ageCategoryLabel,
  ageCategoryLabelOf,
  ageText,
  dayText,
  flagLabel,
  leaveReasonLabel,
  statusLabel,
  whenText,
  zoneOf,
} from './labels'

afterEach(() => setLocale('en'))

describe('the Clients pages’ words in the language shown', () => {
  it('statuses, reasons and flags come from the catalogue; unknown values stay as they are', () => {
    setLocale('ru')
    expect(statusLabel('paused')).toBe('На паузе')
    expect(leaveReasonLabel('moved')).toBe('Переехал')
    expect(flagLabel('allergy')).toBe('Аллергия')
    expect(flagLabel('needs_review')).toBe('needs review')
    expect(statusLabel('archived')).toBe('archived')
    setLocale('hy')
    expect(statusLabel('active')).toBe('Ակտիվ')
  })

  it('ages by the language’s plural rules', () => {
    setLocale('ru')
    expect([1, 2, 5, 11, 21, 22].map(ageText)).toEqual(['1 год', '2 года', '5 лет', '11 лет', '21 год', '22 года'])
    setLocale('en')
    expect(ageText(1)).toBe('1 year')
    expect(ageText(8)).toBe('8 years')
    expect(ageText(null)).toBe('')
  })

  it('a default age category is translated, one the center named itself keeps its name', () => {
    setLocale('ru')
    expect(ageCategoryLabel({ key: 'adult', label: 'Adult' })).toBe('Взрослые')
    expect(ageCategoryLabelOf('Adult')).toBe('Взрослые')
    expect(ageCategoryLabel({ key: 'adult', label: 'Grown-ups' })).toBe('Grown-ups')
    expect(ageCategoryLabelOf('Seniors')).toBe('Seniors')
  })

  it('days in the language, times in the given zone, 24-hour', () => {
    setLocale('ru')
    expect(dayText('2026-12-03')).toBe('3 дек. 2026 г.')
    const now = new Date('2026-03-03T10:00:00Z')
    expect(whenText('2026-03-03T17:05:00Z', 'Asia/Yerevan', now)).toBe('21:05')
    expect(whenText('2026-03-02T17:05:00Z', 'Asia/Yerevan', now)).toMatch(/2 мар\. 2026 г\.,? 21:05/)
    // no branches loaded: the browser's zone
    expect(zoneOf('any')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
  })
})
