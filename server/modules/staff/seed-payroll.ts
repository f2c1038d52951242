import type { Tx } from '../../../db/client'
import type { SeedContext } from '../../contracts/seed'

/** The demo's last month: its lessons given, and its payroll approved. */
export async function seedPayroll(_tx: Tx, _ctx: SeedContext): Promise<void> {}
