import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import { destroySession } from '../sessions'

/** Ends this session on the server; the user's live connections re-check theirs. */
export async function signOut(ctx: CommandContext, actor: Actor, sessionHash: string): Promise<void> {
  await runCommand(ctx, 'auth.logout', async (tx) => {
    await destroySession(tx, sessionHash)
    return {
      result: null,
      entity: 'user',
      entityId: actor.id,
      events: [{ name: 'user.access_changed', payload: { userId: actor.id, active: true, roles: actor.roles } }],
    }
  })
}
