import { and, eq, inArray, sql } from 'drizzle-orm'
import { waitingList } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { clearAlert } from '../../alerts'
import { timetableAlerts } from '../alert-kinds'
import { addMember } from './membership'

/** Enrols the offered (or any waiting) client of a waiting list entry with one action; returns the member count. */
export async function enrolFromWaitingList(ctx: CommandContext, groupId: string, entryId: number, actor: Actor): Promise<number> {
  return runCommand(ctx, 'groups.enrol_waiting', async (tx) => {
    const [w] = await tx
      .select()
      .from(waitingList)
      .where(
        and(eq(waitingList.id, entryId), eq(waitingList.groupId, groupId), inArray(waitingList.status, ['waiting', 'offered'])),
      )
      .for('update')
    if (!w) throw NotFoundError('errors.notFound.waitingListEntry')
    const out = await addMember(tx, groupId, w.clientId, false, actor.id)
    await tx
      .update(waitingList)
      .set({ status: 'enrolled', closedAt: sql`now()` })
      .where(eq(waitingList.id, w.id))
    const cleared = await clearAlert(tx, timetableAlerts.waiting_list_offer.kind, `waiting:${w.id}`, actor.id)
    return { ...out, events: [...(out.events ?? []), ...(cleared ? [cleared] : [])] }
  })
}
