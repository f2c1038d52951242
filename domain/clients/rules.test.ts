import { describe, expect, it } from 'vitest'
import { isMessageId } from '../i18n/catalogue'
import {
  DEFAULT_REQUIRED_FIELDS,
  ageCategoryOf,
  ageOn,
  birthDateProblem,
  phoneDigits,
  recordDateProblem,
  registrationProblems,
} from './rules'

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

  it('refuses future, pre-1900 and impossible birth dates, naming the message', () => {
    expect(birthDateProblem('2027-01-01', TODAY)).toBe('errors.clients.birthDateFuture')
    expect(birthDateProblem('1899-12-31', TODAY)).toBe('errors.clients.birthDateBefore1900')
    expect(birthDateProblem('2015-02-30', TODAY)).toBe('errors.clients.dateNotReal')
    expect(birthDateProblem('15.02.2015', TODAY)).toBe('errors.clients.dateFormat')
    expect(birthDateProblem('2015-02-28', TODAY)).toBeNull()
    expect(birthDateProblem(TODAY, TODAY)).toBeNull()
  })

  it('refuses a record dated in the future or on no real day, but not before 1900', () => {
    expect(recordDateProblem('2026-11-28', TODAY)).toBe('errors.clients.dateFuture')
    expect(recordDateProblem('2026-02-29', TODAY)).toBe('errors.clients.dateNotReal')
    expect(recordDateProblem('28.11.2026', TODAY)).toBe('errors.clients.dateFormat')
    expect(recordDateProblem('1895-06-01', TODAY)).toBeNull()
    expect(recordDateProblem(TODAY, TODAY)).toBeNull()
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
    expect(p).toEqual({ guardians: 'errors.clients.guardianNeeded', phone: 'errors.clients.phoneRequired' })
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
    expect(p).toEqual({
      consent: 'errors.clients.consentRequired',
      email: 'errors.clients.emailInvalid',
      firstName: 'errors.clients.firstNameRequired',
      lastName: 'errors.clients.lastNameRequired',
      phone: 'errors.clients.phoneRequired',
    })
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
    expect(p).toEqual({
      'guardians.0.email': 'errors.clients.emailInvalid',
      'guardians.0.name': 'errors.clients.guardianNameRequired',
      'guardians.0.phone': 'errors.clients.phoneInvalid',
      'guardians.0.relation': 'errors.clients.relationRequired',
      phone: 'errors.clients.phoneRequired',
    })
    const missingPhone = registrationProblems(
      { firstName: 'A', lastName: 'B', guardians: [{ name: 'C', relation: 'aunt', phone: ' ' }] },
      ['firstName'],
      TODAY,
    )
    expect(missingPhone).toEqual({ 'guardians.0.phone': 'errors.clients.guardianPhoneRequired' })
  })

  it('names every other problem by its message: required birth date, email, source, a bad birth date', () => {
    const all = ['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'email', 'consent', 'source'] as const
    const p = registrationProblems({ firstName: 'A', lastName: 'B', phone: '+374 10 123456', consent: true }, all, TODAY)
    expect(p).toEqual({
      birthDate: 'errors.clients.birthDateRequired',
      email: 'errors.clients.emailRequired',
      source: 'errors.clients.sourceRequired',
    })
    expect(registrationProblems({ birthDate: '2030-01-01' }, [], TODAY)).toEqual({ birthDate: 'errors.clients.birthDateFuture' })
    expect(registrationProblems({ birthDate: '1800-01-01' }, [], TODAY)).toEqual({
      birthDate: 'errors.clients.birthDateBefore1900',
    })
  })

  it('answers only with ids the catalogue knows', () => {
    const p = registrationProblems(
      { phone: 'x', email: 'y', birthDate: '2015-13-01', guardians: [{ name: '', relation: '', phone: '' }] },
      ['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'email', 'consent', 'source'],
      TODAY,
    )
    expect(Object.keys(p).length).toBeGreaterThan(6)
    for (const id of Object.values(p)) expect(isMessageId(id), id).toBe(true)
  })
})
