import { z } from '@hono/zod-openapi'
import type { clients } from '../../../db/schema/index'
import { ageCategoryOf, ageOn, todayIso, type AgeCategory } from '../../../domain/clients/rules'

export const ClientListItem = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string().nullable(),
    age: z.number().nullable(),
    ageCategory: z.string().nullable(),
    status: z.string(),
    phone: z.string().nullable(),
    flags: z.array(z.string()),
  })
  .openapi('ClientListItem')

/** A client row as lists show it; age and category are computed, never stored. */
export function presentClientListItem(
  c: typeof clients.$inferSelect,
  categories: AgeCategory[],
  today = todayIso(),
): z.infer<typeof ClientListItem> {
  const age = c.birthDate ? ageOn(c.birthDate, today) : null
  return {
    id: c.id,
    name: `${c.firstName} ${c.lastName}`.trim(),
    firstName: c.firstName,
    lastName: c.lastName,
    birthDate: c.birthDate,
    age,
    ageCategory: ageCategoryOf(age, categories)?.label ?? null,
    status: c.status,
    phone: c.phone,
    flags: c.flags,
  }
}
