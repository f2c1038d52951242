import type { MessageId } from '../i18n/catalogue'

/**
 * Registration and file-completeness rules for clients: pure functions, shared by the
 * registration command, the file projection (red flag + alert) and the client UI. A problem is a
 * catalogue message id (`errors.clients.firstNameRequired`), never a text: each reader gets it in
 * their own language, and it can be stored (the incomplete file's alert) and read later.
 */

export const REQUIRABLE_FIELDS = [
  'firstName',
  'lastName',
  'birthDate',
  'phoneOrGuardianPhone',
  'email',
  'consent',
  'source',
] as const
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number]
export const DEFAULT_REQUIRED_FIELDS: RequirableField[] = [
  'firstName',
  'lastName',
  'birthDate',
  'phoneOrGuardianPhone',
  'consent',
]

export interface AgeCategory {
  key: string
  label: string
  min: number
  /** Inclusive; null for open-ended (adults). */
  max: number | null
}

export const DEFAULT_AGE_CATEGORIES: AgeCategory[] = [
  { key: 'preschool', label: '3–5', min: 3, max: 5 },
  { key: 'junior', label: '6–9', min: 6, max: 9 },
  { key: 'middle', label: '10–13', min: 10, max: 13 },
  { key: 'teen', label: '14–17', min: 14, max: 17 },
  { key: 'adult', label: 'Adult', min: 18, max: null },
]

export const ADULT_AGE = 18

const PHONE = /^\+?[0-9][0-9 ()./-]{5,22}[0-9]$/

/** Digits of a phone number (with a leading + kept out), or null when it is not a phone number. */
export function phoneDigits(phone: string | null | undefined): string | null {
  if (!phone) return null
  const trimmed = phone.trim()
  if (!PHONE.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  return digits.length >= 7 && digits.length <= 15 ? digits : null
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/
export const isEmail = (v: string) => EMAIL.test(v) && v.length <= 320

/** Whole years between birth date and today (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  let age = ty - by
  if (tm < bm || (tm === bm && td < bd)) age -= 1
  return age
}

export function ageCategoryOf(age: number | null, categories: AgeCategory[] = DEFAULT_AGE_CATEGORIES): AgeCategory | null {
  if (age === null) return null
  return categories.find((c) => age >= c.min && (c.max === null || age <= c.max)) ?? null
}

/** Per age category (its key), the fields registration makes mandatory; a category without a list follows the center's. */
export type RequiredByCategory = Record<string, RequirableField[]>

/**
 * The fields mandatory for a client born on `birthDate`: their age category's own list when it has
 * one, else the center's list (also for a client whose birth date is missing or not a real day).
 * @example requiredFieldsFor({ requiredFields: ['firstName'], ageCategories, requiredByCategory: { junior: ['firstName', 'email'] } }, '2018-05-01', '2026-12-04') // ['firstName', 'email']
 */
export function requiredFieldsFor(
  settings: { requiredFields: RequirableField[]; ageCategories: AgeCategory[]; requiredByCategory?: RequiredByCategory },
  birthDate: string | null | undefined,
  today: string,
): RequirableField[] {
  const born = typeof birthDate === 'string' ? birthDate.trim() : ''
  if (!born || birthDateProblem(born, today)) return settings.requiredFields
  const category = ageCategoryOf(ageOn(born, today), settings.ageCategories)
  return (category && settings.requiredByCategory?.[category.key]) || settings.requiredFields
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** A day written YYYY-MM-DD that exists in the calendar: the problem, or null. */
function dayProblem(value: string): MessageId | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'errors.clients.dateFormat'
  const d = new Date(value + 'T00:00:00Z')
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return 'errors.clients.dateNotReal'
  return null
}

/** A birth date: a real day, not in the future, not before 1900. The problem, or null. */
export function birthDateProblem(value: string, today: string): MessageId | null {
  const day = dayProblem(value)
  if (day) return day
  if (value < '1900-01-01') return 'errors.clients.birthDateBefore1900'
  if (value > today) return 'errors.clients.birthDateFuture'
  return null
}

/** A record's date (an award, a diploma): a real day, not in the future; no floor. The problem, or null. */
export function recordDateProblem(value: string, today: string): MessageId | null {
  return dayProblem(value) ?? (value > today ? 'errors.clients.dateFuture' : null)
}

export interface RegistrationInput {
  firstName?: string | null
  lastName?: string | null
  birthDate?: string | null
  phone?: string | null
  email?: string | null
  consent?: boolean | null
  source?: string | null
  guardians?: Array<{ name?: string | null; relation?: string | null; phone?: string | null; email?: string | null }>
}

/**
 * Field-level problems of a registration or a client file: `{ field: message id }`, empty when complete.
 * Guardians are mandatory under 18; each guardian needs name, relation and a valid phone.
 */
export function registrationProblems(
  input: RegistrationInput,
  required: readonly RequirableField[],
  today: string,
): Record<string, MessageId> {
  const problems: Record<string, MessageId> = {}
  const need = new Set(required)
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
  if (need.has('firstName') && blank(input.firstName)) problems.firstName = 'errors.clients.firstNameRequired'
  if (need.has('lastName') && blank(input.lastName)) problems.lastName = 'errors.clients.lastNameRequired'
  if (!blank(input.birthDate)) {
    const p = birthDateProblem(String(input.birthDate), today)
    if (p) problems.birthDate = p
  } else if (need.has('birthDate')) problems.birthDate = 'errors.clients.birthDateRequired'
  if (!blank(input.phone) && !phoneDigits(String(input.phone))) problems.phone = 'errors.clients.phoneInvalid'
  if (!blank(input.email) && !isEmail(String(input.email))) problems.email = 'errors.clients.emailInvalid'
  else if (need.has('email') && blank(input.email)) problems.email = 'errors.clients.emailRequired'
  if (need.has('consent') && input.consent !== true) problems.consent = 'errors.clients.consentRequired'
  if (need.has('source') && blank(input.source)) problems.source = 'errors.clients.sourceRequired'

  const guardians = input.guardians ?? []
  guardians.forEach((g, i) => {
    if (blank(g.name)) problems[`guardians.${i}.name`] = 'errors.clients.guardianNameRequired'
    if (blank(g.relation)) problems[`guardians.${i}.relation`] = 'errors.clients.relationRequired'
    if (blank(g.phone)) problems[`guardians.${i}.phone`] = 'errors.clients.guardianPhoneRequired'
    else if (!phoneDigits(String(g.phone))) problems[`guardians.${i}.phone`] = 'errors.clients.phoneInvalid'
    if (!blank(g.email) && !isEmail(String(g.email))) problems[`guardians.${i}.email`] = 'errors.clients.emailInvalid'
  })
  const minor = !blank(input.birthDate) && !problems.birthDate && ageOn(String(input.birthDate), today) < ADULT_AGE
  if (minor && guardians.length === 0) problems.guardians = 'errors.clients.guardianNeeded'
  if (need.has('phoneOrGuardianPhone') && blank(input.phone) && !guardians.some((g) => phoneDigits(g.phone))) {
    problems.phone ??= 'errors.clients.phoneRequired'
  }
  return problems
}
