import type { SeedContext } from '../../contracts/seed'
import { createBranch } from './commands/branches'
import { createRoom } from './commands/rooms'

const WEEKDAYS = (open: string, close: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [open, close]])) as Record<string, [string, string]>

/** The demo center's two branches (`ctx.branchIds.central`, `.riverside`). */
export const DEMO_BRANCHES = {
  central: { name: 'Central', address: '12 Market Street', phone: '+49 30 5550 1200', timezone: 'Europe/Berlin' },
  riverside: { name: 'Riverside', address: '3 Quay Road', phone: '+49 30 5550 3400', timezone: 'Europe/Berlin' },
}

/** Their rooms (`ctx.roomIds[name]`). */
export const DEMO_ROOMS: Array<{
  branch: keyof typeof DEMO_BRANCHES
  name: string
  capacity: number
  hourlyCost: number
  equipment: string[]
}> = [
  {
    branch: 'central',
    name: 'Robotics Lab',
    capacity: 12,
    hourlyCost: 35,
    equipment: ['LEGO Spike kits', '12 laptops', 'projector'],
  },
  { branch: 'central', name: 'Art Studio', capacity: 14, hourlyCost: 25, equipment: ['easels', 'sink', 'drying rack'] },
  { branch: 'central', name: 'Dance Hall', capacity: 20, hourlyCost: 40, equipment: ['mirrors', 'barre', 'sound system'] },
  { branch: 'central', name: 'Music Room', capacity: 6, hourlyCost: 20, equipment: ['upright piano', 'digital piano'] },
  { branch: 'central', name: 'Classroom 1', capacity: 12, hourlyCost: 18, equipment: ['whiteboard', 'chess sets'] },
  { branch: 'riverside', name: 'Pool', capacity: 16, hourlyCost: 60, equipment: ['4 lanes', 'kickboards'] },
  { branch: 'riverside', name: 'Sports Hall', capacity: 24, hourlyCost: 45, equipment: ['goals', 'mats'] },
  {
    branch: 'riverside',
    name: 'Party Room',
    capacity: 25,
    hourlyCost: 50,
    equipment: ['tables', 'kitchenette', 'sound system'],
  },
]

/**
 * The demo seed's first step: the owner opens the branches and their rooms (`branches.create`,
 * `rooms.create`), open 08:00–21:00 on weekdays and 09:00–18:00 on Saturdays.
 */
export async function seedBranches(_tx: unknown, ctx: SeedContext): Promise<void> {
  const owner = ctx.as('owner')
  for (const [key, b] of Object.entries(DEMO_BRANCHES)) {
    const row = await createBranch(owner.ctx, owner.actor, b)
    ctx.branchIds[key] = row.id
  }
  for (const r of DEMO_ROOMS) {
    const row = await createRoom(owner.ctx, owner.actor, {
      branchId: ctx.branchIds[r.branch],
      name: r.name,
      capacity: r.capacity,
      hourlyCost: r.hourlyCost,
      equipment: r.equipment,
      openingHours: { ...WEEKDAYS('08:00', '21:00'), sat: ['09:00', '18:00'] },
    })
    ctx.roomIds[r.name] = row.id
  }
}
