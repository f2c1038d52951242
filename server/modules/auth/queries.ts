import { eq } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { users } from '../../../db/schema/index'

export type UserRow = typeof users.$inferSelect

/** The account with this login (already lower-cased), if any. */
export async function findUserByLogin(db: Queryable, login: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.login, login)).limit(1)
  return row
}

/** The account with this id, if any; `forUpdate` locks its row (inside a command). */
export async function findUser(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const q = db.select().from(users).where(eq(users.id, id)).limit(1)
  const [row] = opts.forUpdate ? await q.for('update') : await q
  return row
}
