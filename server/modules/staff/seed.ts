import type { Tx } from '../../../db/client'
import type { SeedContext } from '../../contracts/seed'
import { seedEmployees } from './seed-employees'
import { seedPayroll } from './seed-payroll'

/** The staff area's step of the demo seed: the employees and their schemes, then last month's lessons and its approved payroll. */
export async function seedStaff(tx: Tx, ctx: SeedContext): Promise<void> {
  await seedEmployees(tx, ctx)
  await seedPayroll(tx, ctx)
}
