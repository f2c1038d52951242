import type { Db } from '../../db/client'
import { auditLog } from '../../db/schema/index'
import type { SeedContext, SeedStep } from '../contracts/seed'

/**
 * Seeds the demo center into an empty database: every module's seed step, in the order the modules
 * are listed (branches, staff, clients, the timetable…), in one transaction, with one audit row
 * (`system.seed_demo`) saying what was made.
 */
export async function seedDemo(db: Db, steps: readonly SeedStep[]): Promise<SeedContext> {
  return db.transaction(async (tx) => {
    const ctx: SeedContext = { branchIds: {}, userIds: {}, roomIds: {}, extra: {} }
    for (const step of steps) await step(tx, ctx)
    await tx.insert(auditLog).values({
      action: 'system.seed_demo',
      entity: 'center',
      after: {
        branches: Object.keys(ctx.branchIds).length,
        rooms: Object.keys(ctx.roomIds).length,
        staff: Object.keys(ctx.userIds).length,
      },
    })
    return ctx
  })
}
