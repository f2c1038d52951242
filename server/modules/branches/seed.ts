import type { SeedContext } from '../../contracts/seed'
import { createBranch } from './commands/branches'
import { createRoom } from './commands/rooms'
import { DEMO_BRANCHES, DEMO_ROOMS_BY_LOCALE } from './seed-data'

export type { DemoBranchKey, DemoRoomKey } from './seed-data'

/** The default (Armenian) demo's rooms; every language has as many, with the same keys and capacities. */
export const DEMO_ROOMS = DEMO_ROOMS_BY_LOCALE.hy

const WEEKDAYS = (open: string, close: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [open, close]])) as Record<string, [string, string]>

/**
 * The demo seed's first step: the owner opens the branches (`ctx.branchIds.central`,
 * `.riverside`) and their rooms (`ctx.roomIds[key]`) of the demo's language (`branches.create`,
 * `rooms.create`), open 08:00–21:00 on weekdays and 09:00–18:00 on Saturdays.
 */
export async function seedBranches(_tx: unknown, ctx: SeedContext): Promise<void> {
  const owner = ctx.as('owner')
  for (const [key, b] of Object.entries(DEMO_BRANCHES[ctx.locale])) {
    const row = await createBranch(owner.ctx, owner.actor, b)
    ctx.branchIds[key] = row.id
  }
  for (const r of DEMO_ROOMS_BY_LOCALE[ctx.locale]) {
    const row = await createRoom(owner.ctx, owner.actor, {
      branchId: ctx.branchIds[r.branch],
      name: r.name,
      capacity: r.capacity,
      hourlyCost: r.hourlyCost,
      equipment: r.equipment,
      openingHours: { ...WEEKDAYS('08:00', '21:00'), sat: ['09:00', '18:00'] },
    })
    ctx.roomIds[r.key] = row.id
  }
}
