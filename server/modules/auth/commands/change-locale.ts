import { eq, sql } from 'drizzle-orm'
import { users } from '../../../../db/schema/index'
import type { Locale } from '../../../../domain/i18n/locales'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { findUser, type UserRow } from '../queries'

/** Sets one's own language (`null`: follow the center's default); one transaction with its audit row. */
export function changeOwnLocale(ctx: CommandContext, actor: Actor, locale: Locale | null): Promise<UserRow> {
  return runCommand(ctx, 'auth.locale_change', async (tx) => {
    const before = await findUser(tx, actor.id, { forUpdate: true })
    if (!before) throw NotFoundError('errors.notFound.user')
    const [row] = await tx
      .update(users)
      .set({ locale, updatedAt: sql`now()`, updatedBy: actor.id })
      .where(eq(users.id, actor.id))
      .returning()
    return {
      result: row,
      entity: 'user',
      entityId: actor.id,
      before: { locale: before.locale },
      after: { locale },
      events: [{ name: 'entity.changed', payload: { type: 'user', id: actor.id, action: 'update' } }],
    }
  })
}
