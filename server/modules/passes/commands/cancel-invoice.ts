import { and, eq, isNull } from 'drizzle-orm'
import { invoices, passes } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { reviewPassAlerts } from '../pass-alerts'
import { invoiceState, passOfInvoice, type InvoiceState } from '../queries/invoices'
import { clearOverdueIfSettled, reviewDebt } from './payments-alerts'

/**
 * Cancels an invoice that has no payment (409 naming `invoiceId` otherwise, or when it is
 * cancelled already): it is kept, marked cancelled with the reason, takes no payments and no
 * longer counts in the debt; its pass ends. Its number stays used (no gaps, no reuse).
 */
export function cancelInvoice(
  ctx: CommandContext,
  actor: Actor,
  invoiceId: string,
  reason: string | null,
): Promise<InvoiceState> {
  return runCommand(ctx, 'invoices.cancel', async (tx) => {
    const invoice = await invoiceState(tx, invoiceId, true)
    if (invoice.status === 'cancelled')
      throw ConflictError('errors.passes.invoiceCancelled', { invoiceId: 'errors.passes.invoiceCancelled' })
    if (invoice.paid > 0)
      throw ConflictError('errors.passes.invoiceHasPayments', { invoiceId: 'errors.passes.invoiceHasPayments' })
    await tx
      .update(invoices)
      .set({ cancelledAt: new Date(), cancelledBy: actor.id, cancelReason: reason })
      .where(eq(invoices.id, invoiceId))
    const events: CommandEvent[] = []
    const pass = await passOfInvoice(tx, invoiceId)
    if (pass) {
      await tx
        .update(passes)
        .set({ endedAt: new Date(), endedBy: actor.id })
        .where(and(eq(passes.id, pass.id), isNull(passes.endedAt)))
      events.push(...(await reviewPassAlerts(tx, [pass.id], actor.id)))
    }
    events.push(...(await reviewDebt(tx, invoice.clientId, actor.id)))
    events.push(...(await clearOverdueIfSettled(tx, invoiceId, 0, true, actor.id)))
    events.push({
      name: 'entity.changed',
      payload: { type: 'invoice', id: invoiceId, action: 'cancelled', branchId: invoice.branchId },
    })
    const after = await invoiceState(tx, invoiceId)
    return { result: after, entity: 'invoice', entityId: invoiceId, before: invoice, after, events }
  })
}
