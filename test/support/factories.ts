import type { Db } from '../../db/client'
import { activities, branches, rooms, users } from '../../db/schema/index'
import { hashPassword } from '../../server/modules/auth/passwords'
import type { Role } from '../../domain/roles'

let cachedHash: Promise<string> | null = null
/** One argon2 hash of 'clubroom' reused by every test user (hashing is deliberately slow). */
const defaultHash = () => (cachedHash ??= hashPassword('clubroom'))

let n = 0
/** A staff user with the given roles; password 'clubroom' unless given. */
export async function buildUser(
  db: Db,
  opts: { roles: Role[]; login?: string; name?: string; password?: string; active?: boolean; branchIds?: string[] },
) {
  n += 1
  const login = opts.login ?? `${opts.roles[0]}${n}`
  const passwordHash = opts.password ? await hashPassword(opts.password) : await defaultHash()
  const [row] = await db
    .insert(users)
    .values({
      login,
      name: opts.name ?? `Test ${login}`,
      roles: opts.roles,
      passwordHash,
      active: opts.active ?? true,
      branchIds: opts.branchIds ?? [],
    })
    .returning()
  return row
}

/** One user per role, logins as in the demo center. */
export async function buildStaff(db: Db) {
  const spec: Array<[string, Role[]]> = [
    ['owner', ['owner']],
    ['manager', ['manager']],
    ['reception', ['receptionist']],
    ['reception2', ['receptionist']],
    ['teacher', ['teacher']],
    ['teacher2', ['teacher']],
    ['storekeeper', ['storekeeper']],
    ['accountant', ['accountant']],
    ['auditor', ['auditor']],
  ]
  const out: Record<string, typeof users.$inferSelect> = {}
  for (const [login, roles] of spec) out[login] = await buildUser(db, { login, roles })
  return out
}

export async function buildBranch(db: Db, name = `Branch ${++n}`) {
  const [row] = await db.insert(branches).values({ name, address: 'Somewhere 1' }).returning()
  return row
}

export async function buildRoom(db: Db, branchId: string, opts: { name?: string; capacity?: number } = {}) {
  const [row] = await db
    .insert(rooms)
    .values({ branchId, name: opts.name ?? `Room ${++n}`, capacity: opts.capacity ?? 10 })
    .returning()
  return row
}

/** An activity of the catalogue (Robotics: an hour, groups of 10, 15.00 a session, unless told). */
export async function buildActivity(db: Db, values: Partial<typeof activities.$inferInsert> = {}) {
  const [row] = await db
    .insert(activities)
    .values({
      name: 'Robotics',
      category: 'science',
      durationMinutes: 60,
      maxGroupSize: 10,
      staffRatio: 8,
      pricePerSession: '15.00',
      ...values,
    })
    .returning()
  return row
}
