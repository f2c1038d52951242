import { sql } from 'drizzle-orm'
import { settings } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import {
  REGISTRATION_SETTINGS_KEY,
  getRegistrationSettings,
  rememberRegistrationSettings,
  type RegistrationSettings,
} from '../settings'

/** Sets the mandatory registration fields and/or the age categories (`settings.update`); returns the settings in force. */
export async function configureRegistration(ctx: CommandContext, actor: Actor, input: Partial<RegistrationSettings>) {
  const before = await getRegistrationSettings(ctx.db)
  const next = { ...before, ...input }
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
