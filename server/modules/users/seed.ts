import { isRole, type Role } from '../../../domain/roles'
import type { SeedContext } from '../../contracts/seed'
import { hashPassword } from '../auth/index'
import { createUser } from './commands/create-user'

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

/** The demo's first owner: the seed creates this account as the system before any step (nobody exists yet to do it). */
export const DEMO_OWNER = (() => {
  const owner = DEMO_STAFF.find((s) => s.roles.includes('owner'))
  if (!owner) throw new Error('The demo staff has no owner')
  return { login: owner.login, name: owner.name, email: demoEmail(owner.login) }
})()

function demoEmail(login: string) {
  return `${login}@demo.clubroom.local`
}

/**
 * The demo staff (`ctx.userIds[login]`, `ctx.actors[login]`): the owner opens their accounts
 * (`users.create`), after the branches they work in; one password for all.
 */
export async function seedStaff(_tx: unknown, ctx: SeedContext): Promise<void> {
  const owner = ctx.as(DEMO_OWNER.login)
  // every demo account has the same password: hashed once (argon2id is deliberately slow), not once per account
  let demoHash: Promise<string> | null = null
  const hashOnce = (password: string) =>
    password === DEMO_PASSWORD ? (demoHash ??= hashPassword(password)) : hashPassword(password)
  for (const s of DEMO_STAFF) {
    if (ctx.actors[s.login]) continue // the first owner
    const row = await createUser(
      owner.ctx,
      owner.actor,
      {
        login: s.login,
        name: s.name,
        email: demoEmail(s.login),
        password: DEMO_PASSWORD,
        roles: s.roles,
        branchIds: s.branches.map((b) => ctx.branchIds[b]),
      },
      hashOnce,
    )
    ctx.userIds[s.login] = row.id
    ctx.actors[s.login] = {
      id: row.id,
      login: row.login,
      name: row.name,
      roles: row.roles.filter(isRole),
      branchIds: row.branchIds,
    }
  }
}
