import { sql } from 'drizzle-orm'
import { settings } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import {
  REGISTRATION_SETTINGS_KEY,
  getRegistrationSettings,
  rememberRegistrationSettings,
  type RegistrationSettings,
} from '../settings'

/**
 * Sets the mandatory registration fields, the age categories and/or each category's own mandatory
 * fields (`settings.update`); returns the settings in force. A category's list names a category of
 * the settings (400 naming `requiredByCategory.<key>` otherwise); the lists of categories removed go
 * with them.
 */
export async function configureRegistration(ctx: CommandContext, actor: Actor, input: Partial<RegistrationSettings>) {
  const before = await getRegistrationSettings(ctx.db)
  const merged = { ...before, ...input }
  const keys = new Set(merged.ageCategories.map((c) => c.key))
  const unknown = Object.keys(input.requiredByCategory ?? {}).filter((k) => !keys.has(k))
  if (unknown.length)
    throw ValidationError(Object.fromEntries(unknown.map((k) => [`requiredByCategory.${k}`, 'errors.clients.noSuchAgeCategory'])))
  const next: RegistrationSettings = {
    ...merged,
    requiredByCategory: Object.fromEntries(Object.entries(merged.requiredByCategory).filter(([k]) => keys.has(k))),
  }
  await runCommand(ctx, 'settings.update', async (tx) => {
    await tx
      .insert(settings)
      .values({ key: REGISTRATION_SETTINGS_KEY, value: next, updatedBy: actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: sql`now()`, updatedBy: actor.id } })
    return { result: null, entity: 'settings', entityId: REGISTRATION_SETTINGS_KEY, before, after: next }
  })
  rememberRegistrationSettings(ctx.db, next)
  return next
}
