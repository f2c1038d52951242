import { and, eq, sql } from 'drizzle-orm'
import { alerts } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { presentAlert } from '../presenters'
import { alertsVisibleTo } from '../visibility'

/**
 * Acknowledges an alert the actor sees (404 for any other: one they may not see does not exist for
 * them); it stays open until its cause is fixed. Publishes `alert.acknowledged` to its audience.
 */
export function acknowledgeAlert(ctx: CommandContext, actor: Actor, id: string) {
  return runCommand(ctx, 'alerts.acknowledge', async (tx) => {
    const [before] = await tx
      .select()
      .from(alerts)
      .where(and(eq(alerts.id, Number(id)), alertsVisibleTo(actor)))
      .limit(1)
    if (!before) throw NotFoundError('errors.notFound.alert')
    const [a] = await tx
      .update(alerts)
      .set({ acknowledgedAt: sql`now()`, acknowledgedBy: actor.id })
      .where(eq(alerts.id, before.id))
      .returning()
    return {
      result: a,
      entity: 'alert',
      entityId: id,
      before: presentAlert(before, 'en'),
      after: presentAlert(a, 'en'),
      // everyone who lists the alert sees at once that it is no longer unread
      events: [
        {
          name: 'alert.acknowledged',
          payload: {
            id: String(a.id),
            kind: a.kind,
            subject: a.subject,
            acknowledgedAt: (a.acknowledgedAt ?? new Date()).toISOString(),
            acknowledgedBy: actor.id,
            acknowledgedByName: actor.name,
          },
        },
      ],
    }
  })
}
