import { z } from '@hono/zod-openapi'
import type { users } from '../../../db/schema/index'
import { LOCALES, isLocale } from '../../../domain/i18n/locales'
import { ROLES, isRole } from '../../../domain/roles'

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    login: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    roles: z.array(z.enum(ROLES)),
    /** Branches the user works in; empty = every branch. */
    branchIds: z.array(z.string().uuid()),
    active: z.boolean(),
    /** The user's language; null: the center's default. */
    locale: z.enum(LOCALES).nullable(),
  })
  .openapi('User')

/** The only shape of a user that leaves the server (never the password hash). */
export function presentUser(u: typeof users.$inferSelect): z.infer<typeof UserSchema> {
  return {
    id: u.id,
    login: u.login,
    name: u.name,
    email: u.email,
    roles: u.roles.filter(isRole),
    branchIds: u.branchIds,
    active: u.active,
    locale: isLocale(u.locale) ? u.locale : null,
  }
}
