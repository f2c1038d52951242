import type { MessageId } from '../../../../domain/i18n/catalogue'
import { ADULT_AGE, REQUIRABLE_FIELDS } from '../../../../domain/clients/rules'
import type { AgeCategory, RequirableField, RegistrationSettings } from '../../data/clients'

export { REQUIRABLE_FIELDS }

/** Problems of the age categories being edited: `{ 'ageCategories.<i>.<field>': message }` and `ageCategories` for the list. */
export function categoryProblems(
  categories: readonly AgeCategory[],
): Record<string, { id: MessageId; params?: Record<string, string> }> {
  const out: Record<string, { id: MessageId; params?: Record<string, string> }> = {}
  if (!categories.length) out.ageCategories = { id: 'settings.registration.error.none' }
  const age = (n: number | null) => n !== null && Number.isInteger(n) && n >= 0 && n <= 120
  categories.forEach((c, i) => {
    const at = (f: string) => `ageCategories.${i}.${f}`
    if (!c.key.trim()) out[at('key')] = { id: 'settings.registration.error.keyRequired' }
    else if (categories.some((o, j) => j < i && o.key.trim() === c.key.trim()))
      out[at('key')] = { id: 'settings.registration.error.keyDuplicate' }
    if (!c.label.trim()) out[at('label')] = { id: 'settings.registration.error.labelRequired' }
    if (!age(c.min)) out[at('min')] = { id: 'settings.registration.error.age' }
    if (c.max !== null && !age(c.max)) out[at('max')] = { id: 'settings.registration.error.age' }
    else if (c.max !== null && age(c.min) && c.max < c.min) out[at('max')] = { id: 'settings.registration.error.maxBelowMin' }
    if (!out[at('min')] && !out[at('max')]) {
      const hi = (x: AgeCategory) => x.max ?? Infinity
      const other = categories.find((o, j) => j < i && age(o.min) && o.min <= hi(c) && c.min <= hi(o))
      if (other) out[at('min')] = { id: 'settings.registration.error.overlap', params: { name: other.label || other.key } }
    }
  })
  return out
}

/** A category's mandatory fields: its own list, else the center's. */
export const categoryFields = (s: RegistrationSettings, key: string): readonly RequirableField[] =>
  s.requiredByCategory?.[key] ?? s.requiredFields

/** Is a field asked for in a category: the category's mandatory fields (else the center's), and a guardian for every category under 18. */
export function requiredIn(
  category: AgeCategory,
  field: RequirableField | 'guardian',
  required: readonly RequirableField[],
): boolean {
  if (field === 'guardian') return category.max !== null && category.max < ADULT_AGE
  return required.includes(field)
}

/**
 * The lists to save: a category whose fields are the center's keeps no list of its own (it follows
 * the center's list, as settings saved before per-category lists do).
 */
export function ownLists(s: RegistrationSettings): Record<string, RequirableField[]> {
  const center = orderedRequired(s.requiredFields).join()
  const out: Record<string, RequirableField[]> = {}
  for (const c of s.ageCategories) {
    const own = orderedRequired(categoryFields(s, c.key))
    if (own.join() !== center) out[c.key.trim()] = own
  }
  return out
}

/** The fields in the order the registration form shows them. */
export const orderedRequired = (required: readonly RequirableField[]): RequirableField[] =>
  REQUIRABLE_FIELDS.filter((f) => required.includes(f))

/** Do two settings differ (what Save would change)? */
export const differs = (a: RegistrationSettings, b: RegistrationSettings): boolean =>
  JSON.stringify({ r: orderedRequired(a.requiredFields), c: a.ageCategories, o: ownLists(a) }) !==
  JSON.stringify({ r: orderedRequired(b.requiredFields), c: b.ageCategories, o: ownLists(b) })
