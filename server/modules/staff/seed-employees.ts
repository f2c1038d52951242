import type { Tx } from '../../../db/client'
import type { SeedContext } from '../../contracts/seed'

/** The demo's employees with their pay schemes (one changed mid-month). */
export async function seedEmployees(_tx: Tx, _ctx: SeedContext): Promise<void> {}
