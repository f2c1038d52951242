import { describe, expect, it } from 'vitest'
import { DEFAULT_AGE_CATEGORIES, requiredFieldsFor } from '../../../../domain/clients/rules'
import { categoryFields, categoryProblems, differs, ownLists, requiredIn } from './registration-logic'

describe('registration settings being edited', () => {
  it('accepts the default categories', () => {
    expect(categoryProblems(DEFAULT_AGE_CATEGORIES)).toEqual({})
  })

  it('names each bad field of a category', () => {
    const p = categoryProblems([
      { key: 'a', label: 'A', min: 3, max: 9 },
      { key: 'a', label: '', min: 8, max: 12 },
      { key: '', label: 'C', min: 15, max: 14 },
      { key: 'd', label: 'D', min: 200, max: null },
    ])
    expect(p['ageCategories.1.key'].id).toBe('settings.registration.error.keyDuplicate')
    expect(p['ageCategories.1.label'].id).toBe('settings.registration.error.labelRequired')
    expect(p['ageCategories.1.min']).toEqual({ id: 'settings.registration.error.overlap', params: { name: 'A' } })
    expect(p['ageCategories.2.key'].id).toBe('settings.registration.error.keyRequired')
    expect(p['ageCategories.2.max'].id).toBe('settings.registration.error.maxBelowMin')
    expect(p['ageCategories.3.min'].id).toBe('settings.registration.error.age')
    expect(categoryProblems([]).ageCategories.id).toBe('settings.registration.error.none')
  })

  it('asks for a guardian in the categories under 18 only, and the mandatory fields everywhere', () => {
    const [preschool, , , teen, adult] = DEFAULT_AGE_CATEGORIES
    expect(requiredIn(preschool, 'guardian', [])).toBe(true)
    expect(requiredIn(teen, 'guardian', [])).toBe(true)
    expect(requiredIn(adult, 'guardian', [])).toBe(false)
    expect(requiredIn(adult, 'email', ['email'])).toBe(true)
    expect(requiredIn(preschool, 'email', ['firstName'])).toBe(false)
  })

  it('sees a change, but not a different order of the same fields', () => {
    const a = { requiredFields: ['firstName', 'email'] as const, ageCategories: DEFAULT_AGE_CATEGORIES }
    expect(differs({ ...a, requiredFields: ['email', 'firstName'] }, { ...a, requiredFields: [...a.requiredFields] })).toBe(false)
    expect(differs({ ...a, requiredFields: ['email'] }, { ...a, requiredFields: [...a.requiredFields] })).toBe(true)
  })
})

describe('mandatory fields per age category', () => {
  const center = { requiredFields: ['firstName', 'lastName'] as const, ageCategories: DEFAULT_AGE_CATEGORIES }
  const base = { ...center, requiredFields: [...center.requiredFields] }

  it('a category without a list of its own follows the center’s, as settings saved before did', () => {
    expect(categoryFields(base, 'junior')).toEqual(['firstName', 'lastName'])
    expect(ownLists(base)).toEqual({})
  })

  it('keeps only the lists that differ from the center’s, in the form’s order', () => {
    const s = {
      ...base,
      requiredByCategory: { junior: ['email', 'firstName', 'lastName'] as const, adult: ['lastName', 'firstName'] as const },
    }
    const edited = {
      ...s,
      requiredByCategory: { junior: [...s.requiredByCategory.junior], adult: [...s.requiredByCategory.adult] },
    }
    expect(ownLists(edited)).toEqual({ junior: ['firstName', 'lastName', 'email'] })
    expect(differs(edited, base)).toBe(true)
    expect(differs({ ...base, requiredByCategory: { adult: ['lastName', 'firstName'] } }, base)).toBe(false)
  })

  it('asks a client for the fields of their category by their birth date, else the center’s', () => {
    const s = { ...base, requiredByCategory: { junior: ['firstName', 'email' as const] as Array<'firstName' | 'email'> } }
    expect(requiredFieldsFor(s, '2018-01-01', '2026-12-04')).toEqual(['firstName', 'email'])
    expect(requiredFieldsFor(s, '1990-01-01', '2026-12-04')).toEqual(['firstName', 'lastName'])
    expect(requiredFieldsFor(s, null, '2026-12-04')).toEqual(['firstName', 'lastName'])
    expect(requiredFieldsFor(s, '2018-02-30', '2026-12-04')).toEqual(['firstName', 'lastName'])
  })
})
