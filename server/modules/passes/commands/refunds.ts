import { eq } from 'drizzle-orm'
import { passes, refunds } from '../../../../db/schema/index'
import { proRata, subtract, taxedShare } from '../../../../domain/money'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { reviewPassAlerts, todayIn } from '../pass-alerts'
import { branchOf, invoiceLinesOf, invoiceState, passOfInvoice, type InvoiceState, type RefundRow } from '../queries/invoices'
import { refuseClosedDay } from './payments'
import { reviewDebt } from './payments-alerts'

export interface RefundInput {
  invoiceId: string
  /** unused: pro rata to the pass's unused sessions (days for an unlimited pass); amount: `amount`. */
  mode: 'unused' | 'amount'
  amount?: number
  method: 'cash' | 'card' | 'transfer'
  idempotencyKey: string
  reason?: string
}

export interface RefundResult {
  refund: RefundRow
  invoice: InvoiceState
  replayed: boolean
}

const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000

/**
 * What a pass's unused part is worth, pro rata (`proRata`, rounded half away from zero):
 * - with sessions: price × unused sessions / sessions;
 * - unlimited: price × days left / days of validity (days counted inclusive, from the later of
 *   today and its first day to its last valid day, freezes included; none once it has expired).
 * @example unusedValue({ price: 12_000, sessionsTotal: 8, sessionsUsed: 3, … }, today) // 7_500
 */
export function unusedValue(
  pass: { price: number; sessionsTotal: number | null; sessionsUsed: number; startsOn: string; validUntil: string },
  today: string,
): { value: number; sessions: number | null } {
  if (pass.sessionsTotal !== null) {
    const unused = Math.max(0, pass.sessionsTotal - pass.sessionsUsed)
    return { value: proRata(pass.price, unused, pass.sessionsTotal), sessions: unused }
  }
  const whole = dayNo(pass.validUntil) - dayNo(pass.startsOn) + 1
  const from = today > pass.startsOn ? today : pass.startsOn
  const left = Math.max(0, Math.min(whole, dayNo(pass.validUntil) - dayNo(from) + 1))
  return { value: whole > 0 ? proRata(pass.price, left, whole) : 0, sessions: null }
}

/**
 * Gives money back on an invoice, in one transaction with its audit row (the invoice row locked:
 * refunds of one invoice queue; a key used before returns that refund). `unused`: the pass's
 * unused part (`unusedValue`), which needs the invoice settled first (409 naming `invoiceId`
 * while something is due: the refund would otherwise pay out money still owed); `amount`: that
 * amount. Never more than was paid and not yet refunded (409 naming `amount`). The pass, if any,
 * ends (no more write-offs; its flags cleared). The tax inside the refund is the line's share
 * (`taxedShare`), stored for the tax report. A refund is a credit note: the client's debt is
 * unchanged by it (queries/balances.ts).
 */
export function refund(ctx: CommandContext, actor: Actor, input: RefundInput): Promise<RefundResult> {
  return runCommand<RefundResult>(ctx, 'payments.refund', async (tx) => {
    const invoice = await invoiceState(tx, input.invoiceId, true)
    const [prior] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, input.idempotencyKey)).limit(1)
    if (prior) {
      if (prior.invoiceId !== invoice.id)
        throw ConflictError('errors.passes.keyReused', { idempotencyKey: 'errors.passes.keyReused' })
      return {
        result: { refund: prior, invoice, replayed: true },
        entity: 'refund',
        entityId: prior.id,
        after: { replayed: true },
      }
    }
    if (invoice.status === 'cancelled')
      throw ConflictError('errors.passes.invoiceCancelled', { invoiceId: 'errors.passes.invoiceCancelled' })
    const branch = await branchOf(tx, invoice.branchId)
    const today = todayIn(branch.timezone)
    await refuseClosedDay(tx, branch.id, today, 'invoiceId')
    const pass = await passOfInvoice(tx, invoice.id)
    const refundable = subtract(invoice.paid, invoice.refunded)

    let amount: number
    let sessions: number | null = null
    if (input.mode === 'unused') {
      if (!pass) throw ConflictError('errors.passes.noPassToRefund', { passId: 'errors.passes.noPassToRefund' })
      if (pass.endedAt) throw ConflictError('errors.passes.passEnded', { passId: 'errors.passes.passEnded' })
      if (invoice.due > 0) throw ConflictError('errors.passes.settleFirst', { invoiceId: 'errors.passes.settleFirst' })
      const unused = unusedValue(pass, today)
      amount = unused.value
      sessions = unused.sessions
      if (amount <= 0) throw ConflictError('errors.passes.nothingToRefund', { mode: 'errors.passes.nothingToRefund' })
    } else {
      if (input.amount === undefined) throw ValidationError({ amount: 'errors.field.required' })
      amount = input.amount
    }
    if (amount > refundable) throw ConflictError('errors.passes.refundAbovePaid', { amount: 'errors.passes.refundAbovePaid' })

    const lines = await invoiceLinesOf(tx, [invoice.id])
    const share = taxedShare({ net: invoice.net, tax: invoice.tax, gross: invoice.total }, amount)
    const [row] = await tx
      .insert(refunds)
      .values({
        invoiceId: invoice.id,
        passId: pass?.id ?? null,
        clientId: invoice.clientId,
        branchId: invoice.branchId,
        amount,
        tax: lines.length ? share.tax : 0,
        sessions,
        method: input.method,
        reason: input.reason ?? null,
        idempotencyKey: input.idempotencyKey,
        day: today,
        by: actor.id,
      })
      .returning()
    const events: CommandEvent[] = []
    if (pass && !pass.endedAt) {
      await tx.update(passes).set({ endedAt: new Date(), endedBy: actor.id }).where(eq(passes.id, pass.id))
      events.push(...(await reviewPassAlerts(tx, [pass.id], actor.id)))
      events.push({ name: 'entity.changed', payload: { type: 'pass', id: pass.id, action: 'refunded', branchId: pass.branchId } })
    }
    events.push(...(await reviewDebt(tx, invoice.clientId, actor.id)))
    events.push({
      name: 'entity.changed',
      payload: { type: 'invoice', id: invoice.id, action: 'refunded', branchId: invoice.branchId },
    })
    const after = await invoiceState(tx, invoice.id)
    return { result: { refund: row, invoice: after, replayed: false }, entity: 'refund', entityId: row.id, after: row, events }
  })
}
