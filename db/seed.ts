import type { Db, Tx } from './client'
import { auditLog, branches, rooms, users } from './schema/index'
import { hashPassword } from '../server/modules/auth/passwords'
import type { Role } from '../server/policies/permissions'
import { seedClients } from '../server/modules/clients/seed'
import { seedTimetable } from './seed-timetable'

export const DEMO_PASSWORD = 'clubroom'
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
  email?: string
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

const WEEKDAYS = (open: string, close: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [open, close]])) as Record<string, [string, string]>

export const DEMO_BRANCHES = {
  central: { name: 'Central', address: '12 Market Street', phone: '+49 30 5550 1200', timezone: 'Europe/Berlin' },
  riverside: { name: 'Riverside', address: '3 Quay Road', phone: '+49 30 5550 3400', timezone: 'Europe/Berlin' },
}

export const DEMO_ROOMS: Array<{
  branch: keyof typeof DEMO_BRANCHES
  name: string
  capacity: number
  hourlyCost: string
  equipment: string[]
}> = [
  {
    branch: 'central',
    name: 'Robotics Lab',
    capacity: 12,
    hourlyCost: '35.00',
    equipment: ['LEGO Spike kits', '12 laptops', 'projector'],
  },
  { branch: 'central', name: 'Art Studio', capacity: 14, hourlyCost: '25.00', equipment: ['easels', 'sink', 'drying rack'] },
  { branch: 'central', name: 'Dance Hall', capacity: 20, hourlyCost: '40.00', equipment: ['mirrors', 'barre', 'sound system'] },
  { branch: 'central', name: 'Music Room', capacity: 6, hourlyCost: '20.00', equipment: ['upright piano', 'digital piano'] },
  { branch: 'central', name: 'Classroom 1', capacity: 12, hourlyCost: '18.00', equipment: ['whiteboard', 'chess sets'] },
  { branch: 'riverside', name: 'Pool', capacity: 16, hourlyCost: '60.00', equipment: ['4 lanes', 'kickboards'] },
  { branch: 'riverside', name: 'Sports Hall', capacity: 24, hourlyCost: '45.00', equipment: ['goals', 'mats'] },
  {
    branch: 'riverside',
    name: 'Party Room',
    capacity: 25,
    hourlyCost: '50.00',
    equipment: ['tables', 'kitchenette', 'sound system'],
  },
]

/** A step later areas add to the demo seed (clients, activities, passes, …). */
export type SeedStep = (tx: Tx, ctx: SeedContext) => Promise<void>
export interface SeedContext {
  branchIds: Record<string, string>
  userIds: Record<string, string>
  roomIds: Record<string, string>
}
export const SEED_STEPS: SeedStep[] = [seedClients, seedTimetable]

/** Seeds the demo center into an empty database, in one transaction, audited as a system action. */
export async function seedDemo(db: Db): Promise<SeedContext> {
  // one hash for the shared demo password: hashing is deliberately slow (argon2id)
  const demoHash = await hashPassword(DEMO_PASSWORD)
  return db.transaction(async (tx) => {
    const branchIds: Record<string, string> = {}
    for (const [key, b] of Object.entries(DEMO_BRANCHES)) {
      const [row] = await tx.insert(branches).values(b).returning({ id: branches.id })
      branchIds[key] = row.id
    }
    const roomIds: Record<string, string> = {}
    for (const r of DEMO_ROOMS) {
      const [row] = await tx
        .insert(rooms)
        .values({
          branchId: branchIds[r.branch],
          name: r.name,
          capacity: r.capacity,
          hourlyCost: r.hourlyCost,
          equipment: r.equipment,
          openingHours: { ...WEEKDAYS('08:00', '21:00'), sat: ['09:00', '18:00'] },
        })
        .returning({ id: rooms.id })
      roomIds[r.name] = row.id
    }
    const userIds: Record<string, string> = {}
    for (const s of DEMO_STAFF) {
      const [row] = await tx
        .insert(users)
        .values({
          login: s.login,
          name: s.name,
          roles: s.roles,
          passwordHash: demoHash,
          branchIds: s.branches.map((b) => branchIds[b]),
          email: `${s.login}@demo.clubroom.local`,
        })
        .returning({ id: users.id })
      userIds[s.login] = row.id
    }
    const ctx = { branchIds, userIds, roomIds }
    for (const step of SEED_STEPS) await step(tx, ctx)
    await tx
      .insert(auditLog)
      .values({
        action: 'system.seed_demo',
        entity: 'center',
        after: { branches: 2, rooms: DEMO_ROOMS.length, staff: DEMO_STAFF.length },
      })
    return ctx
  })
}
