import type { Tx } from '../../db/client'

/**
 * The demo center is seeded on first start by the modules' seed steps, in the order the modules
 * are listed, in one transaction. Each step reads what earlier steps made from the context and adds
 * its own ids to it.
 */
export interface SeedContext {
  branchIds: Record<string, string>
  userIds: Record<string, string>
  roomIds: Record<string, string>
  /** Anything else a later step needs from an earlier one. */
  extra: Record<string, unknown>
}

export type SeedStep = (tx: Tx, ctx: SeedContext) => Promise<void>
