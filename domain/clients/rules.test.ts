import { describe, expect, it } from 'vitest'
import { DEFAULT_REQUIRED_FIELDS, ageCategoryOf, ageOn, birthDateProblem, phoneDigits, registrationProblems } from './rules'

const TODAY = '2026-11-27'

describe('client rules', () => {
  it('computes age on a date, counting the birthday', () => {
    expect(ageOn('2016-11-27', TODAY)).toBe(10)
    expect(ageOn('2016-11-28', TODAY)).toBe(9)
    expect(ageOn('2008-11-27', TODAY)).toBe(18)
  })

  it('maps ages to the default categories', () => {
    expect(ageCategoryOf(4)?.label).toBe('3–5')
    expect(ageCategoryOf(9)?.label).toBe('6–9')
    expect(ageCategoryOf(13)?.label).toBe('10–13')
    expect(ageCategoryOf(17)?.label).toBe('14–17')
    expect(ageCategoryOf(40)?.key).toBe('adult')
    expect(ageCategoryOf(1)).toBeNull()
    expect(ageCategoryOf(null)).toBeNull()
  })

  it('refuses future, pre-1900 and impossible birth dates', () => {
    expect(birthDateProblem('2027-01-01', TODAY)).toMatch(/future/)
    expect(birthDateProblem('1899-12-31', TODAY)).toMatch(/1900/)
    expect(birthDateProblem('2015-02-30', TODAY)).toMatch(/real date/)
    expect(birthDateProblem('15.02.2015', TODAY)).toMatch(/format/)
    expect(birthDateProblem('2015-02-28', TODAY)).toBeNull()
  })

  it('normalises phones and refuses malformed ones', () => {
    expect(phoneDigits('+49 (30) 555-0123')).toBe('49305550123')
    expect(phoneDigits('call me')).toBeNull()
    expect(phoneDigits('12')).toBeNull()
    expect(phoneDigits('+1 234 567 890 123 456 7')).toBeNull()
  })

  it('requires a guardian for a minor and names the field', () => {
    const p = registrationProblems(
      { firstName: 'Mia', lastName: 'Kern', birthDate: '2018-03-01', consent: true, guardians: [] },
      DEFAULT_REQUIRED_FIELDS,
      TODAY,
    )
    expect(p.guardians).toMatch(/under 18/)
    const ok = registrationProblems(
      {
        firstName: 'Mia',
        lastName: 'Kern',
        birthDate: '2018-03-01',
        consent: true,
        guardians: [{ name: 'Eva Kern', relation: 'mother', phone: '+49 170 1234567' }],
      },
      DEFAULT_REQUIRED_FIELDS,
      TODAY,
    )
    expect(ok).toEqual({})
  })

  it('requires the configured fields and a phone of the client or a guardian', () => {
    const p = registrationProblems(
      { firstName: ' ', birthDate: '1990-01-01', email: 'not-an-email' },
      DEFAULT_REQUIRED_FIELDS,
      TODAY,
    )
    expect(Object.keys(p).sort()).toEqual(['consent', 'email', 'firstName', 'lastName', 'phone'])
    const lax = registrationProblems({ firstName: 'A', lastName: 'B' }, ['firstName', 'lastName'], TODAY)
    expect(lax).toEqual({})
  })

  it('checks every guardian field', () => {
    const p = registrationProblems(
      {
        firstName: 'A',
        lastName: 'B',
        birthDate: '2015-01-01',
        consent: true,
        guardians: [{ name: '', relation: '', phone: 'abc', email: 'x@' }],
      },
      DEFAULT_REQUIRED_FIELDS,
      TODAY,
    )
    expect(Object.keys(p).sort()).toEqual([
      'guardians.0.email',
      'guardians.0.name',
      'guardians.0.phone',
      'guardians.0.relation',
      'phone',
    ])
  })
})
