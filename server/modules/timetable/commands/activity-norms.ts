import { ValidationError, type FieldMessages } from '../../../errors'

/** 400 when an activity's norms contradict each other (group sizes, ages). */
export function assertNorms(a: { minGroupSize?: number; maxGroupSize?: number; ageMin?: number | null; ageMax?: number | null }) {
  const fields: FieldMessages = {}
  if (a.minGroupSize !== undefined && a.maxGroupSize !== undefined && a.minGroupSize > a.maxGroupSize)
    fields.minGroupSize = 'errors.field.minAboveMax'
  if (a.ageMin != null && a.ageMax != null && a.ageMin > a.ageMax) fields.ageMin = 'errors.field.minAgeAboveMax'
  if (Object.keys(fields).length) throw ValidationError(fields)
}
