import { cashDays } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { todayIn } from '../pass-alerts'
import { cashDeskDay, type CashDeskDay } from '../queries/cash-desk'
import { branchOf } from '../queries/invoices'
import { lockCashDay } from './payments'

/**
 * Closes a branch's cash-desk day (today or before; 400 naming `day` for a future day, 409 when
 * closed already): its totals are kept as they are, and from then on a payment or refund dated
 * that day is refused. Under the day's lock, so no payment slips in between the totals and the close.
 */
export function closeCashDesk(ctx: CommandContext, actor: Actor, branchId: string, day: string): Promise<CashDeskDay> {
  return runCommand(ctx, 'cashDesk.close', async (tx) => {
    const branch = await branchOf(tx, branchId)
    if (day > todayIn(branch.timezone)) throw ValidationError({ day: 'errors.passes.dayInFuture' })
    await lockCashDay(tx, branchId, day)
    const totals = await cashDeskDay(tx, branchId, day)
    if (totals.closed) throw ConflictError('errors.passes.dayClosed', { day: 'errors.passes.dayClosed' })
    await tx.insert(cashDays).values({ branchId, day, totals, closedBy: actor.id })
    const after = await cashDeskDay(tx, branchId, day)
    return {
      result: after,
      entity: 'cash_day',
      entityId: `${branchId}:${day}`,
      after: totals,
      events: [{ name: 'entity.changed', payload: { type: 'cash_day', id: `${branchId}:${day}`, action: 'closed', branchId } }],
    }
  })
}
