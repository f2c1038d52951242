import { eq, sql } from 'drizzle-orm'
import { clients, clientStatusHistory } from '../../../../db/schema/index'
import { profileOf } from '../../../../domain/docs/client-file'
import type { CLIENT_STATUSES, LEAVE_REASONS } from '../../../../domain/clients/vocabulary'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent, Hooks } from '../../../contracts/hooks'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { DocWriter } from '../../../http/context'
import { loadClient } from '../file-queries'
import { editClientFile } from './client-file'

export interface StatusChange {
  status: (typeof CLIENT_STATUSES)[number]
  reason?: (typeof LEAVE_REASONS)[number]
  note?: string
}

/**
 * Moves a client along lead → trial → active → paused → left (a reason is required on leaving; a
 * note, trimmed, may come with any change):
 * the row, its status history and the other areas' steps (`client.statusChanged`: a leaver's pass
 * alerts are cleared) in one transaction (`clients.status`), then the live file shows it.
 */
export async function changeClientStatus(
  ctx: CommandContext,
  docs: DocWriter | undefined,
  hooks: Hooks,
  actor: Actor,
  id: string,
  input: StatusChange,
) {
  if (input.status === 'left' && !input.reason) throw ValidationError({ reason: 'errors.clients.leftReason' })
  const before = await loadClient(ctx.db, id)
  const row = await runCommand(ctx, 'clients.status', async (tx) => {
    const [r] = await tx
      .update(clients)
      .set({
        status: input.status,
        leaveReason: input.status === 'left' ? input.reason : null,
        updatedAt: sql`now()`,
        updatedBy: actor.id,
      })
      .where(eq(clients.id, id))
      .returning()
    await tx.insert(clientStatusHistory).values({
      clientId: id,
      fromStatus: before.status,
      toStatus: input.status,
      reason: input.status === 'left' ? (input.reason ?? null) : null,
      note: input.note?.trim() || null,
      by: actor.id,
    })
    const events: CommandEvent[] = []
    await hooks.run('client.statusChanged', { tx, clientId: id, from: before.status, to: input.status, by: actor.id, events })
    return {
      result: r,
      entity: 'client',
      entityId: id,
      before: { status: before.status },
      after: { status: input.status, reason: input.reason ?? null, note: input.note?.trim() || null },
      events: [{ name: 'entity.changed', payload: { type: 'client', id, action: 'update' } }, ...events],
    }
  })
  await editClientFile(docs, id, actor, (doc) => {
    profileOf(doc).set('status', input.status)
    profileOf(doc).set('leaveReason', input.status === 'left' ? (input.reason ?? null) : null)
  })
  return row
}
