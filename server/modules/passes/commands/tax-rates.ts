import { eq } from 'drizzle-orm'
import { taxRates } from '../../../../db/schema/index'
import type { TaxMode } from '../../../../domain/money'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import type { TaxRateRow } from '../queries/plans'

/** Creates a tax rate (VAT 20 % included, added on top, or exempt). */
export function createTaxRate(
  ctx: CommandContext,
  actor: Actor,
  input: { name: string; rateBp: number; mode: TaxMode },
): Promise<TaxRateRow> {
  return runCommand(ctx, 'passes.taxRates.create', async (tx) => {
    const [row] = await tx
      .insert(taxRates)
      .values({ name: input.name, rateBp: input.mode === 'exempt' ? 0 : input.rateBp, mode: input.mode, createdBy: actor.id })
      .returning()
    return { result: row, entity: 'tax_rate', entityId: row.id, after: row }
  })
}

/**
 * Renames or archives a tax rate. Its rate and mode never change: invoice lines keep the rate and
 * mode they were computed with, and a new rate is a new row (plans then point at it).
 */
export function updateTaxRate(
  ctx: CommandContext,
  rate: TaxRateRow,
  patch: { name?: string; archived?: boolean },
): Promise<TaxRateRow> {
  return runCommand(ctx, 'passes.taxRates.update', async (tx) => {
    const [row] = await tx
      .update(taxRates)
      .set({
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.archived === undefined ? {} : { archivedAt: patch.archived ? new Date() : null }),
      })
      .where(eq(taxRates.id, rate.id))
      .returning()
    return { result: row, entity: 'tax_rate', entityId: rate.id, before: rate, after: row }
  })
}
