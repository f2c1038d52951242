import { and, eq, isNull, sql } from 'drizzle-orm'
import { calendarFeeds } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'

/** Revokes a feed: its URL answers 404 from now on. */
export async function revokeCalendarFeed(ctx: CommandContext, id: string, actor: Actor): Promise<void> {
  await runCommand(ctx, 'calendar_feeds.revoke', async (tx) => {
    const [f] = await tx
      .update(calendarFeeds)
      .set({ revokedAt: sql`now()`, revokedBy: actor.id })
      .where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt)))
      .returning()
    if (!f) throw NotFoundError('errors.notFound.feed')
    return { result: null, entity: 'calendar_feed', entityId: id, after: { revoked: true } }
  })
}
