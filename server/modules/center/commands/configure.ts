import { eq, sql } from 'drizzle-orm'
import { centerSettings } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import { authorize } from '../../../policies/policy'
import { centerPolicies } from '../policies'
import { loadCenterSettings, rememberCenterSettings, type CenterSettings } from '../queries'

/**
 * Changes the center's default language and/or currency (`center.configure`, the owner): one
 * transaction with its audit row; this instance uses the new default language at once.
 */
export async function configureCenter(
  ctx: CommandContext,
  actor: Actor,
  input: Partial<CenterSettings>,
): Promise<CenterSettings> {
  authorize(actor, centerPolicies.configure)
  const after = await runCommand(ctx, 'center.configure', async (tx) => {
    // the row is the migration's; a database that lost it gets it back
    await tx.insert(centerSettings).values({ id: 1 }).onConflictDoNothing()
    await tx.execute(sql`select 1 from center_settings where id = 1 for update`)
    const before = await loadCenterSettings(tx)
    const next: CenterSettings = { ...before, ...input }
    await tx
      .update(centerSettings)
      .set({ defaultLocale: next.defaultLocale, currency: next.currency, updatedAt: sql`now()`, updatedBy: actor.id })
      .where(eq(centerSettings.id, 1))
    return {
      result: next,
      entity: 'center',
      entityId: null,
      before,
      after: next,
      events: [{ name: 'entity.changed', payload: { type: 'center', id: 'center', action: 'update' } }],
    }
  })
  rememberCenterSettings(ctx.db, after)
  return after
}
