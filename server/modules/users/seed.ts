import type { Tx } from '../../../db/client'
import { users } from '../../../db/schema/index'
import type { Role } from '../../../domain/roles'
import type { SeedContext } from '../../contracts/seed'
import { hashPassword } from '../auth/index'

/** Every demo account's password. */
export const DEMO_PASSWORD = 'clubroom'
/** One login per role (and a second receptionist and teacher), as printed at start. */
export const DEMO_LOGINS = [
  'owner',
  'manager',
  'reception',
  'reception2',
  'teacher',
  'teacher2',
  'storekeeper',
  'accountant',
  'auditor',
]

interface StaffSeed {
  login: string
  name: string
  roles: Role[]
  /** Branches the user works in (none: every branch, owners, managers and auditors only). */
  branches: Array<'central' | 'riverside'>
}

/** The demo center's staff: one login per role plus more teachers. */
export const DEMO_STAFF: StaffSeed[] = [
  { login: 'owner', name: 'Elena Sokolova', roles: ['owner'], branches: [] },
  { login: 'manager', name: 'Mark Davies', roles: ['manager'], branches: [] },
  { login: 'reception', name: 'Anna Petrova', roles: ['receptionist'], branches: ['central'] },
  { login: 'reception2', name: 'Lucy Chen', roles: ['receptionist'], branches: ['riverside'] },
  { login: 'teacher', name: 'Karen Miller', roles: ['teacher'], branches: ['central'] },
  { login: 'teacher2', name: 'David Novak', roles: ['teacher'], branches: ['riverside'] },
  { login: 'storekeeper', name: 'Igor Pavlov', roles: ['storekeeper'], branches: ['central'] },
  { login: 'accountant', name: 'Sofia Rossi', roles: ['accountant'], branches: ['central', 'riverside'] },
  { login: 'auditor', name: 'Helen Brooks', roles: ['auditor'], branches: [] },
  { login: 'maria.lopez', name: 'Maria Lopez', roles: ['teacher'], branches: ['central'] },
  { login: 'tom.walker', name: 'Tom Walker', roles: ['teacher'], branches: ['riverside'] },
  { login: 'yuki.tanaka', name: 'Yuki Tanaka', roles: ['teacher'], branches: ['central'] },
  { login: 'ahmed.khan', name: 'Ahmed Khan', roles: ['teacher'], branches: ['central'] },
  { login: 'nina.ivanova', name: 'Nina Ivanova', roles: ['teacher'], branches: ['riverside'] },
  { login: 'sam.okafor', name: 'Sam Okafor', roles: ['teacher'], branches: ['riverside'] },
]

/** The demo staff (`ctx.userIds[login]`), after the branches they work in; one password for all. */
export async function seedStaff(tx: Tx, ctx: SeedContext): Promise<void> {
  // one hash for the shared demo password: hashing is deliberately slow (argon2id)
  const demoHash = await hashPassword(DEMO_PASSWORD)
  for (const s of DEMO_STAFF) {
    const [row] = await tx
      .insert(users)
      .values({
        login: s.login,
        name: s.name,
        roles: s.roles,
        passwordHash: demoHash,
        branchIds: s.branches.map((b) => ctx.branchIds[b]),
        email: `${s.login}@demo.clubroom.local`,
      })
      .returning({ id: users.id })
    ctx.userIds[s.login] = row.id
  }
}
