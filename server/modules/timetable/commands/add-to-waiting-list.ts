import { and, eq, inArray, sql } from 'drizzle-orm'
import { waitingList } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { capacityOfGroup, findGroup } from '../queries/groups'
import { clientExists, memberCount } from '../queries/members'
import { offerFreedPlace } from './membership'

/** Puts a client on a group's waiting list; a place free right now is offered at once. Returns the entry's id. */
export async function addToWaitingList(ctx: CommandContext, groupId: string, clientId: string, actor: Actor): Promise<number> {
  const entry = await runCommand(ctx, 'groups.wait', async (tx) => {
    const g = await findGroup(tx, groupId)
    // locked per group, as enrolment and the list's moves are: the new entry goes last
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'group:' + groupId}, 0))`)
    if (!(await clientExists(tx, clientId))) throw ValidationError({ clientId: 'errors.field.noSuchClient' })
    const dup = await tx
      .select({ id: waitingList.id })
      .from(waitingList)
      .where(
        and(
          eq(waitingList.groupId, groupId),
          eq(waitingList.clientId, clientId),
          inArray(waitingList.status, ['waiting', 'offered']),
        ),
      )
    if (dup.length) throw ConflictError('errors.timetable.alreadyWaiting', { clientId: 'errors.timetable.alreadyWaiting' })
    const [last] = await tx
      .select({ n: sql<number | null>`max(${waitingList.position})` })
      .from(waitingList)
      .where(and(eq(waitingList.groupId, groupId), inArray(waitingList.status, ['waiting', 'offered'])))
    const position = Number(last?.n ?? 0) + 1
    const [w] = await tx.insert(waitingList).values({ groupId, clientId, addedBy: actor.id, position }).returning()
    // a free place right now? offer it at once
    const offer =
      (await memberCount(tx, groupId)) < (await capacityOfGroup(tx, g)) ? await offerFreedPlace(tx, g, actor.id) : null
    return { result: w, entity: 'group', entityId: groupId, after: { waiting: clientId }, events: offer ? [offer] : [] }
  })
  return entry.id
}
