import { asc, eq, inArray } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { branches, rooms } from '../../../db/schema/index'

export type BranchRow = typeof branches.$inferSelect
export type RoomRow = typeof rooms.$inferSelect

/** Every branch, by name. */
export function listBranches(db: Queryable): Promise<BranchRow[]> {
  return db.select().from(branches).orderBy(asc(branches.name))
}

/**
 * Rooms by name: of one branch, or of these branches (null: every branch).
 * @example listRooms(db, { branchIds: branchesOf(actor) })
 */
export function listRooms(
  db: Queryable,
  where: { branchId: string } | { branchIds: readonly string[] | null },
): Promise<RoomRow[]> {
  const cond =
    'branchId' in where
      ? eq(rooms.branchId, where.branchId)
      : where.branchIds
        ? inArray(rooms.branchId, [...where.branchIds])
        : undefined
  return db.select().from(rooms).where(cond).orderBy(asc(rooms.name))
}

/** Of these branch ids, the ones that exist. */
export async function knownBranchIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return []
  const rows = await db
    .select({ id: branches.id })
    .from(branches)
    .where(inArray(branches.id, [...ids]))
  return rows.map((r) => r.id)
}

/** Does a branch of this id exist? */
export async function branchExists(db: Queryable, id: string): Promise<boolean> {
  return (await knownBranchIds(db, [id])).length === 1
}
