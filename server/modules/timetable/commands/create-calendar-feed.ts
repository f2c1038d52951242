import { createHash, randomBytes } from 'node:crypto'
import { calendarFeeds } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import type { FeedInput } from '../schema'

/** The stored form of a feed token (the token itself is shown once and never stored). */
export const feedTokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

/** Creates an .ics feed of a room, a teacher or a group; returns its id and its secret token. */
export async function createCalendarFeed(ctx: CommandContext, input: FeedInput, actor: Actor) {
  const token = randomBytes(24).toString('base64url')
  const row = await runCommand(ctx, 'calendar_feeds.create', async (tx) => {
    const [f] = await tx
      .insert(calendarFeeds)
      .values({ ...input, tokenHash: feedTokenHash(token), createdBy: actor.id })
      .returning()
    return { result: f, entity: 'calendar_feed', entityId: f.id, after: { kind: f.kind, subjectId: f.subjectId } }
  })
  return { id: row.id, token }
}
