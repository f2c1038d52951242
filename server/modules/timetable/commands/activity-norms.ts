import { ValidationError } from '../../../errors'

/** 400 when an activity's norms contradict each other (group sizes, ages). */
export function assertNorms(a: { minGroupSize?: number; maxGroupSize?: number; ageMin?: number | null; ageMax?: number | null }) {
  const fields: Record<string, string> = {}
  if (a.minGroupSize !== undefined && a.maxGroupSize !== undefined && a.minGroupSize > a.maxGroupSize)
    fields.minGroupSize = 'Minimum is above the maximum'
  if (a.ageMin != null && a.ageMax != null && a.ageMin > a.ageMax) fields.ageMin = 'Minimum age is above the maximum'
  if (Object.keys(fields).length) throw ValidationError(fields)
}
